package dev.jbgp.core;

import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * An immutable list of prefixes of one address family, packed into a {@code long[]} so that
 * decoding an UPDATE allocates one array however many prefixes it carries.
 *
 * <p>Layout: an IPv4 prefix is one word, {@code address << 8 | length} (address unsigned, so
 * words sort as address then length); an IPv6 prefix is three words: high 64 bits, low 64 bits,
 * length. ADD-PATH path identifiers (RFC 7911), when present, sit in a parallel {@code int[]}.
 *
 * <p>Not a {@link List}: two lists of the same prefixes with different path identifiers are
 * different routes, which {@code List} equality could not say.
 */
public final class PrefixList implements Iterable<Prefix> {
    private static final long[] NO_WORDS = new long[0];
    private static final PrefixList EMPTY_V4 = new PrefixList(AfiSafi.AFI_IPV4, NO_WORDS, null);
    private static final PrefixList EMPTY_V6 = new PrefixList(AfiSafi.AFI_IPV6, NO_WORDS, null);

    private final int afi;
    private final long[] words;
    private final int[] pathIds;

    private PrefixList(int afi, long[] words, int[] pathIds) {
        this.afi = afi;
        this.words = words;
        this.pathIds = pathIds;
    }

    public static PrefixList empty(int afi) {
        return switch (afi) {
            case AfiSafi.AFI_IPV4 -> EMPTY_V4;
            case AfiSafi.AFI_IPV6 -> EMPTY_V6;
            default -> throw new IllegalArgumentException("not an IP address family: " + afi);
        };
    }

    /**
     * Takes ownership of already packed words (see the class comment for the layout); the
     * caller must not change the arrays afterwards. {@code pathIds} is null without ADD-PATH.
     */
    public static PrefixList wrap(int afi, long[] words, int[] pathIds) {
        int stride = stride(afi);
        if (words.length % stride != 0) {
            throw new IllegalArgumentException("word count " + words.length + " is not a multiple of " + stride);
        }
        if (pathIds != null && pathIds.length != words.length / stride) {
            throw new IllegalArgumentException("path identifiers do not match the prefix count");
        }
        if (words.length == 0 && pathIds == null) {
            return empty(afi);
        }
        return new PrefixList(afi, words, pathIds);
    }

    public static PrefixList of(Prefix... prefixes) {
        return of(Arrays.asList(prefixes), null);
    }

    /** Packs the given prefixes, all of one family; {@code pathIds} may be null. */
    public static PrefixList of(List<Prefix> prefixes, int[] pathIds) {
        if (prefixes.isEmpty()) {
            return pathIds == null ? EMPTY_V4 : new PrefixList(AfiSafi.AFI_IPV4, NO_WORDS, new int[0]);
        }
        int afi = prefixes.getFirst().afi();
        Builder b = builder(afi, prefixes.size(), pathIds != null);
        for (int i = 0; i < prefixes.size(); i++) {
            b.add(prefixes.get(i), pathIds == null ? 0 : pathIds[i]);
        }
        return b.build();
    }

    public static Builder builder(int afi, int expectedSize, boolean withPathIds) {
        return new Builder(afi, expectedSize, withPathIds);
    }

    /** Joins two lists of one family; path identifiers are kept when both have them. */
    public static PrefixList concat(PrefixList a, PrefixList b) {
        if (a.afi != b.afi) {
            throw new IllegalArgumentException("cannot join " + a.afi + " and " + b.afi + " prefixes");
        }
        if (a.isEmpty() && a.pathIds == null) {
            return b;
        }
        if (b.isEmpty() && b.pathIds == null) {
            return a;
        }
        long[] w = Arrays.copyOf(a.words, a.words.length + b.words.length);
        System.arraycopy(b.words, 0, w, a.words.length, b.words.length);
        int[] ids = null;
        if (a.pathIds != null && b.pathIds != null) {
            ids = Arrays.copyOf(a.pathIds, a.pathIds.length + b.pathIds.length);
            System.arraycopy(b.pathIds, 0, ids, a.pathIds.length, b.pathIds.length);
        }
        return new PrefixList(a.afi, w, ids);
    }

    static int stride(int afi) {
        return switch (afi) {
            case AfiSafi.AFI_IPV4 -> 1;
            case AfiSafi.AFI_IPV6 -> 3;
            default -> throw new IllegalArgumentException("not an IP address family: " + afi);
        };
    }

    public static long packIpv4(int address, int length) {
        return ((address & 0xFFFF_FFFFL) << 8) | length;
    }

    public int afi() {
        return afi;
    }

    public int size() {
        return words.length / stride(afi);
    }

    public boolean isEmpty() {
        return words.length == 0;
    }

    /** True when the list carries ADD-PATH path identifiers. */
    public boolean hasPathIds() {
        return pathIds != null;
    }

    /** The path identifier of prefix {@code i}, 0 when the list carries none. */
    public int pathId(int i) {
        return pathIds == null ? 0 : pathIds[i];
    }

    /** Prefix length of entry {@code i}. */
    public int length(int i) {
        return afi == AfiSafi.AFI_IPV4 ? (int) (words[i] & 0xFF) : (int) words[i * 3 + 2];
    }

    /** IPv4: the address as an int. IPv6: the high 64 bits. */
    public long high(int i) {
        return afi == AfiSafi.AFI_IPV4 ? words[i] >>> 8 : words[i * 3];
    }

    /** IPv6: the low 64 bits; 0 for IPv4. */
    public long low(int i) {
        return afi == AfiSafi.AFI_IPV4 ? 0 : words[i * 3 + 1];
    }

    /** The packed IPv4 word {@code address << 8 | length}, a table key that needs no object. */
    public long packedIpv4(int i) {
        if (afi != AfiSafi.AFI_IPV4) {
            throw new IllegalStateException("not an IPv4 list");
        }
        return words[i];
    }

    public Prefix get(int i) {
        return new Prefix(afi, high(i), low(i), length(i));
    }

    /** The prefixes as records, one object each: for edges (CLI, tests), not for tables. */
    public Stream<Prefix> stream() {
        return IntStream.range(0, size()).mapToObj(this::get);
    }

    public List<Prefix> toList() {
        return stream().toList();
    }

    @Override
    public Iterator<Prefix> iterator() {
        return new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < size();
            }

            @Override
            public Prefix next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return get(next++);
            }
        };
    }

    @Override
    public boolean equals(Object o) {
        return this == o || o instanceof PrefixList p && afi == p.afi && Arrays.equals(words, p.words)
                && Arrays.equals(pathIds, p.pathIds);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * afi + Arrays.hashCode(words)) + Arrays.hashCode(pathIds);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < size(); i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(get(i));
            if (pathIds != null) {
                sb.append(" id ").append(Integer.toUnsignedString(pathIds[i]));
            }
        }
        return sb.append(']').toString();
    }

    /** Collects prefixes of one family; not thread-safe, one use. */
    public static final class Builder {
        private final int afi;
        private final int stride;
        private long[] words;
        private int[] pathIds;
        private int count;

        private Builder(int afi, int expectedSize, boolean withPathIds) {
            this.afi = afi;
            this.stride = stride(afi);
            this.words = new long[Math.max(1, expectedSize) * stride];
            this.pathIds = withPathIds ? new int[Math.max(1, expectedSize)] : null;
        }

        public Builder add(Prefix p) {
            return add(p, 0);
        }

        public Builder add(Prefix p, int pathId) {
            if (p.afi() != afi) {
                throw new IllegalArgumentException("prefix " + p + " is not of AFI " + afi);
            }
            if ((count + 1) * stride > words.length) {
                words = Arrays.copyOf(words, words.length * 2);
                if (pathIds != null) {
                    pathIds = Arrays.copyOf(pathIds, pathIds.length * 2);
                }
            }
            if (afi == AfiSafi.AFI_IPV4) {
                words[count] = packIpv4((int) p.hi(), p.length());
            } else {
                words[count * 3] = p.hi();
                words[count * 3 + 1] = p.lo();
                words[count * 3 + 2] = p.length();
            }
            if (pathIds != null) {
                pathIds[count] = pathId;
            }
            count++;
            return this;
        }

        public int size() {
            return count;
        }

        public PrefixList build() {
            long[] w = words.length == count * stride ? words : Arrays.copyOf(words, count * stride);
            int[] ids = pathIds == null || pathIds.length == count ? pathIds : Arrays.copyOf(pathIds, count);
            words = null;
            return wrap(afi, w, ids);
        }
    }
}
