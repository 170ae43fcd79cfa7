package dev.jbgp.rr;

import dev.jbgp.core.attribute.ClusterList;
import dev.jbgp.core.attribute.OriginatorId;
import dev.jbgp.core.attribute.PathAttributes;
import dev.jbgp.rib.Ineligible;
import dev.jbgp.rib.Reflection;
import dev.jbgp.rib.RibConfig;
import dev.jbgp.rib.RibPeer;

/**
 * A route reflector (RFC 4456): the rules the RIB applies, through {@link RibConfig#reflection()},
 * when this speaker reflects routes between its iBGP peers. Which peers are clients is each
 * {@link RibPeer#routeReflectorClient()}'s to say; the reflector holds the cluster ID.
 *
 * <ul>
 *   <li>A path learnt from a client goes to every other iBGP peer, clients and non-clients; one
 *       learnt from a non-client goes to clients only (section 6). With client-to-client
 *       reflection off (clients that are fully meshed among themselves already, BIRD's and FRR's
 *       {@code no bgp client-to-client reflection}), a client's path goes to non-clients only.
 *   <li>A reflected path gets an ORIGINATOR_ID, the router ID of the peer it came from, unless it
 *       has one, and our cluster ID in front of its CLUSTER_LIST, created when absent (section 8).
 *       NEXT_HOP and every other attribute are left as they are (section 10).
 *   <li>A received path that carries our router ID as ORIGINATOR_ID, or our cluster ID in its
 *       CLUSTER_LIST, has looped: it stays in the Adj-RIB-In, ineligible, with the reason
 *       ({@link Ineligible#ORIGINATOR_LOOP}, {@link Ineligible#CLUSTER_LOOP}; section 8).
 * </ul>
 *
 * <p>Paths from eBGP peers and our own routes are not reflected: they go to every iBGP peer as
 * usual, without ORIGINATOR_ID or CLUSTER_LIST.
 *
 * <p><b>Two reflectors with one cluster ID.</b> Reflectors given the same cluster ID (redundant
 * reflectors of one cluster, as when several Calico nodes carry one
 * {@code routeReflectorClusterID}) do not accept each other's reflected routes: a route one of
 * them reflects to the other carries the shared cluster ID in its CLUSTER_LIST, so it arrives as
 * a cluster loop and is kept ineligible. Each of them learns a client's routes from that client
 * only, and a client that peers with just one of them never hears of the clients that peer only
 * with the other. A client must peer with every reflector of its cluster (Calico's BGPPeer with
 * {@code peerSelector: has(route-reflector)} on every node does that); then each reflector hears
 * every client first-hand, and losing one reflector loses no route. Reflectors with different
 * cluster IDs accept each other's routes.
 *
 * @param clusterId our cluster ID (RFC 4456 section 7), not 0 (0 means no reflector in
 *     {@code SpeakerConfig} and in Calico)
 * @param clientToClient whether a client's paths are reflected to other clients
 */
public record RouteReflector(int clusterId, boolean clientToClient) implements Reflection {
    public RouteReflector {
        if (clusterId == 0) {
            throw new IllegalArgumentException("cluster ID 0 means no route reflector");
        }
    }

    /** A reflector of cluster {@code clusterId} that reflects between clients too. */
    public static RouteReflector of(int clusterId) {
        return new RouteReflector(clusterId, true);
    }

    /** RFC 4456 section 6: from a client to all peers; from a non-client to clients only. */
    @Override
    public boolean reflects(RibPeer source, RibPeer target) {
        if (source.routeReflectorClient()) {
            return clientToClient || !target.routeReflectorClient();
        }
        return target.routeReflectorClient();
    }

    /** RFC 4456 section 8: ORIGINATOR_ID when absent, our cluster ID first in CLUSTER_LIST; nothing else (section 10). */
    @Override
    public PathAttributes reflect(PathAttributes attributes, int sourceRouterId) {
        PathAttributes a = attributes;
        if (a.originatorId() == null) {
            a = a.with(new OriginatorId(sourceRouterId));
        }
        return a.with(prepended(a.clusterList()));
    }

    /** RFC 4456 section 8: our router ID as ORIGINATOR_ID (as every speaker checks), or our cluster ID in CLUSTER_LIST. */
    @Override
    public Ineligible loop(PathAttributes received, int routerId) {
        Ineligible originator = Reflection.super.loop(received, routerId);
        if (originator != null) {
            return originator;
        }
        ClusterList clusters = received.clusterList();
        return clusters != null && clusters.contains(clusterId) ? Ineligible.CLUSTER_LOOP : null;
    }

    private ClusterList prepended(ClusterList list) {
        int[] old = list == null ? new int[0] : list.ids();
        int[] ids = new int[old.length + 1];
        ids[0] = clusterId;
        System.arraycopy(old, 0, ids, 1, old.length);
        return new ClusterList(ids);
    }

    @Override
    public String toString() {
        return "RouteReflector[cluster " + (clusterId >>> 24) + "." + (clusterId >>> 16 & 0xFF)
                + "." + (clusterId >>> 8 & 0xFF) + "." + (clusterId & 0xFF)
                + (clientToClient ? "" : ", no client-to-client reflection") + "]";
    }
}
