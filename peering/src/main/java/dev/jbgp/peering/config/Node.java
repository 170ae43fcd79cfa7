package dev.jbgp.peering.config;

import java.net.Inet4Address;
import java.util.Map;
import java.util.Objects;

/**
 * Calico's Node: a host that runs BGP. A node without {@code spec.bgp} is known (its labels
 * can be selected) but takes part in no peering.
 *
 * @param labels {@code metadata.labels}, what BGPPeer {@code nodeSelector} and {@code peerSelector} read
 * @param bgp {@code spec.bgp}, or null
 */
public record Node(String name, Map<String, String> labels, Bgp bgp) {

    public Node {
        Objects.requireNonNull(name, "name");
        labels = Map.copyOf(labels);
    }

    /**
     * Node {@code spec.bgp}.
     *
     * @param ipv4Address {@code ipv4Address} ({@code 198.19.0.2/20}), or null
     * @param ipv6Address {@code ipv6Address}, or null
     * @param asNumber {@code asNumber}, or null for the cluster's
     * @param routeReflectorClusterID {@code routeReflectorClusterID}, or null when the node is no route reflector
     */
    public record Bgp(NodeAddress ipv4Address, NodeAddress ipv6Address, Long asNumber,
            Inet4Address routeReflectorClusterID) {
    }

    public NodeAddress ipv4() {
        return bgp == null ? null : bgp.ipv4Address();
    }

    public NodeAddress ipv6() {
        return bgp == null ? null : bgp.ipv6Address();
    }

    /** The node's address of one family. */
    public NodeAddress address(boolean ipv6) {
        return ipv6 ? ipv6() : ipv4();
    }

    /** The node's own AS, or null when it takes the cluster's. */
    public Long asNumber() {
        return bgp == null ? null : bgp.asNumber();
    }

    /** The route-reflector cluster ID as BGP carries it, 0 when the node is no route reflector. */
    public int clusterId() {
        if (bgp == null || bgp.routeReflectorClusterID() == null) {
            return 0;
        }
        byte[] b = bgp.routeReflectorClusterID().getAddress();
        return (b[0] & 0xFF) << 24 | (b[1] & 0xFF) << 16 | (b[2] & 0xFF) << 8 | (b[3] & 0xFF);
    }

    public boolean routeReflector() {
        return clusterId() != 0;
    }
}
