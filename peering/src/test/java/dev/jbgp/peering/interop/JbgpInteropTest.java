package dev.jbgp.peering.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * jbgp ({@code jbgp run}, a child process per lab node) with BIRD 2 and GoBGP in the lab's
 * namespaces: sessions come up, routes flow both ways, learned routes land in jbgp's kernel table
 * as {@code proto bird}, jbgp's blocks in BIRD's and GoBGP's tables; a BIRD node configured the way
 * Calico configures it in a mesh with two jbgp nodes; MD5; BIRD restarting with graceful restart.
 *
 * <p>The jbgp node is node1 of the seeds' lab (198.19.0.2, block 198.19.22.128/26); the router it
 * peers with is host1 (198.19.15.254), which announces 198.19.40.0/24, a network outside the pool.
 */
@Tag("netns")
@Tag("interop")
@Timeout(240)
class JbgpInteropTest {

    private static final Duration SESSION_UP = Duration.ofSeconds(90);
    private static final Duration ROUTE_ARRIVES = Duration.ofSeconds(30);
    private static final long CLUSTER_AS = 64512;
    private static final String POOL = "198.19.16.0/21";
    private static final String POOL6 = "fd00:198:16::/64";
    private static final String NODE1_BLOCK = "198.19.22.128/26";
    private static final String NODE1_BLOCK6 = "fd00:198:16::40/122";
    private static final String EXTERNAL = "198.19.40.0/24";
    private static final String EXTERNAL6 = "fd00:198:40::/64";

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

    /** The session between node1 (jbgp) and host1: family, and host1's AS. */
    enum Session {
        IBGP_IPV4(false, CLUSTER_AS), EBGP_IPV4(false, 64513), IBGP_IPV6(true, CLUSTER_AS), EBGP_IPV6(true, 64513);

        final boolean ipv6;
        final long routerAs;

        Session(boolean ipv6, long routerAs) {
            this.ipv6 = ipv6;
            this.routerAs = routerAs;
        }

        String address(Lab.Node node) {
            return ipv6 ? node.ipv6() : node.ipv4();
        }

        String block() {
            return ipv6 ? NODE1_BLOCK6 : NODE1_BLOCK;
        }

        String external() {
            return ipv6 ? EXTERNAL6 : EXTERNAL;
        }

        /** AS_PATH of node1's block as host1 receives it. */
        List<Long> pathFromNode1() {
            return routerAs == CLUSTER_AS ? List.of() : List.of(CLUSTER_AS);
        }

        /** {@code ip route} (or {@code ip -6 route}) line of a route via {@code nextHop}, as the kernel prints it. */
        String viaLine(String prefix, String nextHop) {
            return prefix + " via " + nextHop + " dev eth0 proto bird" + (ipv6 ? " metric 1024 pref medium" : "");
        }

        String blackholeLine(String prefix) {
            return "blackhole " + prefix + (ipv6 ? " dev lo proto bird metric 1024 pref medium" : " proto bird");
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Session.class)
    void jbgpAndBirdEstablishAndEachOnesRoutesLandInTheOthersTableAndKernel(Session s) {
        Lab.Node node1 = lab.addNode("node1", "198.19.0.2");
        Lab.Node host1 = lab.addNode("host1", "198.19.15.254");
        BirdNode bird = BirdNode.start(lab, host1, BirdConfig.of(host1.ipv4())
                .withBlock(s.external())
                .withPeer(BirdPeer.of("node1", s.address(node1), CLUSTER_AS, s.routerAs).withMultihop(true)));
        JbgpNode jbgp = JbgpNode.start(lab, node1, node1Resources(node1, s, s.address(host1), s.routerAs));

        awaitJbgpEstablished(jbgp, s.address(host1));
        lab.await("BIRD's session to node1 Established", SESSION_UP, () -> bird.established("node1"));
        assertEquals("global", jbgp.status().peer(s.address(host1)).type());
        assertEquals(s.ipv6 ? "IPv6" : "IPv4", jbgp.status().peer(s.address(host1)).family());

        lab.await("node1's block in BIRD's table", ROUTE_ARRIVES, () -> bird.hasRoute(s.block(), "node1"));
        BirdcOutput.Route block = bird.routes(s.block()).getFirst();
        assertEquals(List.of(s.address(node1)), block.nextHops());
        assertEquals(s.pathFromNode1(), block.asPath());
        String inBirdsKernel = s.viaLine(s.block(), s.address(node1));
        lab.await("BIRD to install node1's block: " + inBirdsKernel, ROUTE_ARRIVES,
                () -> routes(host1, s.ipv6).contains(inBirdsKernel));

        String inJbgpsKernel = s.viaLine(s.external(), s.address(host1));
        lab.await("jbgp to install BIRD's route: " + inJbgpsKernel, ROUTE_ARRIVES,
                () -> routes(node1, s.ipv6).contains(inJbgpsKernel));
        assertTrue(routes(node1, s.ipv6).contains(s.blackholeLine(s.block())),
                () -> String.join("\n", routes(node1, s.ipv6)));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Session.class)
    void jbgpAndGobgpEstablishAndEachOnesRoutesLandInTheOthersTable(Session s) {
        Lab.Node node1 = lab.addNode("node1", "198.19.0.2");
        Lab.Node host1 = lab.addNode("host1", "198.19.15.254");
        GobgpNode gobgp = GobgpNode.start(lab, host1, s.routerAs,
                List.of(GobgpNeighbor.of(s.address(node1), CLUSTER_AS)));
        gobgp.announce(s.external());
        JbgpNode jbgp = JbgpNode.start(lab, node1, node1Resources(node1, s, s.address(host1), s.routerAs));

        awaitJbgpEstablished(jbgp, s.address(host1));
        lab.await("GoBGP's session to node1 Established", SESSION_UP, () -> gobgp.established(s.address(node1)));
        lab.await("node1's block in GoBGP's table", ROUTE_ARRIVES, () -> gobgp.hasBestPath(s.block(), s.address(node1)));
        GobgpOutput.Path block = gobgp.paths(s.block()).getFirst();
        assertEquals(s.address(node1), block.nextHop());
        assertEquals(s.pathFromNode1(), block.asPath());

        String inJbgpsKernel = s.viaLine(s.external(), s.address(host1));
        lab.await("jbgp to install GoBGP's route: " + inJbgpsKernel, ROUTE_ARRIVES,
                () -> routes(node1, s.ipv6).contains(inJbgpsKernel));
    }

    /**
     * control runs BIRD configured the way Calico configures it (ADD-PATH, graceful restart,
     * passive toward the higher addresses); node1 and node2 run jbgp. Since control's BIRD waits
     * for both, the sessions come up only if jbgp connects where Calico's BIRD would.
     */
    @Test
    void aBirdNodeConfiguredLikeCalicoAndTwoJbgpNodesFormTheMeshAndProgramTheLabsRoutes() {
        Lab.Node control = lab.addNode("control", "198.19.0.1");
        Lab.Node node1 = lab.addNode("node1", "198.19.0.2");
        Lab.Node node2 = lab.addNode("node2", "198.19.0.3");
        BirdNode bird = BirdNode.start(lab, control, BirdConfig.calicoNode(control.ipv4(), CLUSTER_AS,
                List.of(node1.ipv4(), node2.ipv4()), List.of("198.19.21.0/26"), List.of(POOL)));
        assertTrue(bird.config().peer("Mesh_198_19_0_2").passive() && bird.config().peer("Mesh_198_19_0_3").passive());
        CalicoResources mesh = CalicoResources.of(CLUSTER_AS)
                .withNode("control", control.ipv4Cidr())
                .withNode("node1", node1.ipv4Cidr())
                .withNode("node2", node2.ipv4Cidr())
                .withPool("default-ipv4-ippool", POOL, 26)
                .withBlock("198.19.21.0/26", "control")
                .withBlock("198.19.22.128/26", "node1")
                .withBlock("198.19.21.64/26", "node2");
        JbgpNode jbgp1 = JbgpNode.start(lab, node1, mesh);
        JbgpNode jbgp2 = JbgpNode.start(lab, node2, mesh);

        lab.await("control's BIRD Established with both jbgp nodes", SESSION_UP,
                () -> bird.established("Mesh_198_19_0_2") && bird.established("Mesh_198_19_0_3"));
        awaitJbgpEstablished(jbgp1, "198.19.0.1", "198.19.0.3");
        awaitJbgpEstablished(jbgp2, "198.19.0.1", "198.19.0.2");
        assertEquals("node-to-node mesh", jbgp1.status().peer("198.19.0.1").type());

        lab.await("node1's kernel table as in the seeds' lab", ROUTE_ARRIVES, () -> Lab.byDestination(lab.ipRoute(node1)).equals(List.of(
                "198.19.0.0/20 dev eth0 proto kernel scope link src 198.19.0.2",
                "198.19.21.0/26 via 198.19.0.1 dev eth0 proto bird",
                "198.19.21.64/26 via 198.19.0.3 dev eth0 proto bird",
                "blackhole 198.19.22.128/26 proto bird")));
        lab.await("control's BIRD to install both jbgp nodes' blocks", ROUTE_ARRIVES,
                () -> lab.ipRoute(control).containsAll(List.of(
                        "198.19.21.64/26 via 198.19.0.3 dev eth0 proto bird",
                        "198.19.22.128/26 via 198.19.0.2 dev eth0 proto bird")));

        // What jbgp offered in its OPEN, as BIRD saw it: what Calico's BIRD relies on.
        String capabilities = neighborCapabilities(bird.birdc("show", "protocols", "all", "Mesh_198_19_0_2"));
        for (String capability : List.of("Multiprotocol", "Route refresh", "Graceful restart", "4-octet AS numbers",
                "ADD-PATH")) {
            assertTrue(capabilities.contains(capability), () -> "jbgp should offer " + capability + ":\n" + capabilities);
        }
    }

    @Test
    void withMd5OnBothSidesSessionsComeUpWithBirdAndGobgpAndWithAWrongKeyTheyNeverDo() {
        Lab.Node node1 = lab.addNode("node1", "198.19.0.2");
        Lab.Node host1 = lab.addNode("host1", "198.19.15.254");
        Lab.Node host2 = lab.addNode("host2", "198.19.15.253");
        Lab.Node host3 = lab.addNode("host3", "198.19.15.252");
        BirdNode bird = BirdNode.start(lab, host1, BirdConfig.of(host1.ipv4()).withBlock(EXTERNAL)
                .withPeer(BirdPeer.of("node1", node1.ipv4(), CLUSTER_AS, 64513).withMultihop(true)
                        .withPassword("s3cret-md5")));
        BirdNode wrongKey = BirdNode.start(lab, host2, BirdConfig.of(host2.ipv4()).withBlock("198.19.41.0/24")
                .withPeer(BirdPeer.of("node1", node1.ipv4(), CLUSTER_AS, 64514).withMultihop(true)
                        .withPassword("another-key")));
        GobgpNode gobgp = GobgpNode.start(lab, host3, 64515,
                List.of(GobgpNeighbor.of(node1.ipv4(), CLUSTER_AS).withPassword("gobgp-md5")));
        gobgp.announce("198.19.42.0/24");
        CalicoResources resources = CalicoResources.of(CLUSTER_AS)
                .withNode("node1", node1.ipv4Cidr())
                .withPeer(new CalicoResources.Peer("host1", host1.ipv4(), 64513, null, "s3cret-md5"))
                .withPeer(new CalicoResources.Peer("host2", host2.ipv4(), 64514, null, "s3cret-md5"))
                .withPeer(new CalicoResources.Peer("host3", host3.ipv4(), 64515, "node1", "gobgp-md5"))
                .withPool("default-ipv4-ippool", POOL, 26)
                .withBlock(NODE1_BLOCK, "node1");
        JbgpNode jbgp = JbgpNode.start(lab, node1, resources);

        awaitJbgpEstablished(jbgp, host1.ipv4(), host3.ipv4());
        lab.await("BIRD and GoBGP Established with node1", SESSION_UP,
                () -> bird.established("node1") && gobgp.established(node1.ipv4()));
        lab.await("routes over both MD5 sessions", ROUTE_ARRIVES,
                () -> lab.ipRoute(node1).containsAll(List.of(
                        "198.19.40.0/24 via 198.19.15.254 dev eth0 proto bird",
                        "198.19.42.0/24 via 198.19.15.252 dev eth0 proto bird"))
                        && bird.hasRoute(NODE1_BLOCK, "node1")
                        && gobgp.hasBestPath(NODE1_BLOCK, node1.ipv4()));

        // By now both ends have tried to connect several times over: the kernel drops every
        // segment signed with the other key.
        lab.holds("the session with mismatched keys stays down", Duration.ofSeconds(8),
                () -> !wrongKey.established("node1"));
        assertFalse(jbgp.status().established(host2.ipv4()));
        assertEquals("node specific", jbgp.status().peer(host3.ipv4()).type());
        assertFalse(lab.ipRoute(node1).stream().anyMatch(line -> line.startsWith("198.19.41.0/24")));
    }

    /** How BIRD goes away and comes back. */
    enum BirdRestart {
        /** {@code birdc graceful restart}, then {@code bird -R}. */
        GRACEFUL_RESTART_COMMAND,
        /** SIGKILL, then {@code bird -R}: the session ends with no NOTIFICATION. */
        CRASH
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(BirdRestart.class)
    void aBirdRestartWithGracefulRestartKeepsJbgpsKernelRouteThroughout(BirdRestart restart) {
        Lab.Node node1 = lab.addNode("node1", "198.19.0.2");
        Lab.Node host1 = lab.addNode("host1", "198.19.15.254");
        BirdNode bird = BirdNode.start(lab, host1, BirdConfig.of(host1.ipv4()).withBlock(EXTERNAL)
                .withPeer(BirdPeer.of("node1", node1.ipv4(), CLUSTER_AS, CLUSTER_AS).withMultihop(true)
                        .withGracefulRestart(120).withAddPaths(BirdPeer.AddPaths.ON)));
        JbgpNode jbgp = JbgpNode.start(lab, node1,
                node1Resources(node1, Session.IBGP_IPV4, host1.ipv4(), CLUSTER_AS));
        String learned = "198.19.40.0/24 via 198.19.15.254 dev eth0 proto bird";
        awaitJbgpEstablished(jbgp, host1.ipv4());
        lab.await("jbgp to install BIRD's route", ROUTE_ARRIVES, () -> lab.ipRoute(node1).contains(learned));
        long birdBefore = bird.daemon().pid();

        switch (restart) {
            case GRACEFUL_RESTART_COMMAND -> bird.gracefulRestart();
            case CRASH -> bird.crashAndRestart();
        }

        AtomicBoolean sawSessionDown = new AtomicBoolean();
        lab.await("BIRD Established again, jbgp's route to it in the kernel all along", SESSION_UP, () -> {
            if (!lab.ipRoute(node1).contains(learned)) {
                throw new Await.Hopeless("jbgp removed " + learned + " while BIRD restarted");
            }
            boolean up = bird.established("node1");
            sawSessionDown.compareAndSet(false, !up);
            return up && bird.routes(NODE1_BLOCK).stream().anyMatch(r -> r.protocol().equals("node1"));
        });
        assertNotEquals(birdBefore, bird.daemon().pid());
        assertTrue(sawSessionDown.get(), "the restart should have taken the session down for a while");
        // Once BIRD has sent End-of-RIB the route is no longer stale; it must still be there, once.
        lab.holds("the route stays after the recovery", Duration.ofSeconds(5),
                () -> lab.ipRoute(node1).stream().filter(line -> line.startsWith("198.19.40.0/24 ")).toList()
                        .equals(List.of(learned)));
        awaitJbgpEstablished(jbgp, host1.ipv4());
    }

    @Test
    void jbgpKilledAndStartedAgainKeepsItsKernelRoutesAndBirdKeepsItsBlockMeanwhile() {
        Lab.Node node1 = lab.addNode("node1", "198.19.0.2");
        Lab.Node host1 = lab.addNode("host1", "198.19.15.254");
        BirdNode bird = BirdNode.start(lab, host1, BirdConfig.of(host1.ipv4()).withBlock(EXTERNAL)
                .withPeer(BirdPeer.of("node1", node1.ipv4(), CLUSTER_AS, CLUSTER_AS).withMultihop(true)
                        .withGracefulRestart(120)));
        JbgpNode jbgp = JbgpNode.start(lab, node1,
                node1Resources(node1, Session.IBGP_IPV4, host1.ipv4(), CLUSTER_AS));
        List<String> jbgpRoutes = List.of("198.19.40.0/24 via 198.19.15.254 dev eth0 proto bird",
                "blackhole 198.19.22.128/26 proto bird");
        String inBird = "198.19.22.128/26 via 198.19.0.2 dev eth0 proto bird";
        awaitJbgpEstablished(jbgp, host1.ipv4());
        lab.await("both sides' routes in the kernels", ROUTE_ARRIVES,
                () -> lab.ipRoute(node1).containsAll(jbgpRoutes) && lab.ipRoute(host1).contains(inBird));

        jbgp.kill();
        lab.holds("jbgp's kernel routes and BIRD's route to node1 stay while jbgp is down", Duration.ofSeconds(3),
                () -> lab.ipRoute(node1).containsAll(jbgpRoutes) && lab.ipRoute(host1).contains(inBird));
        jbgp.restart();

        // jbgp's own routes stay in node1's kernel until they are reconciled (DESIGN.md). Whether
        // BIRD keeps node1's block across the new session depends on the Forwarding State bit
        // jbgp sends after its restart (RFC 4724 section 4.2), so it is only required back.
        lab.await("jbgp Established again, its kernel routes there all along", SESSION_UP, () -> {
            if (!lab.ipRoute(node1).containsAll(jbgpRoutes)) {
                throw new Await.Hopeless("a route went away from node1's kernel while jbgp restarted");
            }
            return jbgp.status().established(host1.ipv4());
        });
        lab.await("node1's block in BIRD's kernel after jbgp's restart", ROUTE_ARRIVES,
                () -> lab.ipRoute(host1).contains(inBird));
        lab.holds("each route is in node1's kernel once", Duration.ofSeconds(3),
                () -> lab.ipRoute(node1).stream().filter(l -> l.contains("proto bird")).sorted().toList()
                        .equals(jbgpRoutes.stream().sorted().toList()));
    }

    /**
     * node1 of the seeds' lab with a BGPPeer {@code host1} at {@code routerAddress}: the IPv4
     * pool and block, and for an IPv6 session the node's IPv6 address, an IPv6 pool and block.
     */
    private static CalicoResources node1Resources(Lab.Node node1, Session s, String routerAddress, long routerAs) {
        CalicoResources resources = CalicoResources.of(CLUSTER_AS)
                .withNode(new CalicoResources.Node("node1", node1.ipv4Cidr(), s.ipv6 ? node1.ipv6Cidr() : null, 0))
                .withGlobalPeer("host1", routerAddress, routerAs)
                .withPool("default-ipv4-ippool", POOL, 26)
                .withBlock(NODE1_BLOCK, "node1");
        if (s.ipv6) {
            resources = resources.withPool("default-ipv6-ippool", POOL6, 122).withBlock(NODE1_BLOCK6, "node1");
        }
        return resources;
    }

    private void awaitJbgpEstablished(JbgpNode jbgp, String... peers) {
        lab.await("jbgp in " + jbgp.node.name() + " Established with " + String.join(", ", peers), SESSION_UP,
                () -> jbgp.status().allEstablished(peers));
    }

    private List<String> routes(Lab.Node node, boolean ipv6) {
        return ipv6 ? lab.ipRoute6(node) : lab.ipRoute(node);
    }

    /** The "Neighbor capabilities" part of {@code show protocols all <bgp>}. */
    private static String neighborCapabilities(String protocolsAll) {
        int start = protocolsAll.indexOf("Neighbor capabilities");
        int end = protocolsAll.indexOf("Session:", Math.max(start, 0));
        if (start < 0 || end < 0) {
            throw new AssertionError("no neighbor capabilities in:\n" + protocolsAll);
        }
        return protocolsAll.substring(start, end);
    }

}
