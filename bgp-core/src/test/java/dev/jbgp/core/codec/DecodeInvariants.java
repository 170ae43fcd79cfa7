package dev.jbgp.core.codec;

import dev.jbgp.core.attribute.PathAttribute;
import dev.jbgp.core.attribute.PathAttributes;
import dev.jbgp.core.attribute.UnknownAttribute;
import dev.jbgp.core.capability.Fqdn;
import dev.jbgp.core.message.BgpMessage;
import dev.jbgp.core.message.Notification;
import dev.jbgp.core.message.NotificationError;
import dev.jbgp.core.message.Open;
import dev.jbgp.core.message.Update;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.HexFormat;
import java.util.List;

/**
 * What holds for the decoder whatever the bytes, checked on one input at a time with one
 * decoder per context (so state carried between messages would show):
 * <ul>
 * <li>{@code decode} returns one of the three {@link DecodeResult} kinds and throws nothing, and
 *     never reads outside the message (the input ends the buffer, so a stray read throws);
 * <li>the reader index moves forward, by the frame length when a message comes out;
 * <li>a session reset carries a NOTIFICATION with a defined code (1..7) and subcode, that can be sent;
 * <li>a decoded message, or the UPDATE of a treat-as-withdraw, encodes again; on a 4-octet AS
 *     session its bytes decode to the same message, on a 2-octet one after at most one pass.
 * </ul>
 */
final class DecodeInvariants {
    private static final HexFormat HEX = HexFormat.of();

    private final NamedContext named;
    private final CodecContext ctx;
    private final MessageDecoder decoder;
    int tries;
    int decoded;
    int treatAsWithdraw;
    int reset;
    int oversized;

    DecodeInvariants(NamedContext named) {
        this.named = named;
        this.ctx = named.context();
        this.decoder = new MessageDecoder(ctx);
    }

    void check(byte[] input, long seed, String how) {
        tries++;
        int lead = (int) (seed & 3); // the message need not start at index 0
        byte[] backing = new byte[lead + input.length];
        System.arraycopy(input, 0, backing, lead, input.length);
        ByteBuf in = Unpooled.wrappedBuffer(backing).setIndex(lead, backing.length);
        int frame;
        DecodeResult result;
        try {
            frame = decoder.frameLength(in);
            result = decoder.decode(in);
        } catch (Throwable t) {
            throw new AssertionError(report(seed, how, input, "decode threw " + t), t);
        }
        int consumed = in.readerIndex() - lead;
        expect(consumed > 0 || input.length == 0, seed, how, input, "reader index did not move");
        expect(frame == -1 ? input.length < MessageDecoder.HEADER_LENGTH
                : frame >= MessageDecoder.HEADER_LENGTH && frame <= ctx.maxMessageLength(), seed, how, input,
                "frame length " + frame);
        switch (result) {
            case DecodeResult.SessionReset s -> {
                reset++;
                Notification n = s.notification();
                expect(s.error().action() == ErrorAction.SESSION_RESET && n.code() >= 1 && n.code() <= 7
                        && NotificationError.of(n.code(), n.subcode()) != null, seed, how, input, "reset with " + s.error());
                encodes(n, seed, how, input);
            }
            case DecodeResult.Decoded d -> {
                decoded++;
                expect(consumed == frame, seed, how, input, "consumed " + consumed + " of a frame of " + frame);
                expect(d.discarded().stream().allMatch(m -> m.action() == ErrorAction.ATTRIBUTE_DISCARD && m.code() == 3),
                        seed, how, input, "discarded " + d.discarded());
                byte[] again = encodes(d.message(), seed, how, input);
                if (again != null) {
                    settles(d.message(), again, seed, how, input);
                }
            }
            case DecodeResult.TreatAsWithdraw t -> {
                treatAsWithdraw++;
                expect(consumed == frame, seed, how, input, "consumed " + consumed + " of a frame of " + frame);
                expect(!t.errors().isEmpty() && t.errors().stream().allMatch(m -> m.code() == 3
                        && m.action() != ErrorAction.SESSION_RESET), seed, how, input, "errors " + t.errors());
                t.withdrawals();
                encodes(t.update(), seed, how, input);
            }
        }
    }

    /** Encodes a message that came out of the decoder; null when it legitimately cannot be (see below). */
    private byte[] encodes(BgpMessage m, long seed, String how, byte[] input) {
        if (m instanceof Update u) {
            int length = MessageEncoder.updateLength(u, ctx);
            if (length > ctx.maxMessageLength()) {
                // Legitimate: on a 2-octet AS session the decoder rebuilds the path from AS_PATH and
                // AS4_PATH (RFC 6793 section 4.2.3). AS4_PATH may hold AS_SETs of 255 numbers that
                // count as one each, so the rebuilt path can be much longer than the AS_PATH it
                // replaces, and AS_PATH plus AS4_PATH written for it may not fit one message.
                expect(!ctx.fourOctetAs(), seed, how, input, "an UPDATE of " + length + " octets came out of the decoder");
                String message = null;
                try {
                    MessageEncoder.toBytes(u, ctx);
                } catch (IllegalArgumentException e) {
                    message = e.getMessage();
                }
                expect(("UPDATE of " + length + " octets exceeds " + ctx.maxMessageLength()).equals(message),
                        seed, how, input, "oversized UPDATE encoding gave " + message);
                oversized++;
                return null;
            }
        }
        byte[] bytes;
        try {
            bytes = MessageEncoder.toBytes(m, ctx);
        } catch (IllegalArgumentException e) {
            // Legitimate: FQDN names are UTF-8; octets that are not decode to U+FFFD (three octets
            // each), so names from a peer's OPEN may no longer fit the 1-octet capability length
            // (or the OPEN its 4096 octets) when written back.
            boolean replaced = m instanceof Open o && o.capabilities().stream()
                    .anyMatch(c -> c instanceof Fqdn f && (f.hostname() + f.domain()).indexOf('\uFFFD') >= 0);
            boolean sizeError = e.getMessage().matches("capability 73 value of \\d+ octets exceeds 255|OPEN of \\d+ octets exceeds 4096");
            expect(replaced && sizeError, seed, how, input, "re-encoding threw " + e);
            oversized++;
            return null;
        } catch (RuntimeException e) {
            throw new AssertionError(report(seed, how, input, "re-encoding " + m + " threw " + e), e);
        }
        if (m instanceof Update u) {
            expect(bytes.length == MessageEncoder.updateLength(u, ctx), seed, how, input, "updateLength disagrees");
        }
        return bytes;
    }

    /**
     * Written and read again, a decoded message comes back whole. Between 4-octet speakers it
     * comes back equal, except that an unknown transitive attribute gains the Partial bit when
     * passed on (RFC 4271 section 5). On a 2-octet session the first pass may reshape the path
     * (RFC 6793 section 4.2.3 keeps only leading confederation segments, and 4-octet numbers in
     * them become AS_TRANS), so there the message must be settled after one pass.
     */
    private void settles(BgpMessage m, byte[] bytes, long seed, String how, byte[] input) {
        BgpMessage second = decodesCleanly(m, bytes, seed, how, input);
        if (ctx.fourOctetAs()) {
            BgpMessage expected = m instanceof Update u ? withPartial(u) : m;
            expect(second.equals(expected), seed, how, input, "decoded " + m + "\n  re-encoded as "
                    + HEX.formatHex(bytes) + "\n  decoded again as " + second);
            return;
        }
        byte[] third = encodes(second, seed, how, input);
        if (third != null) {
            BgpMessage settled = decodesCleanly(second, third, seed, how, input);
            expect(settled.equals(second), seed, how, input, "decoded " + second + "\n  re-encoded as "
                    + HEX.formatHex(third) + "\n  decoded again as " + settled);
        }
    }

    private BgpMessage decodesCleanly(BgpMessage m, byte[] bytes, long seed, String how, byte[] input) {
        DecodeResult again = decoder.decode(bytes);
        if (again instanceof DecodeResult.Decoded d && d.discarded().isEmpty()) {
            return d.message();
        }
        throw new AssertionError(report(seed, how, input, "decoded " + m + "\n  re-encoded as " + HEX.formatHex(bytes)
                + "\n  decoded again as " + again));
    }

    private static Update withPartial(Update u) {
        List<PathAttribute> attributes = u.attributes().stream()
                .map(a -> a instanceof UnknownAttribute x && x.transitive()
                        ? new UnknownAttribute(x.flags() | PathAttribute.FLAG_PARTIAL, x.typeCode(), x.value()) : a)
                .toList();
        return new Update(u.withdrawn(), PathAttributes.of(attributes), u.nlri(), u.mpReach(), u.mpUnreach());
    }

    private void expect(boolean ok, long seed, String how, byte[] input, String what) {
        if (!ok) {
            throw new AssertionError(report(seed, how, input, what));
        }
    }

    private String report(long seed, String how, byte[] input, String what) {
        String text = "seed " + seed + " under " + named + " (" + how + "): " + what + "\n  input " + HEX.formatHex(input);
        System.err.println(text);
        return text;
    }

    String summary() {
        return tries + " tries under " + named + ": " + decoded + " decoded, " + treatAsWithdraw + " treat-as-withdraw, "
                + reset + " session resets, " + oversized + " too large to re-encode";
    }
}
