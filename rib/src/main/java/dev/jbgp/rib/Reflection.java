package dev.jbgp.rib;

import dev.jbgp.core.attribute.OriginatorId;
import dev.jbgp.core.attribute.PathAttributes;

/**
 * What route reflection (RFC 4456 sections 6 and 8) changes in the RIB: which iBGP-learned paths
 * go to which iBGP peers, the attributes a reflected path goes out with, and which received paths
 * loop back to us. The RIB's export step asks {@link #reflects} and {@link #reflect}, its import
 * checks {@link #loop}; {@link RibConfig#reflection()} says which rules the RIB applies. A speaker
 * that reflects nothing uses {@link #NONE}; a route reflector is {@code dev.jbgp.rr.RouteReflector}.
 *
 * <p>The decision steps of RFC 4456 section 9 (ORIGINATOR_ID in place of the router ID, then the
 * shorter CLUSTER_LIST) are not here: every iBGP speaker applies them, reflector or not, in
 * {@link Decision}.
 *
 * <p>Implementations are immutable and answer from their arguments alone: the export step
 * remembers what {@link #reflect} made of an attribute set. The RIB calls them on its thread.
 */
public interface Reflection {
    /**
     * A speaker that reflects nothing: a path learnt from an iBGP peer goes to no other iBGP peer
     * (RFC 4271 section 9.2), whatever the peers' route reflector client flags say.
     */
    Reflection NONE = SplitHorizon.INSTANCE;

    /**
     * Whether a path learnt from the iBGP peer {@code source} is advertised to the iBGP peer
     * {@code target}, a different peer (RFC 4456 section 6). Paths from eBGP peers and our own go
     * to every iBGP peer without asking.
     */
    boolean reflects(RibPeer source, RibPeer target);

    /**
     * The attributes a path reflected from an iBGP peer goes out with, given those it has after
     * import policy and the peer's router ID. Called only for paths {@link #reflects} let through.
     * The router ID may count only when the attributes carry no ORIGINATOR_ID (RFC 4456 section 8
     * takes it as the originator then): the export step remembers one answer per attribute set and
     * originator.
     */
    PathAttributes reflect(PathAttributes attributes, int sourceRouterId);

    /**
     * Why a path received from an iBGP peer loops back to us, or null. RFC 4456 section 8 asks
     * every speaker that knows ORIGINATOR_ID to ignore a route carrying its own router ID there,
     * which is what this default does; a reflector also discards routes whose CLUSTER_LIST holds
     * its cluster ID.
     *
     * @param routerId our BGP Identifier
     */
    default Ineligible loop(PathAttributes received, int routerId) {
        OriginatorId originator = received.originatorId();
        return originator != null && originator.id() == routerId ? Ineligible.ORIGINATOR_LOOP : null;
    }
}
