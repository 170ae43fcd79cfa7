package dev.jbgp.rib.policy;

import static dev.jbgp.rib.policy.Routes.route;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jbgp.core.attribute.AsPath;
import dev.jbgp.core.attribute.AsPath.Segment;
import dev.jbgp.core.attribute.AsPath.SegmentType;
import dev.jbgp.core.attribute.Communities;
import dev.jbgp.core.attribute.LargeCommunities;
import dev.jbgp.core.attribute.LargeCommunities.LargeCommunity;
import dev.jbgp.core.attribute.Origin;
import dev.jbgp.core.attribute.PathAttribute;
import dev.jbgp.core.attribute.PathAttributes;
import dev.jbgp.rib.Route;
import java.util.List;
import org.junit.jupiter.api.Test;

class AttributeMatchTest {
    private static final int C_64512_100 = Communities.community(64512, 100);

    private static Route withAttributes(PathAttribute... attributes) {
        return route("10.0.0.0/24", PathAttributes.of(attributes));
    }

    private static Route withPath(Segment... segments) {
        return withAttributes(Origin.IGP, new AsPath(List.of(segments)));
    }

    private static Segment sequence(long... asns) {
        return new Segment(SegmentType.AS_SEQUENCE, asns);
    }

    @Test
    void communityMatchesARouteCarryingIt() {
        Route r = withAttributes(Origin.IGP, Communities.of(Communities.NO_EXPORT, C_64512_100));
        assertTrue(Match.hasCommunity(C_64512_100).matches(r));
        assertTrue(Match.hasCommunity(Communities.NO_EXPORT).matches(r));
    }

    @Test
    void communityDoesNotMatchARouteCarryingOthers() {
        Route r = withAttributes(Origin.IGP, Communities.of(Communities.community(64512, 101)));
        assertFalse(Match.hasCommunity(C_64512_100).matches(r));
    }

    @Test
    void communityDoesNotMatchARouteWithoutTheAttribute() {
        assertFalse(Match.hasCommunity(C_64512_100).matches(withAttributes(Origin.IGP)));
        assertFalse(Match.hasCommunity(C_64512_100).matches(route("10.0.0.0/24", PathAttributes.EMPTY)));
    }

    @Test
    void largeCommunityMatchesARouteCarryingItWithAllThreeNumbersEqual() {
        Route r = withAttributes(Origin.IGP,
                LargeCommunities.of(new LargeCommunity((int) 4_200_000_000L, 1, 2), new LargeCommunity(64512, 7, 8)));
        assertTrue(Match.hasLargeCommunity(4_200_000_000L, 1, 2).matches(r));
        assertTrue(Match.hasLargeCommunity(64512, 7, 8).matches(r));
        assertFalse(Match.hasLargeCommunity(4_200_000_000L, 1, 3).matches(r));
        assertFalse(Match.hasLargeCommunity(4_200_000_000L, 2, 2).matches(r));
        assertFalse(Match.hasLargeCommunity(64513, 7, 8).matches(r));
    }

    @Test
    void largeCommunityDoesNotMatchARouteWithoutTheAttribute() {
        assertFalse(Match.hasLargeCommunity(64512, 1, 2).matches(withAttributes(Origin.IGP)));
    }

    @Test
    void aStandardCommunityIsNotALargeOneWithTheSameNumbers() {
        Route r = withAttributes(Origin.IGP, Communities.of(C_64512_100));
        assertFalse(Match.hasLargeCommunity(64512, 100, 0).matches(r));
        assertFalse(Match.hasLargeCommunity(64512, 0, 100).matches(r));
    }

    @Test
    void largeCommunityNumbersAreUnsigned32Bit() {
        assertThrows(IllegalArgumentException.class, () -> Match.hasLargeCommunity(-1, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> Match.hasLargeCommunity(0, 0x1_0000_0000L, 0));
    }

    @Test
    void asPathPrefixMatchesAPathThatStartsWithThoseAsNumbers() {
        Route r = withPath(sequence(65001, 65002, 65003));
        assertTrue(Match.asPathStartsWith(65001).matches(r));
        assertTrue(Match.asPathStartsWith(65001, 65002).matches(r));
        assertTrue(Match.asPathStartsWith(65001, 65002, 65003).matches(r));
    }

    @Test
    void asPathPrefixDoesNotMatchThoseAsNumbersElsewhereOrInAnotherOrder() {
        Route r = withPath(sequence(65001, 65002, 65003));
        assertFalse(Match.asPathStartsWith(65002).matches(r));
        assertFalse(Match.asPathStartsWith(65002, 65001).matches(r));
        assertFalse(Match.asPathStartsWith(65001, 65003).matches(r));
    }

    @Test
    void asPathPrefixLongerThanThePathDoesNotMatch() {
        assertFalse(Match.asPathStartsWith(65001, 65002, 65003, 65004).matches(withPath(sequence(65001, 65002, 65003))));
    }

    @Test
    void asPathPrefixReadsOnAcrossASequenceSplitInTwoSegments() {
        Route r = withPath(sequence(65001), sequence(65002, 65003));
        assertTrue(Match.asPathStartsWith(65001, 65002).matches(r));
    }

    @Test
    void asPathPrefixDoesNotMatchAPathStartingWithAnAsSet() {
        // The members of an AS_SET have no order: none of them is "first".
        Route r = withPath(new Segment(SegmentType.AS_SET, new long[] {65001, 65002}), sequence(65003));
        assertFalse(Match.asPathStartsWith(65001).matches(r));
    }

    @Test
    void asPathPrefixStopsAtAnAsSetAfterTheSequence() {
        Route r = withPath(sequence(65001), new Segment(SegmentType.AS_SET, new long[] {65002}));
        assertTrue(Match.asPathStartsWith(65001).matches(r));
        assertFalse(Match.asPathStartsWith(65001, 65002).matches(r));
    }

    @Test
    void asPathPrefixDoesNotMatchAPathStartingWithAConfederationSequence() {
        Route r = withPath(new Segment(SegmentType.AS_CONFED_SEQUENCE, new long[] {65001}), sequence(65002));
        assertFalse(Match.asPathStartsWith(65001).matches(r));
        assertFalse(Match.asPathStartsWith(65002).matches(r));
    }

    @Test
    void asPathPrefixDoesNotMatchAnEmptyOrAbsentPath() {
        assertFalse(Match.asPathStartsWith(65001).matches(withAttributes(Origin.IGP, AsPath.EMPTY)));
        assertFalse(Match.asPathStartsWith(65001).matches(withAttributes(Origin.IGP)));
    }

    @Test
    void asPathPrefixComparesFourOctetAsNumbersWhole() {
        Route r = withPath(sequence(4_200_000_001L));
        assertTrue(Match.asPathStartsWith(4_200_000_001L).matches(r));
        assertFalse(Match.asPathStartsWith(4_200_000_001L & 0xFFFF).matches(r));
    }

    @Test
    void asPathPrefixNeedsAtLeastOneValidAsNumber() {
        assertThrows(IllegalArgumentException.class, Match::asPathStartsWith);
        assertThrows(IllegalArgumentException.class, () -> Match.asPathStartsWith(0x1_0000_0000L));
    }

    @Test
    void asPathPrefixKeepsItsOwnCopyOfTheAsNumbers() {
        long[] asns = {65001};
        Match m = Match.asPathStartsWith(asns);
        asns[0] = 65002;
        assertTrue(m.matches(withPath(sequence(65001))));
        assertEquals(Match.asPathStartsWith(65001), m);
    }

    @Test
    void attributeMatchesPrintAsBirdWritesThem() {
        assertEquals("(64512,100) ~ bgp_community", Match.hasCommunity(C_64512_100).toString());
        assertEquals("(4200000000,1,2) ~ bgp_large_community", Match.hasLargeCommunity(4_200_000_000L, 1, 2).toString());
        assertEquals("bgp_path ~ [= 65001 65002 * =]", Match.asPathStartsWith(65001, 65002).toString());
    }
}
