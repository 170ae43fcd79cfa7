package dev.jbgp.core.codec;

import dev.jbgp.core.AfiSafi;
import dev.jbgp.core.PrefixList;
import io.netty.buffer.ByteBuf;

/**
 * Prefixes as RFC 4271 section 4.3 encodes them: a length octet and just enough octets for
 * that many bits, preceded by a 4-octet path identifier under ADD-PATH (RFC 7911 section 3).
 *
 * <pre>
 *  +---------------------------+
 *  | Path Identifier (4 octets)|  ADD-PATH only
 *  +---------------------------+
 *  |   Length (1 octet)        |
 *  +---------------------------+
 *  |   Prefix (variable)       |
 *  +---------------------------+
 * </pre>
 *
 * Decoding walks the field twice: once to count and check every length, once to fill one
 * exactly sized array. That is the only allocation, whatever the prefix count.
 */
final class NlriCodec {
    private NlriCodec() {
    }

    /**
     * The prefixes in {@code field}'s readable bytes (all of them are consumed), or null when
     * the field is malformed: a length past the family's maximum, or a prefix that overruns.
     */
    static PrefixList decode(ByteBuf field, int afi, boolean addPath) {
        int start = field.readerIndex();
        int end = field.writerIndex();
        int maxBits = afi == AfiSafi.AFI_IPV4 ? 32 : 128;
        int idHead = addPath ? 4 : 0;
        int count = 0;
        for (int i = start; i < end; count++) {
            i += idHead;
            if (i >= end) {
                return null;
            }
            int bits = field.getUnsignedByte(i);
            if (bits > maxBits) {
                return null;
            }
            i += 1 + ((bits + 7) >>> 3);
            if (i > end) {
                return null;
            }
        }
        field.readerIndex(end);
        if (count == 0) {
            return PrefixList.empty(afi);
        }
        int[] ids = addPath ? new int[count] : null;
        long[] words;
        int i = start;
        if (afi == AfiSafi.AFI_IPV4) {
            words = new long[count];
            for (int n = 0; n < count; n++) {
                if (addPath) {
                    ids[n] = field.getInt(i);
                    i += 4;
                }
                int bits = field.getUnsignedByte(i++);
                int bytes = (bits + 7) >>> 3;
                int address = 0;
                for (int k = 0; k < bytes; k++) {
                    address |= field.getUnsignedByte(i + k) << (24 - 8 * k);
                }
                i += bytes;
                if (bits < 32) {
                    address &= bits == 0 ? 0 : -1 << (32 - bits); // trailing bits are irrelevant (RFC 4271 4.3)
                }
                words[n] = PrefixList.packIpv4(address, bits);
            }
        } else {
            words = new long[count * 3];
            for (int n = 0; n < count; n++) {
                if (addPath) {
                    ids[n] = field.getInt(i);
                    i += 4;
                }
                int bits = field.getUnsignedByte(i++);
                int bytes = (bits + 7) >>> 3;
                long hi = 0;
                long lo = 0;
                for (int k = 0; k < bytes; k++) {
                    long b = field.getUnsignedByte(i + k);
                    if (k < 8) {
                        hi |= b << (56 - 8 * k);
                    } else {
                        lo |= b << (56 - 8 * (k - 8));
                    }
                }
                i += bytes;
                words[n * 3] = hi & (bits == 0 ? 0 : bits >= 64 ? -1L : -1L << (64 - bits));
                words[n * 3 + 1] = lo & (bits <= 64 ? 0 : bits == 128 ? -1L : -1L << (128 - bits));
                words[n * 3 + 2] = bits;
            }
        }
        return PrefixList.wrap(afi, words, ids);
    }

    static int encodedLength(PrefixList list, boolean addPath) {
        int n = list.size();
        int len = addPath ? 5 * n : n;
        for (int i = 0; i < n; i++) {
            len += (list.length(i) + 7) >>> 3;
        }
        return len;
    }

    static void encode(PrefixList list, boolean addPath, ByteBuf out) {
        int n = list.size();
        boolean v4 = list.afi() == AfiSafi.AFI_IPV4;
        for (int i = 0; i < n; i++) {
            if (addPath) {
                out.writeInt(list.pathId(i));
            }
            int bits = list.length(i);
            int bytes = (bits + 7) >>> 3;
            out.writeByte(bits);
            if (v4) {
                int address = (int) list.high(i);
                for (int k = 0; k < bytes; k++) {
                    out.writeByte(address >>> (24 - 8 * k));
                }
            } else {
                long hi = list.high(i);
                long lo = list.low(i);
                for (int k = 0; k < bytes; k++) {
                    out.writeByte((int) (k < 8 ? hi >>> (56 - 8 * k) : lo >>> (56 - 8 * (k - 8))));
                }
            }
        }
    }
}
