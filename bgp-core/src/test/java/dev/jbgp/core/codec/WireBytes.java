package dev.jbgp.core.codec;

import java.io.ByteArrayOutputStream;
import java.util.HexFormat;

/**
 * Builds message bytes by hand for the error and known-answer tests: the header of RFC 4271
 * section 4.1, UPDATE bodies (section 4.3), path attributes and prefixes. Lengths are worked
 * out unless a test gives a wrong one on purpose.
 */
final class WireBytes {
    static final int OPEN = 1;
    static final int UPDATE = 2;
    static final int NOTIFICATION = 3;
    static final int KEEPALIVE = 4;
    static final int ROUTE_REFRESH = 5;

    /** Attribute Flags (RFC 4271 section 4.3). */
    static final int WELL_KNOWN = 0x40;
    static final int OPTIONAL = 0x80;
    static final int OPTIONAL_TRANSITIVE = 0xC0;
    static final int PARTIAL = 0x20;
    static final int EXTENDED_LENGTH = 0x10;

    private WireBytes() {
    }

    /** Hex digits, with any whitespace and {@code |} separators ignored. */
    static byte[] hex(String text) {
        return HexFormat.of().parseHex(text.replaceAll("[\\s|]", ""));
    }

    static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    static byte[] cat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    /** Octets from ints, each cut to its low 8 bits. */
    static byte[] octets(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    static byte[] u16(int value) {
        return octets(value >>> 8, value);
    }

    static byte[] u32(long value) {
        return octets((int) (value >>> 24), (int) (value >>> 16), (int) (value >>> 8), (int) value);
    }

    /** An IPv4 address as four octets. */
    static byte[] ipv4(String dotted) {
        String[] parts = dotted.split("\\.");
        byte[] b = new byte[4];
        for (int i = 0; i < 4; i++) {
            b[i] = (byte) Integer.parseInt(parts[i]);
        }
        return b;
    }

    /** An IPv4 or IPv6 address as its 4 or 16 octets. */
    static byte[] address(String text) {
        return com.google.common.net.InetAddresses.forString(text).getAddress();
    }

    /** A whole message: 16 octets of 0xFF, the Length worked out, the Type, the body. */
    static byte[] message(int type, byte[]... body) {
        byte[] b = cat(body);
        return messageWithLength(19 + b.length, type, b);
    }

    /** A message whose Length field says {@code length}, whatever the body. */
    static byte[] messageWithLength(int length, int type, byte[]... body) {
        byte[] marker = new byte[16];
        java.util.Arrays.fill(marker, (byte) 0xFF);
        return cat(marker, u16(length), octets(type), cat(body));
    }

    /** An UPDATE: Withdrawn Routes Length and Total Path Attribute Length worked out. */
    static byte[] update(byte[] withdrawn, byte[] attributes, byte[] nlri) {
        return message(UPDATE, u16(withdrawn.length), withdrawn, u16(attributes.length), attributes, nlri);
    }

    /** An UPDATE with path attributes and NLRI, no withdrawn routes. */
    static byte[] update(byte[] attributes, byte[] nlri) {
        return update(new byte[0], attributes, nlri);
    }

    /** A path attribute; with {@link #EXTENDED_LENGTH} in {@code flags} the length takes two octets. */
    static byte[] attribute(int flags, int type, byte[]... value) {
        byte[] v = cat(value);
        boolean extended = (flags & EXTENDED_LENGTH) != 0;
        return cat(octets(flags, type), extended ? u16(v.length) : octets(v.length), v);
    }

    /** A path attribute whose Attribute Length says {@code length}, whatever the value. */
    static byte[] attributeWithLength(int flags, int type, int length, byte[]... value) {
        boolean extended = (flags & EXTENDED_LENGTH) != 0;
        return cat(octets(flags, type), extended ? u16(length) : octets(length), cat(value));
    }

    /** A prefix as RFC 4271 section 4.3 encodes it: the length in bits, then just enough octets. */
    static byte[] prefix(String text) {
        int slash = text.indexOf('/');
        int bits = Integer.parseInt(text.substring(slash + 1));
        byte[] address = com.google.common.net.InetAddresses.forString(text.substring(0, slash)).getAddress();
        byte[] out = new byte[1 + (bits + 7) / 8];
        out[0] = (byte) bits;
        System.arraycopy(address, 0, out, 1, out.length - 1);
        return out;
    }

    /** A prefix preceded by an ADD-PATH path identifier (RFC 7911 section 3). */
    static byte[] prefix(long pathId, String text) {
        return cat(u32(pathId), prefix(text));
    }

    /** MP_REACH_NLRI (RFC 4760 section 3): AFI, SAFI, next hop length and next hop, reserved, NLRI. */
    static byte[] mpReach(int afi, int safi, byte[] nextHop, byte[]... nlri) {
        return attribute(OPTIONAL, 14, u16(afi), octets(safi, nextHop.length), nextHop, octets(0), cat(nlri));
    }

    /** MP_UNREACH_NLRI (RFC 4760 section 4): AFI, SAFI, withdrawn routes. */
    static byte[] mpUnreach(int afi, int safi, byte[]... withdrawn) {
        return attribute(OPTIONAL, 15, u16(afi), octets(safi), cat(withdrawn));
    }

    // The attributes most tests need around the one under test.

    static byte[] originIgp() {
        return attribute(WELL_KNOWN, 1, octets(0));
    }

    /** AS_PATH holding one AS_SEQUENCE of 4-octet AS numbers (a 4-octet session). */
    static byte[] asPath4(long... asns) {
        return attribute(WELL_KNOWN, 2, asSegment4(2, asns));
    }

    /** AS_PATH holding one AS_SEQUENCE of 2-octet AS numbers (a 2-octet session). */
    static byte[] asPath2(int... asns) {
        return attribute(WELL_KNOWN, 2, asSegment2(2, asns));
    }

    static byte[] asSegment4(int type, long... asns) {
        byte[] out = octets(type, asns.length);
        for (long a : asns) {
            out = cat(out, u32(a));
        }
        return out;
    }

    static byte[] asSegment2(int type, int... asns) {
        byte[] out = octets(type, asns.length);
        for (int a : asns) {
            out = cat(out, u16(a));
        }
        return out;
    }

    static byte[] nextHop(String dotted) {
        return attribute(WELL_KNOWN, 3, ipv4(dotted));
    }

    /** ORIGIN, AS_PATH and NEXT_HOP: what an IPv4 announcement in the NLRI field must carry. */
    static byte[] mandatory() {
        return cat(originIgp(), asPath4(64512), nextHop("198.19.0.3"));
    }
}
