package dev.jbgp.core.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.jbgp.core.message.Keepalive;
import dev.jbgp.core.message.Update;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.List;

/**
 * Decodes hand-built messages and checks what came out: the action, the NOTIFICATION code,
 * subcode and data, and that the decoder stopped exactly at the message's end.
 */
final class DecodeAssertions {
    private static final byte[] KEEPALIVE = WireBytes.message(WireBytes.KEEPALIVE);

    private DecodeAssertions() {
    }

    /**
     * Decodes {@code message} followed by a KEEPALIVE in one buffer: the reader index must end
     * where the message ends, and the KEEPALIVE behind it must decode as one.
     */
    static DecodeResult decode(CodecContext ctx, byte[] message) {
        MessageDecoder decoder = new MessageDecoder(ctx);
        ByteBuf in = Unpooled.wrappedBuffer(message, KEEPALIVE);
        DecodeResult result = decoder.decode(in);
        assertEquals(message.length, in.readerIndex(), "the reader index must end where the message ends");
        DecodeResult next = decoder.decode(in);
        assertEquals(Keepalive.INSTANCE, assertInstanceOf(DecodeResult.Decoded.class, next).message());
        assertEquals(0, in.readableBytes());
        return result;
    }

    static DecodeResult decode(byte[] message) {
        return decode(CodecContext.DEFAULT, message);
    }

    /** A session reset with exactly this NOTIFICATION. */
    static Malformation assertReset(DecodeResult result, int code, int subcode, byte[] data) {
        DecodeResult.SessionReset reset = assertInstanceOf(DecodeResult.SessionReset.class, result, () -> "got " + result);
        Malformation m = reset.error();
        assertEquals(ErrorAction.SESSION_RESET, m.action());
        assertCodes(m, code, subcode, data);
        assertEquals(code, reset.notification().code());
        assertEquals(subcode, reset.notification().subcode());
        assertArrayEquals(data, reset.notification().data());
        return m;
    }

    /** A treat-as-withdraw whose errors include exactly one with this code, subcode and data. */
    static DecodeResult.TreatAsWithdraw assertTreatAsWithdraw(DecodeResult result, int code, int subcode, byte[] data) {
        DecodeResult.TreatAsWithdraw taw = assertInstanceOf(DecodeResult.TreatAsWithdraw.class, result, () -> "got " + result);
        assertOneError(taw.errors(), ErrorAction.TREAT_AS_WITHDRAW, code, subcode, data);
        return taw;
    }

    /** Decoded, the given error among the discarded attributes, and nothing stronger. */
    static Update assertDiscarded(DecodeResult result, int code, int subcode, byte[] data) {
        DecodeResult.Decoded d = assertInstanceOf(DecodeResult.Decoded.class, result, () -> "got " + result);
        assertOneError(d.discarded(), ErrorAction.ATTRIBUTE_DISCARD, code, subcode, data);
        return assertInstanceOf(Update.class, d.message());
    }

    /** Decoded with nothing discarded. */
    static <M> M assertClean(DecodeResult result, Class<M> type) {
        DecodeResult.Decoded d = assertInstanceOf(DecodeResult.Decoded.class, result, () -> "got " + result);
        assertEquals(List.of(), d.discarded());
        return assertInstanceOf(type, d.message());
    }

    private static void assertOneError(List<Malformation> errors, ErrorAction action, int code, int subcode, byte[] data) {
        List<Malformation> matching = errors.stream()
                .filter(m -> m.action() == action && m.code() == code && m.subcode() == subcode)
                .toList();
        assertEquals(1, matching.size(), () -> "expected one " + action + " " + code + "/" + subcode + " in " + errors);
        assertCodes(matching.getFirst(), code, subcode, data);
    }

    private static void assertCodes(Malformation m, int code, int subcode, byte[] data) {
        assertEquals(code + "/" + subcode, m.code() + "/" + m.subcode(), () -> "error: " + m);
        assertEquals(WireBytes.hex(data), WireBytes.hex(m.data()), () -> "NOTIFICATION data of " + m);
        assertFalse(m.reason().isBlank(), "a reason for the log");
    }
}
