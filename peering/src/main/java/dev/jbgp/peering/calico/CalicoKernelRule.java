package dev.jbgp.peering.calico;

import dev.jbgp.core.Prefix;
import dev.jbgp.rib.Destination;
import dev.jbgp.rib.Path;
import dev.jbgp.rib.kernel.FibRoute;
import dev.jbgp.rib.kernel.KernelRule;
import dev.jbgp.rib.kernel.NextHop;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.StringJoiner;

/**
 * What the kernel holds for each route, as Calico's BIRD programs it (the
 * {@code calico_kernel_programming} filter of {@code bird_ipam.cfg} and the static blackholes
 * of {@code bird_aggr.cfg}). The first entry whose prefix holds the route decides:
 *
 * <ul>
 *   <li>service ranges ({@code serviceClusterIPs} and the advertised external and LoadBalancer
 *       ranges) are never installed: kube-proxy handles them;
 *   <li>VXLAN pools are never installed: Felix programs them, own blocks included; so are the
 *       other pools that BGPConfiguration {@code programClusterRoutes} leaves to Felix;
 *   <li>IPIP {@code Always} pools go {@code via <next hop> dev tunl0 onlink};
 *       {@code CrossSubnet} pools do so only for next hops outside the node's subnet;
 *   <li>anything else goes {@code via <next hop>}, every next hop of the multipath set (ECMP).
 * </ul>
 *
 * Routes we originate (the node's blocks) become {@code blackhole} routes, except host-length
 * blocks (Calico adds no static route for a /32 block: its one address is a pod's route).
 *
 * <p>Two rules are equal when their entries (prefix, treatment and the resource named) and
 * local subnet are: such rules install the same routes, so a caller holding one need not
 * reinstall when handed the other.
 */
public final class CalicoKernelRule implements KernelRule {
    /** The IPIP device Felix creates. */
    public static final String TUNNEL_DEVICE = "tunl0";

    /** What happens to learned routes within an entry's prefix. */
    public enum Treatment {
        NOT_INSTALLED,
        VIA,
        IPIP,
        IPIP_CROSS_SUBNET
    }

    /** One line of the rule: routes within {@code prefix} get {@code treatment}; {@code why} names the resource. */
    public record Entry(Prefix prefix, Treatment treatment, String why) {
        public Entry {
            Objects.requireNonNull(prefix, "prefix");
            Objects.requireNonNull(treatment, "treatment");
            Objects.requireNonNull(why, "why");
        }
    }

    private final List<Entry> entries;
    private final Prefix localSubnet;

    /**
     * @param entries the entries, first match wins
     * @param localSubnet the node's IPv4 subnet, for {@code CrossSubnet}; null when the node has no IPv4 address
     */
    public CalicoKernelRule(List<Entry> entries, Prefix localSubnet) {
        this.entries = List.copyOf(entries);
        if (localSubnet != null && !localSubnet.isIpv4()) {
            throw new IllegalArgumentException("the local subnet of IPIP is IPv4: " + localSubnet);
        }
        this.localSubnet = localSubnet;
    }

    public List<Entry> entries() {
        return entries;
    }

    public Prefix localSubnet() {
        return localSubnet;
    }

    /** The treatment of routes to {@code prefix}: the first entry's that holds it, else {@link Treatment#VIA}. */
    public Treatment treatment(Prefix prefix) {
        for (Entry e : entries) {
            if (e.prefix().contains(prefix)) {
                return e.treatment();
            }
        }
        return Treatment.VIA;
    }

    @Override
    public FibRoute route(Prefix prefix, Destination destination) {
        Treatment treatment = treatment(prefix);
        if (treatment == Treatment.NOT_INSTALLED) {
            return null;
        }
        Path best = destination.best();
        if (best == null) {
            return null;
        }
        if (best.peer().local()) {
            return prefix.length() == (prefix.isIpv4() ? 32 : 128) ? null : FibRoute.blackhole(prefix);
        }
        List<NextHop> hops = new ArrayList<>();
        for (Path p : destination.multipathSet()) {
            InetAddress gateway = p.forwardingAddress();
            if (gateway == null || (!prefix.isIpv4() && !(gateway instanceof Inet6Address))) {
                continue;
            }
            NextHop hop = tunnelled(treatment, gateway) ? NextHop.onlink(gateway, TUNNEL_DEVICE) : NextHop.via(gateway);
            if (!hops.contains(hop)) {
                hops.add(hop);
            }
        }
        return hops.isEmpty() ? null : FibRoute.unicast(prefix, hops);
    }

    private boolean tunnelled(Treatment treatment, InetAddress gateway) {
        if (!(gateway instanceof Inet4Address)) {
            return false; // IPIP carries IPv4 only
        }
        return switch (treatment) {
            case IPIP -> true;
            case IPIP_CROSS_SUBNET -> localSubnet == null || !localSubnet.contains(Prefix.of(gateway, 32));
            case VIA, NOT_INSTALLED -> false;
        };
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CalicoKernelRule other && entries.equals(other.entries)
                && Objects.equals(localSubnet, other.localSubnet);
    }

    @Override
    public int hashCode() {
        return Objects.hash(entries, localSubnet);
    }

    /** One line per entry, then what happens to our own routes and to everything else. */
    @Override
    public String toString() {
        StringJoiner j = new StringJoiner("\n");
        for (Entry e : entries) {
            String action = switch (e.treatment()) {
                case NOT_INSTALLED -> "not installed";
                case VIA -> "via <next hop>";
                case IPIP -> "via <next hop> dev " + TUNNEL_DEVICE + " onlink";
                case IPIP_CROSS_SUBNET -> "via <next hop> within " + (localSubnet == null ? "(no IPv4 subnet)" : localSubnet)
                        + ", else via <next hop> dev " + TUNNEL_DEVICE + " onlink";
            };
            j.add("net ~ " + e.prefix() + ": " + action + "  # " + e.why());
        }
        j.add("our own routes: blackhole, unless host-length");
        j.add("otherwise: via <next hop>");
        return j.toString();
    }
}
