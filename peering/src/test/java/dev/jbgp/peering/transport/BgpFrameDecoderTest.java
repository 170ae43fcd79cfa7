package dev.jbgp.peering.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.jbgp.core.AfiSafi;
import dev.jbgp.core.Prefix;
import dev.jbgp.core.PrefixList;
import dev.jbgp.core.attribute.AsPath;
import dev.jbgp.core.attribute.Communities;
import dev.jbgp.core.attribute.NextHop;
import dev.jbgp.core.attribute.Origin;
import dev.jbgp.core.attribute.PathAttributes;
import dev.jbgp.core.capability.GracefulRestart;
import dev.jbgp.core.capability.Multiprotocol;
import dev.jbgp.core.codec.CodecContext;
import dev.jbgp.core.codec.DecodeResult;
import dev.jbgp.core.codec.MessageDecoder;
import dev.jbgp.core.codec.MessageEncoder;
import dev.jbgp.core.message.BgpMessage;
import dev.jbgp.core.message.Keepalive;
import dev.jbgp.core.message.Open;
import dev.jbgp.core.message.Update;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The frame decoder on an {@link EmbeddedChannel}: TCP may cut the stream anywhere. */
class BgpFrameDecoderTest {
    private static final List<BgpMessage> MESSAGES = List.of(
            Open.of(64512, 240, 0xC6130002, List.of(new Multiprotocol(AfiSafi.IPV4_UNICAST),
                    new GracefulRestart(0, 120, List.of()))),
            Keepalive.INSTANCE,
            Update.announce(PathAttributes.of(Origin.IGP, AsPath.sequence(64512), NextHop.of("198.19.0.3"),
                    Communities.of(Communities.NO_EXPORT)), PrefixList.of(Prefix.parse("198.19.21.64/26"))),
            Update.endOfRib(AfiSafi.IPV4_UNICAST));

    private static byte[] stream(List<BgpMessage> messages, CodecContext ctx) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        messages.forEach(m -> out.writeBytes(MessageEncoder.toBytes(m, ctx)));
        return out.toByteArray();
    }

    private static EmbeddedChannel channel() {
        return new EmbeddedChannel(new BgpFrameDecoder(new MessageDecoder(CodecContext.DEFAULT)));
    }

    /** Everything the channel passed on, as messages; a result that is not a clean decode fails. */
    private static List<BgpMessage> drain(EmbeddedChannel ch) {
        List<BgpMessage> out = new ArrayList<>();
        for (Object o; (o = ch.readInbound()) != null; ) {
            DecodeResult.Decoded d = assertInstanceOf(DecodeResult.Decoded.class, o);
            out.add(d.message());
        }
        return out;
    }

    @Test
    void messagesSplitAtEveryOctetBoundaryComeOutWhole() {
        byte[] bytes = stream(MESSAGES, CodecContext.DEFAULT);
        for (int cut = 1; cut < bytes.length; cut++) {
            EmbeddedChannel ch = channel();
            ch.writeInbound(Unpooled.wrappedBuffer(Arrays.copyOfRange(bytes, 0, cut)));
            List<BgpMessage> got = drain(ch);
            ch.writeInbound(Unpooled.wrappedBuffer(Arrays.copyOfRange(bytes, cut, bytes.length)));
            got.addAll(drain(ch));
            assertEquals(MESSAGES, got, "cut at octet " + cut);
            ch.finishAndReleaseAll();
        }
    }

    @Test
    void messagesArrivingOneOctetAtATimeComeOutWhole() {
        byte[] bytes = stream(MESSAGES, CodecContext.DEFAULT);
        EmbeddedChannel ch = channel();
        List<BgpMessage> got = new ArrayList<>();
        for (byte b : bytes) {
            ch.writeInbound(Unpooled.wrappedBuffer(new byte[] {b}));
            got.addAll(drain(ch));
        }
        assertEquals(MESSAGES, got);
        ch.finishAndReleaseAll();
    }

    @Test
    void severalMessagesInOneReadAllComeOut() {
        EmbeddedChannel ch = channel();
        ch.writeInbound(Unpooled.wrappedBuffer(stream(MESSAGES, CodecContext.DEFAULT)));
        assertEquals(MESSAGES, drain(ch));
        ch.finishAndReleaseAll();
    }

    @Test
    void badMarkerIsASessionResetAsSoonAsTheHeaderIsInAndTheRestIsIgnored() {
        // RFC 4271 section 6.1: a marker that is not all ones is Connection Not Synchronized (1/1).
        byte[] bad = HexFormat.of().parseHex("ffffffffffffffffffffffffffff00ff" + "0013" + "04");
        EmbeddedChannel ch = channel();
        ch.writeInbound(Unpooled.wrappedBuffer(bad));
        DecodeResult.SessionReset reset = assertInstanceOf(DecodeResult.SessionReset.class, ch.readInbound());
        assertEquals(1, reset.notification().code());
        assertEquals(1, reset.notification().subcode());
        ch.writeInbound(Unpooled.wrappedBuffer(stream(MESSAGES, CodecContext.DEFAULT)));
        assertNull(ch.readInbound(), "the session is closing: nothing after the reset is decoded");
        ch.finishAndReleaseAll();
    }

    @Test
    void lengthBeyondTheMaximumIsReportedWithoutWaitingForTheBody() {
        // RFC 4271 section 6.1: Length 5000 exceeds 4096, Bad Message Length (1/2) with the field as data.
        byte[] header = HexFormat.of().parseHex("ffffffffffffffffffffffffffffffff" + "1388" + "02");
        EmbeddedChannel ch = channel();
        ch.writeInbound(Unpooled.wrappedBuffer(header));
        DecodeResult.SessionReset reset = assertInstanceOf(DecodeResult.SessionReset.class, ch.readInbound());
        assertEquals(2, reset.notification().subcode());
        assertEquals("1388", HexFormat.of().formatHex(reset.notification().data()));
        ch.finishAndReleaseAll();
    }

    @Test
    void swappedDecoderReadsWhatTheOpenExchangeNegotiated() {
        CodecContext addPath = CodecContext.DEFAULT.withAddPath(Set.of(AfiSafi.IPV4_UNICAST));
        Update withPathId = Update.announce(PathAttributes.of(Origin.IGP, AsPath.EMPTY, NextHop.of("198.19.0.1")),
                PrefixList.of(List.of(Prefix.parse("198.19.21.64/26")), new int[] {7}));
        BgpFrameDecoder frames = new BgpFrameDecoder(new MessageDecoder(CodecContext.DEFAULT));
        EmbeddedChannel ch = new EmbeddedChannel(frames);
        ch.writeInbound(Unpooled.wrappedBuffer(MessageEncoder.toBytes(Keepalive.INSTANCE, CodecContext.DEFAULT)));
        assertEquals(List.of(Keepalive.INSTANCE), drain(ch));
        frames.decoder(new MessageDecoder(addPath));
        ch.writeInbound(Unpooled.wrappedBuffer(MessageEncoder.toBytes(withPathId, addPath)));
        assertEquals(List.of(withPathId), drain(ch));
        ch.finishAndReleaseAll();
    }
}
