package dev.jbgp.rr;

import static dev.jbgp.rr.Cluster.BLOCK1;
import static dev.jbgp.rr.Cluster.CLUSTER_ID;
import static dev.jbgp.rr.Cluster.NODE1;
import static dev.jbgp.rr.Cluster.RR2;
import static dev.jbgp.rr.Cluster.RR3;
import static dev.jbgp.rr.Cluster.announce;
import static dev.jbgp.rr.Cluster.fromInternal;
import static dev.jbgp.rr.Cluster.id;
import static dev.jbgp.rr.Cluster.sentTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jbgp.core.attribute.ClusterList;
import dev.jbgp.core.attribute.NextHop;
import dev.jbgp.core.attribute.OriginatorId;
import dev.jbgp.core.attribute.PathAttributes;
import dev.jbgp.rib.Decision;
import dev.jbgp.rib.DecisionStep;
import dev.jbgp.rib.Destination;
import dev.jbgp.rib.Rib;
import org.junit.jupiter.api.Test;

/**
 * The decision steps of RFC 4456 section 9 as a reflector applies them: two other reflectors
 * (rr2, rr3, non-clients) send control the same block, and the clients are sent the winner.
 * rr2 has the lower router ID and address, so it wins whenever the step under test is skipped.
 */
class ReflectedPathSelectionTest {
    private static final NextHop NODE9 = NextHop.of("198.19.0.9");

    private final Rib rib = Cluster.reflector();
    private final Decision decision = new Decision(rib.config().decision());

    private static PathAttributes reflection(String originator, String... clusters) {
        int[] ids = new int[clusters.length];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = id(clusters[i]);
        }
        return fromInternal(RR2, NODE9, new OriginatorId(id(originator)), new ClusterList(ids));
    }

    @Test
    void ofTwoReflectionsOfOneOriginatorTheShorterClusterListWins() {
        announce(rib, RR2, reflection("198.19.0.9", "244.0.0.2", "244.0.0.3"), BLOCK1);
        announce(rib, RR3, reflection("198.19.0.9", "244.0.0.3"), BLOCK1);

        Destination d = rib.destination(BLOCK1);
        assertEquals(RR3, d.best().peer());
        assertEquals(DecisionStep.CLUSTER_LIST_LENGTH, Decision.step(decision.compare(d.best(), d.path(RR2, 0))));
        assertEquals(new ClusterList(new int[] {CLUSTER_ID, id("244.0.0.3")}),
                sentTo(rib, NODE1).route(BLOCK1).clusterList());
    }

    @Test
    void theOriginatorIdStandsInForTheRouterIdOfThePeerThatReflectedTheRoute() {
        // rr2 (router ID 198.19.0.5) reflects a route of 198.19.0.200, rr3 (198.19.0.6) one of 198.19.0.10.
        assertTrue(Integer.compareUnsigned(RR2.routerId(), RR3.routerId()) < 0);
        announce(rib, RR2, reflection("198.19.0.200", "244.0.0.2"), BLOCK1);
        announce(rib, RR3, reflection("198.19.0.10", "244.0.0.3"), BLOCK1);

        Destination d = rib.destination(BLOCK1);
        assertEquals(RR3, d.best().peer());
        assertEquals(DecisionStep.ROUTER_ID, Decision.step(decision.compare(d.best(), d.path(RR2, 0))));
        assertEquals(new OriginatorId(id("198.19.0.10")), sentTo(rib, NODE1).route(BLOCK1).originatorId());
    }
}
