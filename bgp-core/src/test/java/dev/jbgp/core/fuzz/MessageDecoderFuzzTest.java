package dev.jbgp.core.fuzz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.jbgp.core.attribute.AsPath;
import dev.jbgp.core.attribute.AttributeInterner;
import dev.jbgp.core.codec.CodecContext;
import dev.jbgp.core.codec.DecodeResult;
import dev.jbgp.core.codec.MessageDecoder;
import dev.jbgp.core.codec.MessageEncoder;
import dev.jbgp.core.message.BgpMessage;
import dev.jbgp.core.message.Update;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.stream.LongStream;

/**
 * Arbitrary bytes never make the decoder throw, loop or overread: they give a message, a
 * treat-as-withdraw or a session reset, and whatever was decoded can be sent again.
 *
 * <p>{@code mvn test} replays the inputs under {@code MessageDecoderFuzzTestInputs/<method>/}
 * (seeds from our encoder, captures of BIRD and GoBGP, and every finding so far). To fuzz one
 * method for its {@code maxDuration} ({@code -Djazzer.max_duration=30s} overrides it):
 * {@code JAZZER_FUZZ=1 mvn -B -ntp -pl bgp-core test -Dtest='MessageDecoderFuzzTest#messageStream'}.
 * Jazzer fuzzes one method per run. See {@link FuzzInputs} for the input layout.
 */
class MessageDecoderFuzzTest {

    /** The path of a session: frame the TCP stream with frameLength, decode each frame. */
    @FuzzTest(maxDuration = "60s")
    void messageStream(byte[] input) {
        if (input.length == 0) {
            return;
        }
        CodecContext ctx = FuzzInputs.context(input[0]);
        MessageDecoder decoder = new MessageDecoder(ctx, AttributeInterner.none());
        ByteBuf in = Unpooled.wrappedBuffer(input, 1, input.length - 1);
        while (true) {
            int frame = decoder.frameLength(in);
            if (frame < 0) {
                assertTrue(in.readableBytes() < MessageDecoder.HEADER_LENGTH, "frameLength waits with a header present");
                break;
            }
            assertTrue(frame >= MessageDecoder.HEADER_LENGTH && frame <= ctx.maxMessageLength(), "frame of " + frame);
            if (frame > in.readableBytes()) {
                break; // a framer waits for the rest of the message
            }
            ByteBuf message = in.readSlice(frame);
            DecodeResult result = decoder.decode(message);
            assertEquals(frame, message.readerIndex(), "decode must consume exactly the frame it is given");
            if (check(result, ctx)) {
                break; // the session closes
            }
        }
        decodeUnframed(decoder, Unpooled.wrappedBuffer(input, 1, input.length - 1), ctx);
    }

    /** One message with a valid header around a fuzzed type and body. */
    @FuzzTest(maxDuration = "60s")
    void wholeMessage(byte[] input) {
        if (input.length < 2) {
            return;
        }
        CodecContext ctx = FuzzInputs.context(input[0]);
        byte[] message = FuzzInputs.wholeMessage(input);
        check(new MessageDecoder(ctx, AttributeInterner.none()).decode(message), ctx);
    }

    /** decode() straight on a stream, with no framer: every call moves on, so reading ends. */
    private static void decodeUnframed(MessageDecoder decoder, ByteBuf in, CodecContext ctx) {
        while (in.isReadable()) {
            int before = in.readerIndex();
            DecodeResult result = decoder.decode(in);
            assertTrue(in.readerIndex() > before, "decode did not advance the reader index");
            if (check(result, ctx)) {
                return;
            }
        }
    }

    /** Checks one result; true when it resets the session. */
    private static boolean check(DecodeResult result, CodecContext ctx) {
        return switch (result) {
            case DecodeResult.Decoded d -> {
                sendsAgain(d.message(), ctx);
                yield false;
            }
            case DecodeResult.TreatAsWithdraw t -> {
                assertTrue(!t.errors().isEmpty(), "treat-as-withdraw without an error");
                t.withdrawals();
                sendsAgain(t.update(), ctx);
                yield false;
            }
            case DecodeResult.SessionReset r -> {
                // The NOTIFICATION the session sends for the error must itself be sendable.
                MessageEncoder.toBytes(r.notification(), ctx);
                yield true;
            }
        };
    }

    /**
     * A decoded message encodes again, and its encoding is canonical: decoding it and encoding
     * once more gives the same bytes. The one message that may not encode is an UPDATE whose
     * canonical form is longer than the session's limit: a 2-octet AS session re-adds AS4_PATH
     * for the whole path while the sender's AS4_PATH may have covered only part of it.
     */
    private static void sendsAgain(BgpMessage message, CodecContext ctx) {
        byte[] bytes;
        try {
            bytes = MessageEncoder.toBytes(message, ctx);
        } catch (IllegalArgumentException e) {
            if (message instanceof Update u && MessageEncoder.updateLength(u, ctx) > ctx.maxMessageLength()) {
                return;
            }
            throw e;
        }
        if (!ctx.fourOctetAs() && message instanceof Update u && !twoOctetSessionCarries(u.attributes().asPath())) {
            return;
        }
        DecodeResult again = new MessageDecoder(ctx, AttributeInterner.none()).decode(bytes);
        BgpMessage decoded = switch (again) {
            case DecodeResult.Decoded d -> d.message();
            case DecodeResult.TreatAsWithdraw t -> t.update();
            case DecodeResult.SessionReset r -> fail("our own encoding of " + message + " resets the session: " + r);
        };
        assertArrayEquals(bytes, MessageEncoder.toBytes(decoded, ctx), () -> "encoding of " + message + " is not canonical");
    }

    /**
     * Whether a 2-octet AS session can carry {@code path} unchanged. AS4_PATH holds no
     * confederation segments (RFC 6793 section 3), so only leading ones holding 2-octet AS
     * numbers survive the AS_PATH / AS4_PATH merge at the receiver; the decoder's own merge can
     * yield others, from an AS_PATH whose unmatched head has confederation segments further in.
     */
    private static boolean twoOctetSessionCarries(AsPath path) {
        if (path == null) {
            return true;
        }
        boolean leading = true;
        for (AsPath.Segment s : path.segments()) {
            if (!s.type().isConfederation()) {
                leading = false;
            } else if (!leading || LongStream.of(s.asns()).anyMatch(asn -> asn > 0xFFFF)) {
                return false;
            }
        }
        return true;
    }
}
