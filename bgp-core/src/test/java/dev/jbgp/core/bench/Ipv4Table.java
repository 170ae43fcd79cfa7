package dev.jbgp.core.bench;

import dev.jbgp.core.AfiSafi;
import dev.jbgp.core.PrefixList;
import dev.jbgp.core.attribute.AsPath;
import dev.jbgp.core.attribute.Communities;
import dev.jbgp.core.attribute.LocalPref;
import dev.jbgp.core.attribute.MultiExitDisc;
import dev.jbgp.core.attribute.NextHop;
import dev.jbgp.core.attribute.Origin;
import dev.jbgp.core.attribute.PathAttribute;
import dev.jbgp.core.attribute.PathAttributes;
import dev.jbgp.core.codec.CodecContext;
import dev.jbgp.core.codec.MessageEncoder;
import dev.jbgp.core.message.Update;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * A synthetic IPv4 unicast table packed the way a speaker sends it: prefixes that share one
 * attribute set travel together, as many per UPDATE as fit the message limit.
 *
 * <p>Half the prefixes are /24s, half are /26s (four to a /24, like Calico's IPAM blocks), all
 * distinct, drawn from unicast space outside the special-purpose ranges. Each attribute set
 * carries 100 to 200 prefixes and has ORIGIN, an AS_PATH of 2 to 6 ASNs through one of four
 * upstreams, NEXT_HOP, LOCAL_PREF, and sometimes MED and COMMUNITIES; no two sets are equal.
 *
 * @param updates the UPDATEs in the order they are sent
 * @param prefixCount how many prefixes they announce in all
 * @param attributeSets how many distinct attribute sets they carry
 */
record Ipv4Table(List<Update> updates, int prefixCount, int attributeSets) {
    static final int MIN_GROUP = 100;
    static final int MAX_GROUP = 200;
    private static final long[] UPSTREAMS = {174, 1299, 3356, 6939};
    private static final String[] NEXT_HOPS = {"198.19.15.254", "198.19.15.253", "198.19.0.1", "198.19.0.3"};

    /** Special-purpose IPv4 ranges (RFC 6890) as {first /24, count of /24s}: never drawn. */
    private static final int[][] RESERVED = {
        {slot(10, 0, 0), 1 << 16}, {slot(100, 64, 0), 1 << 14}, {slot(127, 0, 0), 1 << 16},
        {slot(169, 254, 0), 1 << 8}, {slot(172, 16, 0), 1 << 12}, {slot(192, 0, 0), 1},
        {slot(192, 0, 2), 1}, {slot(192, 168, 0), 1 << 8}, {slot(198, 18, 0), 1 << 9},
        {slot(198, 51, 100), 1}, {slot(203, 0, 113), 1},
    };

    /** Builds a table of {@code prefixCount} prefixes (a multiple of 8) packed for {@code ctx}. */
    static Ipv4Table generate(long seed, int prefixCount, CodecContext ctx) {
        if (prefixCount % 8 != 0) {
            throw new IllegalArgumentException("prefix count must be a multiple of 8: " + prefixCount);
        }
        SplittableRandom random = new SplittableRandom(seed);
        long[] prefixes = prefixes(random, prefixCount);
        shuffle(prefixes, random);
        List<Update> updates = new ArrayList<>(prefixCount / MIN_GROUP);
        Set<PathAttributes> seen = new HashSet<>();
        int at = 0;
        while (at < prefixes.length) {
            int size = Math.min(random.nextInt(MIN_GROUP, MAX_GROUP + 1), prefixes.length - at);
            PathAttributes attributes;
            do {
                attributes = attributeSet(random);
            } while (!seen.add(attributes));
            long[] group = Arrays.copyOfRange(prefixes, at, at + size);
            Arrays.sort(group);
            updates.addAll(pack(attributes, group, ctx));
            at += size;
        }
        return new Ipv4Table(List.copyOf(updates), prefixCount, seen.size());
    }

    /** Distinct prefixes as packed words: half /24, half /26 (each /24 slot split into four). */
    private static long[] prefixes(SplittableRandom random, int count) {
        int whole = count / 2;
        int split = count / 8;
        BitSet used = new BitSet(1 << 24);
        for (int[] range : RESERVED) {
            used.set(range[0], range[0] + range[1]);
        }
        long[] out = new long[count];
        int n = 0;
        for (int slots = 0; slots < whole + split; ) {
            int s = random.nextInt(slot(1, 0, 0), slot(224, 0, 0));
            if (used.get(s)) {
                continue;
            }
            used.set(s);
            if (slots < whole) {
                out[n++] = PrefixList.packIpv4(s << 8, 24);
            } else {
                for (int quarter = 0; quarter < 4; quarter++) {
                    out[n++] = PrefixList.packIpv4(s << 8 | quarter << 6, 26);
                }
            }
            slots++;
        }
        return out;
    }

    private static PathAttributes attributeSet(SplittableRandom random) {
        int upstream = random.nextInt(UPSTREAMS.length);
        List<PathAttribute> a = new ArrayList<>(6);
        int o = random.nextInt(20);
        a.add(o < 16 ? Origin.IGP : o < 19 ? Origin.INCOMPLETE : Origin.EGP);
        long[] path = new long[random.nextInt(2, 7)];
        path[0] = UPSTREAMS[upstream];
        for (int i = 1; i < path.length; i++) {
            // One AS in ten is a 4-octet one (RFC 6793), the rest from the 2-octet public range.
            path[i] = random.nextInt(10) == 0 ? random.nextLong(131072, 401309) : random.nextLong(1, 64496);
        }
        a.add(AsPath.sequence(path));
        a.add(NextHop.of(NEXT_HOPS[upstream]));
        if (random.nextInt(10) < 3) {
            a.add(new MultiExitDisc(random.nextLong(0, 1000)));
        }
        int lp = random.nextInt(10);
        a.add(new LocalPref(lp < 8 ? 100 : lp < 9 ? 200 : 50));
        if (random.nextBoolean()) {
            int[] values = new int[random.nextInt(1, 5)];
            for (int i = 0; i < values.length; i++) {
                values[i] = Communities.community((int) path[0], random.nextInt(1000, 3000));
            }
            a.add(Communities.of(values));
        }
        return PathAttributes.of(a);
    }

    /** Fills UPDATEs of at most the context's limit with the group's prefixes (packed words), in order. */
    static List<Update> pack(PathAttributes attributes, long[] group, CodecContext ctx) {
        List<Update> out = new ArrayList<>(1);
        int limit = ctx.maxMessageLength();
        int empty = MessageEncoder.updateLength(Update.announce(attributes, PrefixList.empty(AfiSafi.AFI_IPV4)), ctx);
        int from = 0;
        int length = empty;
        for (int i = 0; i < group.length; i++) {
            int bits = (int) (group[i] & 0xFF);
            int octets = 1 + ((bits + 7) >>> 3);
            if (length + octets > limit) {
                out.add(update(attributes, group, from, i, ctx));
                from = i;
                length = empty;
            }
            length += octets;
        }
        out.add(update(attributes, group, from, group.length, ctx));
        return out;
    }

    private static Update update(PathAttributes attributes, long[] group, int from, int to, CodecContext ctx) {
        Update u = Update.announce(attributes, PrefixList.wrap(AfiSafi.AFI_IPV4, Arrays.copyOfRange(group, from, to), null));
        if (MessageEncoder.updateLength(u, ctx) > ctx.maxMessageLength()) {
            throw new IllegalStateException("packed an UPDATE past " + ctx.maxMessageLength() + " octets");
        }
        return u;
    }

    private static void shuffle(long[] a, SplittableRandom random) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            long t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    private static int slot(int a, int b, int c) {
        return a << 16 | b << 8 | c;
    }
}
