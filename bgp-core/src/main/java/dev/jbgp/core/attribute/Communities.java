package dev.jbgp.core.attribute;

import java.util.Arrays;
import java.util.StringJoiner;

/** COMMUNITIES (RFC 1997): 32-bit values, {@code asn:value}, with the well-known ones named. */
public record Communities(int[] values) implements PathAttribute {
    public static final int GRACEFUL_SHUTDOWN = 0xFFFF_0000;   // RFC 8326
    public static final int ACCEPT_OWN = 0xFFFF_0001;          // RFC 7611
    public static final int LLGR_STALE = 0xFFFF_0006;          // RFC 9494
    public static final int NO_LLGR = 0xFFFF_0007;             // RFC 9494
    public static final int BLACKHOLE = 0xFFFF_029A;           // RFC 7999
    public static final int NO_EXPORT = 0xFFFF_FF01;           // RFC 1997
    public static final int NO_ADVERTISE = 0xFFFF_FF02;        // RFC 1997
    public static final int NO_EXPORT_SUBCONFED = 0xFFFF_FF03; // RFC 1997
    public static final int NOPEER = 0xFFFF_FF04;              // RFC 3765

    public Communities {
        values = values.clone();
    }

    public static Communities of(int... values) {
        return new Communities(values);
    }

    /** The community {@code asn:value}. */
    public static int community(int asn, int value) {
        return (asn << 16) | (value & 0xFFFF);
    }

    @Override
    public int[] values() {
        return values.clone();
    }

    public int size() {
        return values.length;
    }

    public int get(int i) {
        return values[i];
    }

    public boolean contains(int community) {
        for (int v : values) {
            if (v == community) {
                return true;
            }
        }
        return false;
    }

    /** The well-known name of a community ({@code no-export}...), or {@code asn:value}. */
    public static String name(int community) {
        return switch (community) {
            case GRACEFUL_SHUTDOWN -> "graceful-shutdown";
            case ACCEPT_OWN -> "accept-own";
            case LLGR_STALE -> "llgr-stale";
            case NO_LLGR -> "no-llgr";
            case BLACKHOLE -> "blackhole";
            case NO_EXPORT -> "no-export";
            case NO_ADVERTISE -> "no-advertise";
            case NO_EXPORT_SUBCONFED -> "no-export-subconfed";
            case NOPEER -> "no-peer";
            default -> (community >>> 16) + ":" + (community & 0xFFFF);
        };
    }

    @Override
    public int typeCode() {
        return COMMUNITIES;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Communities c && Arrays.equals(c.values, values);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        StringJoiner j = new StringJoiner(" ", "Communities[", "]");
        for (int v : values) {
            j.add(name(v));
        }
        return j.toString();
    }
}
