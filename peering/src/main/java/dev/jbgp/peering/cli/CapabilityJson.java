package dev.jbgp.peering.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jbgp.core.AfiSafi;
import dev.jbgp.core.capability.AddPath;
import dev.jbgp.core.capability.Capability;
import dev.jbgp.core.capability.EnhancedRouteRefresh;
import dev.jbgp.core.capability.ExtendedMessage;
import dev.jbgp.core.capability.ExtendedNextHop;
import dev.jbgp.core.capability.FourOctetAs;
import dev.jbgp.core.capability.Fqdn;
import dev.jbgp.core.capability.GracefulRestart;
import dev.jbgp.core.capability.LongLivedGracefulRestart;
import dev.jbgp.core.capability.Multiprotocol;
import dev.jbgp.core.capability.RouteRefreshSupport;
import dev.jbgp.core.capability.UnknownCapability;
import java.util.HexFormat;

/** One OPEN capability as a JSON object named by its kind, with the code IANA gives it. */
final class CapabilityJson {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private CapabilityJson() {
    }

    static ObjectNode of(Capability capability) {
        ObjectNode o = JSON.objectNode();
        o.put("name", name(capability));
        o.put("code", capability.code());
        switch (capability) {
            case Multiprotocol m -> o.put("family", m.family().toString());
            case RouteRefreshSupport r -> { }
            case EnhancedRouteRefresh r -> { }
            case ExtendedMessage e -> { }
            case FourOctetAs f -> o.put("asNumber", f.asNumber());
            case ExtendedNextHop e -> {
                ArrayNode entries = o.putArray("entries");
                for (ExtendedNextHop.Entry x : e.entries()) {
                    entries.addObject().put("family", family(x.nlriAfi(), x.nlriSafi()))
                            .put("nextHopAfi", afi(x.nextHopAfi()));
                }
            }
            case GracefulRestart g -> {
                o.put("restartTime", g.restartTime());
                ArrayNode flags = o.putArray("flags");
                if (g.restarting()) {
                    flags.add("restarting");
                }
                if (g.notificationSupport()) {
                    flags.add("notification");
                }
                int other = g.flags() & ~(GracefulRestart.RESTART_STATE | GracefulRestart.NOTIFICATION);
                if (other != 0) {
                    flags.add("0x" + Integer.toHexString(other));
                }
                ArrayNode families = o.putArray("families");
                for (GracefulRestart.Family f : g.families()) {
                    families.addObject().put("family", f.family().toString())
                            .put("forwardingPreserved", f.forwardingPreserved());
                }
            }
            case AddPath a -> {
                ArrayNode families = o.putArray("families");
                for (AddPath.Family f : a.families()) {
                    families.addObject().put("family", f.family().toString())
                            .put("sendReceive", sendReceive(f.sendReceive()));
                }
            }
            case LongLivedGracefulRestart l -> {
                ArrayNode families = o.putArray("families");
                for (LongLivedGracefulRestart.Family f : l.families()) {
                    families.addObject().put("family", f.family().toString())
                            .put("forwardingPreserved", (f.flags() & LongLivedGracefulRestart.FORWARDING_STATE) != 0)
                            .put("staleTime", f.staleTime());
                }
            }
            case Fqdn f -> o.put("hostname", f.hostname()).put("domain", f.domain());
            case UnknownCapability u -> o.put("hex", HexFormat.of().formatHex(u.value()));
        }
        return o;
    }

    private static String name(Capability capability) {
        return switch (capability) {
            case Multiprotocol m -> "multiprotocol";
            case RouteRefreshSupport r -> "route-refresh";
            case EnhancedRouteRefresh r -> "enhanced-route-refresh";
            case ExtendedMessage e -> "extended-message";
            case FourOctetAs f -> "four-octet-as";
            case ExtendedNextHop e -> "extended-next-hop";
            case GracefulRestart g -> "graceful-restart";
            case AddPath a -> "add-path";
            case LongLivedGracefulRestart l -> "long-lived-graceful-restart";
            case Fqdn f -> "fqdn";
            case UnknownCapability u -> "unknown";
        };
    }

    /** RFC 7911 section 4: 1 receive, 2 send, 3 both. */
    private static String sendReceive(int value) {
        return switch (value) {
            case AddPath.RECEIVE -> "receive";
            case AddPath.SEND -> "send";
            case AddPath.BOTH -> "both";
            default -> "invalid(" + value + ")";
        };
    }

    /** The extended next hop capability carries a 2-octet SAFI; one past 255 names no family we know. */
    private static String family(int afi, int safi) {
        return safi <= 0xFF ? new AfiSafi(afi, safi).toString() : "afi-" + afi + "-safi-" + safi;
    }

    private static String afi(int afi) {
        return switch (afi) {
            case AfiSafi.AFI_IPV4 -> "ipv4";
            case AfiSafi.AFI_IPV6 -> "ipv6";
            default -> "afi-" + afi;
        };
    }
}
