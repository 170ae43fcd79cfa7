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
 * BIRD 2 and GoBGP with each other in the lab's namespaces, no jbgp: shows the lab, the two
 * routers' configurations and the readers of their output are right, so that the jbgp interop
 * tests ({@link JbgpInteropTest}) can lean on them.
 */
@Tag("netns")
@Tag("interop")
@Timeout(180)
class BirdGobgpInteropTest {

    private static final Duration SESSION_UP = Duration.ofSeconds(60);
    private static final Duration ROUTE_ARRIVES = Duration.ofSeconds(30);

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

    /** The session under test: family, and whether GoBGP is in BIRD's AS. */
    enum Session {
        IBGP_IPV4(false, 64512), EBGP_IPV4(false, 64513), IBGP_IPV6(true, 64512), EBGP_IPV6(true, 64513);

        final boolean ipv6;
        final long gobgpAs;

        Session(boolean ipv6, long gobgpAs) {
            this.ipv6 = ipv6;
            this.gobgpAs = gobgpAs;
        }

        String address(Lab.Node node) {
            return ipv6 ? node.ipv6() : node.ipv4();
        }

        String birdPrefix() {
            return ipv6 ? "fd00:198:21::/64" : "198.19.21.0/26";
        }

        String gobgpPrefix() {
            return ipv6 ? "fd00:198:20::/64" : "198.19.20.0/24";
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Session.class)
    void birdAndGobgpEstablishExchangeTheirPrefixesAndBirdInstallsGobgpsAsProtoBird(Session s) {
        Lab.Node birdNode = lab.addNode("bird", "198.19.0.1");
        Lab.Node gobgpNode = lab.addNode("gobgp", "198.19.0.2");
        BirdNode bird = BirdNode.start(lab, birdNode, BirdConfig.of(birdNode.ipv4())
                .withBlock(s.birdPrefix())
                .withPeer(BirdPeer.of("gobgp", s.address(gobgpNode), s.gobgpAs, 64512)));
        GobgpNode gobgp = GobgpNode.start(lab, gobgpNode, s.gobgpAs,
                List.of(GobgpNeighbor.of(s.address(birdNode), 64512)));
        gobgp.announce(s.gobgpPrefix());

        lab.await("BIRD's session to GoBGP Established", SESSION_UP, () -> bird.established("gobgp"));
        lab.await("GoBGP's session to BIRD Established", SESSION_UP, () -> gobgp.established(s.address(birdNode)));
        lab.await("GoBGP's prefix in BIRD", ROUTE_ARRIVES, () -> bird.hasRoute(s.gobgpPrefix(), "gobgp"));
        lab.await("BIRD's prefix in GoBGP", ROUTE_ARRIVES,
                () -> gobgp.hasBestPath(s.birdPrefix(), s.address(birdNode)));

        BirdcOutput.Route learned = bird.routes(s.gobgpPrefix()).getFirst();
        assertEquals(List.of(s.address(gobgpNode)), learned.nextHops());
        assertEquals(s.gobgpAs == 64512 ? List.of() : List.of(s.gobgpAs), learned.asPath());
        GobgpOutput.Path sent = gobgp.paths(s.birdPrefix()).getFirst();
        assertEquals(s.address(birdNode), sent.nextHop());
        assertEquals(s.gobgpAs == 64512 ? List.of() : List.of(64512L), sent.asPath());

        String kernelLine = s.ipv6
                ? s.gobgpPrefix() + " via " + s.address(gobgpNode) + " dev eth0 proto bird metric 1024 pref medium"
                : s.gobgpPrefix() + " via " + s.address(gobgpNode) + " dev eth0 proto bird";
        lab.await("BIRD's kernel protocol to install " + kernelLine, ROUTE_ARRIVES,
                () -> routes(birdNode, s.ipv6).contains(kernelLine));
        String blackhole = s.ipv6
                ? "blackhole " + s.birdPrefix() + " dev lo proto bird metric 1024 pref medium"
                : "blackhole " + s.birdPrefix() + " proto bird";
        assertTrue(routes(birdNode, s.ipv6).contains(blackhole), () -> String.join("\n", routes(birdNode, s.ipv6)));
        assertFalse(routes(birdNode, s.ipv6).stream().anyMatch(l -> l.contains("proto bird") && l.contains(" dev eth0 ")
                && !l.contains(" via ")), "BIRD installed an interface route");
    }

    @Test
    void withTheSameMd5KeyOnBothSidesTheSessionComesUpAndWithAnotherItNeverDoes() {
        Lab.Node birdNode = lab.addNode("bird", "198.19.0.1");
        Lab.Node gobgpNode = lab.addNode("gobgp", "198.19.0.2");
        Lab.Node wrongNode = lab.addNode("wrong", "198.19.0.3");
        BirdNode bird = BirdNode.start(lab, birdNode, BirdConfig.of(birdNode.ipv4())
                .withBlock("198.19.21.0/26")
                .withPeer(BirdPeer.of("gobgp", gobgpNode.ipv4(), 64513, 64512).withPassword("s3cret-md5"))
                .withPeer(BirdPeer.of("wrong", wrongNode.ipv4(), 64514, 64512).withPassword("s3cret-md5")));
        GobgpNode gobgp = GobgpNode.start(lab, gobgpNode, 64513,
                List.of(GobgpNeighbor.of(birdNode.ipv4(), 64512).withPassword("s3cret-md5")));
        GobgpNode wrong = GobgpNode.start(lab, wrongNode, 64514,
                List.of(GobgpNeighbor.of(birdNode.ipv4(), 64512).withPassword("another-key")));

        lab.await("the MD5 session Established on both sides", SESSION_UP,
                () -> bird.established("gobgp") && gobgp.established(birdNode.ipv4()));
        lab.await("BIRD's prefix over the MD5 session", ROUTE_ARRIVES,
                () -> gobgp.hasBestPath("198.19.21.0/26", birdNode.ipv4()));
        // Both sides have tried to connect several times over by now (retry 2 s): segments with
        // the wrong key are dropped by the kernel, so no attempt gets anywhere.
        lab.holds("the session with mismatched keys stays down", Duration.ofSeconds(8),
                () -> !bird.established("wrong") && !wrong.established(birdNode.ipv4()));
        assertTrue(wrong.paths("198.19.21.0/26").isEmpty());
    }

    @Test
    void twoBirdsConfiguredLikeCalicoMeshAndInstallEachOthersBlocksAsTheLabShowsThem() {
        Lab.Node control = lab.addNode("control", "198.19.0.1");
        Lab.Node node2 = lab.addNode("node2", "198.19.0.3");
        List<String> pool = List.of("198.19.16.0/21");
        BirdNode controlBird = BirdNode.start(lab, control, BirdConfig.calicoNode(control.ipv4(), 64512,
                List.of(node2.ipv4()), List.of("198.19.21.0/26"), pool));
        BirdNode node2Bird = BirdNode.start(lab, node2, BirdConfig.calicoNode(node2.ipv4(), 64512,
                List.of(control.ipv4()), List.of("198.19.21.64/26"), pool));

        // Calico's one-directional mesh: the node with the lower address waits, the other connects.
        assertTrue(controlBird.config().peer("Mesh_198_19_0_3").passive());
        assertFalse(node2Bird.config().peer("Mesh_198_19_0_1").passive());
        lab.await("the mesh session Established on both nodes", SESSION_UP,
                () -> controlBird.established("Mesh_198_19_0_3") && node2Bird.established("Mesh_198_19_0_1"));
        lab.await("node2's block in control's kernel", ROUTE_ARRIVES,
                () -> lab.ipRoute(control).contains("198.19.21.64/26 via 198.19.0.3 dev eth0 proto bird"));
        lab.await("control's block in node2's kernel", ROUTE_ARRIVES,
                () -> lab.ipRoute(node2).contains("198.19.21.0/26 via 198.19.0.1 dev eth0 proto bird"));

        assertEquals(List.of(
                "198.19.0.0/20 dev eth0 proto kernel scope link src 198.19.0.1",
                "blackhole 198.19.21.0/26 proto bird",
                "198.19.21.64/26 via 198.19.0.3 dev eth0 proto bird"), Lab.byDestination(lab.ipRoute(control)));
        String protocols = controlBird.birdc("show", "protocols", "all", "Mesh_198_19_0_3");
        assertTrue(protocols.contains("Graceful restart"), protocols);
        assertTrue(protocols.contains("ADD-PATH"), protocols);
    }

    @Test
    void birdsGracefulRestartKeepsItsRoutesInGobgpAndInItsOwnKernelTable() {
        Lab.Node birdNode = lab.addNode("bird", "198.19.0.1");
        Lab.Node gobgpNode = lab.addNode("gobgp", "198.19.0.2");
        BirdNode bird = BirdNode.start(lab, birdNode, BirdConfig.of(birdNode.ipv4())
                .withBlock("198.19.21.0/26")
                .withPeer(BirdPeer.of("gobgp", gobgpNode.ipv4(), 64513, 64512).withGracefulRestart(120)));
        GobgpNode gobgp = GobgpNode.start(lab, gobgpNode, 64513,
                List.of(GobgpNeighbor.of(birdNode.ipv4(), 64512).withGracefulRestart(120)));
        gobgp.announce("198.19.20.0/24");
        String kernelLine = "198.19.20.0/24 via 198.19.0.2 dev eth0 proto bird";
        lab.await("BIRD's prefix in GoBGP and GoBGP's in BIRD's kernel", SESSION_UP,
                () -> gobgp.hasBestPath("198.19.21.0/26", birdNode.ipv4())
                        && lab.ipRoute(birdNode).contains(kernelLine));
        long before = bird.daemon().pid();

        bird.gracefulRestart();

        AtomicBoolean sawSessionDown = new AtomicBoolean();
        lab.await("BIRD back up after its restart, its routes kept meanwhile", SESSION_UP, () -> {
            if (gobgp.paths("198.19.21.0/26").isEmpty()) {
                throw new Await.Hopeless("GoBGP dropped BIRD's route during the graceful restart");
            }
            if (!lab.ipRoute(birdNode).contains(kernelLine)) {
                throw new Await.Hopeless("BIRD's kernel route went away during its graceful restart");
            }
            boolean up = gobgp.established(birdNode.ipv4()) && bird.established("gobgp");
            sawSessionDown.compareAndSet(false, !up);
            return up && gobgp.paths("198.19.21.0/26").stream().noneMatch(GobgpOutput.Path::stale);
        });
        assertNotEquals(before, bird.daemon().pid());
        assertTrue(sawSessionDown.get(), "the restart should have taken the session down for a while");
        lab.await("GoBGP's prefix back in BIRD's table", ROUTE_ARRIVES, () -> bird.hasRoute("198.19.20.0/24", "gobgp"));
        assertTrue(lab.ipRoute(birdNode).contains(kernelLine));
    }

    private List<String> routes(Lab.Node node, boolean ipv6) {
        return ipv6 ? lab.ipRoute6(node) : lab.ipRoute(node);
    }
}
