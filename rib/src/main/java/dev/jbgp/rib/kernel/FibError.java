package dev.jbgp.rib.kernel;

import java.util.Objects;
import java.util.Optional;

/**
 * A route request the kernel refused (or that never reached it, e.g. a device that does not
 * exist): what was asked, and why it failed in the kernel's words.
 *
 * @param route the route asked for; empty for a removal, which names only the key
 * @param errno the error number, e.g. 101 (ENETUNREACH)
 * @param reason {@code strerror(errno)}, e.g. "Network is unreachable"
 * @param kernelMessage the kernel's own explanation, when it gave one (extended ack)
 */
public record FibError(Operation operation, RouteKey key, Optional<FibRoute> route, int errno, String reason,
        Optional<String> kernelMessage) {

    public enum Operation { INSTALL, REMOVE }

    public FibError {
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(route, "route");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(kernelMessage, "kernelMessage");
    }

    @Override
    public String toString() {
        String what = operation == Operation.INSTALL ? "install " + route.map(Object::toString).orElse(key.toString())
                : "remove " + key;
        return "cannot " + what + ": " + reason + " (errno " + errno + ")"
                + kernelMessage.map(m -> ": " + m).orElse("");
    }
}
