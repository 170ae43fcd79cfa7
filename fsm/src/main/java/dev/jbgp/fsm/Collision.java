package dev.jbgp.fsm;

import dev.jbgp.core.message.Open;

/**
 * Connection collision resolution (RFC 4271 section 6.8, RFC 6286 section 2.3): of two
 * connections between the same two speakers, the one opened by the speaker with the higher
 * BGP Identifier survives. Both speakers compute the same answer, each from its own side.
 */
public final class Collision {
    private Collision() {
    }

    /**
     * The connection to close.
     *
     * @param existing the connection the session was using
     * @param newer the second connection
     * @param peerOpen the OPEN received on either of them: the peer's identifier and AS
     */
    public static Connection loser(SessionConfig config, Open peerOpen, Connection existing, Connection newer) {
        if (existing.direction() == newer.direction()) {
            // Direction cannot tell them apart; section 6.8 keeps the existing one.
            return newer;
        }
        // Section 6.8: the identifiers compare as unsigned 4-octet integers.
        int byId = Integer.compareUnsigned(config.localId(), peerOpen.bgpIdentifier());
        // RFC 6286 section 2.3: equal identifiers (possible between ASes) are broken by the larger AS.
        int order = byId != 0 ? byId : Long.compare(config.localAs(), peerOpen.asNumber());
        if (order == 0) {
            return newer;
        }
        Connection.Direction survivor = order > 0 ? Connection.Direction.OUTGOING : Connection.Direction.INCOMING;
        return existing.direction() == survivor ? newer : existing;
    }
}
