package dev.jbgp.peering.calico;

import dev.jbgp.core.Prefix;
import dev.jbgp.peering.PeerSpec;
import java.net.InetAddress;
import java.util.List;

/** {@link CalicoPlan#toText()}: a plan with every value written out, one per line. */
final class CalicoPlanText {
    private CalicoPlanText() {
    }

    static String render(CalicoPlan plan) {
        StringBuilder s = new StringBuilder();
        s.append("node ").append(plan.nodeName()).append('\n');
        s.append("local AS ").append(plan.localAs()).append('\n');
        s.append("router ID ").append(address(plan.routerId())).append('\n');
        s.append("listen ").append(plan.listenAddress() == null ? "*" : address(plan.listenAddress()))
                .append(" port ").append(plan.listenPort()).append('\n');
        s.append("next hop IPv4 ").append(address(plan.nodeIpv4())).append('\n');
        s.append("next hop IPv6 ").append(address(plan.nodeIpv6())).append('\n');
        s.append("cluster ID ").append(plan.clusterId() == 0 ? "none (not a route reflector)"
                : address(clusterId(plan.clusterId()))).append('\n');
        s.append("log severity ").append(plan.logSeverity()).append('\n');

        s.append("\npeers (").append(plan.peers().size()).append(")\n");
        for (PeerSpec p : plan.peers()) {
            peer(s, p);
        }
        prefixes(s, "blocks", plan.blocks());
        prefixes(s, "service ranges advertised", plan.serviceCidrs());
        section(s, "import", plan.importPolicy().toString());
        section(s, "export", plan.exportPolicy().toString());
        section(s, "kernel", plan.kernelRule().toString());
        s.append("\nnotes (").append(plan.notes().size()).append(")\n");
        for (String n : plan.notes()) {
            s.append("  ").append(n).append('\n');
        }
        return s.toString();
    }

    private static void peer(StringBuilder s, PeerSpec p) {
        s.append("  ").append(p.name()).append('\n');
        line(s, "type", p.type().label());
        line(s, "neighbor", address(p.address()) + " port " + p.port());
        line(s, "AS", p.peerAs() + ", local " + p.localAs() + (p.internal() ? " (iBGP)" : " (eBGP)"));
        line(s, "passive", p.passive() ? "yes" : "no");
        line(s, "source address", address(p.sourceAddress()));
        line(s, "password", p.password() == null ? "none" : "set");
        line(s, "hold time", p.holdTime() + "s, keepalive " + (p.keepaliveTime() == 0 ? "a third" : p.keepaliveTime() + "s"));
        line(s, "ttl security", p.ttlSecurityHops() == 0 ? "off (multihop)" : p.ttlSecurityHops() + " hops");
        line(s, "graceful restart", p.gracefulRestartTime().toSeconds() + "s");
        line(s, "allow local AS", Integer.toString(p.allowedLocalAs()));
        line(s, "next hop", p.nextHopMode().name().toLowerCase(java.util.Locale.ROOT));
        line(s, "rr client", p.routeReflectorClient() ? "yes" : "no");
    }

    private static void line(StringBuilder s, String key, String value) {
        s.append("    ").append(key).append(": ").append(value).append('\n');
    }

    private static void prefixes(StringBuilder s, String title, List<Prefix> prefixes) {
        s.append('\n').append(title).append(" (").append(prefixes.size()).append(")\n");
        for (Prefix p : prefixes) {
            s.append("  ").append(p).append('\n');
        }
    }

    private static void section(StringBuilder s, String title, String body) {
        s.append('\n').append(title).append('\n');
        for (String line : body.split("\n")) {
            s.append("  ").append(line).append('\n');
        }
    }

    private static String address(InetAddress a) {
        return a == null ? "none" : CalicoPlanner.text(a);
    }

    private static InetAddress clusterId(int id) {
        byte[] b = {(byte) (id >>> 24), (byte) (id >>> 16), (byte) (id >>> 8), (byte) id};
        try {
            return InetAddress.getByAddress(b);
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}
