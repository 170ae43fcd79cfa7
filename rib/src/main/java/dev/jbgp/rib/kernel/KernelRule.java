package dev.jbgp.rib.kernel;

import dev.jbgp.core.Prefix;
import dev.jbgp.rib.Destination;
import dev.jbgp.rib.Path;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * What the kernel should hold for a prefix of the Loc-RIB: the daemon's kernel rules (which
 * pools are installed, IPIP devices, blackholes). Called on the RIB thread, where the
 * destination may be read.
 */
@FunctionalInterface
public interface KernelRule {

    /** The route for {@code prefix}, or null when the kernel should hold none. */
    FibRoute route(Prefix prefix, Destination destination);

    /** The key of the route this rule makes for {@code prefix}, to remove it. */
    default RouteKey key(Prefix prefix) {
        return FibRoute.blackhole(prefix).key();
    }

    /**
     * Learned routes {@code via} the next hops of the multipath set (ECMP when several), our
     * own as blackholes (a node's blocks: traffic to an address no pod holds is dropped, not
     * sent back out), none when the prefix is unreachable.
     */
    KernelRule DEFAULT = (prefix, destination) -> {
        Path best = destination.best();
        if (best == null) {
            return null;
        }
        if (best.peer().local()) {
            return FibRoute.blackhole(prefix);
        }
        List<NextHop> hops = new ArrayList<>();
        for (Path p : destination.multipathSet()) {
            InetAddress gateway = p.forwardingAddress();
            if (gateway != null && (prefix.isIpv4() || gateway instanceof java.net.Inet6Address)) {
                NextHop hop = NextHop.via(gateway);
                if (!hops.contains(hop)) {
                    hops.add(hop);
                }
            }
        }
        return hops.isEmpty() ? null : FibRoute.unicast(prefix, hops);
    };
}
