package dev.jbgp.core.attribute;

import java.util.Arrays;
import java.util.List;
import java.util.StringJoiner;

/**
 * AS_PATH (RFC 4271 section 5.1.2, confederation segments RFC 5065), always with 4-octet AS
 * numbers: on a session without 4-octet AS support the codec merges AS4_PATH in (RFC 6793
 * section 4.2.3) so the rest of jbgp sees one path.
 */
public record AsPath(List<Segment> segments) implements PathAttribute {
    public static final AsPath EMPTY = new AsPath(List.of());

    public AsPath {
        segments = List.copyOf(segments);
    }

    public static AsPath sequence(long... asns) {
        return asns.length == 0 ? EMPTY : new AsPath(List.of(new Segment(SegmentType.AS_SEQUENCE, asns)));
    }

    /** Path segment types (RFC 4271 section 4.3, RFC 5065 section 3). */
    public enum SegmentType {
        AS_SET(1),
        AS_SEQUENCE(2),
        AS_CONFED_SEQUENCE(3),
        AS_CONFED_SET(4);

        private static final SegmentType[] BY_CODE = values();
        private final int code;

        SegmentType(int code) {
            this.code = code;
        }

        public int code() {
            return code;
        }

        public boolean isConfederation() {
            return this == AS_CONFED_SEQUENCE || this == AS_CONFED_SET;
        }

        /** The type for a segment type octet, or null for an unknown one. */
        public static SegmentType of(int code) {
            return code >= 1 && code <= 4 ? BY_CODE[code - 1] : null;
        }
    }

    /** A path segment: its type and AS numbers (unsigned 32-bit values held in longs). */
    public record Segment(SegmentType type, long[] asns) {
        public Segment {
            if (asns.length == 0 || asns.length > 255) {
                throw new IllegalArgumentException("a segment holds 1 to 255 AS numbers, not " + asns.length);
            }
            asns = asns.clone();
            for (long a : asns) {
                if (a < 0 || a > 0xFFFF_FFFFL) {
                    throw new IllegalArgumentException("AS number out of range: " + a);
                }
            }
        }

        @Override
        public long[] asns() {
            return asns.clone();
        }

        public int size() {
            return asns.length;
        }

        public long asn(int i) {
            return asns[i];
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Segment s && s.type == type && Arrays.equals(s.asns, asns);
        }

        @Override
        public int hashCode() {
            return type.hashCode() * 31 + Arrays.hashCode(asns);
        }

        @Override
        public String toString() {
            StringJoiner j = switch (type) {
                case AS_SEQUENCE -> new StringJoiner(" ");
                case AS_SET -> new StringJoiner(" ", "{", "}");
                case AS_CONFED_SEQUENCE -> new StringJoiner(" ", "(", ")");
                case AS_CONFED_SET -> new StringJoiner(" ", "[", "]");
            };
            for (long a : asns) {
                j.add(Long.toString(a));
            }
            return j.toString();
        }
    }

    /**
     * The length the decision process compares (RFC 4271 section 9.1.2.2 a): each AS in a
     * sequence counts 1, a whole AS_SET counts 1, confederation segments count 0 (RFC 5065).
     */
    public int pathLength() {
        int n = 0;
        for (Segment s : segments) {
            n += switch (s.type()) {
                case AS_SEQUENCE -> s.size();
                case AS_SET -> 1;
                case AS_CONFED_SEQUENCE, AS_CONFED_SET -> 0;
            };
        }
        return n;
    }

    /** True when {@code asn} appears in any segment (loop detection, RFC 4271 section 9.1.2). */
    public boolean contains(long asn) {
        for (Segment s : segments) {
            for (long a : s.asns) {
                if (a == asn) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The leftmost AS of the first AS_SEQUENCE: the neighbour AS that sent the route. */
    public long firstAs() {
        for (Segment s : segments) {
            if (s.type() == SegmentType.AS_SEQUENCE) {
                return s.asn(0);
            }
            if (!s.type().isConfederation()) {
                return 0;
            }
        }
        return 0;
    }

    @Override
    public int typeCode() {
        return AS_PATH;
    }

    /** The path as BIRD and GoBGP print it: {@code 64512 65000 {1 2} (65001)}. */
    @Override
    public String toString() {
        StringJoiner j = new StringJoiner(" ");
        for (Segment s : segments) {
            j.add(s.toString());
        }
        return j.toString();
    }
}
