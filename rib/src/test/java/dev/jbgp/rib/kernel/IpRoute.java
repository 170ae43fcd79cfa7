package dev.jbgp.rib.kernel;

import java.net.Inet6Address;
import java.util.ArrayList;
import java.util.List;

/** {@code ip route} arguments for a route, as an operator would type them. */
final class IpRoute {

    private IpRoute() {}

    static String[] replace(FibRoute route, int protocol) {
        List<String> args = new ArrayList<>(List.of("route", "replace"));
        if (route.type() == FibRoute.Type.BLACKHOLE) {
            args.add("blackhole");
        }
        args.add(route.prefix().toString());
        if (route.nextHops().size() == 1) {
            hop(args, route, route.nextHops().getFirst());
        } else {
            for (NextHop hop : route.nextHops()) {
                args.add("nexthop");
                hop(args, route, hop);
            }
        }
        key(args, route.key(), protocol);
        return args.toArray(String[]::new);
    }

    static String[] delete(RouteKey key, int protocol) {
        List<String> args = new ArrayList<>(List.of("route", "del", key.prefix().toString()));
        key(args, key, protocol);
        return args.toArray(String[]::new);
    }

    private static void hop(List<String> args, FibRoute route, NextHop hop) {
        args.add("via");
        if (route.prefix().isIpv4() && hop.gateway() instanceof Inet6Address) {
            args.add("inet6");
        }
        args.add(hop.gateway().getHostAddress());
        hop.device().ifPresent(device -> {
            args.add("dev");
            args.add(device);
        });
        if (hop.onlink()) {
            args.add("onlink");
        }
    }

    private static void key(List<String> args, RouteKey key, int protocol) {
        args.addAll(List.of("table", Integer.toUnsignedString(key.table()), "metric",
                Integer.toUnsignedString(key.metric()), "proto", Integer.toString(protocol)));
    }
}
