package dev.jbgp.peering.config;

import dev.jbgp.peering.NextHopMode;
import dev.jbgp.peering.calico.Selector;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Calico's BGPPeer: a peering that some nodes (all, {@code node}, or those of
 * {@code nodeSelector}) keep with one address ({@code peerIP}) or with other Calico nodes
 * ({@code peerSelector}). Fields the file leaves out are null, or 0 for {@code asNumber}.
 *
 * @param node {@code node}, or null
 * @param nodeSelector {@code nodeSelector}, or null
 * @param peerIP {@code peerIP}, or null
 * @param asNumber {@code asNumber}, 0 when not set
 * @param peerSelector {@code peerSelector}, or null
 * @param localASNumber {@code localASNumber}, or null
 * @param password {@code password.secretKeyRef}, or null
 * @param sourceAddress {@code sourceAddress} ({@link SourceAddress#USE_NODE_IP} when not set)
 * @param nextHopMode {@code nextHopMode}, or null; when set, {@code keepOriginalNextHop} is ignored
 * @param maxRestartTime {@code maxRestartTime}, or null for 120 s
 * @param keepaliveTime {@code keepaliveTime}, or null for a third of the hold time
 * @param numAllowedLocalASNumbers {@code numAllowedLocalASNumbers}, or null
 * @param ttlSecurity {@code ttlSecurity} hops, or null (off)
 * @param reversePeeringManual {@code reversePeering: Manual}: the nodes at the far end do not peer back by themselves
 * @param localWorkloadSelector {@code localWorkloadSelector}, or null: peering with workloads, which jbgp does not do
 * @param filters {@code filters}, the names of BGPFilters, empty when not set; jbgp applies none
 * @param reachableBy {@code reachableBy}, the gateway to {@code peerIP}, or null; jbgp installs no route through it
 */
public record BgpPeer(
        String name,
        String node,
        Selector nodeSelector,
        PeerAddress peerIP,
        long asNumber,
        Selector peerSelector,
        Long localASNumber,
        SecretKeyRef password,
        SourceAddress sourceAddress,
        boolean keepOriginalNextHop,
        NextHopMode nextHopMode,
        Duration maxRestartTime,
        Duration keepaliveTime,
        Integer numAllowedLocalASNumbers,
        Integer ttlSecurity,
        boolean reversePeeringManual,
        String localWorkloadSelector,
        List<String> filters,
        InetAddress reachableBy) {

    /** {@code sourceAddress}. */
    public enum SourceAddress {
        /** Connect from the node's address of the peer's family. */
        USE_NODE_IP("UseNodeIP"),
        /** Let the kernel choose. */
        NONE("None");

        private final String text;

        SourceAddress(String text) {
            this.text = text;
        }

        static SourceAddress fromText(String text) {
            for (SourceAddress s : values()) {
                if (s.text.equals(text)) {
                    return s;
                }
            }
            return null;
        }

        @Override
        public String toString() {
            return text;
        }
    }

    public BgpPeer {
        Objects.requireNonNull(name, "name");
        if (peerIP == null && peerSelector == null && localWorkloadSelector == null) {
            throw new IllegalArgumentException("BGPPeer " + name + " has no peer: neither peerIP nor peerSelector"
                    + " (nor localWorkloadSelector)");
        }
        sourceAddress = sourceAddress == null ? SourceAddress.USE_NODE_IP : sourceAddress;
        filters = filters == null ? List.of() : List.copyOf(filters);
    }

    /** A peering of every node: neither {@code node} nor {@code nodeSelector} is set. */
    public boolean global() {
        return node == null && nodeSelector == null;
    }
}
