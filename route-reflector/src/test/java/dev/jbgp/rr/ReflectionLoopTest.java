package dev.jbgp.rr;

import static dev.jbgp.rr.Cluster.AS;
import static dev.jbgp.rr.Cluster.BLOCK1;
import static dev.jbgp.rr.Cluster.CLUSTER_ID;
import static dev.jbgp.rr.Cluster.NODE1;
import static dev.jbgp.rr.Cluster.RR2;
import static dev.jbgp.rr.Cluster.SELF;
import static dev.jbgp.rr.Cluster.address;
import static dev.jbgp.rr.Cluster.announce;
import static dev.jbgp.rr.Cluster.fromInternal;
import static dev.jbgp.rr.Cluster.id;
import static dev.jbgp.rr.Cluster.internal;
import static dev.jbgp.rr.Cluster.sentTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jbgp.core.attribute.ClusterList;
import dev.jbgp.core.attribute.OriginatorId;
import dev.jbgp.core.message.Update;
import dev.jbgp.rib.Destination;
import dev.jbgp.rib.ImportFilter;
import dev.jbgp.rib.Ineligible;
import dev.jbgp.rib.Path;
import dev.jbgp.rib.Rib;
import dev.jbgp.rib.RibConfig;
import dev.jbgp.rib.RibPeer;
import org.junit.jupiter.api.Test;

/**
 * Routes that come back to where they were (RFC 4456 section 8): kept in the Adj-RIB-In,
 * ineligible, with the reason; and what that means for two reflectors of one cluster.
 */
class ReflectionLoopTest {
    private final Rib rib = Cluster.reflector();

    @Test
    void aRouteCarryingOurRouterIdAsOriginatorIdIsKeptIneligibleAsAnOriginatorLoop() {
        // RR2 reflects back to control a route control itself sent into the AS.
        announce(rib, RR2, fromInternal(RR2, new OriginatorId(SELF.routerId()), new ClusterList(new int[] {id("244.0.0.2")})),
                BLOCK1);

        Destination d = rib.destination(BLOCK1);
        assertEquals(Ineligible.ORIGINATOR_LOOP, d.path(RR2, 0).ineligible());
        assertNull(d.best());
        assertTrue(sentTo(rib, NODE1).routes().isEmpty(), "a looped route is not reflected");
    }

    @Test
    void aRouteCarryingOurClusterIdInItsClusterListIsKeptIneligibleAsAClusterLoop() {
        announce(rib, RR2, fromInternal(RR2, new OriginatorId(id("198.19.0.9")),
                new ClusterList(new int[] {id("244.0.0.2"), CLUSTER_ID})), BLOCK1);

        Destination d = rib.destination(BLOCK1);
        assertEquals(Ineligible.CLUSTER_LOOP, d.path(RR2, 0).ineligible());
        assertNull(d.best());
        assertTrue(sentTo(rib, NODE1).routes().isEmpty(), "a looped route is not reflected");
    }

    // rr2's view: control as a non-client (as Calico makes a reflector with the same cluster ID),
    // node4 as rr2's own client.
    private static final RibPeer RR2_SELF = RibPeer.local(address("198.19.0.5"), AS, id("198.19.0.5"));
    private static final RibPeer CONTROL = internal(1, "198.19.0.1", false);
    private static final RibPeer NODE4 = internal(2, "198.19.0.7", true);

    /** rr2's RIB, fed what control sends it after node1 announced its block to control. */
    private static Rib rr2AfterControlReflectsNode1(RouteReflector rr2) {
        Rib control = Cluster.reflector();
        announce(control, NODE1, fromInternal(NODE1), BLOCK1);
        Rib rib = new Rib(RibConfig.of(AS, RR2_SELF.routerId(), rr2), RR2_SELF);
        rib.addPeer(CONTROL, ImportFilter.ACCEPT_ALL);
        rib.addPeer(NODE4, ImportFilter.ACCEPT_ALL);
        for (Update u : sentTo(control, RR2).updates()) {
            rib.update(CONTROL, u);
        }
        return rib;
    }

    @Test
    void twoReflectorsSharingAClusterIdDropEachOthersReflectedRoutes() {
        Rib rr2 = rr2AfterControlReflectsNode1(RouteReflector.of(CLUSTER_ID));

        Path fromControl = rr2.destination(BLOCK1).path(CONTROL, 0);
        assertEquals(Ineligible.CLUSTER_LOOP, fromControl.ineligible());
        assertTrue(sentTo(rr2, NODE4).routes().isEmpty(), "a client of rr2 alone never hears of node1");
    }

    @Test
    void reflectorsOfDifferentClustersAcceptEachOthersReflectedRoutes() {
        int rr2Cluster = id("244.0.0.2");
        Rib rr2 = rr2AfterControlReflectsNode1(RouteReflector.of(rr2Cluster));

        assertEquals(CONTROL, rr2.destination(BLOCK1).best().peer());
        ClusterList twice = sentTo(rr2, NODE4).route(BLOCK1).clusterList();
        assertEquals(new ClusterList(new int[] {rr2Cluster, CLUSTER_ID}), twice);
    }
}
