package dev.jbgp.rib;

import dev.jbgp.core.Prefix;

/**
 * Told, on the RIB thread, each time the best path or the multipath set of a prefix changes:
 * the kernel FIB and every peer's Adj-RIB-Out follow the Loc-RIB through it.
 */
@FunctionalInterface
public interface LocRibListener {
    /**
     * @param destination the prefix's paths after the change; {@code destination.best()} is
     *     null when the prefix is no longer reachable (the destination may then be gone from the RIB)
     */
    void changed(Prefix prefix, Destination destination);
}
