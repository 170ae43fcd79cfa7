package dev.jbgp.peering.transport;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.ServerSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;

/**
 * The Netty transport the sessions run on: native epoll on Linux when its library loads (it
 * gives {@code TCP_MD5SIG} for BGPPeer passwords, and fewer copies), else NIO. An event loop
 * group and the channel classes must come from the same transport, so they come from here.
 */
public enum Transport {
    EPOLL,
    NIO;

    /** Epoll when it is available, else NIO. */
    public static Transport select() {
        return select(true);
    }

    /** Epoll when {@code preferNative} and it is available, else NIO. */
    public static Transport select(boolean preferNative) {
        return preferNative && Epoll.isAvailable() ? EPOLL : NIO;
    }

    public IoHandlerFactory ioHandlerFactory() {
        return switch (this) {
            case EPOLL -> EpollIoHandler.newFactory();
            case NIO -> NioIoHandler.newFactory();
        };
    }

    public EventLoopGroup newEventLoopGroup(int threads) {
        return new MultiThreadIoEventLoopGroup(threads, ioHandlerFactory());
    }

    public Class<? extends ServerSocketChannel> serverChannelType() {
        return switch (this) {
            case EPOLL -> EpollServerSocketChannel.class;
            case NIO -> NioServerSocketChannel.class;
        };
    }

    public Class<? extends SocketChannel> socketChannelType() {
        return switch (this) {
            case EPOLL -> EpollSocketChannel.class;
            case NIO -> NioSocketChannel.class;
        };
    }

    /** Which transport this is and, for NIO, why epoll is not in use: for the startup log. */
    public String describe() {
        if (this == EPOLL) {
            return "epoll (native)";
        }
        Throwable cause = Epoll.unavailabilityCause();
        return cause == null ? "nio (epoll available but not chosen)" : "nio (epoll unavailable: " + cause + ")";
    }
}
