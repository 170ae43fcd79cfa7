package dev.jbgp.peering.interop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The Calico resources of a lab as the multi-document YAML file {@code jbgp run --config} reads:
 * a BGPConfiguration, a Node per node, BGPPeers (their passwords in Secrets, referenced the way
 * Calico's API does), IPPools and IPAMBlocks with {@code affinity: host:<node>}. Written from
 * plain text templates, so a test reads what the file says.
 *
 * @param asNumber the cluster's AS (BGPConfiguration {@code asNumber})
 * @param mesh {@code nodeToNodeMeshEnabled}
 * @param nodes the Calico nodes
 * @param peers the BGPPeers
 * @param pools the IPPools
 * @param blocks the IPAMBlocks
 */
record CalicoResources(long asNumber, boolean mesh, List<Node> nodes, List<Peer> peers, List<Pool> pools,
        List<Block> blocks) {

    /**
     * @param ipv4Address {@code spec.bgp.ipv4Address} with its prefix length, or null
     * @param ipv6Address {@code spec.bgp.ipv6Address} with its prefix length, or null
     * @param asNumber {@code spec.bgp.asNumber}, or 0 for the cluster's
     * @param labels labels besides {@code kubernetes.io/hostname} (which every node gets), in order
     * @param routeReflectorClusterID {@code spec.bgp.routeReflectorClusterID}, or null for a node that
     *     reflects no routes
     */
    record Node(String name, String ipv4Address, String ipv6Address, long asNumber, Map<String, String> labels,
            String routeReflectorClusterID) {

        Node {
            labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels));
        }

        Node(String name, String ipv4Address, String ipv6Address, long asNumber) {
            this(name, ipv4Address, ipv6Address, asNumber, Map.of(), null);
        }

        /**
         * This node as a route reflector the way Calico's documentation sets one up: label
         * {@value #ROUTE_REFLECTOR_LABEL}{@code : "true"} for the BGPPeers to select it, and
         * {@code routeReflectorClusterID}.
         */
        Node asRouteReflector(String clusterId) {
            Map<String, String> withLabel = new LinkedHashMap<>(labels);
            withLabel.put(ROUTE_REFLECTOR_LABEL, "true");
            return new Node(name, ipv4Address, ipv6Address, asNumber, withLabel, clusterId);
        }
    }

    /**
     * @param peerIp {@code spec.peerIP}, or null when {@code peerSelector} names the peers
     * @param asNumber {@code spec.asNumber}; 0 to leave it out (with a peerSelector each node's own AS is used)
     * @param node {@code spec.node}: the one node the peering is for, or null
     * @param password the TCP MD5 key, written to a Secret the BGPPeer refers to; or null
     * @param nodeSelector {@code spec.nodeSelector}: the nodes the peering is for, or null. With
     *     neither {@code node} nor {@code nodeSelector} the peer is global: every node has it
     * @param peerSelector {@code spec.peerSelector}: Calico nodes to peer with, instead of a peerIP
     */
    record Peer(String name, String peerIp, long asNumber, String node, String password, String nodeSelector,
            String peerSelector) {

        Peer {
            if ((peerIp == null) == (peerSelector == null)) {
                throw new IllegalArgumentException("a BGPPeer names its peer by peerIP or peerSelector, one of them");
            }
            if (node != null && nodeSelector != null) {
                throw new IllegalArgumentException("a BGPPeer has node or nodeSelector, not both");
            }
        }

        Peer(String name, String peerIp, long asNumber, String node, String password) {
            this(name, peerIp, asNumber, node, password, null, null);
        }

        /** The nodes of {@code nodeSelector} peer with the Calico nodes of {@code peerSelector}. */
        static Peer selecting(String name, String nodeSelector, String peerSelector) {
            return new Peer(name, null, 0, null, null, nodeSelector, peerSelector);
        }
    }

    record Pool(String name, String cidr, int blockSize, String ipipMode, String vxlanMode) {}

    /** @param node the node the block is affine to */
    record Block(String cidr, String node) {}

    /** The namespace Calico's operator keeps BGP passwords in. */
    static final String SECRET_NAMESPACE = "calico-system";

    /** The label Calico's documentation gives route reflectors ({@code route-reflector: "true"}). */
    static final String ROUTE_REFLECTOR_LABEL = "route-reflector";

    /** Calico's documentation's cluster ID for route reflectors, from the reserved 240.0.0.0/4. */
    static final String CLUSTER_ID = "244.0.0.1";

    CalicoResources {
        nodes = List.copyOf(nodes);
        peers = List.copyOf(peers);
        pools = List.copyOf(pools);
        blocks = List.copyOf(blocks);
    }

    /** No nodes, peers, pools or blocks yet; the node-to-node mesh on. */
    static CalicoResources of(long asNumber) {
        return new CalicoResources(asNumber, true, List.of(), List.of(), List.of(), List.of());
    }

    /**
     * The seeds' lab of DESIGN.md ({@code examples/lab/lab.yaml}): control 198.19.0.1, node1
     * 198.19.0.2 and node2 198.19.0.3 on the mesh in AS 64512, host1 198.19.15.254 a global peer,
     * pool 198.19.16.0/21 with /26 blocks, and the blocks {@code ip route} on node1 shows there.
     */
    static CalicoResources seedsLab() {
        return of(64512)
                .withNode("control", "198.19.0.1/20")
                .withNode("node1", "198.19.0.2/20")
                .withNode("node2", "198.19.0.3/20")
                .withGlobalPeer("host1", "198.19.15.254", 64512)
                .withPool("default-ipv4-ippool", "198.19.16.0/21", 26)
                .withBlock("198.19.21.0/26", "control")
                .withBlock("198.19.22.128/26", "node1")
                .withBlock("198.19.21.64/26", "node2");
    }

    /**
     * The seeds' lab with route reflection ({@code examples/lab/lab-rr.yaml}): the mesh off,
     * control the route reflector (cluster ID {@value #CLUSTER_ID}), every node peering with the
     * nodes labelled {@code route-reflector: "true"} as Calico's documentation configures it, and
     * host1 peering with control only.
     */
    static CalicoResources seedsLabWithReflector() {
        return of(64512)
                .withMesh(false)
                .withNode(new Node("control", "198.19.0.1/20", null, 0).asRouteReflector(CLUSTER_ID))
                .withNode("node1", "198.19.0.2/20")
                .withNode("node2", "198.19.0.3/20")
                .withPeer(Peer.selecting("peer-with-route-reflectors", "all()", ROUTE_REFLECTOR_LABEL + " == 'true'"))
                .withPeer(new Peer("host1", "198.19.15.254", 64512, "control", null))
                .withPool("default-ipv4-ippool", "198.19.16.0/21", 26)
                .withBlock("198.19.21.0/26", "control")
                .withBlock("198.19.22.128/26", "node1")
                .withBlock("198.19.21.64/26", "node2");
    }

    CalicoResources withMesh(boolean value) {
        return new CalicoResources(asNumber, value, nodes, peers, pools, blocks);
    }

    /** A node in the cluster's AS with an IPv4 address such as {@code 198.19.0.2/20}. */
    CalicoResources withNode(String name, String ipv4Address) {
        return withNode(new Node(name, ipv4Address, null, 0));
    }

    CalicoResources withNode(Node node) {
        return new CalicoResources(asNumber, mesh, append(nodes, node), peers, pools, blocks);
    }

    /** A BGPPeer for every node. */
    CalicoResources withGlobalPeer(String name, String peerIp, long peerAs) {
        return withPeer(new Peer(name, peerIp, peerAs, null, null));
    }

    CalicoResources withPeer(Peer peer) {
        return new CalicoResources(asNumber, mesh, nodes, append(peers, peer), pools, blocks);
    }

    /** A pool with no encapsulation (ipipMode and vxlanMode Never). */
    CalicoResources withPool(String name, String cidr, int blockSize) {
        return new CalicoResources(asNumber, mesh, nodes, peers,
                append(pools, new Pool(name, cidr, blockSize, "Never", "Never")), blocks);
    }

    CalicoResources withBlock(String cidr, String node) {
        return new CalicoResources(asNumber, mesh, nodes, peers, pools, append(blocks, new Block(cidr, node)));
    }

    /** The YAML text: documents separated by {@code ---}. */
    String render() {
        List<String> documents = new ArrayList<>();
        documents.add("""
                apiVersion: projectcalico.org/v3
                kind: BGPConfiguration
                metadata:
                  name: default
                spec:
                  logSeverityScreen: Info
                  nodeToNodeMeshEnabled: %s
                  asNumber: %d
                """.formatted(mesh, asNumber));
        for (Node node : nodes) {
            StringBuilder bgp = new StringBuilder();
            if (node.ipv4Address() != null) {
                bgp.append("    ipv4Address: ").append(node.ipv4Address()).append('\n');
            }
            if (node.ipv6Address() != null) {
                bgp.append("    ipv6Address: ").append(node.ipv6Address()).append('\n');
            }
            if (node.asNumber() != 0) {
                bgp.append("    asNumber: ").append(node.asNumber()).append('\n');
            }
            if (node.routeReflectorClusterID() != null) {
                bgp.append("    routeReflectorClusterID: ").append(node.routeReflectorClusterID()).append('\n');
            }
            StringBuilder labels = new StringBuilder();
            node.labels().forEach((key, value) -> labels.append("    ").append(key).append(": ").append(quoted(value))
                    .append('\n'));
            documents.add("""
                    apiVersion: projectcalico.org/v3
                    kind: Node
                    metadata:
                      name: %s
                      labels:
                        kubernetes.io/hostname: %s
                    %sspec:
                      bgp:
                    %s""".formatted(node.name(), node.name(), labels, bgp));
        }
        for (Peer peer : peers) {
            StringBuilder spec = new StringBuilder();
            if (peer.node() != null) {
                spec.append("  node: ").append(peer.node()).append('\n');
            }
            if (peer.nodeSelector() != null) {
                spec.append("  nodeSelector: ").append(selector(peer.nodeSelector())).append('\n');
            }
            if (peer.peerIp() != null) {
                spec.append("  peerIP: ").append(peer.peerIp()).append('\n');
            }
            if (peer.peerSelector() != null) {
                spec.append("  peerSelector: ").append(selector(peer.peerSelector())).append('\n');
            }
            if (peer.asNumber() != 0) {
                spec.append("  asNumber: ").append(peer.asNumber()).append('\n');
            }
            if (peer.password() != null) {
                documents.add("""
                        apiVersion: v1
                        kind: Secret
                        metadata:
                          name: bgp-password-%s
                          namespace: %s
                        type: Opaque
                        stringData:
                          password: %s
                        """.formatted(peer.name(), SECRET_NAMESPACE, quoted(peer.password())));
                spec.append("""
                          password:
                            secretKeyRef:
                              name: bgp-password-%s
                              key: password
                        """.formatted(peer.name()));
            }
            documents.add("""
                    apiVersion: projectcalico.org/v3
                    kind: BGPPeer
                    metadata:
                      name: %s
                    spec:
                    %s""".formatted(peer.name(), spec));
        }
        for (Pool pool : pools) {
            documents.add("""
                    apiVersion: projectcalico.org/v3
                    kind: IPPool
                    metadata:
                      name: %s
                    spec:
                      cidr: %s
                      blockSize: %d
                      ipipMode: %s
                      vxlanMode: %s
                    """.formatted(pool.name(), pool.cidr(), pool.blockSize(), pool.ipipMode(), pool.vxlanMode()));
        }
        for (Block block : blocks) {
            documents.add("""
                    apiVersion: projectcalico.org/v3
                    kind: IPAMBlock
                    metadata:
                      name: %s
                    spec:
                      cidr: %s
                      affinity: host:%s
                    """.formatted(blockName(block.cidr()), block.cidr(), block.node()));
        }
        return String.join("---\n", documents);
    }

    /** Writes {@link #render()} to {@code file} and returns it. */
    Path write(Path file) {
        try {
            Files.writeString(file, render());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /** Calico's name of a block: {@code 198.19.22.128/26} is {@code 198-19-22-128-26}. */
    static String blockName(String cidr) {
        return cidr.replace('.', '-').replace(':', '-').replace('/', '-');
    }

    /**
     * A selector as Calico's documentation writes it, unquoted ({@code route-reflector == 'true'}),
     * unless YAML would read it as something else than that text.
     */
    private static String selector(String value) {
        boolean plain = !value.isEmpty() && "!&*-?{}[]|>'\"%@`#,".indexOf(value.charAt(0)) < 0
                && !value.contains(": ") && !value.contains(" #") && !value.endsWith(":")
                && value.strip().equals(value);
        return plain ? value : quoted(value);
    }

    private static String quoted(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static <T> List<T> append(List<T> list, T item) {
        List<T> out = new ArrayList<>(list);
        out.add(Objects.requireNonNull(item));
        return out;
    }
}
