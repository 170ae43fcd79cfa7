package dev.jbgp.rib.out;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jbgp.core.Prefix;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The pending and owed sets agree with a plain HashSet under any mix of adds and removals. */
class PrefixSetTest {
    static Stream<Long> seeds() {
        return Stream.of(1L, 7L, 42L, 20261121L, 0xB6D1L);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void addsRemovalsAndLookupsAgreeWithAHashSet(long seed) {
        Random random = new Random(seed);
        PrefixSet set = new PrefixSet();
        Set<Prefix> model = new HashSet<>();
        for (int step = 0; step < 50_000; step++) {
            // A small space of prefixes, so removals hit and probe chains collide and wrap.
            Prefix p = random.nextInt(8) == 0
                    ? Prefix.ipv6(0xFD00_0000_0000_0000L | random.nextInt(64), 0, 64)
                    : Prefix.ipv4(random.nextInt(2048) << 8, 16 + random.nextInt(9));
            String at = "seed " + seed + ", step " + step + ", " + p;
            switch (random.nextInt(3)) {
                case 0 -> assertEquals(model.add(p), set.add(p), at);
                case 1 -> assertEquals(model.remove(p), set.remove(p), at);
                default -> assertEquals(model.contains(p), set.contains(p), at);
            }
            assertEquals(model.size(), set.size(), at);
        }
        Set<Prefix> listed = new HashSet<>();
        set.forEachIpv4(packed -> listed.add(Prefix.ipv4((int) (packed >>> 8), (int) (packed & 0xFF))));
        set.forEachIpv6(listed::add);
        assertEquals(model, listed, "seed " + seed);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void clearEmptiesTheSetAndGivesItsArraysBack(long seed) {
        Random random = new Random(seed);
        PrefixSet set = new PrefixSet();
        long empty = set.footprint();
        for (int i = 0; i < 100_000; i++) {
            set.add(Prefix.ipv4(random.nextInt(), 32));
        }
        assertTrue(set.footprint() > 100_000 * 8L);

        set.clear();

        assertTrue(set.isEmpty());
        assertEquals(empty, set.footprint());
        assertFalse(set.contains(Prefix.ipv4(0, 0)));
        assertTrue(set.add(Prefix.ipv4(0, 0)), "0.0.0.0/0 packs to 0 and is a prefix like any other");
        assertTrue(set.contains(Prefix.ipv4(0, 0)));
    }
}
