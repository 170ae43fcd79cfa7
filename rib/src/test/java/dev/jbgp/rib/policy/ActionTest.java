package dev.jbgp.rib.policy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jbgp.core.attribute.AsPath;
import dev.jbgp.core.attribute.AsPath.Segment;
import dev.jbgp.core.attribute.AsPath.SegmentType;
import dev.jbgp.core.attribute.Communities;
import dev.jbgp.core.attribute.LargeCommunities;
import dev.jbgp.core.attribute.LargeCommunities.LargeCommunity;
import dev.jbgp.core.attribute.LocalPref;
import dev.jbgp.core.attribute.NextHop;
import dev.jbgp.core.attribute.Origin;
import dev.jbgp.core.attribute.PathAttribute;
import dev.jbgp.core.attribute.PathAttributes;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** Each attribute edit on its own: what it makes of a set, and that it leaves the set it was given alone. */
class ActionTest {
    private static final int C1 = Communities.community(64512, 1);
    private static final int C2 = Communities.community(64512, 2);
    private static final NextHop NEXT_HOP = NextHop.of("192.0.2.1");
    private static final PathAttributes BASE = PathAttributes.of(Origin.IGP, AsPath.sequence(65001, 65002), NEXT_HOP);

    private static Segment sequence(long... asns) {
        return new Segment(SegmentType.AS_SEQUENCE, asns);
    }

    @Test
    void setLocalPrefAddsTheAttributeWhenAbsent() {
        PathAttributes edited = Action.setLocalPref(200).applyTo(BASE);
        assertEquals(new LocalPref(200), edited.localPref());
        assertNull(BASE.localPref());
        assertEquals(BASE, edited.without(PathAttribute.LOCAL_PREF));
    }

    @Test
    void setLocalPrefReplacesAnotherValue() {
        PathAttributes given = BASE.with(new LocalPref(100));
        PathAttributes edited = Action.setLocalPref(200).applyTo(given);
        assertEquals(new LocalPref(200), edited.localPref());
        assertEquals(new LocalPref(100), given.localPref());
    }

    @Test
    void setLocalPrefToTheValueAlreadyThereKeepsTheSameSet() {
        PathAttributes given = BASE.with(new LocalPref(200));
        assertSame(given, Action.setLocalPref(200).applyTo(given));
    }

    @Test
    void localPrefIsUnsigned32Bit() {
        assertEquals(new LocalPref(0xFFFF_FFFFL), Action.setLocalPref(0xFFFF_FFFFL).applyTo(BASE).localPref());
        assertThrows(IllegalArgumentException.class, () -> Action.setLocalPref(-1));
        assertThrows(IllegalArgumentException.class, () -> Action.setLocalPref(0x1_0000_0000L));
    }

    @Test
    void addCommunityCreatesTheAttributeWhenAbsent() {
        assertEquals(Communities.of(C1), Action.addCommunity(C1).applyTo(BASE).communities());
        assertNull(BASE.communities());
    }

    @Test
    void addCommunityAppendsToThoseThere() {
        PathAttributes given = BASE.with(Communities.of(C1));
        assertEquals(Communities.of(C1, C2), Action.addCommunity(C2).applyTo(given).communities());
        assertEquals(Communities.of(C1), given.communities());
    }

    @Test
    void addCommunityAlreadyThereKeepsTheSameSet() {
        PathAttributes given = BASE.with(Communities.of(C1, C2));
        assertSame(given, Action.addCommunity(C2).applyTo(given));
    }

    @Test
    void addLargeCommunityCreatesTheAttributeWhenAbsent() {
        PathAttributes edited = Action.addLargeCommunity(4_200_000_000L, 1, 2).applyTo(BASE);
        assertEquals(LargeCommunities.of(new LargeCommunity((int) 4_200_000_000L, 1, 2)), edited.largeCommunities());
        assertNull(BASE.largeCommunities());
    }

    @Test
    void addLargeCommunityAppendsToThoseThere() {
        LargeCommunity first = new LargeCommunity(64512, 1, 1);
        PathAttributes given = BASE.with(LargeCommunities.of(first));
        PathAttributes edited = Action.addLargeCommunity(64512, 2, 2).applyTo(given);
        assertEquals(LargeCommunities.of(first, new LargeCommunity(64512, 2, 2)), edited.largeCommunities());
        assertEquals(LargeCommunities.of(first), given.largeCommunities());
    }

    @Test
    void addLargeCommunityAlreadyThereKeepsTheSameSet() {
        PathAttributes given = BASE.with(LargeCommunities.of(new LargeCommunity(64512, 1, 1)));
        assertSame(given, Action.addLargeCommunity(64512, 1, 1).applyTo(given));
    }

    @Test
    void prependAsJoinsTheLeadingSequence() {
        PathAttributes edited = Action.prependAs(64512, 2).applyTo(BASE);
        assertEquals(AsPath.sequence(64512, 64512, 65001, 65002), edited.asPath());
        assertEquals(AsPath.sequence(65001, 65002), BASE.asPath());
    }

    @Test
    void prependAsOnAnEmptyPathMakesAPathOfItsCopiesAlone() {
        PathAttributes given = PathAttributes.of(Origin.IGP, AsPath.EMPTY);
        assertEquals(AsPath.sequence(64512, 64512, 64512), Action.prependAs(64512, 3).applyTo(given).asPath());
    }

    @Test
    void prependAsOnARouteWithoutAPathGivesItOne() {
        PathAttributes given = PathAttributes.of(Origin.IGP);
        assertEquals(AsPath.sequence(64512), Action.prependAs(64512, 1).applyTo(given).asPath());
    }

    @Test
    void prependAsBeforeAnAsSetOpensASequenceInFront() {
        Segment set = new Segment(SegmentType.AS_SET, new long[] {65001, 65002});
        PathAttributes given = PathAttributes.of(Origin.IGP, new AsPath(List.of(set)));
        AsPath path = Action.prependAs(64512, 1).applyTo(given).asPath();
        assertEquals(new AsPath(List.of(sequence(64512), set)), path);
        assertEquals(2, path.pathLength());
    }

    @Test
    void prependAsThatWouldOverfillTheLeadingSequenceOpensAnotherInFront() {
        long[] full = LongStream.rangeClosed(1, 254).toArray();
        PathAttributes given = PathAttributes.of(Origin.IGP, new AsPath(List.of(sequence(full))));
        AsPath path = Action.prependAs(64512, 2).applyTo(given).asPath();
        assertEquals(new AsPath(List.of(sequence(64512, 64512), sequence(full))), path);
        assertEquals(256, path.pathLength());
    }

    @Test
    void prependAsFillingTheLeadingSequenceExactlyStaysInIt() {
        long[] asns = LongStream.rangeClosed(1, 254).toArray();
        PathAttributes given = PathAttributes.of(Origin.IGP, new AsPath(List.of(sequence(asns))));
        AsPath path = Action.prependAs(64512, 1).applyTo(given).asPath();
        assertEquals(1, path.segments().size());
        assertEquals(255, path.segments().getFirst().size());
        assertEquals(64512, path.segments().getFirst().asn(0));
    }

    @Test
    void prependAsRefusesAsZeroAndCountsOutsideOneSegment() {
        assertThrows(IllegalArgumentException.class, () -> Action.prependAs(0, 1));
        assertThrows(IllegalArgumentException.class, () -> Action.prependAs(0x1_0000_0000L, 1));
        assertThrows(IllegalArgumentException.class, () -> Action.prependAs(64512, 0));
        assertThrows(IllegalArgumentException.class, () -> Action.prependAs(64512, 256));
    }

    @Test
    void editsLeaveTheOtherAttributesAsTheyWere() {
        PathAttributes edited = Action.addCommunity(C1).applyTo(Action.setLocalPref(50).applyTo(BASE));
        assertSame(BASE.origin(), edited.origin());
        assertSame(BASE.asPath(), edited.asPath());
        assertSame(BASE.nextHop(), edited.nextHop());
        assertNotSame(BASE, edited);
    }

    @Test
    void actionsPrintAsBirdWritesThem() {
        assertEquals("accept", Action.accept().toString());
        assertEquals("reject", Action.reject().toString());
        assertEquals("bgp_local_pref = 200", Action.setLocalPref(200).toString());
        assertEquals("bgp_community.add((64512,1))", Action.addCommunity(C1).toString());
        assertEquals("bgp_large_community.add((4200000000,1,2))", Action.addLargeCommunity(4_200_000_000L, 1, 2).toString());
        assertEquals("bgp_path.prepend(64512); bgp_path.prepend(64512)", Action.prependAs(64512, 2).toString());
        assertEquals("priority = 10", Action.setPriority(10).toString());
    }

    @Test
    void communityValuesKeepTheirBits() {
        // The top bit of the AS half is set: an int, not a negative number, to the reader.
        Action.AddCommunity a = Action.addCommunity(Communities.NO_EXPORT);
        assertArrayEquals(new int[] {Communities.NO_EXPORT},
                a.applyTo(BASE).communities().values());
        assertEquals("bgp_community.add((65535,65281))", a.toString());
    }
}
