package dev.jbgp.core.fuzz;

import dev.jbgp.core.AfiSafi;
import dev.jbgp.core.codec.CodecContext;
import dev.jbgp.core.codec.MessageDecoder;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * How {@link MessageDecoderFuzzTest} reads its inputs. The first octet chooses the session
 * context, so the fuzzer explores every negotiated combination:
 *
 * <pre>
 *  bit 0  2-octet AS session (RFC 6793 AS4_PATH / AS4_AGGREGATOR merging); clear: 4-octet AS
 *  bit 1  extended messages (RFC 8654, up to 65535 octets)
 *  bit 2  ADD-PATH receive for IPv4 unicast   bit 3  IPv6 unicast
 *  bit 4  ADD-PATH receive for IPv4 multicast bit 5  IPv6 multicast
 * </pre>
 *
 * A stream input is that octet followed by the bytes of a TCP stream. A message input is that
 * octet, a message type octet and the message body: the test writes a valid header around the
 * body, so the fuzzer spends its time inside the body decoders (the stream test covers headers).
 */
final class FuzzInputs {
    private static final AfiSafi IPV4_MULTICAST = new AfiSafi(AfiSafi.AFI_IPV4, AfiSafi.SAFI_MULTICAST);
    private static final AfiSafi IPV6_MULTICAST = new AfiSafi(AfiSafi.AFI_IPV6, AfiSafi.SAFI_MULTICAST);
    private static final AfiSafi[] ADD_PATH_BITS = {
        AfiSafi.IPV4_UNICAST, AfiSafi.IPV6_UNICAST, IPV4_MULTICAST, IPV6_MULTICAST,
    };

    private FuzzInputs() {
    }

    static CodecContext context(byte b) {
        Set<AfiSafi> addPath = new HashSet<>();
        for (int i = 0; i < ADD_PATH_BITS.length; i++) {
            if ((b & (4 << i)) != 0) {
                addPath.add(ADD_PATH_BITS[i]);
            }
        }
        return new CodecContext((b & 1) == 0, addPath, (b & 2) != 0);
    }

    static byte contextOctet(CodecContext ctx) {
        int b = (ctx.fourOctetAs() ? 0 : 1) | (ctx.extendedMessage() ? 2 : 0);
        for (int i = 0; i < ADD_PATH_BITS.length; i++) {
            if (ctx.addPath(ADD_PATH_BITS[i])) {
                b |= 4 << i;
            }
        }
        return (byte) b;
    }

    /** A stream input: the context octet, then the messages back to back. */
    static byte[] stream(CodecContext ctx, byte[]... messages) {
        int length = 1;
        for (byte[] m : messages) {
            length += m.length;
        }
        byte[] out = new byte[length];
        out[0] = contextOctet(ctx);
        int at = 1;
        for (byte[] m : messages) {
            System.arraycopy(m, 0, out, at, m.length);
            at += m.length;
        }
        return out;
    }

    /** A message input from a whole encoded message: the context octet, its type and its body. */
    static byte[] message(CodecContext ctx, byte[] message) {
        byte[] out = new byte[message.length - MessageDecoder.HEADER_LENGTH + 2];
        out[0] = contextOctet(ctx);
        out[1] = message[MessageDecoder.HEADER_LENGTH - 1];
        System.arraycopy(message, MessageDecoder.HEADER_LENGTH, out, 2, message.length - MessageDecoder.HEADER_LENGTH);
        return out;
    }

    /**
     * The whole message a message input stands for: marker, Length, Type, body. A body too long
     * for the 2-octet Length field is cut to fit.
     */
    static byte[] wholeMessage(byte[] input) {
        int body = Math.min(input.length - 2, 0xFFFF - MessageDecoder.HEADER_LENGTH);
        int length = MessageDecoder.HEADER_LENGTH + body;
        byte[] out = new byte[length];
        Arrays.fill(out, 0, MessageDecoder.MARKER_LENGTH, (byte) 0xFF);
        out[MessageDecoder.MARKER_LENGTH] = (byte) (length >>> 8);
        out[MessageDecoder.MARKER_LENGTH + 1] = (byte) length;
        out[MessageDecoder.MARKER_LENGTH + 2] = input[1];
        System.arraycopy(input, 2, out, MessageDecoder.HEADER_LENGTH, body);
        return out;
    }
}
