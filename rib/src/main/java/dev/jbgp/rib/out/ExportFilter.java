package dev.jbgp.rib.out;

import dev.jbgp.core.attribute.PathAttributes;
import dev.jbgp.rib.Route;

/**
 * A peer's export policy as the Adj-RIB-Out applies it, after the protocol's own rules: the
 * attributes to send the route with (the given instance when nothing changes), or null to not
 * send it. The route carries the attributes as those rules left them (AS_PATH prepended,
 * NEXT_HOP set, ...), the prefix, and the peer it came from.
 *
 * <p>Called on the RIB thread when the peer's session pulls, once per prefix; it must not change
 * the RIB. It must keep ORIGIN, AS_PATH and, for IPv4, NEXT_HOP, which every announcement needs.
 * Returning the instance it was given, or one shared instance per outcome, lets prefixes share
 * an UPDATE without comparing attribute sets field by field.
 */
@FunctionalInterface
public interface ExportFilter {
    PathAttributes apply(Route route);

    ExportFilter ACCEPT_ALL = Route::attributes;
}
