package dev.jbgp.rr;

import static dev.jbgp.rr.Cluster.BLOCK1;
import static dev.jbgp.rr.Cluster.BLOCK2;
import static dev.jbgp.rr.Cluster.BLOCK6;
import static dev.jbgp.rr.Cluster.CLIENTS;
import static dev.jbgp.rr.Cluster.CLUSTER_ID;
import static dev.jbgp.rr.Cluster.HOST1;
import static dev.jbgp.rr.Cluster.NODE1;
import static dev.jbgp.rr.Cluster.NODE2;
import static dev.jbgp.rr.Cluster.NODE3;
import static dev.jbgp.rr.Cluster.NON_CLIENTS;
import static dev.jbgp.rr.Cluster.RR2;
import static dev.jbgp.rr.Cluster.RR3;
import static dev.jbgp.rr.Cluster.address;
import static dev.jbgp.rr.Cluster.announce;
import static dev.jbgp.rr.Cluster.announce6;
import static dev.jbgp.rr.Cluster.fromExternal;
import static dev.jbgp.rr.Cluster.fromInternal;
import static dev.jbgp.rr.Cluster.id;
import static dev.jbgp.rr.Cluster.sentTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jbgp.core.attribute.AsPath;
import dev.jbgp.core.attribute.ClusterList;
import dev.jbgp.core.attribute.Communities;
import dev.jbgp.core.attribute.LargeCommunities;
import dev.jbgp.core.attribute.LocalPref;
import dev.jbgp.core.attribute.MultiExitDisc;
import dev.jbgp.core.attribute.NextHop;
import dev.jbgp.core.attribute.Origin;
import dev.jbgp.core.attribute.OriginatorId;
import dev.jbgp.core.attribute.PathAttribute;
import dev.jbgp.core.attribute.PathAttributes;
import dev.jbgp.rib.Reflection;
import dev.jbgp.rib.Rib;
import dev.jbgp.rib.RibPeer;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Which iBGP peers a reflector sends a path to, and with which attributes (RFC 4456 sections 6, 8
 * and 10), through a real RIB and Adj-RIB-Out.
 */
class RouteReflectorTest {
    private Rib rib = Cluster.reflector();

    /** A path of {@code peer}'s as reflected by control: ORIGINATOR_ID {@code peer}, CLUSTER_LIST our cluster. */
    private static PathAttributes reflected(RibPeer peer) {
        return fromInternal(peer).with(new OriginatorId(peer.routerId())).with(new ClusterList(new int[] {CLUSTER_ID}));
    }

    // --- who gets what (section 6) -----------------------------------------------------------

    @Test
    void aClientsRouteIsReflectedToTheOtherClients() {
        announce(rib, NODE1, fromInternal(NODE1), BLOCK1);

        assertEquals(reflected(NODE1), sentTo(rib, NODE2).route(BLOCK1));
        assertEquals(reflected(NODE1), sentTo(rib, NODE3).route(BLOCK1));
    }

    @Test
    void aClientsRouteIsReflectedToNonClients() {
        announce(rib, NODE1, fromInternal(NODE1), BLOCK1);

        assertEquals(reflected(NODE1), sentTo(rib, RR2).route(BLOCK1));
        assertEquals(reflected(NODE1), sentTo(rib, RR3).route(BLOCK1));
    }

    @Test
    void aNonClientsRouteIsReflectedToClients() {
        announce(rib, RR2, fromInternal(RR2), BLOCK1);

        for (RibPeer client : CLIENTS) {
            assertEquals(reflected(RR2), sentTo(rib, client).route(BLOCK1), client::toString);
        }
    }

    @Test
    void aNonClientsRouteIsNotReflectedToOtherNonClients() {
        announce(rib, RR2, fromInternal(RR2), BLOCK1);

        assertTrue(sentTo(rib, RR3).routes().isEmpty());
        assertEquals(reflected(RR2), sentTo(rib, NODE1).route(BLOCK1), "while clients get it");
    }

    @Test
    void aClientsRouteIsNotSentBackToThatClient() {
        announce(rib, NODE1, fromInternal(NODE1), BLOCK1);

        assertTrue(sentTo(rib, NODE1).routes().isEmpty());
        assertEquals(reflected(NODE1), sentTo(rib, NODE2).route(BLOCK1), "while the other clients get it");
    }

    @Test
    void routesFromEbgpPeersAndOurOwnGoToClientsAndNonClientsUnreflected() {
        announce(rib, HOST1, fromExternal(HOST1), BLOCK1);
        rib.originate(BLOCK2, PathAttributes.EMPTY);

        for (RibPeer peer : List.of(NODE1, NODE2, RR2, RR3)) {
            Cluster.Received received = sentTo(rib, peer);
            // RFC 4271 section 5.1.5 adds LOCAL_PREF toward iBGP; nothing of RFC 4456 is added.
            assertEquals(fromExternal(HOST1).with(new LocalPref(100)), received.route(BLOCK1), peer::toString);
            assertEquals(PathAttributes.of(Origin.IGP, AsPath.EMPTY, NextHop.of("198.19.0.1"), new LocalPref(100)),
                    received.route(BLOCK2), peer::toString);
        }
    }

    // --- the attributes of a reflected route (sections 8 and 10) --------------------------------

    @Test
    void anOriginatorIdIsAddedWhenAbsentNamingTheClientTheRouteCameFrom() {
        // A third-party next hop makes both clients' attribute sets equal, so the RIB holds one
        // instance and the export step sees it twice: each route must still name its own originator.
        NextHop gateway = NextHop.of("198.19.0.50");
        announce(rib, NODE1, fromInternal(NODE1, gateway), BLOCK1);
        announce(rib, NODE2, fromInternal(NODE2, gateway), BLOCK2);
        assertSame(rib.destination(BLOCK1).best().attributes(), rib.destination(BLOCK2).best().attributes());

        Cluster.Received rr2 = sentTo(rib, RR2);

        assertEquals(new OriginatorId(NODE1.routerId()), rr2.route(BLOCK1).originatorId());
        assertEquals(new OriginatorId(NODE2.routerId()), rr2.route(BLOCK2).originatorId());
    }

    @Test
    void anOriginatorIdThatIsPresentIsKept() {
        // NODE1 passes on a route that RR3 reflected to it from 198.19.0.9.
        OriginatorId far = new OriginatorId(id("198.19.0.9"));
        announce(rib, NODE1, fromInternal(NODE1, far, new ClusterList(new int[] {id("244.0.0.3")})), BLOCK1);

        assertEquals(far, sentTo(rib, RR2).route(BLOCK1).originatorId());
    }

    @Test
    void ourClusterIdIsPrependedToAnExistingClusterList() {
        int second = id("244.0.0.3");
        int first = id("244.0.0.2");
        announce(rib, RR2, fromInternal(RR2, new OriginatorId(id("198.19.0.9")), new ClusterList(new int[] {first, second})),
                BLOCK1);

        assertEquals(new ClusterList(new int[] {CLUSTER_ID, first, second}), sentTo(rib, NODE1).route(BLOCK1).clusterList());
    }

    @Test
    void reflectionLeavesTheNextHopLocalPrefMedCommunitiesAndAsPathAsTheyCame() {
        PathAttribute[] kept = {
            NextHop.of("198.19.15.1"), new LocalPref(250), new MultiExitDisc(30), AsPath.sequence(65010, 65020),
            Origin.EGP, Communities.of(Communities.community(64512, 7), Communities.NO_EXPORT),
            LargeCommunities.of(new LargeCommunities.LargeCommunity(64512, 1, 2)),
        };
        PathAttributes sent = fromInternal(NODE1, kept);
        announce(rib, NODE1, sent, BLOCK1);
        announce6(rib, NODE1, sent, "fd00:198:19::2", BLOCK6);

        Cluster.Received rr2 = sentTo(rib, RR2);

        PathAttributes expected = sent.with(new OriginatorId(NODE1.routerId())).with(new ClusterList(new int[] {CLUSTER_ID}));
        assertEquals(expected, rr2.route(BLOCK1));
        assertEquals(expected.without(PathAttribute.NEXT_HOP), rr2.route(BLOCK6));
        assertEquals(address("fd00:198:19::2"), rr2.ipv6NextHops().get(BLOCK6));
    }

    // --- options and the speaker that reflects nothing ------------------------------------------

    @Test
    void withoutClientToClientReflectionAClientsRouteGoesToNonClientsOnly() {
        rib = Cluster.rib(new RouteReflector(CLUSTER_ID, false));
        announce(rib, NODE1, fromInternal(NODE1), BLOCK1);
        announce(rib, RR2, fromInternal(RR2), BLOCK2);

        for (RibPeer client : List.of(NODE2, NODE3)) {
            Cluster.Received received = sentTo(rib, client);
            assertNull(received.route(BLOCK1), client::toString);
            assertEquals(reflected(RR2), received.route(BLOCK2), "a non-client's route still reaches " + client);
        }
        for (RibPeer nonClient : NON_CLIENTS) {
            assertEquals(reflected(NODE1), sentTo(rib, nonClient).route(BLOCK1), nonClient::toString);
        }
    }

    @Test
    void aSpeakerThatIsNotAReflectorReflectsNothingEvenToPeersMarkedAsClients() {
        rib = Cluster.rib(Reflection.NONE);
        announce(rib, NODE1, fromInternal(NODE1), BLOCK1);
        announce(rib, RR2, fromInternal(RR2), BLOCK2);

        for (RibPeer peer : List.of(NODE1, NODE2, NODE3, RR2, RR3)) {
            assertTrue(sentTo(rib, peer).routes().isEmpty(), peer::toString);
        }
        assertNotNull(sentTo(rib, HOST1).route(BLOCK1), "the route itself goes out, to the eBGP peer");
    }

    @Test
    void clusterIdZeroIsRefusedBecauseItMeansNoReflector() {
        assertThrows(IllegalArgumentException.class, () -> RouteReflector.of(0));
    }
}
