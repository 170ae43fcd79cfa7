package dev.jbgp.peering;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jbgp.core.Prefix;
import dev.jbgp.rib.kernel.FakeFib;
import dev.jbgp.rib.kernel.FibRoute;
import dev.jbgp.rib.kernel.NextHop;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Speakers in one JVM on 127.0.0.x, talking BGP over real TCP connections. */
class SpeakerLoopbackTest {
    private static final Prefix NODE1_BLOCK = Prefix.parse("198.19.22.128/26");
    private static final Prefix NODE2_BLOCK = Prefix.parse("198.19.21.64/26");
    private final List<Speaker> speakers = new ArrayList<>();

    @AfterEach
    void closeSpeakers() {
        for (Speaker s : speakers) {
            s.close();
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        }
    }

    static Inet4Address ip(String text) {
        try {
            return (Inet4Address) InetAddress.getByName(text);
        } catch (IOException e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    static int ipAsInt(String text) {
        byte[] b = ip(text).getAddress();
        return (b[0] & 0xFF) << 24 | (b[1] & 0xFF) << 16 | (b[2] & 0xFF) << 8 | (b[3] & 0xFF);
    }

    private Speaker speaker(String address, int port, long as, FakeFib fib, List<PeerSpec> peers, Prefix... own) {
        SpeakerConfig.Builder b = SpeakerConfig.builder(as, ip(address)).listen(ip(address), port).originate(List.of(own));
        if (fib != null) {
            b.fib(fib);
        }
        Speaker s = Speaker.start(b.build(), peers);
        speakers.add(s);
        return s;
    }

    private static PeerSpec mesh(String peer, int port, long as, boolean passive) {
        return PeerSpec.of(PeerSpec.sessionName(PeerType.MESH, ip(peer), port), PeerType.MESH, ip(peer), as, 64512)
                .withPort(port).withPassive(passive);
    }

    static void await(String what, Duration limit, BooleanSupplier condition, Supplier<String> state) {
        long end = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out after " + limit + " waiting for " + what + "; state: " + state.get());
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    private static PeerStatus peer(Speaker s, String name) {
        return s.status().peers().stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void twoMeshNodesReachEstablishedAndLearnEachOthersBlocksWithTheAnnouncerAsNextHop() throws IOException {
        int port = freePort();
        FakeFib fib1 = new FakeFib();
        Speaker node2 = speaker("127.0.0.3", port, 64512, null, List.of(mesh("127.0.0.2", port, 64512, true)), NODE2_BLOCK);
        Speaker node1 = speaker("127.0.0.2", port, 64512, fib1, List.of(mesh("127.0.0.3", port, 64512, false)), NODE1_BLOCK);

        await("node1 to learn node2's block", Duration.ofSeconds(20), () -> node1.route(NODE2_BLOCK) != null,
                () -> node1.status() + " / " + node2.status());
        await("node2 to learn node1's block", Duration.ofSeconds(20), () -> node2.route(NODE1_BLOCK) != null,
                () -> node2.status().toString());

        RouteView learned = node1.route(NODE2_BLOCK);
        assertEquals("127.0.0.3", learned.paths().get(0).nextHop());
        assertEquals("Mesh_127_0_0_3_port_" + port, learned.paths().get(0).from());
        assertTrue(learned.paths().get(0).best());
        PeerStatus p = peer(node1, "Mesh_127_0_0_3_port_" + port);
        assertEquals("Established", p.info());
        assertEquals("up", p.protocolState());
        assertEquals("127.0.0.3", p.peerRouterId());
        assertEquals(240, p.holdTime());
        assertEquals(1, p.prefixesReceived());
        assertEquals(1, p.prefixesAdvertised());

        await("the kernel route via node2 and the blackhole", Duration.ofSeconds(10), () -> {
            var routes = fib1.kernel().routes(FibRoute.RT_TABLE_MAIN, fib1.protocol());
            return routes.contains(FibRoute.unicast(NODE2_BLOCK, List.of(NextHop.via(ip("127.0.0.3")))))
                    && routes.contains(FibRoute.blackhole(NODE1_BLOCK));
        }, () -> fib1.kernel().routes(FibRoute.RT_TABLE_MAIN, fib1.protocol()).toString());
    }

    @Test
    void aSpeakerThatStopsLeavesItsRoutesInTheKernelForTheNextStartToAdopt() throws IOException {
        int port = freePort();
        FakeFib fib1 = new FakeFib();
        speaker("127.0.0.3", port, 64512, null, List.of(mesh("127.0.0.2", port, 64512, true)), NODE2_BLOCK);
        Speaker node1 = speaker("127.0.0.2", port, 64512, fib1, List.of(mesh("127.0.0.3", port, 64512, false)), NODE1_BLOCK);
        FibRoute viaNode2 = FibRoute.unicast(NODE2_BLOCK, List.of(NextHop.via(ip("127.0.0.3"))));
        await("the kernel route via node2", Duration.ofSeconds(20),
                () -> fib1.kernel().routes(FibRoute.RT_TABLE_MAIN, fib1.protocol()).contains(viaNode2),
                () -> node1.status().toString());
        node1.close();
        var left = fib1.kernel().routes(FibRoute.RT_TABLE_MAIN, fib1.protocol());
        assertTrue(left.contains(viaNode2), left.toString());
        assertTrue(left.contains(FibRoute.blackhole(NODE1_BLOCK)), left.toString());
    }

    @Test
    void twoSpeakersThatBothConnectSettleOnOneSessionByCollisionDetection() throws IOException {
        int port = freePort();
        Speaker node2 = speaker("127.0.0.3", port, 64512, null, List.of(mesh("127.0.0.2", port, 64512, false)), NODE2_BLOCK);
        Speaker node1 = speaker("127.0.0.2", port, 64512, null, List.of(mesh("127.0.0.3", port, 64512, false)), NODE1_BLOCK);
        await("both blocks learned", Duration.ofSeconds(30),
                () -> node1.route(NODE2_BLOCK) != null && node2.route(NODE1_BLOCK) != null,
                () -> node1.status() + " / " + node2.status());
        PeerStatus a = peer(node1, "Mesh_127_0_0_3_port_" + port);
        PeerStatus b = peer(node2, "Mesh_127_0_0_2_port_" + port);
        assertTrue(a.established() && b.established(), a + " / " + b);
        // Still up a moment later: the connection that lost the collision was closed, not the session.
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        assertEquals(a.establishedTransitions(), peer(node1, a.name()).establishedTransitions());
        assertEquals(b.establishedTransitions(), peer(node2, b.name()).establishedTransitions());
        assertTrue(peer(node1, a.name()).established() && peer(node2, b.name()).established());
    }

    @Test
    void aWithdrawnBlockLeavesThePeersTableAndARemovedPeerIsToldItWasDeconfigured() throws IOException {
        int port = freePort();
        Speaker node2 = speaker("127.0.0.3", port, 64512, null, List.of(mesh("127.0.0.2", port, 64512, true)), NODE2_BLOCK);
        Speaker node1 = speaker("127.0.0.2", port, 64512, null, List.of(mesh("127.0.0.3", port, 64512, false)), NODE1_BLOCK);
        await("node1 to learn node2's block", Duration.ofSeconds(20), () -> node1.route(NODE2_BLOCK) != null,
                () -> node1.status().toString());

        node2.withdraw(NODE2_BLOCK);
        await("the withdrawal to reach node1", Duration.ofSeconds(10), () -> node1.route(NODE2_BLOCK) == null,
                () -> String.valueOf(node1.route(NODE2_BLOCK)));
        node2.announce(NODE2_BLOCK);
        await("the announcement to come back", Duration.ofSeconds(10), () -> node1.route(NODE2_BLOCK) != null,
                () -> node1.status().toString());

        assertTrue(node2.removePeer("Mesh_127_0_0_2_port_" + port));
        String name = "Mesh_127_0_0_3_port_" + port;
        await("node1 to see the session go down", Duration.ofSeconds(10),
                () -> peer(node1, name).info().contains("Received: Peer de-configured"), () -> peer(node1, name).toString());
        assertNull(node1.route(NODE2_BLOCK));
        assertEquals("start", peer(node1, name).protocolState());
    }

    @Test
    void aWrongPeerAsIsRefusedWithBadPeerAsAndTheStatusSaysSo() throws IOException {
        int port = freePort();
        Speaker node2 = speaker("127.0.0.3", port, 64512, null, List.of(mesh("127.0.0.2", port, 64512, true)));
        Speaker node1 = speaker("127.0.0.2", port, 64512, null,
                List.of(PeerSpec.of("Global_127_0_0_3", PeerType.GLOBAL, ip("127.0.0.3"), 65000, 64512).withPort(port)));
        String name = "Mesh_127_0_0_2_port_" + port;
        await("node2 to receive Bad Peer AS", Duration.ofSeconds(20),
                () -> peer(node2, name).lastError().equals("Received: Bad peer AS"), () -> peer(node2, name).toString());
        assertFalse(peer(node1, "Global_127_0_0_3").established());
        String info = peer(node1, "Global_127_0_0_3").info();
        assertTrue(info.endsWith("BGP Error: Bad peer AS"), info);
        assertEquals("Idle Received: Bad peer AS", peer(node2, name).info().replaceFirst("^\\w+ ", "Idle "));
    }

    @Test
    void aConnectionFromAnUnconfiguredAddressIsRefusedAndTheConfiguredPeerIsUnaffected() throws IOException {
        int port = freePort();
        Speaker node2 = speaker("127.0.0.3", port, 64512, null, List.of(mesh("127.0.0.2", port, 64512, true)), NODE2_BLOCK);
        Speaker stranger = speaker("127.0.0.9", port, 64512, null, List.of(mesh("127.0.0.3", port, 64512, false)));
        Speaker node1 = speaker("127.0.0.2", port, 64512, null, List.of(mesh("127.0.0.3", port, 64512, false)), NODE1_BLOCK);
        await("node1 to learn node2's block", Duration.ofSeconds(20), () -> node1.route(NODE2_BLOCK) != null,
                () -> node1.status().toString());
        PeerStatus s = peer(stranger, "Mesh_127_0_0_3_port_" + port);
        assertFalse(s.established(), s.toString());
        assertFalse(s.establishedOnce());
        assertEquals(1, node2.status().peers().size());
    }

    @Test
    void closingSendsAdministrativeShutdownWithItsMessage() throws IOException {
        int port = freePort();
        Speaker node2 = speaker("127.0.0.3", port, 64512, null, List.of(mesh("127.0.0.2", port, 64512, true)), NODE2_BLOCK);
        Speaker node1 = speaker("127.0.0.2", port, 64512, null, List.of(mesh("127.0.0.3", port, 64512, false)));
        await("node1 to learn node2's block", Duration.ofSeconds(20), () -> node1.route(NODE2_BLOCK) != null,
                () -> node1.status().toString());
        node2.close("maintenance window");
        String name = "Mesh_127_0_0_3_port_" + port;
        await("node1 to hear the shutdown", Duration.ofSeconds(10),
                () -> peer(node1, name).lastError().startsWith("Received: Administrative shutdown"), () -> peer(node1, name).toString());
        assertTrue(peer(node1, name).lastError().contains("maintenance window"), peer(node1, name).lastError());
        assertNull(node1.route(NODE2_BLOCK));
        assertNotNull(node1.status());
    }
}
