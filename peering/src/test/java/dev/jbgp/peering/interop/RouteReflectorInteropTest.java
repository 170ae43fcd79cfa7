package dev.jbgp.peering.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Route reflection (RFC 4456) between jbgp, BIRD 2 and GoBGP in the lab's namespaces, configured
 * as Calico's documentation sets up route reflectors: the node-to-node mesh off, the reflector a
 * Node with {@code routeReflectorClusterID} and the label {@code route-reflector: "true"}, and one
 * BGPPeer with {@code nodeSelector: all()} and {@code peerSelector: route-reflector == 'true'}.
 *
 * <p>A reflector passes a client's route on unchanged: every client must get every other client's
 * block with the announcing client as next hop, never the reflector, and install it so.
 */
@Tag("netns")
@Tag("interop")
@Timeout(240)
class RouteReflectorInteropTest {

    private static final Duration SESSION_UP = Duration.ofSeconds(90);
    private static final Duration ROUTE_ARRIVES = Duration.ofSeconds(30);
    private static final long CLUSTER_AS = 64512;
    private static final String POOL = "198.19.16.0/21";
    private static final String CLUSTER_ID = CalicoResources.CLUSTER_ID;
    private static final String REFLECTOR_ADDRESS = "198.19.0.1";
    private static final CalicoResources.Peer PEER_WITH_REFLECTORS = CalicoResources.Peer.selecting(
            "peer-with-route-reflectors", "all()", CalicoResources.ROUTE_REFLECTOR_LABEL + " == 'true'");

    private Lab lab;

    @BeforeEach
    void buildLab() {
        Prerequisites.require("bird", "birdc", "gobgpd", "gobgp");
        lab = Lab.create();
    }

    @AfterEach
    void tearDown() {
        if (lab != null) {
            lab.close();
        }
    }

    /** A client of the reflector: a lab node running BIRD or GoBGP in place of calico-node, and its block. */
    private record Client(Lab.Node node, String block, BirdNode bird, GobgpNode gobgp) {

        String address() {
            return node.ipv4();
        }

        String name() {
            return node.name();
        }
    }

    /**
     * jbgp as a standalone reflector, as Calico recommends for large clusters: a machine that is
     * no Kubernetes node, with no blocks, run with {@code --no-fib} since it forwards no pod
     * traffic and only passes routes on (its kernel table must stay as it was). Two BIRD clients
     * configured as Calico configures a node, and two GoBGP clients. Then one GoBGP client goes
     * away and its block goes away at every other client.
     */
    @Test
    void aStandaloneJbgpReflectorGivesEachBirdAndGobgpClientTheOthersBlocksWithTheirOwnNextHop() {
        Lab.Node rr = lab.addNode("rr", REFLECTOR_ADDRESS);
        Map<String, String> blocks = new LinkedHashMap<>();
        blocks.put("bird1", "198.19.22.128/26");
        blocks.put("bird2", "198.19.21.64/26");
        blocks.put("gobgp1", "198.19.23.0/26");
        blocks.put("gobgp2", "198.19.23.64/26");
        List<Lab.Node> clientNodes = List.of(lab.addNode("bird1", "198.19.0.2"), lab.addNode("bird2", "198.19.0.3"),
                lab.addNode("gobgp1", "198.19.0.4"), lab.addNode("gobgp2", "198.19.0.5"));

        CalicoResources resources = CalicoResources.of(CLUSTER_AS)
                .withMesh(false)
                .withNode(new CalicoResources.Node("rr", rr.ipv4Cidr(), null, 0).asRouteReflector(CLUSTER_ID))
                .withPeer(PEER_WITH_REFLECTORS)
                .withPool("default-ipv4-ippool", POOL, 26);
        for (Lab.Node n : clientNodes) {
            resources = resources.withNode(n.name(), n.ipv4Cidr()).withBlock(blocks.get(n.name()), n.name());
        }
        JbgpNode reflector = JbgpNode.start(lab, rr, resources, "--no-fib");

        List<Client> clients = new ArrayList<>();
        for (Lab.Node n : clientNodes) {
            String block = blocks.get(n.name());
            if (n.name().startsWith("bird")) {
                BirdNode bird = BirdNode.start(lab, n, BirdConfig.calicoNode(n.ipv4(), CLUSTER_AS, List.of(),
                        List.of(block), List.of(POOL)).withPeer(BirdPeer.calicoNodeSpecific(n.ipv4(), rr.ipv4(),
                        CLUSTER_AS)));
                clients.add(new Client(n, block, bird, null));
            } else {
                GobgpNode gobgp = GobgpNode.start(lab, n, CLUSTER_AS, List.of(GobgpNeighbor.of(rr.ipv4(), CLUSTER_AS)));
                gobgp.announce(block);
                clients.add(new Client(n, block, null, gobgp));
            }
        }

        String[] clientAddresses = clients.stream().map(Client::address).toArray(String[]::new);
        lab.await("the reflector Established with every client", SESSION_UP,
                () -> reflector.status().allEstablished(clientAddresses));
        JbgpStatus status = reflector.status();
        for (Client c : clients) {
            // The reverse peerings of a peerSelector BGPPeer are node-specific in Calico (client.go
            // updatePeersV1 emits them under the node's key), so calicoctl shows "node specific".
            assertEquals("node specific", status.peer(c.address()).type(), status.text());
        }

        for (Client c : clients) {
            for (Client other : clients) {
                if (other != c) {
                    awaitReflected(c, other);
                }
            }
        }
        // Reflected once, by us: the announcing client as ORIGINATOR_ID, our cluster ID alone in CLUSTER_LIST.
        for (Client c : clients) {
            for (Client other : clients) {
                if (other == c) {
                    continue;
                }
                if (c.bird() != null) {
                    BirdcOutput.Route route = c.bird().routes(other.block()).getFirst();
                    assertEquals(List.of(other.address()), route.nextHops(), route.toString());
                    assertEquals(other.address(), route.attributes().get("BGP.originator_id"), route.toString());
                    assertEquals(CLUSTER_ID, route.attributes().get("BGP.cluster_list"), route.toString());
                } else {
                    GobgpOutput.Path path = c.gobgp().paths(other.block()).getFirst();
                    assertEquals(other.address(), path.nextHop(), path.toString());
                    assertEquals(other.address(), path.originatorId(), path.toString());
                    assertEquals(List.of(CLUSTER_ID), path.clusterList(), path.toString());
                }
            }
        }
        assertEquals(List.of(), lab.ipRoute(rr).stream().filter(line -> line.contains("proto bird")).toList(),
                "a reflector run with --no-fib programs no kernel routes");

        // A client going away: gobgpd stopped, its session closed; its block must leave every other client.
        Client gone = clients.getLast();
        gone.gobgp().stop();
        List<Client> staying = clients.subList(0, clients.size() - 1);
        lab.await(gone.name() + "'s block withdrawn at every other client", ROUTE_ARRIVES,
                () -> staying.stream().noneMatch(c -> holds(c, gone.block())));
        lab.holds("the other clients keep each other's blocks", Duration.ofSeconds(3),
                () -> staying.stream().allMatch(c -> staying.stream().allMatch(o -> o == c || holds(c, o.block()))));
        assertFalse(reflector.status().established(gone.address()), reflector.status().text());
    }

    /** What runs on the route reflector of the jbgp clients. */
    enum Reflector {
        /** BIRD 2 configured as Calico's {@code bird.cfg.template} configures a reflector node. */
        BIRD,
        /** gobgpd with {@code [neighbors.route-reflector.config]} for each client. */
        GOBGP
    }

    /**
     * The seeds' lab with the mesh off and control as the route reflector of node1 and node2 (jbgp,
     * Calico nodes whose BGPPeer selects the reflector by its label): node1's kernel ends up as in
     * the meshed lab, node2's block via node2 itself although node1 learned it from control.
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(Reflector.class)
    void jbgpNodesBehindAReflectorLearnEachOthersBlocksWithTheOriginalNextHop(Reflector kind) {
        Lab.Node control = lab.addNode("control", REFLECTOR_ADDRESS);
        Lab.Node node1 = lab.addNode("node1", "198.19.0.2");
        Lab.Node node2 = lab.addNode("node2", "198.19.0.3");
        String controlBlock = "198.19.21.0/26";
        BirdNode bird = null;
        GobgpNode gobgp = null;
        switch (kind) {
            case BIRD -> bird = BirdNode.start(lab, control, BirdConfig.calicoNode(control.ipv4(), CLUSTER_AS, List.of(),
                            List.of(controlBlock), List.of(POOL))
                    .withPeer(BirdPeer.calicoNodeSpecific(control.ipv4(), node1.ipv4(), CLUSTER_AS)
                            .withRouteReflectorClient(CLUSTER_ID))
                    .withPeer(BirdPeer.calicoNodeSpecific(control.ipv4(), node2.ipv4(), CLUSTER_AS)
                            .withRouteReflectorClient(CLUSTER_ID)));
            case GOBGP -> {
                gobgp = GobgpNode.start(lab, control, CLUSTER_AS, List.of(
                        GobgpNeighbor.of(node1.ipv4(), CLUSTER_AS).withRouteReflectorClient(CLUSTER_ID),
                        GobgpNeighbor.of(node2.ipv4(), CLUSTER_AS).withRouteReflectorClient(CLUSTER_ID)));
                gobgp.announce(controlBlock);
            }
        }
        CalicoResources resources = CalicoResources.of(CLUSTER_AS)
                .withMesh(false)
                .withNode(new CalicoResources.Node("control", control.ipv4Cidr(), null, 0).asRouteReflector(CLUSTER_ID))
                .withNode("node1", node1.ipv4Cidr())
                .withNode("node2", node2.ipv4Cidr())
                .withPeer(PEER_WITH_REFLECTORS)
                .withPool("default-ipv4-ippool", POOL, 26)
                .withBlock(controlBlock, "control")
                .withBlock("198.19.22.128/26", "node1")
                .withBlock("198.19.21.64/26", "node2");
        JbgpNode jbgp1 = JbgpNode.start(lab, node1, resources);
        JbgpNode jbgp2 = JbgpNode.start(lab, node2, resources);

        lab.await("node1 and node2 Established with the reflector", SESSION_UP,
                () -> jbgp1.status().established(control.ipv4()) && jbgp2.status().established(control.ipv4()));
        BirdNode birdReflector = bird;
        GobgpNode gobgpReflector = gobgp;
        lab.await("the reflector Established with node1 and node2", SESSION_UP, () -> switch (kind) {
            case BIRD -> birdReflector.established("Node_198_19_0_2") && birdReflector.established("Node_198_19_0_3");
            case GOBGP -> gobgpReflector.established(node1.ipv4()) && gobgpReflector.established(node2.ipv4());
        });
        JbgpStatus status = jbgp1.status();
        assertEquals(List.of(control.ipv4()), status.peers().stream().map(JbgpStatus.Peer::address).toList(),
                "with the mesh off node1 peers with the reflector only:\n" + status.text());
        // A BGPPeer with a nodeSelector is node-specific in Calico, whatever the selector matches.
        assertEquals("node specific", status.peer(control.ipv4()).type(), status.text());

        lab.await("node1's kernel table as in the seeds' lab, node2's block via node2", ROUTE_ARRIVES,
                () -> Lab.byDestination(lab.ipRoute(node1)).equals(List.of(
                        "198.19.0.0/20 dev eth0 proto kernel scope link src 198.19.0.2",
                        "198.19.21.0/26 via 198.19.0.1 dev eth0 proto bird",
                        "198.19.21.64/26 via 198.19.0.3 dev eth0 proto bird",
                        "blackhole 198.19.22.128/26 proto bird")));
        lab.await("node2's kernel to hold node1's block via node1", ROUTE_ARRIVES,
                () -> lab.ipRoute(node2).containsAll(List.of(
                        "198.19.22.128/26 via 198.19.0.2 dev eth0 proto bird",
                        "198.19.21.0/26 via 198.19.0.1 dev eth0 proto bird",
                        "blackhole 198.19.21.64/26 proto bird")));
        if (kind == Reflector.BIRD) {
            // A reflector node of Calico's forwards pod traffic too: BIRD installs both clients' blocks.
            lab.await("the BIRD reflector to install both clients' blocks", ROUTE_ARRIVES,
                    () -> lab.ipRoute(control).containsAll(List.of(
                            "198.19.21.64/26 via 198.19.0.3 dev eth0 proto bird",
                            "198.19.22.128/26 via 198.19.0.2 dev eth0 proto bird")));
        }
    }

    /**
     * The lab variant of the examples, {@code examples/lab/lab-rr.yaml} as {@code lab.sh rr} runs
     * it: jbgp on control (the reflector, a Kubernetes node with a block of its own, so with its
     * kernel table), node1 and node2, and host1 on BIRD peering with control alone. Every block
     * reaches node1 and host1 through control with its owner as next hop.
     */
    @Test
    void theExampleReflectorLabGivesNode1AndHost1EveryBlockViaItsOwnerThroughControl() {
        Path config = Path.of("..", "examples", "lab", "lab-rr.yaml").toAbsolutePath().normalize();
        Lab.Node control = lab.addNode("control", REFLECTOR_ADDRESS);
        Lab.Node node1 = lab.addNode("node1", "198.19.0.2");
        Lab.Node node2 = lab.addNode("node2", "198.19.0.3");
        Lab.Node host1 = lab.addNode("host1", "198.19.15.254");
        BirdNode bird = BirdNode.start(lab, host1, BirdConfig.of(host1.ipv4())
                .withPeer(BirdPeer.of("control", control.ipv4(), CLUSTER_AS, CLUSTER_AS).withMultihop(true)));
        JbgpNode reflector = JbgpNode.start(lab, control, config);
        JbgpNode jbgp1 = JbgpNode.start(lab, node1, config);
        JbgpNode jbgp2 = JbgpNode.start(lab, node2, config);

        lab.await("control Established with node1, node2 and host1", SESSION_UP,
                () -> reflector.status().allEstablished(node1.ipv4(), node2.ipv4(), host1.ipv4())
                        && bird.established("control"));
        JbgpStatus status = reflector.status();
        assertEquals(List.of("node specific", "node specific", "node specific"),
                status.peers().stream().map(JbgpStatus.Peer::type).toList(), status.text());
        lab.await("node1 and node2 Established with control", SESSION_UP,
                () -> jbgp1.status().established(control.ipv4()) && jbgp2.status().established(control.ipv4()));
        assertEquals(List.of(control.ipv4()), jbgp1.status().peers().stream().map(JbgpStatus.Peer::address).toList());

        lab.await("node1's kernel table as in the seeds' lab", ROUTE_ARRIVES,
                () -> Lab.byDestination(lab.ipRoute(node1)).equals(List.of(
                        "198.19.0.0/20 dev eth0 proto kernel scope link src 198.19.0.2",
                        "198.19.21.0/26 via 198.19.0.1 dev eth0 proto bird",
                        "198.19.21.64/26 via 198.19.0.3 dev eth0 proto bird",
                        "blackhole 198.19.22.128/26 proto bird")));
        lab.await("host1's kernel to hold every block via its node", ROUTE_ARRIVES,
                () -> lab.ipRoute(host1).containsAll(List.of(
                        "198.19.21.0/26 via 198.19.0.1 dev eth0 proto bird",
                        "198.19.21.64/26 via 198.19.0.3 dev eth0 proto bird",
                        "198.19.22.128/26 via 198.19.0.2 dev eth0 proto bird")));
        lab.await("control's kernel to hold its clients' blocks via each client, and its own blackhole",
                ROUTE_ARRIVES, () -> lab.ipRoute(control).containsAll(List.of(
                        "198.19.21.64/26 via 198.19.0.3 dev eth0 proto bird",
                        "198.19.22.128/26 via 198.19.0.2 dev eth0 proto bird",
                        "blackhole 198.19.21.0/26 proto bird")));
        BirdcOutput.Route node2Block = bird.routes("198.19.21.64/26").getFirst();
        assertEquals(node2.ipv4(), node2Block.attributes().get("BGP.originator_id"), node2Block.toString());
        assertEquals(CLUSTER_ID, node2Block.attributes().get("BGP.cluster_list"), node2Block.toString());
    }

    /** {@code client} has {@code other}'s block with {@code other}'s address as next hop, installed where it can. */
    private void awaitReflected(Client client, Client other) {
        String what = client.name() + " to get " + other.name() + "'s block " + other.block() + " via "
                + other.address();
        lab.await(what, ROUTE_ARRIVES, () -> holdsWithNextHop(client, other.block(), other.address()));
    }

    private boolean holdsWithNextHop(Client client, String block, String nextHop) {
        if (client.bird() != null) {
            // BIRD installs it: the kernel line is what a Calico node's routing uses.
            return lab.ipRoute(client.node()).contains(block + " via " + nextHop + " dev eth0 proto bird");
        }
        // gobgpd programs no kernel: its RIB is what it holds.
        return client.gobgp().paths(block).stream().anyMatch(p -> p.best() && p.nextHop().equals(nextHop)
                && p.neighbor().equals(REFLECTOR_ADDRESS));
    }

    /** {@code client} holds a route for {@code block}: in its kernel for BIRD, in its RIB for GoBGP. */
    private boolean holds(Client client, String block) {
        if (client.bird() != null) {
            return lab.ipRoute(client.node()).stream().anyMatch(line -> line.startsWith(block + " "));
        }
        return !client.gobgp().paths(block).isEmpty();
    }
}
