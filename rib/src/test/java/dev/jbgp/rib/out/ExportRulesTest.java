package dev.jbgp.rib.out;

import static dev.jbgp.rib.out.Lab.BOTH;
import static dev.jbgp.rib.out.Lab.CONTROL;
import static dev.jbgp.rib.out.Lab.HOST1;
import static dev.jbgp.rib.out.Lab.NODE1_ADDRESSES;
import static dev.jbgp.rib.out.Lab.NODE2;
import static dev.jbgp.rib.out.Lab.NODE3;
import static dev.jbgp.rib.out.Lab.ROUTER2;
import static dev.jbgp.rib.out.Lab.address;
import static dev.jbgp.rib.out.Lab.announce;
import static dev.jbgp.rib.out.Lab.announce6;
import static dev.jbgp.rib.out.Lab.fromExternal;
import static dev.jbgp.rib.out.Lab.fromInternal;
import static dev.jbgp.rib.out.Lab.ipv4;
import static dev.jbgp.rib.out.Lab.prefix;
import static dev.jbgp.rib.out.Lab.slash24s;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jbgp.core.AfiSafi;
import dev.jbgp.core.Prefix;
import dev.jbgp.core.PrefixList;
import dev.jbgp.core.attribute.AsPath;
import dev.jbgp.core.attribute.ClusterList;
import dev.jbgp.core.attribute.Communities;
import dev.jbgp.core.attribute.LocalPref;
import dev.jbgp.core.attribute.MpReachNlri;
import dev.jbgp.core.attribute.MultiExitDisc;
import dev.jbgp.core.attribute.NextHop;
import dev.jbgp.core.attribute.Origin;
import dev.jbgp.core.attribute.OriginatorId;
import dev.jbgp.core.attribute.PathAttributes;
import dev.jbgp.core.codec.CodecContext;
import dev.jbgp.core.message.Update;
import dev.jbgp.rib.Rib;
import dev.jbgp.rib.RibPeer;
import dev.jbgp.rib.Route;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * Which best paths go to which peer and with which attributes: RFC 4271 section 5.1 and 9.2,
 * RFC 4456 section 8, RFC 1997, then the peer's export filter. Each case is read back from the
 * bytes the peer would receive.
 */
class ExportRulesTest {
    private static final Prefix BLOCK = prefix("198.19.21.0/26");
    private static final Prefix BLOCK6 = prefix("fd00:198:19:21::/64");
    private static final NextHop NODE1 = NextHop.of("198.19.0.2");

    private Rib rib = Lab.rib();

    private PeerSide sentTo(RibPeer peer) {
        return sentTo(peer, NODE1_ADDRESSES, ExportFilter.ACCEPT_ALL);
    }

    private PeerSide sentTo(RibPeer peer, ExportOptions options) {
        return sentTo(peer, options, ExportFilter.ACCEPT_ALL);
    }

    private PeerSide sentTo(RibPeer peer, ExportOptions options, ExportFilter filter) {
        PeerSide side = new PeerSide();
        side.receive(Lab.adjRibOut(rib, peer, options, filter, CodecContext.DEFAULT, BOTH).pull(Integer.MAX_VALUE));
        return side;
    }

    // --- never back, split horizon (route reflection is route-reflector's to test) ---

    @Test
    void aPathIsNeverSentBackToThePeerItCameFrom() {
        announce(rib, HOST1, fromExternal(HOST1), BLOCK);

        assertTrue(sentTo(HOST1).routes.isEmpty());
        assertTrue(sentTo(ROUTER2).routes.containsKey(BLOCK));
    }

    @Test
    void anIbgpPathIsNotSentToAnotherIbgpPeerButIsSentToExternalPeers() {
        announce(rib, NODE2, fromInternal(NODE2), BLOCK);

        assertTrue(sentTo(NODE3).routes.isEmpty());
        assertTrue(sentTo(CONTROL).routes.isEmpty());
        assertTrue(sentTo(HOST1).routes.containsKey(BLOCK));
    }

    @Test
    void toAnExternalPeerOurAsIsPrependedTheNextHopIsOursAndIbgpOnlyAttributesAreRemoved() {
        Communities tag = Communities.of(Communities.community(64512, 42));
        announce(rib, NODE2, fromInternal(NODE2, AsPath.sequence(65010), new LocalPref(200),
                new OriginatorId(ipv4("198.19.0.9")), new ClusterList(new int[] {ipv4("198.19.0.200")}), tag), BLOCK);

        assertEquals(PathAttributes.of(Origin.IGP, AsPath.sequence(64512, 65010), NODE1, tag),
                sentTo(HOST1).routes.get(BLOCK));
    }

    @Test
    void toAnExternalPeerAMedFromAnotherAsOrFromIbgpIsDroppedAndAConfiguredOneIsSent() {
        announce(rib, HOST1, fromExternal(HOST1, new MultiExitDisc(50)), BLOCK);
        Prefix fromNode2 = prefix("198.19.21.64/26");
        announce(rib, NODE2, fromInternal(NODE2, new MultiExitDisc(60)), fromNode2);

        PeerSide plain = sentTo(ROUTER2);
        assertNull(plain.routes.get(BLOCK).med());
        assertNull(plain.routes.get(fromNode2).med());
        assertEquals(new MultiExitDisc(50), sentTo(NODE2).routes.get(BLOCK).med(), "iBGP peers keep it");
        assertEquals(new MultiExitDisc(7), sentTo(ROUTER2, NODE1_ADDRESSES.withMed(new MultiExitDisc(7))).routes.get(BLOCK).med());
    }

    @Test
    void toAnExternalPeerTheMedOfALocallyOriginatedRouteIsOursAndIsSent() {
        rib.originate(BLOCK, PathAttributes.of(new MultiExitDisc(5)));

        assertEquals(new MultiExitDisc(5), sentTo(HOST1).routes.get(BLOCK).med());
    }

    @Test
    void toAnExternalPeerKeepOriginalNextHopPassesTheRoutesNextHopOn() {
        announce(rib, NODE2, fromInternal(NODE2), BLOCK);
        rib.originate(prefix("198.19.22.128/26"), PathAttributes.EMPTY);

        PeerSide side = sentTo(HOST1, NODE1_ADDRESSES.withKeepOriginalNextHop(true));

        assertEquals(NextHop.of("198.19.0.3"), side.routes.get(BLOCK).nextHop());
        assertEquals(NODE1, side.routes.get(prefix("198.19.22.128/26")).nextHop(), "our own routes have no other");
    }

    @Test
    void ourAsGoesIntoANewSegmentBeforeAnAsSetOrAFullSequence() {
        AsPath withSet = new AsPath(List.of(new AsPath.Segment(AsPath.SegmentType.AS_SET, new long[] {65010, 65011})));
        announce(rib, HOST1, fromExternal(HOST1, withSet), BLOCK);
        long[] full = LongStream.range(0, 255).map(i -> 65000 + i).toArray();
        Prefix longPath = prefix("198.19.21.64/26");
        announce(rib, HOST1, fromExternal(HOST1, AsPath.sequence(full)), longPath);

        PeerSide side = sentTo(ROUTER2);

        assertEquals(new AsPath(List.of(new AsPath.Segment(AsPath.SegmentType.AS_SEQUENCE, new long[] {64512}),
                withSet.segments().getFirst())), side.routes.get(BLOCK).asPath());
        List<AsPath.Segment> segments = side.routes.get(longPath).asPath().segments();
        assertEquals(2, segments.size());
        assertEquals(new AsPath.Segment(AsPath.SegmentType.AS_SEQUENCE, new long[] {64512}), segments.getFirst());
        assertEquals(256, side.routes.get(longPath).asPath().pathLength());
    }

    @Test
    void ipv6RoutesToAnExternalPeerHaveOurIpv6AddressAsNextHop() {
        announce6(rib, NODE2, fromInternal(NODE2), "fd00:198:19::3", List.of(BLOCK6));

        PeerSide side = sentTo(HOST1);

        assertEquals(address("fd00:198:19::2"), side.ipv6NextHops.get(BLOCK6));
        assertEquals(PathAttributes.of(Origin.IGP, AsPath.sequence(64512)), side.routes.get(BLOCK6));
    }

    @Test
    void withoutALocalAddressOfItsFamilyARouteThatNeedsOneIsNotSent() {
        announce(rib, NODE2, fromInternal(NODE2), BLOCK);
        announce6(rib, NODE2, fromInternal(NODE2), "fd00:198:19::3", List.of(BLOCK6));

        PeerSide side = sentTo(HOST1, ExportOptions.of(address("198.19.0.2")));

        assertEquals(Set.of(BLOCK), side.routes.keySet());
        assertEquals(List.of(AfiSafi.IPV4_UNICAST, AfiSafi.IPV6_UNICAST), side.endOfRib);
    }

    // --- to an internal peer ---

    @Test
    void toAnInternalPeerLocalPrefIs100WhenAbsentAndKeptWhenSet() {
        announce(rib, HOST1, fromExternal(HOST1), BLOCK);
        Prefix preferred = prefix("198.19.21.64/26");
        rib.addPeer(ROUTER2, route -> route.attributes().with(new LocalPref(250)));
        announce(rib, ROUTER2, fromExternal(ROUTER2), preferred);

        PeerSide side = sentTo(NODE2);

        assertEquals(new LocalPref(100), side.routes.get(BLOCK).localPref());
        assertEquals(new LocalPref(250), side.routes.get(preferred).localPref());
    }

    @Test
    void toAnInternalPeerTheNextHopIsKeptUnlessNextHopSelfIsSet() {
        announce(rib, HOST1, fromExternal(HOST1), BLOCK);
        announce6(rib, HOST1, fromExternal(HOST1), "fd00:198:19::fe", List.of(BLOCK6));

        PeerSide kept = sentTo(NODE2);
        PeerSide self = sentTo(NODE3, NODE1_ADDRESSES.withNextHopSelf(true));

        assertEquals(NextHop.of("198.19.15.254"), kept.routes.get(BLOCK).nextHop());
        assertEquals(address("fd00:198:19::fe"), kept.ipv6NextHops.get(BLOCK6));
        assertEquals(NODE1, self.routes.get(BLOCK).nextHop());
        assertEquals(address("fd00:198:19::2"), self.ipv6NextHops.get(BLOCK6));
    }

    @Test
    void anIpv4RouteLearntInMpReachNlriKeepsThatNextHopToAnInternalPeer() {
        rib.update(HOST1, Update.announce(PathAttributes.of(Origin.IGP, AsPath.sequence(65000)),
                MpReachNlri.of(AfiSafi.IPV4_UNICAST, PrefixList.of(BLOCK), address("198.19.15.250"))));

        assertEquals(NextHop.of("198.19.15.250"), sentTo(NODE2).routes.get(BLOCK).nextHop());
    }

    // --- RFC 1997 ---

    @Test
    void noExportStopsAtTheAsBorder() {
        announce(rib, HOST1, fromExternal(HOST1, Communities.of(Communities.NO_EXPORT)), BLOCK);
        Prefix subconfed = prefix("198.19.21.64/26");
        announce(rib, HOST1, fromExternal(HOST1, Communities.of(Communities.NO_EXPORT_SUBCONFED)), subconfed);

        assertEquals(Set.of(BLOCK, subconfed), sentTo(NODE2).routes.keySet());
        assertTrue(sentTo(ROUTER2).routes.isEmpty());
    }

    @Test
    void noAdvertiseReachesNoPeer() {
        announce(rib, HOST1, fromExternal(HOST1, Communities.of(Communities.NO_ADVERTISE)), BLOCK);
        rib.originate(prefix("198.19.22.128/26"), PathAttributes.of(Communities.of(Communities.NO_ADVERTISE)));

        assertTrue(sentTo(NODE2).routes.isEmpty());
        assertTrue(sentTo(ROUTER2).routes.isEmpty());
    }

    // --- locally originated routes ---

    @Test
    void locallyOriginatedRoutesGoOutWithOriginIgpAnEmptyAsPathAndUsAsNextHop() {
        Communities tag = Communities.of(Communities.community(64512, 100));
        rib.originate(BLOCK, PathAttributes.of(tag));
        rib.originate(BLOCK6, PathAttributes.of(tag));

        PeerSide internal = sentTo(NODE2);
        PeerSide external = sentTo(HOST1);

        assertEquals(PathAttributes.of(Origin.IGP, AsPath.EMPTY, NODE1, new LocalPref(100), tag), internal.routes.get(BLOCK));
        assertEquals(PathAttributes.of(Origin.IGP, AsPath.sequence(64512), NODE1, tag), external.routes.get(BLOCK));
        assertEquals(PathAttributes.of(Origin.IGP, AsPath.EMPTY, new LocalPref(100), tag), internal.routes.get(BLOCK6));
        assertEquals(address("fd00:198:19::2"), internal.ipv6NextHops.get(BLOCK6));
        assertEquals(address("fd00:198:19::2"), external.ipv6NextHops.get(BLOCK6));
    }

    @Test
    void aLocallyOriginatedRouteKeepsAnOriginItWasGiven() {
        rib.originate(BLOCK, PathAttributes.of(Origin.INCOMPLETE));

        assertEquals(Origin.INCOMPLETE, sentTo(NODE2).routes.get(BLOCK).origin());
    }

    // --- the export filter ---

    @Test
    void theExportFilterSeesTheAttributesAsTheRulesLeftThemAndDecidesLast() {
        Prefix rejected = prefix("198.19.21.64/26");
        announce(rib, HOST1, fromExternal(HOST1), BLOCK, rejected);
        List<Route> seen = new ArrayList<>();
        Communities tag = Communities.of(Communities.community(64512, 9));
        ExportFilter filter = route -> {
            seen.add(route);
            return route.prefix().equals(rejected) ? null : route.attributes().with(tag);
        };

        PeerSide side = sentTo(ROUTER2, NODE1_ADDRESSES, filter);

        assertEquals(2, seen.size());
        for (Route r : seen) {
            assertEquals(HOST1, r.source());
            assertEquals(AsPath.sequence(64512, 65000), r.attributes().asPath());
            assertEquals(NODE1, r.attributes().nextHop());
        }
        assertEquals(Set.of(BLOCK), side.routes.keySet());
        assertEquals(tag, side.routes.get(BLOCK).communities());
    }

    @Test
    void theRulesRunOncePerAttributeSetNotOncePerPrefix() {
        announce(rib, HOST1, fromExternal(HOST1), slash24s("10.0.0.0", 1000));
        announce(rib, HOST1, fromExternal(HOST1, new MultiExitDisc(1)), slash24s("20.0.0.0", 1000));
        announce(rib, NODE2, fromInternal(NODE2), slash24s("30.0.0.0", 1000));
        Set<PathAttributes> instances = Collections.newSetFromMap(new IdentityHashMap<>());
        int[] calls = {0};
        ExportFilter identities = route -> {
            calls[0]++;
            instances.add(route.attributes());
            return route.attributes();
        };

        PeerSide side = sentTo(ROUTER2, NODE1_ADDRESSES, identities);

        assertEquals(3000, calls[0]);
        assertEquals(3, instances.size(), "one exported set per input set");
        assertEquals(3000, side.routes.size());
    }

    @Test
    void theRememberedResultsAreBoundedInNumber() {
        ExportRules rules = new ExportRules(ROUTER2, rib.config(), NODE1_ADDRESSES, ExportFilter.ACCEPT_ALL);
        int sets = ExportRules.MEMO_LIMIT + 10;
        Map<Integer, PathAttributes> exported = new HashMap<>();
        for (int i = 0; i < sets; i++) {
            announce(rib, HOST1, fromExternal(HOST1, new MultiExitDisc(i)), BLOCK);
            PathAttributes out = rules.export(BLOCK, rib.destination(BLOCK).best());
            assertFalse(out.isEmpty());
            if (i % 10_000 == 0) {
                exported.put(i, out);
            }
        }

        assertTrue(rules.memoSize() <= ExportRules.MEMO_LIMIT, "memo holds " + rules.memoSize());
        assertTrue(rules.memoSize() > 0);
        assertEquals(AsPath.sequence(64512, 65000), exported.get(0).asPath());
    }
}
