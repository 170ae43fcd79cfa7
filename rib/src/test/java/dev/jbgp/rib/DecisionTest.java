package dev.jbgp.rib;

import static dev.jbgp.rib.Peers.OUR_AS;
import static dev.jbgp.rib.Peers.address;
import static dev.jbgp.rib.Peers.ebgp;
import static dev.jbgp.rib.Peers.ibgp;
import static dev.jbgp.rib.Peers.id;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jbgp.core.attribute.AsPath;
import dev.jbgp.core.attribute.AsPath.Segment;
import dev.jbgp.core.attribute.AsPath.SegmentType;
import dev.jbgp.core.attribute.ClusterList;
import dev.jbgp.core.attribute.LocalPref;
import dev.jbgp.core.attribute.MultiExitDisc;
import dev.jbgp.core.attribute.NextHop;
import dev.jbgp.core.attribute.Origin;
import dev.jbgp.core.attribute.OriginatorId;
import dev.jbgp.core.attribute.PathAttribute;
import dev.jbgp.core.attribute.PathAttributes;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The decision process one step at a time (RFC 4271 section 9.1.1 and 9.1.2.2, RFC 4456
 * section 9, the usual tie-breakers). Each step has a fixture of two paths that are equal at
 * every earlier step and differ at that one; the path that wins there is worse at every later
 * step the fixture can make it worse at, so a step that were skipped would pick the other path.
 * The fixtures of the two RFC 4456 section 9 steps (ORIGINATOR_ID in place of the router ID, the
 * shorter CLUSTER_LIST) are route-reflector's {@code ReflectedPathSelectionTest}, through a
 * reflector's RIB; here those steps appear in the order of the steps and in the multipath set.
 */
class DecisionTest {

    /** Next hops and their interior cost; 198.19.0.99 cannot be reached. */
    private static final Map<InetAddress, Integer> IGP = Map.of(
            address("198.19.0.1"), 0,
            address("198.19.0.2"), 5,
            address("198.19.0.3"), 10,
            address("198.19.0.4"), 20);
    private static final NextHopResolver RESOLVER = hop -> IGP.getOrDefault(hop, NextHopResolver.UNRESOLVABLE);

    private static final Decision DEFAULT = decision(false, false, false, 16);

    // Peers whose router ID and address both rank "low" (better at the tie-breakers) or "high".
    private static final RibPeer LOCAL = RibPeer.local(address("198.19.255.1"), OUR_AS, id("198.19.255.1"));
    private static final RibPeer EBGP_LOW = ebgp(1, "192.0.2.1", 65001, "10.0.0.1");
    private static final RibPeer EBGP_HIGH = ebgp(2, "192.0.2.2", 65001, "10.0.0.2");
    private static final RibPeer EBGP_OTHER_AS = ebgp(3, "192.0.2.3", 65002, "10.0.0.3");
    private static final RibPeer IBGP_LOW = ibgp(4, "198.19.1.1", "10.1.0.1");
    private static final RibPeer IBGP_HIGH = ibgp(5, "198.19.1.2", "10.1.0.2");

    // --- one test per step ---------------------------------------------------------------

    @Test
    void locallyOriginatedRouteWinsOverALearnedOneWhateverItsLocalPref() {
        Path own = path(LOCAL, 0, attrs(Origin.INCOMPLETE, AsPath.EMPTY, hop("198.19.0.4"), lp(100)));
        Path learned = path(EBGP_LOW, 0, attrs(Origin.IGP, AsPath.EMPTY, hop("198.19.0.1"), lp(500)));

        assertDecidedAt(DecisionStep.LOCALLY_ORIGINATED, own, learned, DEFAULT);
    }

    @Test
    void higherLocalPrefWinsOverAShorterAsPath() {
        Path preferred = path(IBGP_HIGH, 9, attrs(Origin.INCOMPLETE, seq(65001, 65010, 65020), hop("198.19.0.4"), lp(200)));
        Path shorter = path(IBGP_LOW, 1, attrs(Origin.IGP, seq(65001), hop("198.19.0.1"), lp(100)));

        assertDecidedAt(DecisionStep.LOCAL_PREF, preferred, shorter, DEFAULT);
    }

    @Test
    void missingLocalPrefCountsAsTheDefaultOf100() {
        Path none = path(IBGP_HIGH, 9, attrs(Origin.INCOMPLETE, seq(65001, 65010), hop("198.19.0.4")));
        Path lower = path(IBGP_LOW, 1, attrs(Origin.IGP, seq(65001), hop("198.19.0.1"), lp(99)));
        Path equal = path(IBGP_LOW, 1, attrs(Origin.IGP, seq(65001, 65010), hop("198.19.0.4"), lp(100)));

        assertDecidedAt(DecisionStep.LOCAL_PREF, none, lower, DEFAULT);
        assertDecidedAt(DecisionStep.ORIGIN, equal, none, DEFAULT);
    }

    @Test
    void shorterAsPathWinsOverALowerOrigin() {
        Path shorter = path(EBGP_HIGH, 9, attrs(Origin.INCOMPLETE, seq(65001, 65010), hop("198.19.0.4"), lp(100)));
        Path longer = path(EBGP_LOW, 1, attrs(Origin.IGP, seq(65001, 65010, 65020), hop("198.19.0.1"), lp(100)));

        assertDecidedAt(DecisionStep.AS_PATH_LENGTH, shorter, longer, DEFAULT);
    }

    @Test
    void lowerOriginWinsOverALowerMed() {
        Path igp = path(EBGP_HIGH, 9, attrs(Origin.IGP, seq(65001), hop("198.19.0.4"), med(50)));
        Path egp = path(EBGP_LOW, 1, attrs(Origin.EGP, seq(65001), hop("198.19.0.1"), med(0)));
        Path incomplete = path(EBGP_LOW, 1, attrs(Origin.INCOMPLETE, seq(65001), hop("198.19.0.1"), med(0)));

        assertDecidedAt(DecisionStep.ORIGIN, igp, egp, DEFAULT);
        Path egpHigh = path(EBGP_HIGH, 9, attrs(Origin.EGP, seq(65001), hop("198.19.0.4"), med(50)));
        assertDecidedAt(DecisionStep.ORIGIN, egpHigh, incomplete, DEFAULT);
    }

    @Test
    void lowerMedFromTheSameNeighbourAsWinsOverAnExternalPath() {
        // An iBGP path from AS 65001 through another border router against an eBGP path from AS 65001.
        Path lowMed = path(IBGP_HIGH, 9, attrs(Origin.IGP, seq(65001), hop("198.19.0.4"), med(0)));
        Path highMed = path(EBGP_LOW, 1, attrs(Origin.IGP, seq(65001), hop("198.19.0.1"), med(50)));

        assertDecidedAt(DecisionStep.MED, lowMed, highMed, DEFAULT);
    }

    @Test
    void externalPathWinsOverAnInternalOneWithALowerIgpCost() {
        Path external = path(EBGP_HIGH, 9, attrs(Origin.IGP, seq(65001), hop("198.19.0.4")));
        Path internal = path(IBGP_LOW, 1, attrs(Origin.IGP, seq(65001), hop("198.19.0.1")));

        assertDecidedAt(DecisionStep.EXTERNAL_OVER_INTERNAL, external, internal, DEFAULT);
    }

    @Test
    void lowerIgpCostToTheNextHopWinsOverALowerRouterId() {
        Path near = path(IBGP_HIGH, 9, attrs(Origin.IGP, seq(65001), hop("198.19.0.2")));
        Path far = path(IBGP_LOW, 1, attrs(Origin.IGP, seq(65001), hop("198.19.0.3")));

        assertDecidedAt(DecisionStep.IGP_COST, near, far, DEFAULT);
    }

    @Test
    void olderExternalPathWinsOverALowerRouterIdWhenAskedTo() {
        Decision oldestFirst = decision(false, false, true, 16);
        PathAttributes a = attrs(Origin.IGP, seq(65001), hop("198.19.0.1"));
        Path older = new Path(EBGP_HIGH, 9, a, a, null, null, 1);
        Path newer = new Path(EBGP_LOW, 1, a, a, null, null, 2);

        assertDecidedAt(DecisionStep.OLDEST_EXTERNAL, older, newer, oldestFirst);
        // Off by default, where the router ID decides.
        assertDecidedAt(DecisionStep.ROUTER_ID, newer, older, DEFAULT);
    }

    @Test
    void ageDoesNotDecideBetweenInternalPaths() {
        Decision oldestFirst = decision(false, false, true, 16);
        PathAttributes a = attrs(Origin.IGP, seq(65001), hop("198.19.0.1"));
        Path older = new Path(IBGP_HIGH, 9, a, a, null, null, 1);
        Path newer = new Path(IBGP_LOW, 1, a, a, null, null, 2);

        assertDecidedAt(DecisionStep.ROUTER_ID, newer, older, oldestFirst);
    }

    @Test
    void lowerRouterIdWinsOverAShorterClusterListAndALowerAddress() {
        RibPeer lowIdHighAddress = ibgp(6, "198.19.1.9", "10.1.0.1");
        RibPeer highIdLowAddress = ibgp(7, "198.19.1.8", "10.1.0.2");
        Path lowId = path(lowIdHighAddress, 9, attrs(Origin.IGP, seq(65001), hop("198.19.0.1"), clusters(1, 2)));
        Path highId = path(highIdLowAddress, 1, attrs(Origin.IGP, seq(65001), hop("198.19.0.1")));

        assertDecidedAt(DecisionStep.ROUTER_ID, lowId, highId, DEFAULT);
    }

    @Test
    void lowerPeerAddressWinsBetweenPeersWithOneRouterId() {
        RibPeer lowAddress = ibgp(6, "198.19.1.1", "10.1.0.7");
        RibPeer highAddress = ibgp(7, "198.19.1.2", "10.1.0.7");
        PathAttributes a = attrs(Origin.IGP, seq(65001), hop("198.19.0.1"));

        assertDecidedAt(DecisionStep.PEER_ADDRESS, path(lowAddress, 9, a), path(highAddress, 1, a), DEFAULT);
    }

    @Test
    void ipv4PeerAddressSortsBeforeIpv6() {
        RibPeer v4 = new RibPeer(6, RibPeer.Kind.INTERNAL, address("255.255.255.254"), OUR_AS, id("10.1.0.7"), false);
        RibPeer v6 = new RibPeer(7, RibPeer.Kind.INTERNAL, address("::1"), OUR_AS, id("10.1.0.7"), false);
        PathAttributes a = attrs(Origin.IGP, seq(65001), hop("198.19.0.1"));

        assertDecidedAt(DecisionStep.PEER_ADDRESS, path(v4, 9, a), path(v6, 1, a), DEFAULT);
    }

    @Test
    void lowerPathIdentifierWinsBetweenAddPathPathsOfOnePeer() {
        PathAttributes a = attrs(Origin.IGP, seq(65001), hop("198.19.0.1"));

        assertDecidedAt(DecisionStep.PATH_ID, path(IBGP_LOW, 1, a), path(IBGP_LOW, 2, a), DEFAULT);
        // Unsigned: 0x8000_0000 is past 1, not below it.
        assertDecidedAt(DecisionStep.PATH_ID, path(IBGP_LOW, 1, a), path(IBGP_LOW, 0x8000_0000, a), DEFAULT);
    }

    @Test
    void aPathComparedWithItselfIsEqual() {
        Path p = path(IBGP_LOW, 3, attrs(Origin.IGP, seq(65001), hop("198.19.0.1")));
        assertEquals(0, DEFAULT.compare(p, p));
        assertTrue(Decision.multipath(0));
    }

    // --- MED -------------------------------------------------------------------------------

    @Test
    void medIsNotComparedBetweenDifferentNeighbouringAses() {
        Path lowMed = path(EBGP_OTHER_AS, 9, attrs(Origin.IGP, seq(65002), hop("198.19.0.1"), med(0)));
        Path highMed = path(EBGP_LOW, 1, attrs(Origin.IGP, seq(65001), hop("198.19.0.1"), med(50)));

        // The router ID decides: EBGP_LOW (10.0.0.1) under EBGP_OTHER_AS (10.0.0.3).
        assertDecidedAt(DecisionStep.ROUTER_ID, highMed, lowMed, DEFAULT);
        assertDecidedAt(DecisionStep.MED, lowMed, highMed, decision(true, false, false, 16));
    }

    @Test
    void neighbouringAsIsTheFirstAsOfThePathNotThePeerAs() {
        // Learned from different eBGP peers, but both routes entered through AS 65005.
        RibPeer viaOther = ebgp(8, "192.0.2.8", 65001, "10.0.0.8");
        Path lowMed = path(viaOther, 9, attrs(Origin.IGP, seq(65005, 65010), hop("198.19.0.1"), med(0)));
        Path highMed = path(EBGP_LOW, 1, attrs(Origin.IGP, seq(65005, 65020), hop("198.19.0.1"), med(50)));

        assertDecidedAt(DecisionStep.MED, lowMed, highMed, DEFAULT);
    }

    @Test
    void missingMedCountsAsZeroByDefaultAndAsTheWorstWhenAskedTo() {
        Path none = path(EBGP_HIGH, 9, attrs(Origin.IGP, seq(65001), hop("198.19.0.1")));
        Path some = path(EBGP_LOW, 1, attrs(Origin.IGP, seq(65001), hop("198.19.0.1"), med(1)));
        Path zero = path(EBGP_LOW, 1, attrs(Origin.IGP, seq(65001), hop("198.19.0.1"), med(0)));

        assertDecidedAt(DecisionStep.MED, none, some, DEFAULT);
        assertDecidedAt(DecisionStep.ROUTER_ID, zero, none, DEFAULT);

        Decision missingWorst = decision(false, true, false, 16);
        assertDecidedAt(DecisionStep.MED, some, none, missingWorst);
        Path highest = path(EBGP_LOW, 1, attrs(Origin.IGP, seq(65001), hop("198.19.0.1"), med(0xFFFF_FFFFL)));
        assertDecidedAt(DecisionStep.ROUTER_ID, highest, none, missingWorst);
    }

    @Test
    void medIsAnUnsignedThirtyTwoBitValue() {
        Path low = path(EBGP_HIGH, 9, attrs(Origin.IGP, seq(65001), hop("198.19.0.1"), med(0x7FFF_FFFFL)));
        Path high = path(EBGP_LOW, 1, attrs(Origin.IGP, seq(65001), hop("198.19.0.1"), med(0x8000_0000L)));

        assertDecidedAt(DecisionStep.MED, low, high, DEFAULT);
    }

    @Test
    void medBetweenSomePathsOnlyStillGivesTheRfcBestPathInEveryArrivalOrder() {
        // Pairwise the paths go round: iBGP beats eBGP-65002 at MED, eBGP-65002 beats eBGP-65001 at
        // the router ID, eBGP-65001 beats iBGP as external. The RFC eliminates eBGP-65002 at MED
        // first; of the other two the external path wins.
        RibPeer highIdIn65001 = ebgp(8, "192.0.2.8", 65001, "10.0.0.9");
        Path internal = path(IBGP_LOW, 0, attrs(Origin.IGP, seq(65002), hop("198.19.0.1"), med(0)));
        Path external65002 = path(EBGP_OTHER_AS, 0, attrs(Origin.IGP, seq(65002), hop("198.19.0.1"), med(50)));
        Path external65001 = path(highIdIn65001, 0, attrs(Origin.IGP, seq(65001), hop("198.19.0.1")));
        assertDecidedAt(DecisionStep.MED, internal, external65002, DEFAULT);
        assertDecidedAt(DecisionStep.ROUTER_ID, external65002, external65001, DEFAULT);
        assertDecidedAt(DecisionStep.EXTERNAL_OVER_INTERNAL, external65001, internal, DEFAULT);

        List<Path[]> orders = List.of(
                new Path[] {internal, external65002, external65001}, new Path[] {internal, external65001, external65002},
                new Path[] {external65002, internal, external65001}, new Path[] {external65002, external65001, internal},
                new Path[] {external65001, internal, external65002}, new Path[] {external65001, external65002, internal});
        for (Path[] order : orders) {
            Destination d = destination(DEFAULT, order);
            assertSame(external65001, d.best());
            assertEquals(List.of(external65001), d.multipathSet());
            assertEquals(List.of(external65001, internal, external65002), d.paths());
        }
    }

    @Test
    void pathEliminatedAtMedWithinItsAsDoesNotShareTrafficWithTheBestOfAnother() {
        // 65001's two paths differ at MED; 65002's path ties with 65001's better one through the IGP cost.
        Path low = path(EBGP_HIGH, 0, attrs(Origin.IGP, seq(65001), hop("198.19.0.1"), med(0)));
        Path high = path(EBGP_LOW, 0, attrs(Origin.IGP, seq(65001), hop("198.19.0.1"), med(50)));
        Path other = path(EBGP_OTHER_AS, 0, attrs(Origin.IGP, seq(65002), hop("198.19.0.1"), med(7)));

        for (Path[] order : List.of(new Path[] {low, high, other}, new Path[] {other, high, low},
                new Path[] {high, other, low})) {
            Destination d = destination(DEFAULT, order);
            assertEquals(List.of(low, other), d.multipathSet());
            assertEquals(List.of(low, other, high), d.paths());
        }
    }

    // --- AS_PATH length --------------------------------------------------------------------

    @Test
    void anAsSetCountsAsOne() {
        AsPath withSet = new AsPath(List.of(
                new Segment(SegmentType.AS_SEQUENCE, new long[] {65001, 65010}),
                new Segment(SegmentType.AS_SET, new long[] {65100, 65101, 65102, 65103})));
        Path aggregated = path(EBGP_HIGH, 9, attrs(Origin.IGP, withSet, hop("198.19.0.1")));
        Path longer = path(EBGP_LOW, 1, attrs(Origin.IGP, seq(65001, 65010, 65020, 65030), hop("198.19.0.1")));
        Path asLong = path(EBGP_LOW, 1, attrs(Origin.IGP, seq(65001, 65010, 65020), hop("198.19.0.1")));

        assertEquals(3, withSet.pathLength());
        assertDecidedAt(DecisionStep.AS_PATH_LENGTH, aggregated, longer, DEFAULT);
        assertDecidedAt(DecisionStep.ROUTER_ID, asLong, aggregated, DEFAULT);
    }

    @Test
    void confederationSegmentsCountZero() {
        AsPath confed = new AsPath(List.of(
                new Segment(SegmentType.AS_CONFED_SEQUENCE, new long[] {64601, 64602, 64603}),
                new Segment(SegmentType.AS_CONFED_SET, new long[] {64604, 64605}),
                new Segment(SegmentType.AS_SEQUENCE, new long[] {65001, 65010})));
        Path throughConfed = path(IBGP_HIGH, 9, attrs(Origin.IGP, confed, hop("198.19.0.1")));
        Path longer = path(IBGP_LOW, 1, attrs(Origin.IGP, seq(65001, 65010, 65020), hop("198.19.0.1")));
        Path asLong = path(IBGP_LOW, 1, attrs(Origin.IGP, seq(65001, 65010), hop("198.19.0.1")));

        assertDecidedAt(DecisionStep.AS_PATH_LENGTH, throughConfed, longer, DEFAULT);
        assertDecidedAt(DecisionStep.ROUTER_ID, asLong, throughConfed, DEFAULT);
    }

    @Test
    void confederationSegmentsDoNotHideTheNeighbouringAsFromTheMedStep() {
        AsPath confed = new AsPath(List.of(
                new Segment(SegmentType.AS_CONFED_SEQUENCE, new long[] {64601}),
                new Segment(SegmentType.AS_SEQUENCE, new long[] {65001})));
        Path lowMed = path(IBGP_HIGH, 9, attrs(Origin.IGP, confed, hop("198.19.0.1"), med(0)));
        Path highMed = path(IBGP_LOW, 1, attrs(Origin.IGP, seq(65001), hop("198.19.0.1"), med(50)));

        assertDecidedAt(DecisionStep.MED, lowMed, highMed, DEFAULT);
    }

    // --- router ID -------------------------------------------------------------------------

    @Test
    void originatorIdIsComparedWithThePeerRouterIdOfAnUnreflectedRoute() {
        // IBGP_LOW's own router ID 10.1.0.1 against a reflected route whose originator is 10.1.0.0.
        Path reflected = path(IBGP_HIGH, 9, attrs(Origin.IGP, seq(65001), hop("198.19.0.1"), originator("10.1.0.0")));
        Path direct = path(IBGP_LOW, 1, attrs(Origin.IGP, seq(65001), hop("198.19.0.1")));

        assertDecidedAt(DecisionStep.ROUTER_ID, reflected, direct, DEFAULT);
    }

    @Test
    void routerIdsCompareAsUnsignedNumbers() {
        // 200.0.0.1 is a negative int; as a BGP Identifier it is above 10.0.0.1.
        RibPeer low = ibgp(6, "198.19.1.9", "10.0.0.1");
        RibPeer high = ibgp(7, "198.19.1.8", "200.0.0.1");
        PathAttributes a = attrs(Origin.IGP, seq(65001), hop("198.19.0.1"));

        assertTrue(id("200.0.0.1") < 0);
        assertDecidedAt(DecisionStep.ROUTER_ID, path(low, 9, a), path(high, 1, a), DEFAULT);
    }

    // --- the multipath set -----------------------------------------------------------------

    @Test
    void pathsThatDifferOnlyAfterTheIgpCostMayShareTraffic() {
        for (DecisionStep s : DecisionStep.values()) {
            boolean expected = s.compareTo(DecisionStep.IGP_COST) > 0;
            int comparison = s.ordinal() + 1;
            assertEquals(expected, Decision.multipath(comparison), s.name());
            assertEquals(expected, Decision.multipath(-comparison), s.name());
        }
        assertSame(DecisionStep.IGP_COST, DecisionStep.LAST_MULTIPATH_STEP);
    }

    @Test
    void pathsEqualThroughTheIgpCostFormTheMultipathSetBestFirst() {
        RibPeer third = ebgp(9, "192.0.2.9", 65003, "10.0.0.9");
        Path a = path(EBGP_LOW, 0, attrs(Origin.IGP, seq(65001, 65100), hop("198.19.0.2")));
        Path b = path(EBGP_OTHER_AS, 0, attrs(Origin.IGP, seq(65002, 65100), hop("198.19.0.2")));
        Path c = path(third, 0, attrs(Origin.IGP, seq(65003, 65100), hop("198.19.0.2")));

        Destination d = destination(DEFAULT, c, a, b);

        assertEquals(List.of(a, b, c), d.multipathSet());
        assertSame(a, d.best());
    }

    @Test
    void aPathThatDiffersAtTheRouterIdOrLaterJoinsTheMultipathSet() {
        PathAttributes base = attrs(Origin.IGP, seq(65001, 65100), hop("198.19.0.2"));
        PathAttributes reflected = attrs(Origin.IGP, seq(65001, 65100), hop("198.19.0.2"), originator("10.1.0.2"),
                clusters(1, 2));
        Path best = path(IBGP_LOW, 1, base);
        Path atRouterId = path(IBGP_HIGH, 1, base);
        Path atClusterList = path(IBGP_HIGH, 2, reflected);
        Path atPathId = path(IBGP_LOW, 2, base);

        Destination d = destination(DEFAULT, atClusterList, atPathId, atRouterId, best);

        assertEquals(DecisionStep.ROUTER_ID, Decision.step(DEFAULT.compare(best, atRouterId)));
        assertEquals(DecisionStep.CLUSTER_LIST_LENGTH, Decision.step(DEFAULT.compare(atRouterId, atClusterList)));
        assertEquals(DecisionStep.PATH_ID, Decision.step(DEFAULT.compare(best, atPathId)));
        assertEquals(List.of(best, atPathId, atRouterId, atClusterList), d.multipathSet());
    }

    @Test
    void olderExternalPathIsPreferredButTheNewerOneStillSharesTraffic() {
        Decision oldestFirst = decision(false, false, true, 16);
        PathAttributes a = attrs(Origin.IGP, seq(65001), hop("198.19.0.1"));
        Path older = new Path(EBGP_HIGH, 0, a, a, null, null, 1);
        Path newer = new Path(EBGP_LOW, 0, a, a, null, null, 2);

        Destination d = destination(oldestFirst, newer, older);

        assertEquals(List.of(older, newer), d.multipathSet());
    }

    @Test
    void aPathThatDiffersAtTheIgpCostOrEarlierStaysOutOfTheMultipathSet() {
        Path best = path(EBGP_HIGH, 7, attrs(Origin.IGP, seq(65001, 65100), hop("198.19.0.2"), med(10)));
        Map<DecisionStep, Path> losers = Map.of(
                DecisionStep.LOCAL_PREF,
                path(IBGP_HIGH, 1, attrs(Origin.IGP, seq(65001, 65100), hop("198.19.0.2"), med(10), lp(90))),
                DecisionStep.AS_PATH_LENGTH,
                path(IBGP_HIGH, 2, attrs(Origin.IGP, seq(65001, 65100, 65200), hop("198.19.0.2"), med(10))),
                DecisionStep.ORIGIN,
                path(IBGP_HIGH, 3, attrs(Origin.EGP, seq(65001, 65100), hop("198.19.0.2"), med(10))),
                DecisionStep.MED,
                path(IBGP_HIGH, 4, attrs(Origin.IGP, seq(65001, 65100), hop("198.19.0.2"), med(11))),
                DecisionStep.EXTERNAL_OVER_INTERNAL,
                path(IBGP_HIGH, 5, attrs(Origin.IGP, seq(65001, 65100), hop("198.19.0.2"), med(10))),
                DecisionStep.IGP_COST,
                path(EBGP_LOW, 6, attrs(Origin.IGP, seq(65001, 65100), hop("198.19.0.3"), med(10))));

        for (Map.Entry<DecisionStep, Path> e : losers.entrySet()) {
            Path loser = e.getValue();
            assertEquals(e.getKey(), Decision.step(DEFAULT.compare(best, loser)));
            Destination d = destination(DEFAULT, loser, best);
            assertEquals(List.of(best), d.multipathSet(), e.getKey().name());
            assertEquals(List.of(best, loser), d.paths());
        }

        Path own = path(LOCAL, 0, best.attributes());
        assertEquals(DecisionStep.LOCALLY_ORIGINATED, Decision.step(DEFAULT.compare(own, best)));
        assertEquals(List.of(own), destination(DEFAULT, best, own).multipathSet());
    }

    @Test
    void maxPathsCapsTheMultipathSetAtTheBestOnes() {
        PathAttributes a = attrs(Origin.IGP, seq(65001), hop("198.19.0.1"));
        List<Path> paths = new ArrayList<>();
        for (int i = 1; i <= 6; i++) {
            paths.add(path(IBGP_LOW, i, a));
        }
        Path[] shuffled = {paths.get(4), paths.get(1), paths.get(5), paths.get(0), paths.get(3), paths.get(2)};

        assertEquals(paths.subList(0, 4), destination(decision(false, false, false, 4), shuffled).multipathSet());
        assertEquals(paths.subList(0, 1), destination(decision(false, false, false, 1), shuffled).multipathSet());
        assertEquals(paths, destination(DEFAULT, shuffled).multipathSet());
    }

    @Test
    void ineligiblePathsFollowTheEligibleOnesAndNeverShareTraffic() {
        PathAttributes a = attrs(Origin.IGP, seq(65001), hop("198.19.0.1"));
        Path eligible = path(IBGP_HIGH, 9, a);
        Path looped = new Path(IBGP_LOW, 1, a, a, null, Ineligible.AS_LOOP, 0);
        Path rejected = new Path(IBGP_LOW, 2, a, null, null, Ineligible.REJECTED_BY_POLICY, 0);

        Destination d = destination(DEFAULT, rejected, looped, eligible);

        assertEquals(List.of(eligible, looped, rejected), d.paths());
        assertEquals(List.of(eligible), d.multipathSet());

        Destination none = destination(DEFAULT, rejected, looped);
        assertEquals(null, none.best());
        assertEquals(0, none.multipathCount());
        assertEquals(List.of(), none.multipathSet());
    }

    // --- fixtures --------------------------------------------------------------------------

    /** Asserts that {@code winner} beats {@code loser} at {@code step}, whichever comes first. */
    private static void assertDecidedAt(DecisionStep step, Path winner, Path loser, Decision decision) {
        int forward = decision.compare(winner, loser);
        int backward = decision.compare(loser, winner);
        assertTrue(forward < 0, "the first path wins, compare = " + forward);
        assertTrue(backward > 0, "the first path wins with the arguments swapped, compare = " + backward);
        assertEquals(step, Decision.step(forward));
        assertEquals(step, Decision.step(backward));
        assertFalse(step.lostBecause().isEmpty());
    }

    private static Destination destination(Decision decision, Path... paths) {
        Destination d = new Destination(0);
        for (Path p : paths) {
            assertEquals(null, d.put(p, decision));
        }
        return d;
    }

    private static Decision decision(boolean alwaysCompareMed, boolean missingMedWorst, boolean oldestExternal, int maxPaths) {
        return new Decision(new DecisionConfig(alwaysCompareMed, missingMedWorst, oldestExternal, maxPaths, RESOLVER));
    }

    private static Path path(RibPeer peer, int pathId, PathAttributes a) {
        return new Path(peer, pathId, a, a, null, null, 0);
    }

    private static PathAttributes attrs(PathAttribute... a) {
        return PathAttributes.of(a);
    }

    private static AsPath seq(long... asns) {
        return AsPath.sequence(asns);
    }

    private static NextHop hop(String address) {
        return NextHop.of(address);
    }

    private static LocalPref lp(long value) {
        return new LocalPref(value);
    }

    private static MultiExitDisc med(long value) {
        return new MultiExitDisc(value);
    }

    private static OriginatorId originator(String routerId) {
        return new OriginatorId(id(routerId));
    }

    private static ClusterList clusters(int... ids) {
        return new ClusterList(ids);
    }
}
