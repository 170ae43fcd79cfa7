package dev.jbgp.peering.config;

import java.util.List;
import java.util.Optional;

/**
 * One consistent set of Calico resources, as read from a file or a Kubernetes API server and
 * checked: what the planner turns into a node's peers and policies. Each list keeps the order
 * of the source.
 */
public record Resources(
        List<BgpConfiguration> bgpConfigurations,
        List<Node> nodes,
        List<BgpPeer> bgpPeers,
        List<IpPool> ipPools,
        List<IpamBlock> ipamBlocks,
        List<Secret> secrets) {

    public static final Resources EMPTY = new Resources(List.of(), List.of(), List.of(), List.of(), List.of(), List.of());

    public Resources {
        bgpConfigurations = List.copyOf(bgpConfigurations);
        nodes = List.copyOf(nodes);
        bgpPeers = List.copyOf(bgpPeers);
        ipPools = List.copyOf(ipPools);
        ipamBlocks = List.copyOf(ipamBlocks);
        secrets = List.copyOf(secrets);
    }

    /** The BGPConfiguration named {@code default}. */
    public Optional<BgpConfiguration> defaultConfiguration() {
        return bgpConfigurations.stream().filter(BgpConfiguration::isDefault).findFirst();
    }

    /** The BGPConfiguration named {@code node.<nodeName>}. */
    public Optional<BgpConfiguration> nodeConfiguration(String nodeName) {
        return bgpConfigurations.stream().filter(c -> nodeName.equals(c.nodeName())).findFirst();
    }

    public Optional<Node> node(String name) {
        return nodes.stream().filter(n -> n.name().equals(name)).findFirst();
    }

    /** The value a secret key reference points at, if the Secret and the key are there. */
    public Optional<String> secretValue(SecretKeyRef ref) {
        return secrets.stream()
                .filter(s -> s.name().equals(ref.name()))
                .map(s -> s.data().get(ref.key()))
                .filter(v -> v != null)
                .findFirst();
    }

    public int size() {
        return bgpConfigurations.size() + nodes.size() + bgpPeers.size() + ipPools.size() + ipamBlocks.size()
                + secrets.size();
    }
}
