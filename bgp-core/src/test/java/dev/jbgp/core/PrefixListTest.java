package dev.jbgp.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PrefixListTest {
    private static final Prefix BLOCK_1 = Prefix.parse("198.19.21.64/26");
    private static final Prefix BLOCK_2 = Prefix.parse("198.19.21.0/26");
    private static final Prefix POOL = Prefix.parse("198.19.16.0/21");

    @Test
    void prefixesKeepTheOrderTheyWereAddedIn() {
        PrefixList list = PrefixList.of(BLOCK_1, POOL, BLOCK_2);
        assertEquals(List.of(BLOCK_1, POOL, BLOCK_2), list.toList());
        assertEquals(3, list.size());
        assertEquals(AfiSafi.AFI_IPV4, list.afi());
    }

    @Test
    void ipv4PrefixPacksIntoOneWordOfAddressThenLength() {
        PrefixList list = PrefixList.of(BLOCK_1);
        assertEquals(0xC613_1540L << 8 | 26, list.packedIpv4(0));
        assertEquals(PrefixList.packIpv4(BLOCK_1.ipv4Address(), 26), list.packedIpv4(0));
        assertEquals(0xC613_1540L, list.high(0));
        assertEquals(0, list.low(0));
        assertEquals(26, list.length(0));
    }

    @Test
    void packedIpv4WordsSortAsThePrefixesDo() {
        SplittableRandom r = new SplittableRandom(1997);
        for (int i = 0; i < 10_000; i++) {
            Prefix a = Prefix.ipv4(r.nextInt(), r.nextInt(33));
            Prefix b = r.nextBoolean() ? Prefix.ipv4(a.ipv4Address(), r.nextInt(33)) : Prefix.ipv4(r.nextInt(), r.nextInt(33));
            long wa = PrefixList.of(a).packedIpv4(0);
            long wb = PrefixList.of(b).packedIpv4(0);
            assertEquals(Integer.signum(a.compareTo(b)), Long.signum(Long.compare(wa, wb)), a + " vs " + b);
        }
    }

    @Test
    void ipv6PrefixPacksIntoHighLowAndLength() {
        Prefix p = Prefix.parse("fd00:198:19::1:0/112");
        PrefixList list = PrefixList.of(Prefix.parse("fd00::/8"), p);
        assertEquals(AfiSafi.AFI_IPV6, list.afi());
        assertEquals(p.hi(), list.high(1));
        assertEquals(p.lo(), list.low(1));
        assertEquals(112, list.length(1));
        assertEquals(p, list.get(1));
        assertThrows(IllegalStateException.class, () -> list.packedIpv4(0));
    }

    @Test
    void pathIdentifiersTravelBesideTheirPrefixes() {
        PrefixList list = PrefixList.of(List.of(BLOCK_1, BLOCK_2), new int[] {7, -1});
        assertTrue(list.hasPathIds());
        assertEquals(7, list.pathId(0));
        assertEquals(-1, list.pathId(1));
        assertEquals("[198.19.21.64/26 id 7, 198.19.21.0/26 id 4294967295]", list.toString());

        PrefixList plain = PrefixList.of(BLOCK_1, BLOCK_2);
        assertFalse(plain.hasPathIds());
        assertEquals(0, plain.pathId(1));
        assertNotEquals(plain, list, "the same prefixes under other path identifiers are another list");
        assertNotEquals(list, PrefixList.of(List.of(BLOCK_1, BLOCK_2), new int[] {7, 8}));
    }

    @Test
    void builderGrowsPastItsExpectedSize() {
        SplittableRandom r = new SplittableRandom(7911);
        List<Prefix> prefixes = new ArrayList<>();
        int[] ids = new int[300];
        PrefixList.Builder b = PrefixList.builder(AfiSafi.AFI_IPV6, 1, true);
        for (int i = 0; i < ids.length; i++) {
            Prefix p = Prefix.ipv6(r.nextLong(), r.nextLong(), r.nextInt(129));
            ids[i] = r.nextInt();
            prefixes.add(p);
            b.add(p, ids[i]);
        }
        assertEquals(300, b.size());
        PrefixList list = b.build();
        assertEquals(prefixes, list.toList());
        for (int i = 0; i < ids.length; i++) {
            assertEquals(ids[i], list.pathId(i));
        }
    }

    @Test
    void builderRejectsAPrefixOfAnotherFamily() {
        PrefixList.Builder b = PrefixList.builder(AfiSafi.AFI_IPV4, 2, false);
        assertThrows(IllegalArgumentException.class, () -> b.add(Prefix.parse("fd00::/64")));
    }

    @Test
    void concatJoinsListsOfOneFamilyKeepingIdentifiersOnlyWhenBothHaveThem() {
        PrefixList a = PrefixList.of(List.of(BLOCK_1), new int[] {1});
        PrefixList b = PrefixList.of(List.of(BLOCK_2), new int[] {2});
        PrefixList joined = PrefixList.concat(a, b);
        assertEquals(List.of(BLOCK_1, BLOCK_2), joined.toList());
        assertEquals(2, joined.pathId(1));
        assertFalse(PrefixList.concat(a, PrefixList.of(BLOCK_2)).hasPathIds());
        assertSame(a, PrefixList.concat(a, PrefixList.empty(AfiSafi.AFI_IPV4)));
        assertSame(b, PrefixList.concat(PrefixList.empty(AfiSafi.AFI_IPV4), b));
        assertThrows(IllegalArgumentException.class, () -> PrefixList.concat(a, PrefixList.of(Prefix.parse("fd00::/8"))));
    }

    @Test
    void emptyListsExistPerIpFamilyOnly() {
        assertTrue(PrefixList.empty(AfiSafi.AFI_IPV4).isEmpty());
        assertEquals(AfiSafi.AFI_IPV6, PrefixList.empty(AfiSafi.AFI_IPV6).afi());
        assertThrows(IllegalArgumentException.class, () -> PrefixList.empty(25));
    }

    @Test
    void wrapChecksTheShapeOfPackedWords() {
        assertThrows(IllegalArgumentException.class, () -> PrefixList.wrap(AfiSafi.AFI_IPV6, new long[4], null));
        assertThrows(IllegalArgumentException.class, () -> PrefixList.wrap(AfiSafi.AFI_IPV4, new long[2], new int[1]));
        PrefixList wrapped = PrefixList.wrap(AfiSafi.AFI_IPV4, new long[] {PrefixList.packIpv4(POOL.ipv4Address(), 21)}, null);
        assertEquals(List.of(POOL), wrapped.toList());
    }

    @Test
    void listsOfTheSamePrefixesAreEqualAndPathIdentifiersTellThemApart() {
        PrefixList list = PrefixList.of(BLOCK_1, BLOCK_2);
        assertEquals(List.of(BLOCK_1, BLOCK_2), list.toList());
        assertEquals(list, PrefixList.of(List.of(BLOCK_1, BLOCK_2), null));
        assertEquals(list.hashCode(), PrefixList.of(BLOCK_1, BLOCK_2).hashCode());
        assertNotEquals(list, PrefixList.of(List.of(BLOCK_1, BLOCK_2), new int[] {1, 2}));
        assertNotEquals(PrefixList.of(List.of(BLOCK_1, BLOCK_2), new int[] {1, 2}),
                PrefixList.of(List.of(BLOCK_1, BLOCK_2), new int[] {1, 3}));
    }
}
