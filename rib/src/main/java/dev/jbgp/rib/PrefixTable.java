package dev.jbgp.rib;

import dev.jbgp.core.AfiSafi;
import dev.jbgp.core.Prefix;
import dev.jbgp.core.PrefixList;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * The destinations of the RIB by prefix. IPv4 prefixes are keyed by their packed {@code long}
 * in an open-addressing table (linear probing, backward-shift deletion) so a million prefixes
 * cost two arrays, not a million map entries; IPv6 ones, rarer on a node, sit in a HashMap.
 * Destination identifiers are handed out here and reused after removal. RIB thread only.
 */
final class PrefixTable {
    private static final double MAX_LOAD = 0.8;
    private static final int WALK_CHUNK = 64;

    private long[] keys = new long[64];            // packed IPv4 prefix + 1; 0 is an empty slot
    private Destination[] values = new Destination[64];
    private int size4;
    private final Map<Prefix, Destination> ipv6 = new HashMap<>();
    private int[] freeIds = new int[16];
    private int freeCount;
    private int nextId;
    private long readAhead;                        // see readAhead and forEachIpv4

    int size() {
        return size4 + ipv6.size();
    }

    Destination get(Prefix prefix) {
        if (!prefix.isIpv4()) {
            return ipv6.get(prefix);
        }
        return getIpv4(PrefixList.packIpv4(prefix.ipv4Address(), prefix.length()));
    }

    /** The destination of an IPv4 prefix in its packed form ({@link PrefixList#packIpv4}), or null. */
    Destination getIpv4(long packed) {
        long key = packed + 1;
        int i = slot(key, keys.length);
        while (keys[i] != 0) {
            if (keys[i] == key) {
                return values[i];
            }
            i = next(i);
        }
        return null;
    }

    /**
     * Reads the slots a list of IPv4 prefixes hash to, and the destinations there, ahead of the
     * lookups that follow one prefix at a time. A full table is larger than the cache, so each
     * lookup would wait for a miss of its own; this loop is short enough for the processor to
     * have many under way at once. What it reads is kept only so that the reads are not
     * optimised away.
     */
    void readAhead(PrefixList prefixes) {
        if (prefixes.afi() != AfiSafi.AFI_IPV4) {
            return;
        }
        long[] keys = this.keys;
        Destination[] values = this.values;
        long read = 0;
        for (int i = 0; i < prefixes.size(); i++) {
            int s = slot(prefixes.packedIpv4(i) + 1, keys.length);
            Destination d = values[s];
            read += keys[s] + (d == null ? 0 : d.id());
        }
        readAhead += read;
    }

    Destination getOrCreate(Prefix prefix) {
        if (!prefix.isIpv4()) {
            return ipv6.computeIfAbsent(prefix, p -> new Destination(allocateId()));
        }
        long key = PrefixList.packIpv4(prefix.ipv4Address(), prefix.length()) + 1;
        int i = slot(key, keys.length);
        while (keys[i] != 0) {
            if (keys[i] == key) {
                return values[i];
            }
            i = next(i);
        }
        Destination d = new Destination(allocateId());
        keys[i] = key;
        values[i] = d;
        if (++size4 > keys.length * MAX_LOAD) {
            grow();
        }
        return d;
    }

    void remove(Prefix prefix) {
        Destination removed;
        if (!prefix.isIpv4()) {
            removed = ipv6.remove(prefix);
        } else {
            removed = removeIpv4(PrefixList.packIpv4(prefix.ipv4Address(), prefix.length()) + 1);
        }
        if (removed != null) {
            releaseId(removed.id());
        }
    }

    void forEach(BiConsumer<Prefix, Destination> action) {
        forEachIpv4((packed, d) -> action.accept(Prefix.ipv4((int) (packed >>> 8), (int) (packed & 0xFF)), d));
        ipv6.forEach(action);
    }

    /**
     * The IPv4 destinations with their packed prefixes, straight from the table's arrays.
     *
     * <p>Destinations, their paths and the paths' attribute sets lie in the heap in the order
     * they were made, not in the table's, so reading each is a cache miss. A walk reads a chunk's
     * best paths and their attribute sets first, in a loop short enough for the processor to have
     * many of those misses under way at once (what it reads is kept only so that the reads are
     * not optimised away), then hands the chunk over: the caller finds them in the cache.
     */
    void forEachIpv4(Rib.PackedIpv4Action action) {
        long[] keys = this.keys;
        Destination[] values = this.values;
        int[] slots = new int[WALK_CHUNK];
        long read = 0;
        for (int from = 0; from < keys.length; from += WALK_CHUNK) {
            int to = Math.min(keys.length, from + WALK_CHUNK);
            int n = 0;
            for (int i = from; i < to; i++) {
                if (keys[i] != 0) {
                    Path best = values[i].best();
                    read += best == null ? 0 : best.attributes().hashCode();
                    slots[n++] = i;
                }
            }
            for (int j = 0; j < n; j++) {
                action.accept(keys[slots[j]] - 1, values[slots[j]]);
            }
        }
        readAhead += read;
    }

    void forEachIpv6(BiConsumer<Prefix, Destination> action) {
        ipv6.forEach(action);
    }

    /** Bytes held by the table itself, not by its destinations. */
    long footprint() {
        return 16L + keys.length * 8L + 16 + values.length * 4L + ipv6.size() * 48L + freeIds.length * 4L;
    }

    int afiOf(Prefix prefix) {
        return prefix.isIpv4() ? AfiSafi.AFI_IPV4 : AfiSafi.AFI_IPV6;
    }

    private Destination removeIpv4(long key) {
        int i = slot(key, keys.length);
        while (keys[i] != 0) {
            if (keys[i] == key) {
                Destination d = values[i];
                shiftBack(i);
                size4--;
                return d;
            }
            i = next(i);
        }
        return null;
    }

    /** Backward-shift deletion: no tombstones, so lookups stay short after many removals. */
    private void shiftBack(int hole) {
        int i = hole;
        while (true) {
            i = next(i);
            if (keys[i] == 0) {
                break;
            }
            int home = slot(keys[i], keys.length);
            // Move the entry into the hole unless its home lies cyclically in (hole, i].
            boolean stays = hole <= i ? (home > hole && home <= i) : (home > hole || home <= i);
            if (!stays) {
                keys[hole] = keys[i];
                values[hole] = values[i];
                hole = i;
            }
        }
        keys[hole] = 0;
        values[hole] = null;
    }

    private void grow() {
        long[] oldKeys = keys;
        Destination[] oldValues = values;
        int capacity = (int) Math.min(Integer.MAX_VALUE - 8, oldKeys.length * 3L / 2);
        keys = new long[capacity];
        values = new Destination[capacity];
        for (int j = 0; j < oldKeys.length; j++) {
            if (oldKeys[j] != 0) {
                int i = slot(oldKeys[j], capacity);
                while (keys[i] != 0) {
                    i = next(i);
                }
                keys[i] = oldKeys[j];
                values[i] = oldValues[j];
            }
        }
    }

    private int next(int i) {
        return i + 1 == keys.length ? 0 : i + 1;
    }

    /** A 64-bit mix, then Lemire's multiply-shift reduction: any capacity, no modulo. */
    private static int slot(long key, int capacity) {
        long h = key * 0x9E3779B97F4A7C15L;
        h ^= h >>> 29;
        return (int) (((h >>> 32) * capacity) >>> 32);
    }

    private int allocateId() {
        return freeCount > 0 ? freeIds[--freeCount] : nextId++;
    }

    private void releaseId(int id) {
        if (freeCount == freeIds.length) {
            freeIds = java.util.Arrays.copyOf(freeIds, freeIds.length * 2);
        }
        freeIds[freeCount++] = id;
    }

    /** One past the largest destination identifier handed out (for per-peer bit sets). */
    int idLimit() {
        return nextId;
    }
}
