package dev.jbgp.rib;

import dev.jbgp.core.attribute.PathAttributes;

/**
 * A peer's import policy as the RIB applies it: the attributes to keep (the given instance
 * when nothing changes), or null to reject the route.
 */
@FunctionalInterface
public interface ImportFilter {
    PathAttributes apply(Route route);

    ImportFilter ACCEPT_ALL = Route::attributes;
}
