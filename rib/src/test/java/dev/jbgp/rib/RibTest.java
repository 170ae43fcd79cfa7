package dev.jbgp.rib;

import static dev.jbgp.rib.Peers.OUR_AS;
import static dev.jbgp.rib.Peers.address;
import static dev.jbgp.rib.Peers.ebgp;
import static dev.jbgp.rib.Peers.id;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jbgp.core.AfiSafi;
import dev.jbgp.core.Prefix;
import dev.jbgp.core.PrefixList;
import dev.jbgp.core.attribute.AsPath;
import dev.jbgp.core.attribute.AsPath.Segment;
import dev.jbgp.core.attribute.AsPath.SegmentType;
import dev.jbgp.core.attribute.ClusterList;
import dev.jbgp.core.attribute.Communities;
import dev.jbgp.core.attribute.LocalPref;
import dev.jbgp.core.attribute.MpReachNlri;
import dev.jbgp.core.attribute.MpUnreachNlri;
import dev.jbgp.core.attribute.NextHop;
import dev.jbgp.core.attribute.Origin;
import dev.jbgp.core.attribute.OriginatorId;
import dev.jbgp.core.attribute.PathAttributes;
import dev.jbgp.core.message.Update;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The RIB as a whole: what it keeps in the Adj-RIB-In and why a path takes no part in the
 * decision, what the Loc-RIB selects, and when it tells its listeners.
 */
class RibTest {
    private static final int ROUTER_ID = id("198.19.0.100");
    private static final InetAddress UNREACHABLE = address("198.19.9.9");
    private static final InetAddress UNREACHABLE_V6 = address("fd00:dead::1");
    private static final NextHopResolver RESOLVER =
            hop -> hop.equals(UNREACHABLE) || hop.equals(UNREACHABLE_V6) ? NextHopResolver.UNRESOLVABLE : 0;

    private static final RibPeer LOCAL = RibPeer.local(address("198.19.0.100"), OUR_AS, ROUTER_ID);
    private static final RibPeer EBGP_A = ebgp(1, "192.0.2.1", 65001, "10.0.0.1");
    private static final RibPeer EBGP_B = ebgp(2, "192.0.2.2", 65002, "10.0.0.2");
    private static final RibPeer IBGP = new RibPeer(3, RibPeer.Kind.INTERNAL, address("198.19.1.1"), OUR_AS,
            id("10.1.0.1"), false);

    private static final Prefix P1 = Prefix.parse("203.0.113.0/24");
    private static final Prefix P2 = Prefix.parse("198.51.100.64/26");
    private static final Prefix P3 = Prefix.parse("192.0.2.128/25");

    private final Changes changes = new Changes();
    private Rib rib = rib(config(0, 16), ImportFilter.ACCEPT_ALL);

    // --- the Loc-RIB and its listeners ---------------------------------------------------

    @Test
    void announcedPrefixesGetTheirBestPathAndAreEachTold() {
        rib.update(EBGP_A, Update.announce(fromA(), PrefixList.of(P1, P2)));

        assertEquals(EBGP_A, rib.destination(P1).best().peer());
        assertEquals(EBGP_A, rib.destination(P2).best().peer());
        assertEquals(List.of(P1, P2), changes.prefixes());
        assertEquals(2, rib.prefixCount());
        assertEquals(2, rib.pathCount());
    }

    @Test
    void betterPathTakesOverAndIsTold() {
        rib.update(EBGP_B, Update.announce(fromB(), PrefixList.of(P1)));
        changes.clear();

        rib.update(EBGP_A, Update.announce(attrs(Origin.IGP, AsPath.sequence(65001), "192.0.2.1", 100),
                PrefixList.of(P1)));

        Destination d = rib.destination(P1);
        assertEquals(EBGP_A, d.best().peer(), "A's lower router ID");
        assertEquals(List.of(EBGP_A, EBGP_B), d.paths().stream().map(Path::peer).toList());
        assertEquals(List.of(P1), changes.prefixes());
        assertSame(d, changes.last().destination());
    }

    @Test
    void localPrefFromAnExternalPeerIsIgnoredAsRfc4271Section515Says() {
        // eBGP claims LOCAL_PREF 1000 on a longer path; the iBGP path's 200 must win at LOCAL_PREF.
        rib.update(EBGP_A, Update.announce(PathAttributes.of(Origin.IGP, AsPath.sequence(65001, 65100, 65200),
                NextHop.of("192.0.2.1"), new LocalPref(1000), new OriginatorId(id("10.9.9.9"))), PrefixList.of(P1)));
        rib.update(IBGP, Update.announce(attrs(Origin.IGP, AsPath.sequence(65300), "198.19.1.1", 200),
                PrefixList.of(P1)));

        Destination d = rib.destination(P1);
        assertEquals(IBGP, d.best().peer());
        Path external = d.path(EBGP_A, 0);
        assertEquals(new LocalPref(1000), external.received().localPref(), "the Adj-RIB-In keeps what was sent");
        assertNull(external.attributes().localPref(), "LOCAL_PREF from eBGP is not used");
        assertNull(external.attributes().originatorId(), "ORIGINATOR_ID from eBGP is not used (RFC 7606 7.9)");
        assertEquals(DecisionStep.LOCAL_PREF, Decision.step(new Decision(rib.config().decision()).compare(d.best(), external)));
    }

    @Test
    void multicastRoutesNeitherEnterNorLeaveTheUnicastTables() {
        AfiSafi multicast = new AfiSafi(AfiSafi.AFI_IPV4, AfiSafi.SAFI_MULTICAST);
        rib.update(EBGP_A, Update.announce(fromA(), PrefixList.of(P1)));
        changes.clear();

        rib.update(EBGP_A, Update.announce(fromA(), MpReachNlri.of(multicast, PrefixList.of(P2), address("192.0.2.1"))));
        rib.update(EBGP_A, Update.withdraw(new MpUnreachNlri(multicast, PrefixList.of(P1))));

        assertNull(rib.destination(P2), "a multicast announcement made a unicast route");
        assertEquals(EBGP_A, rib.destination(P1).best().peer(), "a multicast withdrawal removed a unicast route");
        assertEquals(List.of(), changes.prefixes());
    }

    @Test
    void worsePathIsKeptAndTellsNobody() {
        rib.update(EBGP_A, Update.announce(fromA(), PrefixList.of(P1)));
        changes.clear();

        rib.update(EBGP_B, Update.announce(attrs(Origin.IGP, AsPath.sequence(65002, 65100), "192.0.2.2", 100),
                PrefixList.of(P1)));

        assertEquals(2, rib.destination(P1).size());
        assertEquals(EBGP_A, rib.destination(P1).best().peer());
        assertEquals(List.of(), changes.prefixes());
    }

    @Test
    void withdrawingTheBestPathTellsTheNextBestAndWithdrawingTheLastTellsNoBestPath() {
        rib.update(EBGP_A, Update.announce(fromA(), PrefixList.of(P1)));
        rib.update(EBGP_B, Update.announce(attrs(Origin.IGP, AsPath.sequence(65002, 65100), "192.0.2.2", 100),
                PrefixList.of(P1)));
        changes.clear();

        rib.update(EBGP_A, Update.withdraw(PrefixList.of(P1)));

        assertEquals(EBGP_B, rib.destination(P1).best().peer());
        assertEquals(List.of(P1), changes.prefixes());
        assertEquals(EBGP_B, changes.last().best());

        rib.update(EBGP_B, Update.withdraw(PrefixList.of(P1)));

        assertEquals(2, changes.size());
        assertNull(changes.last().best(), "the last change names no best path");
        assertEquals(List.of(), changes.last().multipath());
        assertNull(rib.destination(P1), "the destination is gone");
        assertEquals(0, rib.prefixCount());
        assertEquals(0, rib.pathCount());
    }

    @Test
    void withdrawingAPathThatIsNotBestTellsNobody() {
        rib.update(EBGP_A, Update.announce(fromA(), PrefixList.of(P1)));
        rib.update(EBGP_B, Update.announce(attrs(Origin.IGP, AsPath.sequence(65002, 65100), "192.0.2.2", 100),
                PrefixList.of(P1)));
        changes.clear();

        rib.update(EBGP_B, Update.withdraw(PrefixList.of(P1)));

        assertEquals(List.of(), changes.prefixes());
        assertEquals(1, rib.destination(P1).size());
    }

    @Test
    void withdrawingWhatWasNeverAnnouncedChangesNothing() {
        rib.update(EBGP_A, Update.announce(fromA(), PrefixList.of(P1)));
        changes.clear();

        assertFalse(rib.withdraw(EBGP_B, P1, 0));
        assertFalse(rib.withdraw(EBGP_A, P2, 0));
        assertFalse(rib.withdraw(EBGP_A, P1, 7));

        assertEquals(1, rib.pathCount());
        assertEquals(List.of(), changes.prefixes());
    }

    @Test
    void pathJoiningOrLeavingTheMultipathSetIsToldThoughTheBestPathStays() {
        rib.update(EBGP_A, Update.announce(fromA(), PrefixList.of(P1)));
        changes.clear();
        Path best = rib.destination(P1).best();

        // Equal through the IGP cost; loses on router ID (10.0.0.2 against 10.0.0.1).
        rib.update(EBGP_B, Update.announce(fromB(), PrefixList.of(P1)));

        assertSame(best, rib.destination(P1).best());
        assertEquals(List.of(EBGP_A, EBGP_B), changes.last().multipath());

        rib.update(EBGP_B, Update.withdraw(PrefixList.of(P1)));

        assertSame(best, rib.destination(P1).best());
        assertEquals(2, changes.size());
        assertEquals(List.of(EBGP_A), changes.last().multipath());
    }

    @Test
    void multipathMemberChangingItsAttributesIsTold() {
        rib.update(EBGP_A, Update.announce(fromA(), PrefixList.of(P1)));
        rib.update(EBGP_B, Update.announce(fromB(), PrefixList.of(P1)));
        changes.clear();

        PathAttributes moved = attrs(Origin.IGP, AsPath.sequence(65002), "192.0.2.22", 100);
        rib.update(EBGP_B, Update.announce(moved, PrefixList.of(P1)));

        assertEquals(1, changes.size());
        assertEquals(moved, rib.destination(P1).multipathSet().get(1).attributes());
    }

    @Test
    void multipathOffKeepsTheSetAtTheBestPathAndTellsNothingForAnEqualPath() {
        rib = rib(config(0, 1), ImportFilter.ACCEPT_ALL);
        rib.update(EBGP_A, Update.announce(fromA(), PrefixList.of(P1)));
        changes.clear();

        rib.update(EBGP_B, Update.announce(fromB(), PrefixList.of(P1)));

        assertEquals(1, rib.destination(P1).multipathCount());
        assertEquals(List.of(), changes.prefixes());
    }

    @Test
    void repeatedAnnouncementOfTheSameAttributesTellsNobody() {
        rib.update(EBGP_A, Update.announce(fromA(), PrefixList.of(P1)));
        rib.update(EBGP_B, Update.announce(fromB(), PrefixList.of(P1)));
        changes.clear();

        // As a peer does after a route refresh: the same routes again, in new objects.
        rib.update(EBGP_A, Update.announce(fromA(), PrefixList.of(P1)));
        rib.update(EBGP_B, Update.announce(fromB(), PrefixList.of(P1)));

        assertEquals(List.of(), changes.prefixes());
        assertEquals(2, rib.pathCount());
        assertEquals(2, rib.attributeSetCount());
    }

    @Test
    void bestPathChangingItsAttributesIsTold() {
        rib.update(EBGP_A, Update.announce(fromA(), PrefixList.of(P1)));
        changes.clear();

        PathAttributes tagged = fromA().with(Communities.of(Communities.community(65001, 7)));
        rib.update(EBGP_A, Update.announce(tagged, PrefixList.of(P1)));

        assertEquals(List.of(P1), changes.prefixes());
        assertEquals(tagged, changes.last().bestPath().attributes());
        assertEquals(1, rib.pathCount());
        assertEquals(1, rib.attributeSetCount(), "the replaced set is released");
    }

    @Test
    void everyListenerIsTold() {
        Changes second = new Changes();
        rib.addListener(second);

        rib.update(EBGP_A, Update.announce(fromA(), PrefixList.of(P1)));

        assertEquals(List.of(P1), changes.prefixes());
        assertEquals(List.of(P1), second.prefixes());
    }

    @Test
    void withdrawalsOfAnUpdateApplyBeforeItsAnnouncements() {
        rib.update(EBGP_A, Update.announce(fromA(), PrefixList.of(P1)));
        PrefixList p1 = PrefixList.of(P1);

        rib.update(EBGP_A, new Update(p1, fromA(), p1, null, null));

        assertNotNull(rib.destination(P1));
        assertEquals(EBGP_A, rib.destination(P1).best().peer());
    }

    // --- loops, policy and next hops: kept, with the reason ---------------------------------

    @Test
    void pathWithOurAsInTheAsPathIsKeptAsAnAsLoop() {
        int[] filtered = {0};
        rib = rib(config(0, 16), route -> {
            filtered[0]++;
            return route.attributes();
        });
        PathAttributes looped = attrs(Origin.IGP, AsPath.sequence(65001, OUR_AS, 65003), "192.0.2.1", 100);

        rib.update(EBGP_A, Update.announce(looped, PrefixList.of(P1)));

        Path p = rib.destination(P1).path(EBGP_A, 0);
        assertEquals(Ineligible.AS_LOOP, p.ineligible());
        assertFalse(p.eligible());
        assertEquals(looped, p.received());
        assertNull(p.attributes(), "a looped path is not run through import policy");
        assertEquals(0, filtered[0]);
        assertNull(rib.destination(P1).best());
        assertEquals(List.of(), changes.prefixes(), "nothing reachable, nothing told");
    }

    @Test
    void ourAsInAnAsSetIsALoopToo() {
        AsPath withSet = new AsPath(List.of(new Segment(SegmentType.AS_SEQUENCE, new long[] {65001}),
                new Segment(SegmentType.AS_SET, new long[] {65010, OUR_AS})));

        rib.update(EBGP_A, Update.announce(attrs(Origin.IGP, withSet, "192.0.2.1", 100), PrefixList.of(P1)));

        assertEquals(Ineligible.AS_LOOP, rib.destination(P1).path(EBGP_A, 0).ineligible());
    }

    @Test
    void allowOwnAsAcceptsOurAsUpToThatManyTimes() {
        rib = rib(new RibConfig(OUR_AS, ROUTER_ID, 0, 1, decisionConfig(16)), ImportFilter.ACCEPT_ALL);
        PathAttributes once = attrs(Origin.IGP, AsPath.sequence(65001, OUR_AS, 65003), "192.0.2.1", 100);
        PathAttributes twice = attrs(Origin.IGP, AsPath.sequence(65001, OUR_AS, 65003, OUR_AS), "192.0.2.1", 100);

        rib.update(EBGP_A, Update.announce(once, PrefixList.of(P1)));
        rib.update(EBGP_A, Update.announce(twice, PrefixList.of(P2)));

        assertTrue(rib.destination(P1).best().eligible());
        assertEquals(Ineligible.AS_LOOP, rib.destination(P2).path(EBGP_A, 0).ineligible());
    }

    @Test
    void allowOwnAsIsEachPeersOwn() {
        rib = new Rib(new RibConfig(OUR_AS, ROUTER_ID, 0, 0, decisionConfig(16)), LOCAL);
        rib.addPeer(EBGP_A, ImportFilter.ACCEPT_ALL, 1);
        rib.addPeer(EBGP_B, ImportFilter.ACCEPT_ALL);
        PathAttributes once = attrs(Origin.IGP, AsPath.sequence(65001, OUR_AS, 65003), "192.0.2.1", 100);

        rib.update(EBGP_A, Update.announce(once, PrefixList.of(P1)));
        rib.update(EBGP_B, Update.announce(once, PrefixList.of(P1)));

        assertTrue(rib.destination(P1).path(EBGP_A, 0).eligible(), "peer A may send our AS once");
        assertEquals(Ineligible.AS_LOOP, rib.destination(P1).path(EBGP_B, 0).ineligible(), "peer B may not");
    }

    @Test
    void reflectedPathWithOurRouterIdAsOriginatorIsKeptAsAnOriginatorLoop() {
        PathAttributes ours = PathAttributes.of(Origin.IGP, AsPath.EMPTY, NextHop.of("198.19.0.100"),
                new LocalPref(100), new OriginatorId(ROUTER_ID), new ClusterList(new int[] {id("198.19.0.201")}));

        rib.update(IBGP, Update.announce(ours, PrefixList.of(P1)));

        assertEquals(Ineligible.ORIGINATOR_LOOP, rib.destination(P1).path(IBGP, 0).ineligible());
        assertNull(rib.destination(P1).best());
    }

    @Test
    void originatorIdFromAnExternalPeerMakesNoLoop() {
        // RFC 7606 section 7.9: the attribute is discarded, not the route.
        rib.update(EBGP_A, Update.announce(PathAttributes.of(Origin.IGP, AsPath.sequence(65001), NextHop.of("192.0.2.1"),
                new OriginatorId(ROUTER_ID)), PrefixList.of(P1)));

        assertTrue(rib.destination(P1).best().eligible());
    }

    @Test
    void aSpeakerThatReflectsNothingHasNoClusterToLoopThrough() {
        // The cluster loop of a reflector is route-reflector's to test.
        PathAttributes reflected = PathAttributes.of(Origin.IGP, AsPath.EMPTY, NextHop.of("198.19.1.5"),
                new LocalPref(100), new OriginatorId(id("198.19.1.5")),
                new ClusterList(new int[] {id("198.19.0.201"), id("198.19.0.100")}));

        rib.update(IBGP, Update.announce(reflected, PrefixList.of(P1)));

        assertTrue(rib.destination(P1).best().eligible());
    }

    @Test
    void aClusterIdWithoutTheReflectorsRulesIsRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> new RibConfig(OUR_AS, ROUTER_ID, id("198.19.0.200"), 0, decisionConfig(16)));
    }

    @Test
    void pathRejectedByImportPolicyIsKeptWithTheAttributesAsReceived() {
        rib = rib(config(0, 16), route -> route.prefix().equals(P1) ? null : route.attributes());
        PathAttributes sent = fromA();

        rib.update(EBGP_A, Update.announce(sent, PrefixList.of(P1, P2)));

        Path rejected = rib.destination(P1).path(EBGP_A, 0);
        assertEquals(Ineligible.REJECTED_BY_POLICY, rejected.ineligible());
        assertEquals(sent, rejected.received());
        assertNull(rejected.attributes());
        assertNull(rib.destination(P1).best());
        assertTrue(rib.destination(P2).best().eligible());
        assertEquals(List.of(P2), changes.prefixes());
        assertEquals(2, rib.pathCount());
    }

    @Test
    void importPolicyThatChangesAttributesKeepsBothAndDecidesOnThePolicyOnes() {
        // Prefer B's routes: LOCAL_PREF 300 set on import.
        rib = rib(config(0, 16), route -> route.source().equals(EBGP_B)
                ? route.attributes().with(new LocalPref(300)) : route.attributes());
        rib.update(EBGP_A, Update.announce(fromA(), PrefixList.of(P1)));
        rib.update(EBGP_B, Update.announce(fromB(), PrefixList.of(P1)));

        Path best = rib.destination(P1).best();
        assertEquals(EBGP_B, best.peer());
        assertNull(best.received().localPref(), "B sent no LOCAL_PREF");
        assertEquals(300, best.attributes().localPref().value());
        assertEquals(3, rib.attributeSetCount(), "A's set, and B's before and after policy");
    }

    @Test
    void importPolicySeesThePrefixPathIdAttributesAndSource() {
        List<Route> seen = new ArrayList<>();
        rib = rib(config(0, 16), route -> {
            seen.add(route);
            return route.attributes();
        });
        PathAttributes sent = fromA();

        rib.update(EBGP_A, Update.announce(sent, PrefixList.of(List.of(P1), new int[] {42})));

        assertEquals(List.of(new Route(P1, 42, sent, EBGP_A)), seen);
    }

    @Test
    void pathWhoseNextHopCannotBeReachedIsKeptAsUnresolvable() {
        PathAttributes away = attrs(Origin.IGP, AsPath.sequence(65001), UNREACHABLE.getHostAddress(), 100);

        rib.update(EBGP_A, Update.announce(away, PrefixList.of(P1)));
        rib.update(EBGP_B, Update.announce(fromB(), PrefixList.of(P1)));

        Destination d = rib.destination(P1);
        assertEquals(Ineligible.NEXT_HOP_UNRESOLVABLE, d.path(EBGP_A, 0).ineligible());
        assertEquals(EBGP_B, d.best().peer());
        assertEquals(List.of(EBGP_B, EBGP_A), d.paths().stream().map(Path::peer).toList());
    }

    @Test
    void everyPrefixOfAnUpdateWhoseNextHopCannotBeReachedIsUnresolvable() {
        PathAttributes away = attrs(Origin.IGP, AsPath.sequence(65001), UNREACHABLE.getHostAddress(), 100);

        rib.update(EBGP_A, Update.announce(away, PrefixList.of(P1, P2, P3)));

        for (Prefix p : List.of(P1, P2, P3)) {
            assertEquals(Ineligible.NEXT_HOP_UNRESOLVABLE, rib.destination(p).path(EBGP_A, 0).ineligible());
        }
    }

    @Test
    void theResolverIsAskedAgainForEachUpdateEvenWithTheSameAttributes() {
        boolean[] reachable = {false};
        NextHopResolver changing = hop -> reachable[0] ? 0 : NextHopResolver.UNRESOLVABLE;
        rib = new Rib(new RibConfig(OUR_AS, ROUTER_ID, 0, 0,
                new DecisionConfig(false, false, false, 16, changing)), LOCAL);
        rib.addPeer(EBGP_A, ImportFilter.ACCEPT_ALL);

        rib.update(EBGP_A, Update.announce(fromA(), PrefixList.of(P1)));
        reachable[0] = true;
        rib.update(EBGP_A, Update.announce(fromA(), PrefixList.of(P2)));

        assertEquals(Ineligible.NEXT_HOP_UNRESOLVABLE, rib.destination(P1).path(EBGP_A, 0).ineligible());
        assertEquals(EBGP_A, rib.destination(P2).best().peer());
    }

    @Test
    void pathWithoutANextHopIsUnresolvable() {
        PathAttributes none = PathAttributes.of(Origin.IGP, AsPath.sequence(65001));

        rib.update(EBGP_A, Update.announce(none, PrefixList.of(P1)));

        assertEquals(Ineligible.NEXT_HOP_UNRESOLVABLE, rib.destination(P1).path(EBGP_A, 0).ineligible());
    }

    @Test
    void ineligiblePathTurnsEligibleWhenTheSameRouteComesBackClean() {
        rib.update(EBGP_A, Update.announce(attrs(Origin.IGP, AsPath.sequence(65001, OUR_AS), "192.0.2.1", 100),
                PrefixList.of(P1)));
        assertNull(rib.destination(P1).best());

        rib.update(EBGP_A, Update.announce(fromA(), PrefixList.of(P1)));

        assertEquals(EBGP_A, rib.destination(P1).best().peer());
        assertEquals(List.of(P1), changes.prefixes());
        assertEquals(1, rib.pathCount());
        assertEquals(1, rib.attributeSetCount());
    }

    // --- ADD-PATH and IPv6 -------------------------------------------------------------------

    @Test
    void addPathIdentifiersKeepPathsOfOnePeerApart() {
        PathAttributes viaOne = attrs(Origin.IGP, AsPath.sequence(65001), "192.0.2.11", 100);
        PathAttributes viaTwo = attrs(Origin.IGP, AsPath.sequence(65001, 65100), "192.0.2.12", 100);
        rib.update(EBGP_A, Update.announce(viaOne, PrefixList.of(List.of(P1), new int[] {1})));
        rib.update(EBGP_A, Update.announce(viaTwo, PrefixList.of(List.of(P1), new int[] {2})));

        Destination d = rib.destination(P1);
        assertEquals(2, d.size());
        assertEquals(viaOne, d.path(EBGP_A, 1).received());
        assertEquals(viaTwo, d.path(EBGP_A, 2).received());
        assertEquals(1, d.best().pathId());

        rib.update(EBGP_A, Update.withdraw(PrefixList.of(List.of(P1), new int[] {1})));

        assertEquals(1, rib.destination(P1).size());
        assertEquals(2, rib.destination(P1).best().pathId());
        assertNull(rib.destination(P1).path(EBGP_A, 1));
    }

    @Test
    void ipv6RouteArrivesInMpReachNlriWithItsNextHop() {
        Prefix v6 = Prefix.parse("fd00:198:19::/48");
        PathAttributes a = PathAttributes.of(Origin.IGP, AsPath.sequence(65001), new LocalPref(100));
        MpReachNlri reach = MpReachNlri.of(AfiSafi.IPV6_UNICAST, PrefixList.of(v6), address("fd00:1::1"),
                address("fe80::1"));

        rib.update(EBGP_A, Update.announce(a, reach));

        Path p = rib.destination(v6).best();
        assertEquals(address("fd00:1::1"), p.nextHop());
        assertEquals(address("fd00:1::1"), p.forwardingAddress());
        assertEquals(List.of(v6), changes.prefixes());
        assertNull(rib.destination(Prefix.parse("0.0.0.0/0")));

        rib.update(EBGP_A, Update.withdraw(new MpUnreachNlri(AfiSafi.IPV6_UNICAST, PrefixList.of(v6))));

        assertNull(rib.destination(v6));
        assertEquals(0, rib.pathCount());
        assertEquals(0, rib.attributeSetCount());
    }

    @Test
    void mpReachNextHopThatCannotBeReachedMakesThePathUnresolvable() {
        Prefix v6 = Prefix.parse("fd00:198:19::/48");
        PathAttributes a = PathAttributes.of(Origin.IGP, AsPath.sequence(65001));
        rib.update(EBGP_A, Update.announce(a, MpReachNlri.of(AfiSafi.IPV6_UNICAST, PrefixList.of(v6),
                UNREACHABLE_V6)));

        assertEquals(Ineligible.NEXT_HOP_UNRESOLVABLE, rib.destination(v6).path(EBGP_A, 0).ineligible());
    }

    // --- peers going away, soft reconfiguration, our own routes ------------------------------

    @Test
    void removingAPeerWithdrawsEveryPathItSent() {
        rib.update(EBGP_A, Update.announce(fromA(), PrefixList.of(P1, P2)));
        rib.update(EBGP_B, Update.announce(fromB(), PrefixList.of(P1, P3)));
        changes.clear();

        rib.removePeer(EBGP_A);

        assertEquals(EBGP_B, rib.destination(P1).best().peer());
        assertNull(rib.destination(P2));
        assertEquals(EBGP_B, rib.destination(P3).best().peer());
        assertEquals(2, rib.pathCount());
        assertEquals(1, rib.attributeSetCount());
        assertEquals(2, changes.size(), "P1 and P2 changed, P3 did not");
        assertEquals(Set.of(P1, P2), Set.copyOf(changes.prefixes()));
        assertThrows(IllegalArgumentException.class,
                () -> rib.update(EBGP_A, Update.announce(fromA(), PrefixList.of(P1))));
    }

    @Test
    void theLocalSourceCannotBeRemoved() {
        assertThrows(IllegalArgumentException.class, () -> rib.removePeer(LOCAL));
    }

    @Test
    void aPeerTheRibDoesNotKnowIsRefused() {
        RibPeer stranger = ebgp(9, "192.0.2.9", 65009, "10.0.0.9");
        assertThrows(IllegalArgumentException.class,
                () -> rib.update(stranger, Update.announce(fromA(), PrefixList.of(P1))));
        RibPeer impostor = ebgp(1, "192.0.2.99", 65001, "10.0.0.1");
        assertThrows(IllegalArgumentException.class, () -> rib.addPeer(impostor, ImportFilter.ACCEPT_ALL));
    }

    @Test
    void reimportRunsWhatThePeerSentThroughTheNewFilter() {
        rib = rib(config(0, 16), route -> null);
        PathAttributes sent = fromA();
        rib.update(EBGP_A, Update.announce(sent, PrefixList.of(P1, P2)));
        assertEquals(List.of(), changes.prefixes());

        rib.reimport(EBGP_A, route -> route.prefix().equals(P1) ? route.attributes().with(new LocalPref(50)) : null);

        Path p1 = rib.destination(P1).best();
        assertEquals(50, p1.attributes().localPref().value());
        assertEquals(sent, p1.received());
        assertNull(rib.destination(P2).best());
        assertEquals(Ineligible.REJECTED_BY_POLICY, rib.destination(P2).path(EBGP_A, 0).ineligible());
        assertEquals(List.of(P1), changes.prefixes());

        rib.reimport(EBGP_A, ImportFilter.ACCEPT_ALL);

        assertEquals(sent, rib.destination(P1).best().attributes());
        assertEquals(sent, rib.destination(P2).best().attributes());
        assertEquals(3, changes.size());
        assertEquals(1, rib.attributeSetCount(), "the policy set is released");

        // Later announcements go through the new filter too.
        rib.update(EBGP_A, Update.announce(sent, PrefixList.of(P3)));
        assertTrue(rib.destination(P3).best().eligible());
    }

    @Test
    void reimportWithAnUnchangedOutcomeTellsNobody() {
        rib.update(EBGP_A, Update.announce(fromA(), PrefixList.of(P1, P2)));
        changes.clear();

        rib.reimport(EBGP_A, route -> route.attributes());

        assertEquals(List.of(), changes.prefixes());
        assertEquals(2, rib.pathCount());
    }

    @Test
    void reimportKeepsTheAgeThatDecidesBetweenExternalPaths() {
        rib = rib(new RibConfig(OUR_AS, ROUTER_ID, 0, 0,
                new DecisionConfig(false, false, true, 16, RESOLVER)), ImportFilter.ACCEPT_ALL);
        // B arrives first: older, so preferred despite its higher router ID.
        rib.update(EBGP_B, Update.announce(fromB(), PrefixList.of(P1)));
        rib.update(EBGP_A, Update.announce(fromA(), PrefixList.of(P1)));
        assertEquals(EBGP_B, rib.destination(P1).best().peer());

        rib.reimport(EBGP_B, route -> route.attributes().with(Communities.of(Communities.NO_EXPORT)));

        assertEquals(EBGP_B, rib.destination(P1).best().peer(), "a new policy does not make a route new");
    }

    @Test
    void originatedRouteWinsOverLearnedOnesUntilWithdrawn() {
        rib.update(EBGP_A, Update.announce(fromA(), PrefixList.of(P1)));
        changes.clear();
        PathAttributes own = PathAttributes.of(Origin.IGP, AsPath.EMPTY, NextHop.of("198.19.0.100"));

        rib.originate(P1, own);

        Path best = rib.destination(P1).best();
        assertEquals(LOCAL, best.peer());
        assertSame(rib.localSource(), best.peer());
        assertEquals(List.of(P1), changes.prefixes());

        assertTrue(rib.withdrawOriginated(P1));
        assertFalse(rib.withdrawOriginated(P1));

        assertEquals(EBGP_A, rib.destination(P1).best().peer());
        assertEquals(2, changes.size());
    }

    @Test
    void originatedRouteNeedsNoReachableNextHop() {
        rib.originate(P1, PathAttributes.of(Origin.IGP, AsPath.EMPTY));

        assertEquals(LOCAL, rib.destination(P1).best().peer());
    }

    // --- attribute sets --------------------------------------------------------------------

    @Test
    void equalAttributeSetsAreOneInstanceAcrossPathsAndPeers() {
        PathAttributes first = fromA();
        PathAttributes second = fromA();
        assertNotSame(first, second);
        rib.update(EBGP_A, Update.announce(first, PrefixList.of(P1, P2)));
        rib.update(EBGP_B, Update.announce(second, PrefixList.of(P1, P3)));

        Path a1 = rib.destination(P1).path(EBGP_A, 0);
        Path a2 = rib.destination(P2).path(EBGP_A, 0);
        Path b1 = rib.destination(P1).path(EBGP_B, 0);
        Path b3 = rib.destination(P3).path(EBGP_B, 0);
        assertSame(a1.received(), a2.received());
        assertSame(a1.received(), b1.received());
        assertSame(a1.received(), b3.received());
        assertSame(a1.received(), a1.attributes(), "accept-all keeps the received instance");
        assertEquals(1, rib.attributeSetCount());
    }

    @Test
    void attributeSetsMadeByPolicyAreSharedToo() {
        rib = rib(config(0, 16), route -> route.attributes().with(new LocalPref(250)));
        rib.update(EBGP_A, Update.announce(fromA(), PrefixList.of(P1)));
        rib.update(EBGP_A, Update.announce(fromA(), PrefixList.of(P2)));

        assertSame(rib.destination(P1).best().attributes(), rib.destination(P2).best().attributes());
        assertEquals(2, rib.attributeSetCount());
    }

    @Test
    void attributeSetLeavesTheTableWithItsLastPath() {
        rib.update(EBGP_A, Update.announce(fromA(), PrefixList.of(P1, P2)));
        rib.update(EBGP_B, Update.announce(fromB(), PrefixList.of(P1)));
        assertEquals(2, rib.attributeSetCount());

        rib.update(EBGP_A, Update.withdraw(PrefixList.of(P1)));
        assertEquals(2, rib.attributeSetCount(), "P2 still holds A's set");
        rib.update(EBGP_A, Update.withdraw(PrefixList.of(P2)));
        assertEquals(1, rib.attributeSetCount());
        rib.update(EBGP_B, Update.withdraw(PrefixList.of(P1)));
        assertEquals(0, rib.attributeSetCount());
    }

    @Test
    void memoryReportCountsWhatTheRibHolds() {
        rib.update(EBGP_A, Update.announce(fromA(), PrefixList.of(P1, P2)));
        rib.update(EBGP_B, Update.announce(fromB(), PrefixList.of(P1)));

        MemoryReport m = rib.memory();

        assertEquals(2, m.prefixes());
        assertEquals(3, m.paths());
        assertEquals(2, m.attributeSets());
        assertTrue(m.pathBytes() > 0 && m.destinationBytes() > 0 && m.tableBytes() > 0 && m.attributeBytes() > 0);
        assertEquals(m.totalBytes() / 3.0, m.bytesPerPath(), 1e-9);
    }

    // --- fixtures ------------------------------------------------------------------------------

    /** What listeners were told, in order. */
    private static final class Changes implements LocRibListener {
        record Change(Prefix prefix, Destination destination, Path bestPath, List<RibPeer> multipath) {
            RibPeer best() {
                return bestPath == null ? null : bestPath.peer();
            }
        }

        private final List<Change> changes = new ArrayList<>();

        @Override
        public void changed(Prefix prefix, Destination d) {
            changes.add(new Change(prefix, d, d.best(), d.multipathSet().stream().map(Path::peer).toList()));
        }

        List<Prefix> prefixes() {
            return changes.stream().map(Change::prefix).toList();
        }

        Change last() {
            return changes.getLast();
        }

        int size() {
            return changes.size();
        }

        void clear() {
            changes.clear();
        }
    }

    private Rib rib(RibConfig config, ImportFilter filter) {
        Rib r = new Rib(config, LOCAL);
        r.addListener(changes);
        r.addPeer(EBGP_A, filter);
        r.addPeer(EBGP_B, filter);
        r.addPeer(IBGP, filter);
        changes.clear();
        return r;
    }

    private static RibConfig config(int allowOwnAs, int maxPaths) {
        return new RibConfig(OUR_AS, ROUTER_ID, 0, allowOwnAs, decisionConfig(maxPaths));
    }

    private static DecisionConfig decisionConfig(int maxPaths) {
        return new DecisionConfig(false, false, false, maxPaths, RESOLVER);
    }

    /** A's usual route: one AS, its own next hop. */
    private static PathAttributes fromA() {
        return attrs(Origin.IGP, AsPath.sequence(65001), "192.0.2.1", 100);
    }

    /** B's usual route: as good as A's up to the router ID. */
    private static PathAttributes fromB() {
        return attrs(Origin.IGP, AsPath.sequence(65002), "192.0.2.2", 100);
    }

    /**
     * A route's attributes. LOCAL_PREF 100, the default, is left out: eBGP peers send none (RFC
     * 4271 section 5.1.5), and one they send would be ignored anyway.
     */
    private static PathAttributes attrs(Origin origin, AsPath path, String nextHop, long localPref) {
        return localPref == Decision.DEFAULT_LOCAL_PREF
                ? PathAttributes.of(origin, path, NextHop.of(nextHop))
                : PathAttributes.of(origin, path, NextHop.of(nextHop), new LocalPref(localPref));
    }
}
