package dev.jbgp.peering;

import java.net.InetAddress;
import java.time.Instant;
import java.util.Objects;

/**
 * One peer's line of the status: what {@code calicoctl node status} and BIRD's {@code show
 * protocols} print, and the counters behind {@code /metrics}. Immutable; a new one is made on
 * each change.
 *
 * @param name the session name ({@code Mesh_198_19_0_3})
 * @param type PEER TYPE
 * @param address the peer's address
 * @param port the peer's port
 * @param peerAs the peer's AS
 * @param localAs our AS on the session
 * @param bgpState the RFC 4271 state: {@code Idle}, {@code Connect}, {@code Active}, {@code
 *     OpenSent}, {@code OpenConfirm} or {@code Established}
 * @param protocolState BIRD's protocol state: {@code up} when Established, {@code start} while
 *     trying, {@code down} once stopped
 * @param since when {@code protocolState} last changed (the SINCE column)
 * @param info BIRD's INFO column: the BGP state, then the last error when there is one
 *     ({@code Active Socket: Connection refused}, {@code Idle Received: Bad peer AS})
 * @param lastError the last error on its own ({@code Socket: Connection refused}), or empty
 * @param establishedOnce the session has been Established at least once since the speaker started
 * @param peerRouterId the peer's BGP identifier as dotted quad once an OPEN came, else empty
 * @param holdTime the negotiated hold time in seconds, or 0 when not Established
 * @param updatesReceived UPDATE messages received since the speaker started
 * @param updatesSent UPDATE messages sent since the speaker started
 * @param prefixesReceived prefixes the peer currently announces to us
 * @param prefixesAccepted of those, the ones import policy kept
 * @param prefixesAdvertised prefixes we currently announce to the peer
 * @param establishedTransitions how many times the session reached Established
 */
public record PeerStatus(
        String name,
        PeerType type,
        InetAddress address,
        int port,
        long peerAs,
        long localAs,
        String bgpState,
        String protocolState,
        Instant since,
        String info,
        String lastError,
        boolean establishedOnce,
        String peerRouterId,
        int holdTime,
        long updatesReceived,
        long updatesSent,
        long prefixesReceived,
        long prefixesAccepted,
        long prefixesAdvertised,
        long establishedTransitions) {

    public PeerStatus {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(bgpState, "bgpState");
        Objects.requireNonNull(protocolState, "protocolState");
        Objects.requireNonNull(since, "since");
        Objects.requireNonNull(info, "info");
        Objects.requireNonNull(lastError, "lastError");
        Objects.requireNonNull(peerRouterId, "peerRouterId");
    }

    /** This status with the UPDATE counters given. */
    public PeerStatus withUpdates(long received, long sent) {
        return new PeerStatus(name, type, address, port, peerAs, localAs, bgpState, protocolState, since, info,
                lastError, establishedOnce, peerRouterId, holdTime, received, sent, prefixesReceived, prefixesAccepted,
                prefixesAdvertised, establishedTransitions);
    }

    /** This status with the prefix counts given (-1 for not known). */
    public PeerStatus withPrefixes(long received, long accepted, long advertised) {
        return new PeerStatus(name, type, address, port, peerAs, localAs, bgpState, protocolState, since, info,
                lastError, establishedOnce, peerRouterId, holdTime, updatesReceived, updatesSent, received, accepted,
                advertised, establishedTransitions);
    }

    public boolean established() {
        return bgpState.equals("Established");
    }
}
