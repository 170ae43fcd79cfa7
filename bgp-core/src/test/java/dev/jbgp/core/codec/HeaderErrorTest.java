package dev.jbgp.core.codec;

import static dev.jbgp.core.codec.DecodeAssertions.assertClean;
import static dev.jbgp.core.codec.DecodeAssertions.assertReset;
import static dev.jbgp.core.codec.DecodeAssertions.decode;
import static dev.jbgp.core.codec.WireBytes.KEEPALIVE;
import static dev.jbgp.core.codec.WireBytes.NOTIFICATION;
import static dev.jbgp.core.codec.WireBytes.OPEN;
import static dev.jbgp.core.codec.WireBytes.UPDATE;
import static dev.jbgp.core.codec.WireBytes.cat;
import static dev.jbgp.core.codec.WireBytes.mandatory;
import static dev.jbgp.core.codec.WireBytes.message;
import static dev.jbgp.core.codec.WireBytes.messageWithLength;
import static dev.jbgp.core.codec.WireBytes.octets;
import static dev.jbgp.core.codec.WireBytes.prefix;
import static dev.jbgp.core.codec.WireBytes.u16;
import static dev.jbgp.core.codec.WireBytes.update;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jbgp.core.message.Keepalive;
import dev.jbgp.core.message.Notification;
import dev.jbgp.core.message.Update;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

/**
 * RFC 4271 section 6.1, Message Header Error Handling, with the message-type lengths of
 * section 4 and the 4096-octet limit RFC 8654 lifts for all but OPEN and KEEPALIVE.
 */
class HeaderErrorTest {
    private static final CodecContext EXTENDED = CodecContext.DEFAULT.withExtendedMessage(true);

    /** Decodes from a buffer with more behind the message, and checks the whole buffer was consumed. */
    private static DecodeResult decodeUnfollowable(CodecContext ctx, byte[] message) {
        ByteBuf in = Unpooled.wrappedBuffer(message, message(KEEPALIVE));
        DecodeResult r = new MessageDecoder(ctx).decode(in);
        assertEquals(0, in.readableBytes(), "a header that cannot be followed ends the stream");
        return r;
    }

    @Test
    void markerNotAllOnesIsConnectionNotSynchronized() {
        // RFC 4271 section 6.1: "If the Marker field of the message header is not as expected,
        // then a synchronization error has occurred" -> 1/1, no data.
        byte[] bad = message(KEEPALIVE);
        bad[7] = 0x7F;
        assertReset(decodeUnfollowable(CodecContext.DEFAULT, bad), 1, 1, new byte[0]);
    }

    @Test
    void lengthBelowNineteenIsBadMessageLengthWithTheLengthField() {
        // RFC 4271 section 6.1: Length < 19 -> 1/2, data = the erroneous Length field.
        assertReset(decodeUnfollowable(CodecContext.DEFAULT, messageWithLength(18, KEEPALIVE)), 1, 2, u16(18));
    }

    @Test
    void lengthAbove4096IsBadMessageLength() {
        // RFC 4271 section 6.1: Length > 4096 -> 1/2, data = the Length field (0x1001).
        byte[] big = update(new byte[0], new byte[0], new byte[4097 - 23]);
        assertEquals(4097, big.length);
        assertReset(decodeUnfollowable(CodecContext.DEFAULT, big), 1, 2, u16(4097));
        assertEquals(MessageDecoder.HEADER_LENGTH, new MessageDecoder(CodecContext.DEFAULT).frameLength(Unpooled.wrappedBuffer(big)));
    }

    @Test
    void updateAbove4096IsAcceptedUnderExtendedMessages() {
        // RFC 8654 section 4: with the Extended Message capability an UPDATE may be up to 65535
        // octets (the 2-octet Length field cannot say more).
        byte[] nlri = new byte[0];
        for (int i = 0; i < 1100; i++) {
            nlri = cat(nlri, prefix("10." + (i >> 8) + "." + (i & 0xFF) + ".0/24"));
        }
        byte[] big = update(mandatory(), nlri);
        assertTrue(big.length > 4096);
        Update u = assertClean(decode(EXTENDED, big), Update.class);
        assertEquals(1100, u.nlri().size());
        assertEquals(big.length, new MessageDecoder(EXTENDED).frameLength(Unpooled.wrappedBuffer(big)));
    }

    @Test
    void lengthLargerThanTheBytesPresentIsBadMessageLength() {
        // A whole message handed over with fewer octets than its Length claims: 1/2, the Length field.
        byte[] cut = messageWithLength(40, UPDATE, u16(0), u16(0));
        assertReset(new MessageDecoder(CodecContext.DEFAULT).decode(cut), 1, 2, u16(40));
    }

    @Test
    void unknownTypeIsBadMessageTypeWithTheTypeOctet() {
        // RFC 4271 section 6.1: unrecognized Type -> 1/3, data = the Type field.
        assertReset(decode(message(6, octets(1, 2, 3))), 1, 3, octets(6));
        assertReset(decode(message(0)), 1, 3, octets(0));
    }

    @Test
    void openShorterThan29IsBadMessageLength() {
        // RFC 4271 section 6.1: "if the Length field of an OPEN message is less than the minimum
        // length of the OPEN message" (29) -> 1/2 with the Length field.
        assertReset(decode(message(OPEN, new byte[9])), 1, 2, u16(28));
    }

    @Test
    void updateShorterThan23IsBadMessageLength() {
        // RFC 4271 section 6.1: UPDATE minimum 23 octets.
        assertReset(decode(message(UPDATE, new byte[3])), 1, 2, u16(22));
    }

    @Test
    void notificationShorterThan21IsBadMessageLength() {
        // RFC 4271 section 6.1: NOTIFICATION minimum 21 octets.
        assertReset(decode(message(NOTIFICATION, octets(6))), 1, 2, u16(20));
    }

    @Test
    void keepaliveOfOtherThan19OctetsIsBadMessageLength() {
        // RFC 4271 section 6.1: "if the Length field of a KEEPALIVE message is not equal to 19".
        assertReset(decode(message(KEEPALIVE, octets(0))), 1, 2, u16(20));
    }

    @Test
    void keepaliveStaysAt19OctetsUnderExtendedMessages() {
        // RFC 8654 section 4: the capability does not apply to KEEPALIVE.
        assertReset(decode(EXTENDED, message(KEEPALIVE, new byte[5000 - 19])), 1, 2, u16(5000));
    }

    @Test
    void openAbove4096IsBadMessageLengthEvenUnderExtendedMessages() {
        // RFC 8654 section 4: OPEN stays within 4096 octets. The body is a valid OPEN header with
        // one oversized parameter; the length check comes first.
        byte[] body = cat(octets(4), u16(64512), u16(90), octets(10, 0, 0, 1), octets(255, 255), u16(4100 - 32),
                new byte[4100 - 32]);
        byte[] open = message(OPEN, body);
        assertEquals(4100, open.length);
        assertReset(decode(EXTENDED, open), 1, 2, u16(4100));
    }

    @Test
    void notificationAndKeepaliveDecode() {
        // The smallest valid NOTIFICATION (21 octets: Cease, no data) and a KEEPALIVE.
        assertEquals(new Notification(6, 0, null), assertClean(decode(message(NOTIFICATION, octets(6, 0))), Notification.class));
        assertEquals(Keepalive.INSTANCE, assertClean(decode(message(KEEPALIVE)), Keepalive.class));
    }

    @Test
    void frameLengthWaitsForAWholeHeader() {
        MessageDecoder d = new MessageDecoder(CodecContext.DEFAULT);
        byte[] k = message(KEEPALIVE);
        assertEquals(-1, d.frameLength(Unpooled.wrappedBuffer(k, 0, 18)));
        assertEquals(19, d.frameLength(Unpooled.wrappedBuffer(k)));
        byte[] u = update(mandatory(), prefix("198.19.21.0/26"));
        assertEquals(u.length, d.frameLength(Unpooled.wrappedBuffer(u)));
    }
}
