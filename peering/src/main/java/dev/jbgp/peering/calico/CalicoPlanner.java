package dev.jbgp.peering.calico;

import dev.jbgp.core.Prefix;
import dev.jbgp.core.attribute.AttributeInterner;
import dev.jbgp.peering.NextHopMode;
import dev.jbgp.peering.PeerSpec;
import dev.jbgp.peering.PeerType;
import dev.jbgp.peering.config.BgpConfiguration;
import dev.jbgp.peering.config.BgpPeer;
import dev.jbgp.peering.config.ConfigException;
import dev.jbgp.peering.config.IpPool;
import dev.jbgp.peering.config.IpamBlock;
import dev.jbgp.peering.config.Node;
import dev.jbgp.peering.config.NodeAddress;
import dev.jbgp.peering.config.PrefixAdvertisement;
import dev.jbgp.peering.config.ResourceError;
import dev.jbgp.peering.config.Resources;
import dev.jbgp.peering.config.SecretKeyRef;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Works out one node's peers, policies and kernel rules from Calico's resources, as Calico's
 * confd does for BIRD: {@code updatePeersV1} in {@code confd/pkg/backends/calico/client.go}
 * turns BGPPeers into peerings (global ones first, then node-specific ones, then the automatic
 * reverse peerings between Calico nodes), and {@code bgp_processor.go} renders them with the
 * node-to-node mesh for one node. A pure function: the same resources give the same plan.
 *
 * <p>Where jbgp differs from Calico, on purpose:
 * <ul>
 *   <li>the one-directional rule (the end whose address sorts lower as a string waits, as
 *       bird.cfg's {@code passive on} when the other node's address is greater) holds for every
 *       peering between two Calico nodes; Calico's BIRD applies it to mesh and global peerings
 *       only. The higher end always connects either way, so a jbgp node beside a BIRD node
 *       still comes up;
 *   <li>with {@code bindMode: NodeIP} jbgp listens on one address, the node's IPv4 one when it
 *       has both (Calico runs a BIRD for each family, each bound to its own); a session of the
 *       family nobody listens for is never passive, since it could never be connected to;
 *   <li>a BGPPeer whose address and port duplicate a mesh peering is dropped (BIRD would run two
 *       sessions to one neighbour), with a note;
 *   <li>BGPPeer {@code filters} and {@code reachableBy} are not applied, with a note for each
 *       BGPPeer that has them and gives this node a session;
 *   <li>a {@code peerIP} given without a port names a Calico node when the node's address and AS
 *       match and, if a port is given, the node's listen port is that port.
 * </ul>
 */
public final class CalicoPlanner {
    /** BGPConfiguration {@code asNumber} when unset. */
    public static final long DEFAULT_AS = 64512;
    public static final int DEFAULT_PORT = 179;
    static final String EXCLUDE_FROM_SERVICE_ADVERTISEMENT = "node.kubernetes.io/exclude-from-external-load-balancers";

    private final Resources resources;
    private final String nodeName;
    private final BgpConfiguration global;
    private final long clusterAs;
    private final List<Node> nodes;
    private final Node node;
    private final long localAs;
    /** Where we listen ({@code bindMode: NodeIP}), or null for every address. */
    private final InetAddress listenAddress;
    private final List<String> notes = new ArrayList<>();

    private CalicoPlanner(Resources resources, String nodeName, Node node) {
        this.resources = resources;
        this.nodeName = nodeName;
        this.node = node;
        this.global = resources.defaultConfiguration().orElse(null);
        this.clusterAs = global != null && global.asNumber() != null ? global.asNumber() : DEFAULT_AS;
        this.nodes = resources.nodes().stream().sorted(Comparator.comparing(Node::name)).toList();
        this.localAs = node.asNumber() != null ? node.asNumber() : clusterAs;
        InetAddress listen = null;
        if (global != null && global.bindMode() == BgpConfiguration.BindMode.NODE_IP) {
            listen = node.ipv4() != null ? node.ipv4().address() : node.ipv6().address();
        }
        this.listenAddress = listen;
    }

    /**
     * The plan for the node named {@code nodeName}.
     *
     * @throws ConfigException when there is no such Node, or it has no BGP address
     */
    public static CalicoPlan plan(Resources resources, String nodeName) throws ConfigException {
        Node node = resources.node(nodeName).orElseThrow(() -> new ConfigException(new ResourceError("Node", nodeName,
                null, null, "is not in the configuration: jbgp runs as one of its Nodes")));
        if (node.ipv4() == null && node.ipv6() == null) {
            throw new ConfigException(new ResourceError("Node", nodeName, "spec.bgp", null,
                    "gives no BGP address (ipv4Address or ipv6Address)"));
        }
        return new CalicoPlanner(resources, nodeName, node).plan();
    }

    private CalicoPlan plan() {
        if (listenAddress != null && node.ipv4() != null && node.ipv6() != null) {
            notes.add("bindMode NodeIP: listening on " + node.ipv4().text() + " only, so no IPv6 session waits to be"
                    + " connected to: each connects out, and comes up only if the peer listens on its IPv6 address");
        }
        List<PeerSpec> peers = new ArrayList<>(meshPeers());
        peers.addAll(bgpPeerSessions(peers));
        peers.sort(PEER_ORDER);

        List<Prefix> blocks = resources.ipamBlocks().stream()
                .filter(b -> nodeName.equals(b.affineHost()))
                .map(IpamBlock::cidr)
                .sorted()
                .toList();
        ServiceRanges services = serviceRanges();
        Inet4Address v4 = node.ipv4() == null ? null : (Inet4Address) node.ipv4().address();
        Inet6Address v6 = node.ipv6() == null ? null : (Inet6Address) node.ipv6().address();
        Inet4Address routerId = v4 != null ? v4 : hashRouterId(nodeName);
        if (v4 == null) {
            notes.add("router ID " + text(routerId) + " is a hash of the node name: the node has no IPv4 address");
        }
        String severity = nodeConfiguration() != null && nodeConfiguration().logSeverityScreen() != null
                ? nodeConfiguration().logSeverityScreen()
                : global != null && global.logSeverityScreen() != null ? global.logSeverityScreen() : "Info";
        List<IpPool> pools = resources.ipPools().stream().sorted(Comparator.comparing(IpPool::cidr)).toList();
        BgpConfiguration.ClusterRoutes clusterRoutes = clusterRoutes();
        return new CalicoPlan(nodeName, localAs, routerId, listenAddress, listenPort(nodeName, DEFAULT_PORT), v4, v6,
                node.clusterId(), severity, peers, blocks, services.advertised(),
                CalicoPolicies.importPolicy(),
                CalicoPolicies.exportPolicy(pools, blocks, services, node.routeReflector(), prefixAdvertisements(),
                        AttributeInterner.weak()),
                CalicoPolicies.kernelRule(pools, services, node.ipv4() == null ? null : node.ipv4().subnet(),
                        clusterRoutes),
                notes);
    }

    /**
     * {@code programClusterRoutes} of the default configuration, or {@code Enabled} when unset
     * (Calico v3.32's default, and what jbgp did before reading the field); noted when it
     * leaves routes to Felix.
     */
    private BgpConfiguration.ClusterRoutes clusterRoutes() {
        BgpConfiguration.ClusterRoutes value = global == null ? null : global.programClusterRoutes();
        if (value == null) {
            return BgpConfiguration.ClusterRoutes.ENABLED;
        }
        String leftToFelix = !value.ipip() && !value.noEncap() ? "IPIP and unencapsulated pools"
                : !value.ipip() ? "IPIP pools"
                : !value.noEncap() ? "unencapsulated pools"
                : null;
        if (leftToFelix != null) {
            notes.add("BGPConfiguration \"" + global.name() + "\": programClusterRoutes " + value + ": routes within "
                    + leftToFelix + " are left to Felix, not installed");
        }
        return value;
    }

    /** Whether a peer at this address can connect to us: not in the family {@code bindMode: NodeIP} leaves unbound. */
    private boolean listeningFor(InetAddress peer) {
        return listenAddress == null || listenAddress.getClass() == peer.getClass();
    }

    // ---- the node-to-node mesh -------------------------------------------------------------

    /** Every other node with an address of the family, unless we or it reflect routes (bgp_processor.go processMeshPeers). */
    private List<PeerSpec> meshPeers() {
        boolean enabled = global == null || global.nodeToNodeMeshEnabled() == null || global.nodeToNodeMeshEnabled();
        if (!enabled || node.routeReflector()) {
            return List.of();
        }
        String password = secret(global == null ? null : global.nodeMeshPassword());
        Duration restart = global != null && global.nodeMeshMaxRestartTime() != null
                ? roundedSeconds(global.nodeMeshMaxRestartTime()) : PeerSpec.DEFAULT_GRACEFUL_RESTART_TIME;
        List<PeerSpec> out = new ArrayList<>();
        for (boolean v6 : new boolean[] {false, true}) {
            NodeAddress ours = node.address(v6);
            if (ours == null) {
                continue;
            }
            for (Node other : nodes) {
                NodeAddress theirs = other.address(v6);
                if (theirs == null || theirs.text().equals(ours.text()) || other.routeReflector()) {
                    continue;
                }
                long peerAs = other.asNumber() != null ? other.asNumber() : clusterAs;
                int port = listenPort(other.name(), DEFAULT_PORT);
                // Calico names mesh sessions without the port, whatever the peer listens on.
                String name = PeerSpec.sessionName(PeerType.MESH, theirs.address(), DEFAULT_PORT);
                // We wait when their address sorts higher: they connect (bird.cfg: passive if theirs > ours).
                boolean passive = theirs.text().compareTo(ours.text()) > 0 && listeningFor(theirs.address());
                out.add(new PeerSpec(name, PeerType.MESH, theirs.address(), port, peerAs, localAs,
                        passive, ours.address(), password, PeerSpec.DEFAULT_HOLD_TIME,
                        0, 0, restart, 0, NextHopMode.AUTO, false));
            }
        }
        return out;
    }

    // ---- BGPPeers --------------------------------------------------------------------------

    /** A peering as updatePeersV1 emits it (backends.BGPPeer), before it is rendered for this node. */
    private record Peering(
            InetAddress address,
            int port,              // 0: none given (179)
            long peerAs,
            long localAs,          // 0: the node's
            int allowLocalAs,
            boolean calicoNode,    // the address is a Calico node's
            int clusterId,         // the peer node's cluster ID, 0 when unknown or none
            BgpPeer source) {
    }

    private record Key(InetAddress address, int port) {
    }

    private List<PeerSpec> bgpPeerSessions(List<PeerSpec> mesh) {
        List<BgpPeer> bgpPeers = resources.bgpPeers().stream().sorted(Comparator.comparing(BgpPeer::name)).toList();
        Map<Key, Peering> globals = new LinkedHashMap<>();
        Map<Key, Peering> ours = new LinkedHashMap<>();
        for (BgpPeer p : bgpPeers) {
            if (p.localWorkloadSelector() != null) {
                notes.add("BGPPeer \"" + p.name() + "\": peering with local workloads is not supported; skipped");
            }
        }
        // Global peerings first, so a node-specific one to the same address and port gives way.
        for (BgpPeer p : bgpPeers) {
            if (p.global() && p.localWorkloadSelector() == null) {
                for (Peering peering : forward(p)) {
                    globals.putIfAbsent(new Key(peering.address(), peering.port()), peering);
                }
            }
        }
        for (BgpPeer p : bgpPeers) {
            if (!p.global() && p.localWorkloadSelector() == null && localNodes(p).contains(nodeName)) {
                for (Peering peering : forward(p)) {
                    Key key = new Key(peering.address(), peering.port());
                    if (!globals.containsKey(key)) {
                        ours.putIfAbsent(key, peering);
                    }
                }
            }
        }
        // Reverse peerings: a node that a BGPPeer points at peers back with the nodes that have it.
        for (BgpPeer p : bgpPeers) {
            if (p.reversePeeringManual() || p.localWorkloadSelector() != null || !pointedAt(p).contains(nodeName)) {
                continue;
            }
            boolean v4 = p.peerSelector() != null || !(p.peerIP().address() instanceof Inet6Address);
            boolean v6 = p.peerSelector() != null || p.peerIP().address() instanceof Inet6Address;
            for (Node n : nodes) {
                if (!localNodes(p).contains(n.name())) {
                    continue;
                }
                for (Peering peering : nodeAsPeerings(n, v4, v6, p)) {
                    Key key = new Key(peering.address(), peering.port());
                    if (!globals.containsKey(key)) {
                        ours.putIfAbsent(key, peering);
                    }
                }
            }
        }
        List<PeerSpec> out = new ArrayList<>();
        Set<Key> taken = new HashSet<>();
        for (PeerSpec m : mesh) {
            taken.add(new Key(m.address(), m.port()));
        }
        Map<String, BgpPeer> rendered = new TreeMap<>();
        render(globals.values(), PeerType.GLOBAL, taken, out, rendered);
        render(ours.values(), PeerType.NODE_SPECIFIC, taken, out, rendered);
        for (BgpPeer p : rendered.values()) {
            noteWhatIsNotApplied(p);
        }
        return out;
    }

    /** Notes what a BGPPeer that gives this node a session asks for and jbgp does not do. */
    private void noteWhatIsNotApplied(BgpPeer p) {
        if (!p.filters().isEmpty()) {
            notes.add("BGPPeer \"" + p.name() + "\": filters (" + String.join(", ", p.filters())
                    + ") are not applied, jbgp reads no BGPFilter: routes to and from the peer pass unfiltered");
        }
        if (p.reachableBy() != null) {
            notes.add("BGPPeer \"" + p.name() + "\": reachableBy " + text(p.reachableBy())
                    + " is not applied: no route to the peer through that gateway is installed");
        }
    }

    /** The peerings a BGPPeer asks of the nodes it applies to: its peerIP, or each node of its peerSelector. */
    private List<Peering> forward(BgpPeer p) {
        if (p.peerSelector() != null) {
            List<Peering> out = new ArrayList<>();
            for (Node n : nodes) {
                if (p.peerSelector().matches(n.labels())) {
                    out.addAll(nodeAsPeerings(n, true, true, p));
                }
            }
            return out;
        }
        InetAddress address = p.peerIP().address();
        int port = p.peerIP().port();
        if (port == 0) {
            // A Calico node at that address listens where its BGPConfiguration says.
            List<Node> targets = nodesWithAddressAndAs(p.peerIP().text(), p.asNumber(), 0);
            if (!targets.isEmpty()) {
                port = listenPort(targets.getFirst().name(), 0);
            }
        }
        boolean calicoNode = nodes.stream().anyMatch(n -> isAddressOf(n, p.peerIP().text()));
        return List.of(new Peering(address, port, p.asNumber(), p.localASNumber() == null ? 0 : p.localASNumber(),
                p.numAllowedLocalASNumbers() == null ? 0 : p.numAllowedLocalASNumbers(), calicoNode, 0, p));
    }

    /**
     * A Calico node as the far end of a BGPPeer (client.go nodeAsBGPPeers): its address of each
     * family asked for, its AS and listen port and cluster ID. As in Calico, the BGPPeer's
     * {@code localASNumber} and {@code numAllowedLocalASNumbers} do not apply between nodes.
     */
    private List<Peering> nodeAsPeerings(Node n, boolean v4, boolean v6, BgpPeer p) {
        List<Peering> out = new ArrayList<>();
        for (boolean family6 : new boolean[] {false, true}) {
            NodeAddress a = n.address(family6);
            if (a == null || (family6 ? !v6 : !v4)) {
                continue;
            }
            long as = n.asNumber() != null ? n.asNumber() : clusterAs;
            out.add(new Peering(a.address(), listenPort(n.name(), 0), as, 0, 0, true, n.clusterId(), p));
        }
        return out;
    }

    /** The nodes that have the peering: those of {@code node} or {@code nodeSelector}, or all. */
    private Set<String> localNodes(BgpPeer p) {
        Set<String> out = new TreeSet<>();
        for (Node n : nodes) {
            if (p.nodeSelector() != null ? p.nodeSelector().matches(n.labels())
                    : p.node() != null ? p.node().equals(n.name()) : true) {
                out.add(n.name());
            }
        }
        if (p.node() != null) {
            out.add(p.node()); // a node the file does not list yet still has it
        }
        return out;
    }

    /** The Calico nodes a BGPPeer points at: those of its peerSelector, or the node at its peerIP. */
    private Set<String> pointedAt(BgpPeer p) {
        Set<String> out = new TreeSet<>();
        if (p.peerSelector() != null) {
            for (Node n : nodes) {
                if (p.peerSelector().matches(n.labels())) {
                    out.add(n.name());
                }
            }
        } else {
            for (Node n : nodesWithAddressAndAs(p.peerIP().text(), p.asNumber(), p.peerIP().port())) {
                out.add(n.name());
            }
        }
        return out;
    }

    /** Nodes at {@code address} in AS {@code as} (0: the cluster's), listening on {@code port} when it is not 0. */
    private List<Node> nodesWithAddressAndAs(String address, long as, int port) {
        long wanted = as == 0 ? clusterAs : as;
        List<Node> out = new ArrayList<>();
        for (Node n : nodes) {
            long nodeAs = n.asNumber() != null ? n.asNumber() : clusterAs;
            if (isAddressOf(n, address) && nodeAs == wanted && (port == 0 || listenPort(n.name(), DEFAULT_PORT) == port)) {
                out.add(n);
            }
        }
        return out;
    }

    private static boolean isAddressOf(Node n, String address) {
        return (n.ipv4() != null && n.ipv4().text().equals(address)) || (n.ipv6() != null && n.ipv6().text().equals(address));
    }

    /** The peerings as sessions of this node (bgp_processor.go buildPeerFromData). */
    private void render(Iterable<Peering> peerings, PeerType type, Set<Key> taken, List<PeerSpec> out,
            Map<String, BgpPeer> rendered) {
        for (Peering p : peerings) {
            boolean v6 = p.address() instanceof Inet6Address;
            NodeAddress ours = node.address(v6);
            String what = "BGPPeer \"" + p.source().name() + "\" (" + text(p.address()) + ")";
            if (ours == null) {
                notes.add(what + ": skipped, the node has no " + (v6 ? "IPv6" : "IPv4") + " address");
                continue;
            }
            String peerText = text(p.address());
            if (peerText.equals(ours.text())) {
                continue; // ourselves
            }
            int port = p.port() == 0 ? DEFAULT_PORT : p.port();
            Key key = new Key(p.address(), port);
            String name = PeerSpec.sessionName(type, p.address(), port);
            if (!taken.add(key)) {
                notes.add(what + ": skipped, a mesh session to " + peerText + " port " + port + " exists");
                continue;
            }
            BgpPeer source = p.source();
            long effectiveLocalAs = p.localAs() != 0 ? p.localAs() : localAs;
            boolean internal = p.peerAs() == effectiveLocalAs;
            NextHopMode nextHop = source.nextHopMode() != null ? source.nextHopMode()
                    : source.keepOriginalNextHop() && !internal ? NextHopMode.KEEP : NextHopMode.AUTO;
            // We reflect to an iBGP peer that is not in our own cluster (bird.cfg "rr client").
            boolean rrClient = internal && node.routeReflector() && p.clusterId() != node.clusterId();
            boolean passive = p.calicoNode() && peerText.compareTo(ours.text()) > 0 && listeningFor(p.address());
            InetAddress sourceAddress = source.sourceAddress() == BgpPeer.SourceAddress.USE_NODE_IP ? ours.address() : null;
            Duration restart = source.maxRestartTime() != null
                    ? roundedSeconds(source.maxRestartTime()) : PeerSpec.DEFAULT_GRACEFUL_RESTART_TIME;
            int keepalive = source.keepaliveTime() != null ? (int) roundedSeconds(source.keepaliveTime()).toSeconds() : 0;
            int ttl = source.ttlSecurity() != null ? source.ttlSecurity() : 0;
            out.add(new PeerSpec(name, type, p.address(), port, p.peerAs(), effectiveLocalAs, passive, sourceAddress,
                    secret(source.password()), PeerSpec.DEFAULT_HOLD_TIME, keepalive, ttl, restart, p.allowLocalAs(),
                    nextHop, rrClient));
            rendered.put(source.name(), source);
        }
    }

    // ---- values ----------------------------------------------------------------------------

    private BgpConfiguration nodeConfiguration() {
        return resources.nodeConfiguration(nodeName).orElse(null);
    }

    /** A node's listen port: its {@code node.<name>} configuration's, else the default's, else {@code otherwise}. */
    private int listenPort(String name, int otherwise) {
        BgpConfiguration own = resources.nodeConfiguration(name).orElse(null);
        if (own != null && own.listenPort() != 0) {
            return own.listenPort();
        }
        return global != null && global.listenPort() != 0 ? global.listenPort() : otherwise;
    }

    private List<PrefixAdvertisement> prefixAdvertisements() {
        BgpConfiguration own = nodeConfiguration();
        if (own != null && own.prefixAdvertisements() != null) {
            return own.prefixAdvertisements();
        }
        return global != null && global.prefixAdvertisements() != null ? global.prefixAdvertisements() : List.of();
    }

    /** The service ranges (client.go updateGlobalRoutes): advertised unless the node opts out, never installed. */
    private ServiceRanges serviceRanges() {
        if (global == null) {
            return new ServiceRanges(List.of(), List.of(), List.of(), List.of());
        }
        List<Prefix> advertised = new ArrayList<>(global.serviceClusterIPs());
        global.serviceExternalIPs().stream().filter(p -> !hostLength(p)).forEach(advertised::add);
        if (global.serviceLoadBalancerAggregation()) {
            global.serviceLoadBalancerIPs().stream().filter(p -> !hostLength(p)).forEach(advertised::add);
        }
        List<Prefix> sorted = new ArrayList<>(new TreeSet<>(advertised));
        boolean excluded = "true".equals(node.labels().get(EXCLUDE_FROM_SERVICE_ADVERTISEMENT));
        if (excluded && !sorted.isEmpty()) {
            notes.add("service ranges not advertised: the node has " + EXCLUDE_FROM_SERVICE_ADVERTISEMENT + "=true");
        }
        return new ServiceRanges(excluded ? List.of() : sorted, sorted, global.serviceExternalIPs(),
                global.serviceLoadBalancerIPs());
    }

    /**
     * @param advertised what this node announces
     * @param notInstalled what the kernel never gets (Calico's reject CIDRs: advertised by some node or not)
     * @param externalIps {@code serviceExternalIPs}, all of them (a route reflector passes routes within them on)
     * @param loadBalancerIps {@code serviceLoadBalancerIPs}, likewise
     */
    record ServiceRanges(List<Prefix> advertised, List<Prefix> notInstalled, List<Prefix> externalIps,
            List<Prefix> loadBalancerIps) {
    }

    private static boolean hostLength(Prefix p) {
        return p.length() == (p.isIpv4() ? 32 : 128);
    }

    private String secret(SecretKeyRef ref) {
        if (ref == null) {
            return null;
        }
        String value = resources.secretValue(ref).orElse(null);
        if (value == null) {
            notes.add(ref + " is not in the configuration: no password");
        }
        return value;
    }

    private static Duration roundedSeconds(Duration d) {
        return Duration.ofSeconds(Math.round(d.toNanos() / 1e9));
    }

    static String text(InetAddress a) {
        return new NodeAddress(a, 0).text();
    }

    /** Calico's router ID for a node without IPv4 (confd template.HashToIPv4): SHA-256 of the name, first 4 bytes. */
    static Inet4Address hashRouterId(String name) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
            byte[] id = Arrays.copyOf(hash, 4);
            if ((id[0] & 0xFF) > 223) {
                id[0] = (byte) ((id[0] & 0xFF) - 32); // keep out of the multicast and reserved ranges
            }
            return (Inet4Address) InetAddress.getByAddress(id);
        } catch (NoSuchAlgorithmException | UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    /** IPv4 before IPv6, then by address, then by port. */
    static final Comparator<PeerSpec> PEER_ORDER = Comparator
            .comparing((PeerSpec p) -> p.ipv6())
            .thenComparing(p -> p.address().getAddress(), Arrays::compareUnsigned)
            .thenComparingInt(PeerSpec::port)
            .thenComparing(PeerSpec::name);
}
