package dev.jbgp.rib;

import java.net.InetAddress;
import java.util.Objects;

/**
 * A source of routes as the RIB sees it: a BGP peer, or this speaker itself for the routes it
 * originates (a node's own blocks). Immutable; the RIB thread hands it around by reference.
 *
 * @param id a small number, unique among the peers of one RIB; 0 is {@link Kind#LOCAL}
 * @param address the peer's address (the last tie-breaker of the decision process); for the
 *     local source, the speaker's own address
 * @param asNumber the peer's AS (our own for LOCAL and iBGP)
 * @param routerId the peer's BGP Identifier
 * @param routeReflectorClient the peer is a route reflector client of ours (RFC 4456)
 */
public record RibPeer(int id, Kind kind, InetAddress address, long asNumber, int routerId, boolean routeReflectorClient) {
    public enum Kind {
        /** Routes this speaker originates. */
        LOCAL,
        /** An iBGP peer: same AS. */
        INTERNAL,
        /** An eBGP peer. */
        EXTERNAL
    }

    public RibPeer {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(address, "address");
        if (id < 0 || (kind == Kind.LOCAL) != (id == 0)) {
            throw new IllegalArgumentException("id 0 is the local source and only it: " + id + " " + kind);
        }
    }

    public static RibPeer local(InetAddress address, long asNumber, int routerId) {
        return new RibPeer(0, Kind.LOCAL, address, asNumber, routerId, false);
    }

    public boolean internal() {
        return kind == Kind.INTERNAL;
    }

    public boolean external() {
        return kind == Kind.EXTERNAL;
    }

    public boolean local() {
        return kind == Kind.LOCAL;
    }

    @Override
    public String toString() {
        return kind == Kind.LOCAL ? "local" : address.getHostAddress() + " (AS" + asNumber + ")";
    }
}
