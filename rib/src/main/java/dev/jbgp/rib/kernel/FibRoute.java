package dev.jbgp.rib.kernel;

import dev.jbgp.core.Prefix;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A route as the kernel holds it: {@code 198.19.21.64/26 via 198.19.0.3 dev eth0 proto bird},
 * {@code blackhole 198.19.22.128/26 proto bird}, or a route with two or more next hops (ECMP,
 * RTA_MULTIPATH). The protocol number is the {@link Fib}'s, not the route's.
 *
 * <p>The metric is the kernel's priority (RTA_PRIORITY), unsigned. The kernel stores an IPv6
 * route asked for with metric 0 under metric 1024 (IP6_RT_PRIO_USER, include/net/ip6_route.h),
 * so this record does the same: what is installed then reads back equal.
 *
 * @param table the routing table (RTA_TABLE), {@link #RT_TABLE_MAIN} for {@code ip route}'s
 */
public record FibRoute(Prefix prefix, Type type, List<NextHop> nextHops, int metric, int table) {

    /** RT_TABLE_MAIN (linux/rtnetlink.h). */
    public static final int RT_TABLE_MAIN = 254;

    /** IP6_RT_PRIO_USER: the metric the kernel gives an IPv6 route added with none. */
    static final int IPV6_DEFAULT_METRIC = 1024;

    public enum Type {
        /** Forwarded through its next hops (RTN_UNICAST). */
        UNICAST,
        /** Silently dropped (RTN_BLACKHOLE); has no next hops. */
        BLACKHOLE
    }

    public FibRoute {
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(type, "type");
        nextHops = List.copyOf(nextHops);
        if (table == 0) {
            throw new IllegalArgumentException("not a routing table: " + Integer.toUnsignedString(table));
        }
        switch (type) {
            case UNICAST -> {
                if (nextHops.isEmpty()) {
                    throw new IllegalArgumentException("unicast route " + prefix + " has no next hop");
                }
            }
            case BLACKHOLE -> {
                if (!nextHops.isEmpty()) {
                    throw new IllegalArgumentException("blackhole route " + prefix + " has next hops " + nextHops);
                }
            }
        }
        for (NextHop hop : nextHops) {
            if (!prefix.isIpv4() && !(hop.gateway() instanceof Inet6Address)) {
                throw new IllegalArgumentException("IPv6 route " + prefix + " " + hop + ": the gateway must be IPv6");
            }
        }
        if (nextHops.size() > 1 && Set.copyOf(nextHops).size() != nextHops.size()) {
            throw new IllegalArgumentException("route " + prefix + " lists a next hop twice: " + nextHops);
        }
        if (!prefix.isIpv4() && metric == 0) {
            metric = IPV6_DEFAULT_METRIC;
        }
    }

    /** {@code prefix via gateway} in the main table, metric 0. */
    public static FibRoute via(Prefix prefix, InetAddress gateway) {
        return new FibRoute(prefix, Type.UNICAST, List.of(NextHop.via(gateway)), 0, RT_TABLE_MAIN);
    }

    /** {@code prefix} over every next hop (ECMP when two or more), in the main table, metric 0. */
    public static FibRoute unicast(Prefix prefix, List<NextHop> nextHops) {
        return new FibRoute(prefix, Type.UNICAST, nextHops, 0, RT_TABLE_MAIN);
    }

    /** {@code blackhole prefix} in the main table, metric 0. */
    public static FibRoute blackhole(Prefix prefix) {
        return new FibRoute(prefix, Type.BLACKHOLE, List.of(), 0, RT_TABLE_MAIN);
    }

    public FibRoute withMetric(int newMetric) {
        return new FibRoute(prefix, type, nextHops, newMetric, table);
    }

    public FibRoute withTable(int newTable) {
        return new FibRoute(prefix, type, nextHops, metric, newTable);
    }

    public RouteKey key() {
        return new RouteKey(table, prefix, metric);
    }

    /**
     * True when the route the kernel holds, {@code installed}, forwards as this one asks: same
     * key and type, and each next hop matched by a distinct installed one, in any order (a next
     * hop that leaves the device open matches the device the kernel chose).
     */
    public boolean satisfiedBy(FibRoute installed) {
        if (!key().equals(installed.key()) || type != installed.type
                || nextHops.size() != installed.nextHops.size()) {
            return false;
        }
        List<NextHop> unmatched = new ArrayList<>(installed.nextHops);
        // Hops naming a device can only match exactly; take them first so a hop that leaves the
        // device open cannot use up the one they need.
        for (NextHop hop : nextHops) {
            if (hop.device().isPresent() && !unmatched.remove(hop)) {
                return false;
            }
        }
        for (NextHop hop : nextHops) {
            if (hop.device().isEmpty() && !removeFirst(unmatched, hop)) {
                return false;
            }
        }
        return true;
    }

    private static boolean removeFirst(List<NextHop> candidates, NextHop wanted) {
        for (int i = 0; i < candidates.size(); i++) {
            if (wanted.satisfiedBy(candidates.get(i))) {
                candidates.remove(i);
                return true;
            }
        }
        return false;
    }

    /** As {@code ip route} would show it, with the table and metric always spelled out. */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder();
        if (type == Type.BLACKHOLE) {
            s.append("blackhole ");
        }
        s.append(prefix);
        if (nextHops.size() == 1) {
            s.append(' ').append(nextHops.getFirst());
        } else {
            for (NextHop hop : nextHops) {
                s.append(" nexthop ").append(hop);
            }
        }
        return s.append(" metric ").append(Integer.toUnsignedString(metric))
                .append(" table ").append(Integer.toUnsignedString(table)).toString();
    }
}
