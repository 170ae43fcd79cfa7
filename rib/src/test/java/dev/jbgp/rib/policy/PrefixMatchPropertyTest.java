package dev.jbgp.rib.policy;

import static dev.jbgp.rib.policy.Routes.route;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jbgp.core.Prefix;
import dev.jbgp.rib.Route;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * Prefix matches checked against a bit-by-bit reading of the addresses, on random pairs of
 * prefixes. Half the pairs are related (the route prefix drawn from the rule's prefix, one
 * bit of it sometimes flipped) so both answers come up often. Every run is seeded; a failure
 * names the seed, and {@code -Dpolicy.property.seed=N} replays that seed alone.
 */
class PrefixMatchPropertyTest {
    private static final long[] FIXED_SEEDS = {1L, 42L, 0x5EEDL};
    private static final int COUNTED_SEEDS = 8;
    private static final int PAIRS_PER_SEED = 20_000;

    private static long[] seeds() {
        String replay = System.getProperty("policy.property.seed");
        if (replay != null) {
            return new long[] {Long.parseLong(replay)};
        }
        return LongStream.concat(LongStream.of(FIXED_SEEDS), LongStream.range(1000, 1000 + COUNTED_SEEDS)).toArray();
    }

    /** How often each match said yes, so the run can show it tested both answers. */
    private static final class Tally {
        int pairs;
        int within;
        int withinLengths;
        int exact;
    }

    @Test
    void prefixMatchesAgreeWithABitByBitComparison() {
        Tally tally = new Tally();
        for (long seed : seeds()) {
            SplittableRandom random = new SplittableRandom(seed);
            for (int i = 0; i < PAIRS_PER_SEED; i++) {
                checkPair(seed, i, random, tally);
            }
        }
        assertTrue(tally.within > tally.pairs / 10, "within matched only " + tally.within + " of " + tally.pairs);
        assertTrue(tally.withinLengths > tally.pairs / 20,
                "length ranges matched only " + tally.withinLengths + " of " + tally.pairs);
        assertTrue(tally.exact > tally.pairs / 100, "exact matched only " + tally.exact + " of " + tally.pairs);
        assertTrue(tally.within < tally.pairs * 9 / 10, "within matched " + tally.within + " of " + tally.pairs);
    }

    private static void checkPair(long seed, int pair, SplittableRandom random, Tally tally) {
        Prefix rule = randomPrefix(random);
        Prefix net = random.nextBoolean() ? related(rule, random) : randomPrefix(random);
        int maxBits = rule.isIpv4() ? 32 : 128;
        int min = random.nextInt(rule.length(), maxBits + 1);
        int max = random.nextInt(min, maxBits + 1);
        String where = "seed " + seed + " (replay with -Dpolicy.property.seed=" + seed + "), pair " + pair + ": rule "
                + rule + ", net " + net;
        Route route = route(net);

        boolean inside = sameFamily(rule, net) && net.length() >= rule.length() && sameBits(rule, net, rule.length());
        assertEquals(inside, Match.within(rule).matches(route), where + ": within");
        assertEquals(rule.contains(net), Match.within(rule).matches(route), where + ": within against Prefix.contains");

        boolean inRange = inside && net.length() >= min && net.length() <= max;
        assertEquals(inRange, Match.withinLengths(rule, min, max).matches(route),
                where + ": within lengths " + min + ".." + max);

        boolean same = sameFamily(rule, net) && net.length() == rule.length() && sameBits(rule, net, rule.length());
        assertEquals(same, Match.exact(rule).matches(route), where + ": exact");

        tally.pairs++;
        tally.within += inside ? 1 : 0;
        tally.withinLengths += inRange ? 1 : 0;
        tally.exact += same ? 1 : 0;
    }

    private static Prefix randomPrefix(SplittableRandom random) {
        return random.nextBoolean() ? Prefix.ipv4(random.nextInt(), random.nextInt(33))
                : Prefix.ipv6(random.nextLong(), random.nextLong(), random.nextInt(129));
    }

    /**
     * A prefix sharing the rule's leading bits: of any length in the family (so shorter,
     * equal and longer ones all come up), its other bits random; one time in four one of the
     * shared bits is flipped, to make near misses. Equal prefixes come up when the length
     * drawn is the rule's.
     */
    private static Prefix related(Prefix rule, SplittableRandom random) {
        int maxBits = rule.isIpv4() ? 32 : 128;
        int length = random.nextInt(4) == 0 ? rule.length() : random.nextInt(maxBits + 1);
        if (rule.isIpv4()) {
            long keep = rule.length() == 0 ? 0 : (0xFFFF_FFFFL << (32 - rule.length())) & 0xFFFF_FFFFL;
            long bits = (rule.hi() & keep) | (random.nextInt() & 0xFFFF_FFFFL & ~keep);
            if (rule.length() > 0 && random.nextInt(4) == 0) {
                bits ^= 1L << (31 - random.nextInt(rule.length()));
            }
            return Prefix.ipv4((int) bits, length);
        }
        long keepHi = rule.length() == 0 ? 0 : rule.length() >= 64 ? -1L : -1L << (64 - rule.length());
        long keepLo = rule.length() <= 64 ? 0 : rule.length() == 128 ? -1L : -1L << (128 - rule.length());
        long hi = (rule.hi() & keepHi) | (random.nextLong() & ~keepHi);
        long lo = (rule.lo() & keepLo) | (random.nextLong() & ~keepLo);
        if (rule.length() > 0 && random.nextInt(4) == 0) {
            int bit = random.nextInt(rule.length());
            if (bit < 64) {
                hi ^= 1L << (63 - bit);
            } else {
                lo ^= 1L << (127 - bit);
            }
        }
        return Prefix.ipv6(hi, lo, length);
    }

    private static boolean sameFamily(Prefix a, Prefix b) {
        return a.isIpv4() == b.isIpv4();
    }

    /** The first {@code bits} bits of the two addresses, read one at a time from their bytes. */
    private static boolean sameBits(Prefix a, Prefix b, int bits) {
        byte[] x = a.address().getAddress();
        byte[] y = b.address().getAddress();
        for (int i = 0; i < bits; i++) {
            int mask = 0x80 >>> (i % 8);
            if ((x[i / 8] & mask) != (y[i / 8] & mask)) {
                return false;
            }
        }
        return true;
    }
}
