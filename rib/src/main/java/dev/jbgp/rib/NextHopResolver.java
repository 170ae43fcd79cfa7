package dev.jbgp.rib;

import java.net.InetAddress;

/**
 * Whether a next hop can be reached and at what interior cost (RFC 4271 section 9.1.2.1).
 * Called on the RIB thread. The default finds every next hop reachable at cost 0, which is
 * right for a Kubernetes node whose peers sit on connected networks.
 */
@FunctionalInterface
public interface NextHopResolver {
    int UNRESOLVABLE = -1;

    /** The cost to reach {@code nextHop}, 0 or more, or {@link #UNRESOLVABLE}. */
    int cost(InetAddress nextHop);

    NextHopResolver CONNECTED = nextHop -> 0;
}
