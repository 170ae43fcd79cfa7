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
 * @param programClusterRoutes {@code programClusterRoutes}, or null when not set (see {@link ClusterRoutes})
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
        List<PrefixAdvertisement> prefixAdvertisements,
        ClusterRoutes programClusterRoutes) {

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

    /**
     * {@code programClusterRoutes}: for which IP pools (those with {@code vxlanMode: Never})
     * Calico's BGP side installs the routes to other nodes' workloads; Felix installs the
     * others. An IPIP pool has {@code ipipMode} Always or CrossSubnet, an unencapsulated one
     * Never. Calico v3.32 has Enabled (its default) and Disabled; its API after v3.32 adds the
     * two "Only" values and defaults to EnabledNoEncapOnly, together with a Felix that programs
     * IPIP routes itself. Unset, jbgp installs both kinds, as v3.32 does.
     */
    public enum ClusterRoutes {
        /** Both IPIP and unencapsulated pools. */
        ENABLED("Enabled", true, true),
        /** Neither: Felix installs them all. */
        DISABLED("Disabled", false, false),
        /** IPIP pools only. */
        ENABLED_IPIP_ONLY("EnabledIPIPOnly", true, false),
        /** Unencapsulated pools only. */
        ENABLED_NO_ENCAP_ONLY("EnabledNoEncapOnly", false, true);

        private final String text;
        private final boolean ipip;
        private final boolean noEncap;

        ClusterRoutes(String text, boolean ipip, boolean noEncap) {
            this.text = text;
            this.ipip = ipip;
            this.noEncap = noEncap;
        }

        static ClusterRoutes fromText(String text) {
            for (ClusterRoutes c : values()) {
                if (c.text.equals(text)) {
                    return c;
                }
            }
            return null;
        }

        /** Routes within IPIP pools are installed by jbgp. */
        public boolean ipip() {
            return ipip;
        }

        /** Routes within unencapsulated pools are installed by jbgp. */
        public boolean noEncap() {
            return noEncap;
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
