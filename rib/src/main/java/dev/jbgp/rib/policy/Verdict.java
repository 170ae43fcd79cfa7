package dev.jbgp.rib.policy;

import dev.jbgp.core.attribute.PathAttributes;
import java.util.Objects;

/**
 * What a {@link Policy} decided about a route.
 *
 * @param accepted the route goes on (into the Loc-RIB, to the peer, into the kernel)
 * @param attributes the route's attributes as the policy left them: the very instance it was
 *     given when nothing changed them
 * @param priority a preference among routes or a kernel metric, as the caller reads it; 0
 *     unless the policy set one
 */
public record Verdict(boolean accepted, PathAttributes attributes, int priority) {
    public Verdict {
        Objects.requireNonNull(attributes, "attributes");
    }

    public static Verdict accept(PathAttributes attributes) {
        return new Verdict(true, attributes, 0);
    }

    public static Verdict reject(PathAttributes attributes) {
        return new Verdict(false, attributes, 0);
    }

    public boolean rejected() {
        return !accepted;
    }
}
