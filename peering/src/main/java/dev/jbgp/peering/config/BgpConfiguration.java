package dev.jbgp.peering.config;

import dev.jbgp.core.Prefix;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Calico's BGPConfiguration: the one named {@code default} holds the cluster's settings, one
 * named {@code node.<node name>} the few a node can override ({@code listenPort},
 * {@code logSeverityScreen}, {@code prefixAdvertisements}). A field the file leaves out is
 * null (or, for {@code listenPort}, 0); the defaults are applied by the planner.
 *
 * @param asNumber the cluster's AS ({@code asNumber}; Calico's default is 64512)
 * @param nodeToNodeMeshEnabled {@code nodeToNodeMeshEnabled} (default true)
 * @param listenPort {@code listenPort}, 0 when not set (179)
 * @param serviceLoadBalancerAggregation {@code serviceLoadBalancerAggregation: Enabled} (the
 *     default): the LoadBalancer ranges are advertised whole
 * @param prefixAdvertisements null when not set; a node's list replaces the default's
 */
public record BgpConfiguration(
        String name,
        Long asNumber,
        Boolean nodeToNodeMeshEnabled,
        int listenPort,
        String logSeverityScreen,
        List<Prefix> serviceClusterIPs,
        List<Prefix> serviceExternalIPs,
        List<Prefix> serviceLoadBalancerIPs,
        boolean serviceLoadBalancerAggregation,
        BindMode bindMode,
        Duration nodeMeshMaxRestartTime,
        SecretKeyRef nodeMeshPassword,
        List<PrefixAdvertisement> prefixAdvertisements) {

    public static final String DEFAULT_NAME = "default";
    public static final String NODE_PREFIX = "node.";

    /** {@code bindMode}: where the BGP listener binds. */
    public enum BindMode {
        /** Every address. */
        NONE("None"),
        /** Only the node's BGP address. */
        NODE_IP("NodeIP");

        private final String text;

        BindMode(String text) {
            this.text = text;
        }

        static BindMode fromText(String text) {
            for (BindMode m : values()) {
                if (m.text.equals(text)) {
                    return m;
                }
            }
            return null;
        }

        @Override
        public String toString() {
            return text;
        }
    }

    public BgpConfiguration {
        Objects.requireNonNull(name, "name");
        serviceClusterIPs = List.copyOf(serviceClusterIPs);
        serviceExternalIPs = List.copyOf(serviceExternalIPs);
        serviceLoadBalancerIPs = List.copyOf(serviceLoadBalancerIPs);
        bindMode = bindMode == null ? BindMode.NONE : bindMode;
        prefixAdvertisements = prefixAdvertisements == null ? null : List.copyOf(prefixAdvertisements);
    }

    /** The cluster-wide one, named {@code default}. */
    public boolean isDefault() {
        return DEFAULT_NAME.equals(name);
    }

    /** The node a {@code node.<name>} configuration is for, or null. */
    public String nodeName() {
        return name.startsWith(NODE_PREFIX) ? name.substring(NODE_PREFIX.length()) : null;
    }
}
