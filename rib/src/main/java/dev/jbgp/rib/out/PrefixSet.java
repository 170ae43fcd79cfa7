package dev.jbgp.rib.out;

import dev.jbgp.core.Prefix;
import dev.jbgp.core.PrefixList;
import java.util.HashSet;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/**
 * A set of prefixes that costs no object per IPv4 prefix: those are packed longs
 * ({@link PrefixList#packIpv4}) in an open-addressing table (linear probing, backward-shift
 * deletion); IPv6 ones, rarer on a node, sit in a HashSet. {@link #clear} gives the memory back,
 * as a set that was large once (an initial table) is usually small afterwards. RIB thread only.
 */
final class PrefixSet {
    private static final int MIN_CAPACITY = 16;

    private long[] keys = new long[MIN_CAPACITY];   // packed IPv4 prefix + 1; 0 is an empty slot
    private int shift = 64 - Integer.numberOfTrailingZeros(MIN_CAPACITY);
    private int size4;
    private HashSet<Prefix> ipv6;

    int size() {
        return size4 + (ipv6 == null ? 0 : ipv6.size());
    }

    boolean isEmpty() {
        return size() == 0;
    }

    boolean add(Prefix prefix) {
        if (prefix.isIpv4()) {
            return addIpv4(packed(prefix));
        }
        if (ipv6 == null) {
            ipv6 = new HashSet<>();
        }
        return ipv6.add(prefix);
    }

    boolean contains(Prefix prefix) {
        if (prefix.isIpv4()) {
            return containsIpv4(packed(prefix));
        }
        return ipv6 != null && ipv6.contains(prefix);
    }

    boolean remove(Prefix prefix) {
        if (prefix.isIpv4()) {
            return removeIpv4(packed(prefix));
        }
        return ipv6 != null && ipv6.remove(prefix);
    }

    boolean addIpv4(long packed) {
        long key = packed + 1;
        int i = slot(key);
        while (keys[i] != 0) {
            if (keys[i] == key) {
                return false;
            }
            i = (i + 1) & (keys.length - 1);
        }
        keys[i] = key;
        if (++size4 > keys.length * 3 / 4) {
            rehash(keys.length * 2);
        }
        return true;
    }

    boolean containsIpv4(long packed) {
        if (size4 == 0) {
            return false;
        }
        long key = packed + 1;
        for (int i = slot(key); keys[i] != 0; i = (i + 1) & (keys.length - 1)) {
            if (keys[i] == key) {
                return true;
            }
        }
        return false;
    }

    boolean removeIpv4(long packed) {
        if (size4 == 0) {
            return false;
        }
        long key = packed + 1;
        int mask = keys.length - 1;
        for (int i = slot(key); keys[i] != 0; i = (i + 1) & mask) {
            if (keys[i] == key) {
                shiftBack(i);
                size4--;
                return true;
            }
        }
        return false;
    }

    void forEachIpv4(LongConsumer action) {
        for (long key : keys) {
            if (key != 0) {
                action.accept(key - 1);
            }
        }
    }

    void forEachIpv6(Consumer<Prefix> action) {
        if (ipv6 != null) {
            ipv6.forEach(action);
        }
    }

    /** Empties the set and gives its arrays back. */
    void clear() {
        if (keys.length != MIN_CAPACITY || size4 != 0) {
            keys = new long[MIN_CAPACITY];
            shift = 64 - Integer.numberOfTrailingZeros(MIN_CAPACITY);
            size4 = 0;
        }
        ipv6 = null;
    }

    /** Bytes held: the IPv4 table, and about 48 per IPv6 prefix (its record and HashMap node). */
    long footprint() {
        return 16L + 8L * keys.length + (ipv6 == null ? 0 : 64L + 48L * ipv6.size());
    }

    static long packed(Prefix prefix) {
        return PrefixList.packIpv4(prefix.ipv4Address(), prefix.length());
    }

    /** Fibonacci hashing: the top bits of the key times the golden ratio. */
    private int slot(long key) {
        return (int) ((key * 0x9E3779B97F4A7C15L) >>> shift);
    }

    /** Backward-shift deletion: no tombstones, so lookups stay short after many removals. */
    private void shiftBack(int hole) {
        int mask = keys.length - 1;
        int i = hole;
        while (true) {
            i = (i + 1) & mask;
            if (keys[i] == 0) {
                break;
            }
            int home = slot(keys[i]);
            // Move the entry into the hole unless its home lies cyclically in (hole, i].
            boolean stays = hole <= i ? (home > hole && home <= i) : (home > hole || home <= i);
            if (!stays) {
                keys[hole] = keys[i];
                hole = i;
            }
        }
        keys[hole] = 0;
    }

    private void rehash(int capacity) {
        long[] old = keys;
        keys = new long[capacity];
        shift = 64 - Integer.numberOfTrailingZeros(capacity);
        int mask = capacity - 1;
        for (long key : old) {
            if (key != 0) {
                int i = slot(key);
                while (keys[i] != 0) {
                    i = (i + 1) & mask;
                }
                keys[i] = key;
            }
        }
    }
}
