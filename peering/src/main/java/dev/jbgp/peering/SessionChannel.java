package dev.jbgp.peering;

import dev.jbgp.core.codec.DecodeResult;
import dev.jbgp.fsm.Connection;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.util.function.Function;

/**
 * The end of a channel's pipeline: hands what arrives to the peer's session as FSM input. A
 * channel we opened knows its session from the start; an accepted one finds it by the
 * remote address, and is closed when no configured peer has that address.
 */
final class SessionChannel extends ChannelInboundHandlerAdapter {
    private static final System.Logger LOG = System.getLogger(SessionChannel.class.getName());

    private final Function<InetSocketAddress, PeerSession> lookup;
    private PeerSession session;
    private Connection connection;
    private String failure;

    /** A connection we open for {@code session}. */
    SessionChannel(PeerSession session, Connection connection) {
        this.lookup = null;
        this.session = session;
        this.connection = connection;
    }

    /** An accepted connection: the session is the one configured for the remote address. */
    SessionChannel(Function<InetSocketAddress, PeerSession> lookup) {
        this.lookup = lookup;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        if (session == null) {
            InetSocketAddress remote = (InetSocketAddress) ctx.channel().remoteAddress();
            PeerSession s = lookup.apply(remote);
            if (s == null) {
                LOG.log(Level.WARNING, "refused a connection from {0} port {1}: no peer is configured with that address",
                        remote.getAddress().getHostAddress(), remote.getPort());
                ctx.close();
                return;
            }
            session = s;
            connection = s.accepted(ctx.channel());
            if (connection == null) {
                ctx.close();
                return;
            }
        }
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (session != null && msg instanceof DecodeResult r) {
            session.received(connection, r);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (session != null && connection != null) {
            session.closed(connection, failure != null ? failure : "Connection closed");
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (session != null && ctx.channel().isWritable()) {
            session.writable(connection);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (failure == null) {
            failure = SocketErrors.describe(cause);
        }
        ctx.close();
    }
}
