package dev.jbgp.peering.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jbgp.core.AfiSafi;
import dev.jbgp.core.Prefix;
import dev.jbgp.core.PrefixList;
import dev.jbgp.core.attribute.AsPath;
import dev.jbgp.core.attribute.NextHop;
import dev.jbgp.core.attribute.Origin;
import dev.jbgp.core.attribute.PathAttributes;
import dev.jbgp.core.capability.Multiprotocol;
import dev.jbgp.core.codec.CodecContext;
import dev.jbgp.core.codec.DecodeResult;
import dev.jbgp.core.codec.MessageDecoder;
import dev.jbgp.core.codec.MessageEncoder;
import dev.jbgp.core.message.BgpMessage;
import dev.jbgp.core.message.Keepalive;
import dev.jbgp.core.message.Open;
import dev.jbgp.core.message.Update;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The chosen transport carries BGP messages over a real TCP connection on 127.0.0.1. */
class TransportTest {
    private static final long TIMEOUT_SECONDS = 10;

    @Test
    void epollIsChosenOnLinuxX86AndNioElsewhere() {
        // The native epoll jar on the class path is for linux-x86_64 (CI's machine); anywhere
        // else the NIO fallback must be the choice, so this test checks something everywhere.
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch");
        boolean nativeExpected = os.contains("linux") && (arch.equals("amd64") || arch.equals("x86_64"));
        Transport chosen = Transport.select();
        assertEquals(nativeExpected ? Transport.EPOLL : Transport.NIO, chosen, chosen.describe());
        if (nativeExpected) {
            assertEquals("epoll (native)", chosen.describe());
        }
    }

    @Test
    void nioIsChosenWhenNativeIsNotWanted() {
        Transport nio = Transport.select(false);
        assertEquals(Transport.NIO, nio);
        assertTrue(nio.describe().startsWith("nio"), nio.describe());
    }

    /** The transport this machine selects (epoll on Linux x86-64) and the NIO fallback. */
    static List<Transport> transports() {
        return List.copyOf(java.util.EnumSet.of(Transport.select(), Transport.NIO));
    }

    @ParameterizedTest
    @MethodSource("transports")
    void messagesCrossALoopbackConnectionBothWays(Transport transport) throws Exception {
        Open open = Open.of(64512, 240, 0xC6130002, List.of(new Multiprotocol(AfiSafi.IPV4_UNICAST)));
        Update update = Update.announce(PathAttributes.of(Origin.IGP, AsPath.sequence(64512), NextHop.of("198.19.0.3")),
                PrefixList.of(Prefix.parse("198.19.21.64/26"), Prefix.parse("198.19.22.128/26")));
        BlockingQueue<DecodeResult> atServer = new LinkedBlockingQueue<>();
        BlockingQueue<DecodeResult> atClient = new LinkedBlockingQueue<>();
        EventLoopGroup group = transport.newEventLoopGroup(2);
        try {
            Channel server = new ServerBootstrap()
                    .group(group)
                    .channel(transport.serverChannelType())
                    // Answer each message with a KEEPALIVE, as a speaker in OpenConfirm would.
                    .childHandler(bgpPipeline(atServer, true))
                    .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)).sync().channel();
            assertInstanceOf(transport.serverChannelType(), server);
            int port = ((InetSocketAddress) server.localAddress()).getPort();

            Channel client = new Bootstrap()
                    .group(group)
                    .channel(transport.socketChannelType())
                    .handler(bgpPipeline(atClient, false))
                    .connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port)).sync().channel();
            assertInstanceOf(transport.socketChannelType(), client);

            for (BgpMessage m : List.of(open, update)) {
                client.writeAndFlush(Unpooled.wrappedBuffer(MessageEncoder.toBytes(m, CodecContext.DEFAULT))).sync();
            }
            assertEquals(open, received(atServer));
            assertEquals(update, received(atServer));
            assertEquals(Keepalive.INSTANCE, received(atClient));
            assertEquals(Keepalive.INSTANCE, received(atClient));

            client.close().sync();
            server.close().sync();
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    /** Frames and decodes what arrives into {@code received}, replying with a KEEPALIVE if asked. */
    private static ChannelInitializer<SocketChannel> bgpPipeline(BlockingQueue<DecodeResult> received, boolean reply) {
        return new ChannelInitializer<>() {
            @Override
            protected void initChannel(SocketChannel ch) {
                ch.pipeline().addLast(new BgpFrameDecoder(new MessageDecoder(CodecContext.DEFAULT)),
                        new SimpleChannelInboundHandler<DecodeResult>() {
                            @Override
                            protected void channelRead0(ChannelHandlerContext ctx, DecodeResult r) {
                                received.add(r);
                                if (reply) {
                                    ctx.writeAndFlush(Unpooled.wrappedBuffer(
                                            MessageEncoder.toBytes(Keepalive.INSTANCE, CodecContext.DEFAULT)));
                                }
                            }
                        });
            }
        };
    }

    private static BgpMessage received(BlockingQueue<DecodeResult> queue) throws InterruptedException {
        DecodeResult r = queue.poll(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        assertNotNull(r, "nothing arrived within " + TIMEOUT_SECONDS + " s");
        return assertInstanceOf(DecodeResult.Decoded.class, r).message();
    }
}
