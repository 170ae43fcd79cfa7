package dev.jbgp.fsm;

import dev.jbgp.core.AfiSafi;
import dev.jbgp.core.capability.GracefulRestart;
import dev.jbgp.core.capability.LongLivedGracefulRestart;
import dev.jbgp.core.codec.CodecContext;
import dev.jbgp.core.message.Open;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * What one OPEN exchange settled, handed to the codec and the RIB when the session comes up.
 *
 * @param peerAs the peer's AS (from the 4-octet AS capability when it sent one)
 * @param peerId the peer's BGP Identifier
 * @param internal the peer is in our AS (iBGP)
 * @param holdTime seconds: the smaller of the two proposals; 0 means no hold or keepalive timer
 * @param keepaliveTime seconds between our KEEPALIVEs; 0 when {@code holdTime} is 0
 * @param fourOctetAs both sides support 4-octet AS numbers (RFC 6793)
 * @param families the address families both sides offered (RFC 4760); IPv4 unicast when a
 *     side offered none
 * @param addPathReceive families whose NLRI from the peer carry path identifiers (RFC 7911)
 * @param addPathSend families whose NLRI to the peer may carry path identifiers
 * @param peerGracefulRestart the peer's Graceful Restart capability, when both sides offered
 *     one (RFC 4724)
 * @param peerLongLivedGracefulRestart the peer's Long-Lived Graceful Restart capability, when
 *     both sides offered one
 * @param extendedMessageReceive we offered extended messages: the peer may send up to 65535
 *     octets (RFC 8654)
 * @param extendedMessageSend the peer offered them: we may send up to 65535 octets
 * @param routeRefresh both sides offered route refresh (RFC 2918)
 * @param enhancedRouteRefresh both sides offered enhanced route refresh (RFC 7313)
 * @param localOpen the OPEN we sent
 * @param peerOpen the OPEN we received
 */
public record Negotiated(
        long peerAs,
        int peerId,
        boolean internal,
        int holdTime,
        int keepaliveTime,
        boolean fourOctetAs,
        Set<AfiSafi> families,
        Set<AfiSafi> addPathReceive,
        Set<AfiSafi> addPathSend,
        Optional<GracefulRestart> peerGracefulRestart,
        Optional<LongLivedGracefulRestart> peerLongLivedGracefulRestart,
        boolean extendedMessageReceive,
        boolean extendedMessageSend,
        boolean routeRefresh,
        boolean enhancedRouteRefresh,
        Open localOpen,
        Open peerOpen) {

    public Negotiated {
        families = Set.copyOf(families);
        addPathReceive = Set.copyOf(addPathReceive);
        addPathSend = Set.copyOf(addPathSend);
        if (holdTime == 0 ? keepaliveTime != 0 : keepaliveTime < 1 || keepaliveTime > holdTime / 3) {
            throw new IllegalArgumentException("keepalive " + keepaliveTime + " s does not fit hold time " + holdTime + " s");
        }
    }

    /** How to read what the peer sends. */
    public CodecContext inbound() {
        return new CodecContext(fourOctetAs, addPathReceive, extendedMessageReceive);
    }

    /** How to write what we send. */
    public CodecContext outbound() {
        return new CodecContext(fourOctetAs, addPathSend, extendedMessageSend);
    }

    public Duration hold() {
        return Duration.ofSeconds(holdTime);
    }

    public Duration keepalive() {
        return Duration.ofSeconds(keepaliveTime);
    }
}
