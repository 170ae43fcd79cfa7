package dev.jbgp.rib.policy;

import dev.jbgp.rib.ImportFilter;
import dev.jbgp.rib.Route;
import java.util.List;

/**
 * Decides whether a route goes on, and with which attributes: applied by the RIB on import
 * from a peer, on export to a peer and on the way into the kernel. The RIB thread calls it
 * for every route that changes, so it must not block; it must not change the route it is
 * given, whose attribute set is shared with other routes.
 */
@FunctionalInterface
public interface Policy {
    /** Every route, unchanged. */
    Policy ACCEPT_ALL = new Filter(List.of(), Filter.Otherwise.ACCEPT);

    /** No route. */
    Policy REJECT_ALL = new Filter(List.of(), Filter.Otherwise.REJECT);

    Verdict evaluate(Route route);

    /** This policy as the RIB applies it on import: the accepted attributes, or null. */
    default ImportFilter asImportFilter() {
        return route -> {
            Verdict v = evaluate(route);
            return v.accepted() ? v.attributes() : null;
        };
    }
}
