package dev.jbgp.rib.kernel;

import dev.jbgp.core.Prefix;
import java.util.Objects;

/**
 * What names one of our routes in the kernel, with our protocol number: the table, the
 * destination prefix and the metric. Two routes with the same key are one route; installing the
 * second replaces the first.
 */
public record RouteKey(int table, Prefix prefix, int metric) {

    public RouteKey {
        Objects.requireNonNull(prefix, "prefix");
    }

    @Override
    public String toString() {
        return prefix + " table " + table + " metric " + Integer.toUnsignedString(metric);
    }
}
