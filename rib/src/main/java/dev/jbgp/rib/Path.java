package dev.jbgp.rib;

import dev.jbgp.core.attribute.PathAttributes;
import java.net.InetAddress;

/**
 * One path to a prefix: what one peer announced under one path identifier, as received
 * (Adj-RIB-In before import policy) and as accepted (after it). Immutable: a new announcement
 * replaces the object. Kept small on purpose, as there is one per prefix and peer.
 *
 * @param pathId the ADD-PATH path identifier (RFC 7911), 0 without ADD-PATH
 * @param received the attributes as the peer sent them (interned)
 * @param attributes the attributes after import policy (interned; the same instance when the
 *     policy changed nothing); null when {@code ineligible} is {@link Ineligible#REJECTED_BY_POLICY}
 * @param nextHop the next hop of an MP_REACH_NLRI family (IPv6); null when it is the NEXT_HOP attribute
 * @param ineligible why the path takes no part in the decision, or null when it does
 * @param arrival when it arrived, as a sequence number of the RIB (for "oldest path first")
 */
public record Path(RibPeer peer, int pathId, PathAttributes received, PathAttributes attributes, InetAddress nextHop,
        Ineligible ineligible, long arrival) {

    public boolean eligible() {
        return ineligible == null;
    }

    /** The next hop to forward to: the MP next hop, or the NEXT_HOP attribute; null for none. */
    public InetAddress forwardingAddress() {
        if (nextHop != null) {
            return nextHop;
        }
        PathAttributes a = attributes != null ? attributes : received;
        return a.nextHop() == null ? null : a.nextHop().inetAddress();
    }

    boolean samePeerAndId(RibPeer p, int id) {
        return peer.id() == p.id() && pathId == id;
    }
}
