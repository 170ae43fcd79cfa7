package dev.jbgp.rib.kernel;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One routing table as a dump found it, from the point of view of our protocol number.
 *
 * @param routes our routes
 * @param unrecognised keys of routes with our protocol number that are not something we install
 *     (an {@code unreachable} route, a nexthop object, a device route...): someone else made them
 *     in our name, and reconciliation may replace or remove them
 * @param foreign keys of every other protocol's routes, which we never touch
 */
public record TableSnapshot(int table, Map<RouteKey, FibRoute> routes, Set<RouteKey> unrecognised,
        Set<RouteKey> foreign) {

    public TableSnapshot {
        routes = Map.copyOf(routes);
        unrecognised = Set.copyOf(unrecognised);
        foreign = Set.copyOf(foreign);
    }

    /** Our routes, in no particular order. */
    public List<FibRoute> ours() {
        return List.copyOf(routes.values());
    }

    /** True when one of our routes, recognised or not, sits at {@code key}. */
    public boolean holdsOurs(RouteKey key) {
        return routes.containsKey(key) || unrecognised.contains(key);
    }
}
