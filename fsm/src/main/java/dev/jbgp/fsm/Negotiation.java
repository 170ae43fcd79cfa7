package dev.jbgp.fsm;

import dev.jbgp.core.AfiSafi;
import dev.jbgp.core.capability.AddPath;
import dev.jbgp.core.capability.Capability;
import dev.jbgp.core.capability.EnhancedRouteRefresh;
import dev.jbgp.core.capability.ExtendedMessage;
import dev.jbgp.core.capability.FourOctetAs;
import dev.jbgp.core.capability.GracefulRestart;
import dev.jbgp.core.capability.LongLivedGracefulRestart;
import dev.jbgp.core.capability.Multiprotocol;
import dev.jbgp.core.capability.RouteRefreshSupport;
import dev.jbgp.core.codec.MessageEncoder;
import dev.jbgp.core.message.Notification;
import dev.jbgp.core.message.NotificationError;
import dev.jbgp.core.message.Open;
import java.io.ByteArrayOutputStream;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The checks of a peer's OPEN that need configuration (RFC 4271 section 6.2, RFC 5492,
 * RFC 6286, RFC 6793), and what the two OPENs negotiate. Checks the bytes alone decide
 * (version, a hold time of 1 or 2, a zero identifier) are the decoder's; they are repeated
 * here so an OPEN built in code meets the same rules.
 */
public final class Negotiation {

    /** The outcome of checking a peer's OPEN. */
    public sealed interface Result {
    }

    public record Accepted(Negotiated negotiated) implements Result {
    }

    /** The OPEN is refused with {@code notification}; {@code detail} says why, for the log. */
    public record Refused(Notification notification, String detail) implements Result {
    }

    private Negotiation() {
    }

    public static Result check(SessionConfig config, Open peer) {
        Open local = config.open();
        Optional<FourOctetAs> four = peer.capability(FourOctetAs.class);
        long peerAs;
        if (four.isPresent()) {
            peerAs = four.get().asNumber();
            // RFC 7607: AS 0 is an error; RFC 6793 section 9: AS_TRANS stands in for an AS, it is not one.
            if (peerAs == 0 || peerAs == Open.AS_TRANS) {
                return refused(NotificationError.Open.BAD_PEER_AS, "4-octet AS capability carries AS " + peerAs);
            }
            if (peer.myAs() != Open.AS_TRANS && peer.myAs() != peerAs) {
                return refused(NotificationError.Open.BAD_PEER_AS, "My Autonomous System " + peer.myAs()
                        + " disagrees with the 4-octet AS capability's " + peerAs);
            }
        } else {
            peerAs = peer.myAs();
            if (peerAs == 0 || peerAs == Open.AS_TRANS) {
                return refused(NotificationError.Open.BAD_PEER_AS, "My Autonomous System is " + peerAs
                        + " without a 4-octet AS capability");
            }
        }
        if (peerAs != config.peerAs()) {
            return refused(NotificationError.Open.BAD_PEER_AS, "peer announced AS " + peerAs + ", expected " + config.peerAs());
        }
        if (peer.holdTime() == 1 || peer.holdTime() == 2) {
            return refused(NotificationError.Open.UNACCEPTABLE_HOLD_TIME, "hold time " + peer.holdTime()
                    + " is neither 0 nor at least 3");
        }
        if (peer.bgpIdentifier() == 0) {
            return refused(NotificationError.Open.BAD_BGP_IDENTIFIER, "BGP Identifier 0.0.0.0");
        }
        // RFC 6286 section 2.2: within an AS the identifiers of two speakers differ.
        if (config.internal() && peer.bgpIdentifier() == config.localId()) {
            return refused(NotificationError.Open.BAD_BGP_IDENTIFIER, "iBGP peer uses our BGP Identifier "
                    + peer.bgpIdentifierString());
        }
        ByteArrayOutputStream missing = new ByteArrayOutputStream();
        StringBuilder missingNames = new StringBuilder();
        for (Capability required : config.requiredCapabilities()) {
            if (!offers(peer, required)) {
                missing.writeBytes(MessageEncoder.capabilityBytes(required));
                missingNames.append(missingNames.isEmpty() ? "" : ", ").append(required);
            }
        }
        if (missing.size() > 0) {
            // RFC 5492 section 5: the data lists the capabilities the peer lacks.
            return new Refused(Notification.of(NotificationError.Open.UNSUPPORTED_CAPABILITY, missing.toByteArray()),
                    "peer does not offer required " + missingNames);
        }
        return new Accepted(negotiate(config, local, peer, peerAs));
    }

    private static Refused refused(NotificationError error, String detail) {
        return new Refused(Notification.of(error), detail);
    }

    private static boolean offers(Open peer, Capability required) {
        if (required instanceof Multiprotocol mp) {
            return families(peer).contains(mp.family());
        }
        return peer.capabilities().stream().anyMatch(c -> c.code() == required.code());
    }

    /** RFC 4760 section 8: a speaker that offers no family is taken to route IPv4 unicast. */
    private static Set<AfiSafi> families(Open open) {
        List<Multiprotocol> mp = open.capabilities(Multiprotocol.class);
        if (mp.isEmpty()) {
            return Set.of(AfiSafi.IPV4_UNICAST);
        }
        Set<AfiSafi> out = new TreeSet<>();
        mp.forEach(m -> out.add(m.family()));
        return out;
    }

    private static Negotiated negotiate(SessionConfig config, Open local, Open peer, long peerAs) {
        int hold = Math.min(local.holdTime(), peer.holdTime());
        int keepalive = 0;
        if (hold > 0) {
            keepalive = hold / 3;
            if (config.keepaliveTime() > 0) {
                keepalive = Math.min(config.keepaliveTime(), keepalive);
            }
        }
        Set<AfiSafi> families = new TreeSet<>(families(local));
        families.retainAll(families(peer));
        Set<AfiSafi> receive = new HashSet<>();
        Set<AfiSafi> send = new HashSet<>();
        List<AddPath.Family> ours = local.capability(AddPath.class).map(AddPath::families).orElse(List.of());
        List<AddPath.Family> theirs = peer.capability(AddPath.class).map(AddPath::families).orElse(List.of());
        for (AddPath.Family o : ours) {
            if (!families.contains(o.family())) {
                continue;
            }
            for (AddPath.Family t : theirs) {
                if (t.family().equals(o.family())) {
                    // RFC 7911 section 4: we receive path identifiers when we asked to receive
                    // and the peer offered to send, and the other way round.
                    if (o.receives() && t.sends()) {
                        receive.add(o.family());
                    }
                    if (o.sends() && t.receives()) {
                        send.add(o.family());
                    }
                }
            }
        }
        boolean fourOctet = local.capability(FourOctetAs.class).isPresent() && peer.capability(FourOctetAs.class).isPresent();
        Optional<GracefulRestart> gr = local.capability(GracefulRestart.class).isPresent()
                ? peer.capability(GracefulRestart.class) : Optional.empty();
        Optional<LongLivedGracefulRestart> llgr = local.capability(LongLivedGracefulRestart.class).isPresent()
                ? peer.capability(LongLivedGracefulRestart.class) : Optional.empty();
        boolean extendedReceive = local.capability(ExtendedMessage.class).isPresent();
        boolean extendedSend = peer.capability(ExtendedMessage.class).isPresent();
        boolean routeRefresh = both(local, peer, RouteRefreshSupport.class);
        boolean enhanced = both(local, peer, EnhancedRouteRefresh.class);
        return new Negotiated(peerAs, peer.bgpIdentifier(), peerAs == config.localAs(), hold, keepalive, fourOctet,
                families, receive, send, gr, llgr, extendedReceive, extendedSend, routeRefresh, enhanced, local, peer);
    }

    private static boolean both(Open local, Open peer, Class<? extends Capability> kind) {
        return local.capability(kind).isPresent() && peer.capability(kind).isPresent();
    }
}
