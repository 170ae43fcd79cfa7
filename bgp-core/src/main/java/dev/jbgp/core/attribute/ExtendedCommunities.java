package dev.jbgp.core.attribute;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.StringJoiner;

/** EXTENDED_COMMUNITIES (RFC 4360): 8-octet values, the high octets giving type and sub-type. */
public record ExtendedCommunities(long[] values) implements PathAttribute {
    public ExtendedCommunities {
        values = values.clone();
    }

    public static ExtendedCommunities of(long... values) {
        return new ExtendedCommunities(values);
    }

    /** A two-octet-AS specific route target (type 0x00, sub-type 0x02; RFC 4360 section 4). */
    public static long routeTarget(int asn, int value) {
        return (0x0002L << 48) | ((asn & 0xFFFFL) << 32) | (value & 0xFFFF_FFFFL);
    }

    @Override
    public long[] values() {
        return values.clone();
    }

    public int size() {
        return values.length;
    }

    public long get(int i) {
        return values[i];
    }

    /**
     * {@code rt:64512:1}, {@code ro:198.19.0.1:9} for route targets and origins of the
     * two-octet-AS, IPv4-address and four-octet-AS kinds (RFC 4360, RFC 5668); hex for the rest.
     */
    public static String name(long value) {
        int type = (int) (value >>> 56) & 0xFF;
        int subtype = (int) (value >>> 48) & 0xFF;
        if (type == 0x00 && (subtype == 0x02 || subtype == 0x03)) {
            return (subtype == 0x02 ? "rt:" : "ro:") + ((value >>> 32) & 0xFFFF) + ":" + (value & 0xFFFF_FFFFL);
        }
        if (type == 0x01 && (subtype == 0x02 || subtype == 0x03)) {
            long a = (value >>> 16) & 0xFFFF_FFFFL;
            return (subtype == 0x02 ? "rt:" : "ro:") + (a >>> 24) + "." + ((a >>> 16) & 0xFF) + "." + ((a >>> 8) & 0xFF)
                    + "." + (a & 0xFF) + ":" + (value & 0xFFFF);
        }
        if (type == 0x02 && (subtype == 0x02 || subtype == 0x03)) {
            return (subtype == 0x02 ? "rt:" : "ro:") + ((value >>> 16) & 0xFFFF_FFFFL) + ":" + (value & 0xFFFF);
        }
        return "0x" + HexFormat.of().toHexDigits(value);
    }

    @Override
    public int typeCode() {
        return EXTENDED_COMMUNITIES;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ExtendedCommunities e && Arrays.equals(e.values, values);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        StringJoiner j = new StringJoiner(" ", "ExtendedCommunities[", "]");
        for (long v : values) {
            j.add(name(v));
        }
        return j.toString();
    }
}
