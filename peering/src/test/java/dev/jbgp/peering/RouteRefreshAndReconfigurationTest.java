package dev.jbgp.peering;

import static dev.jbgp.peering.SpeakerLoopbackTest.await;
import static dev.jbgp.peering.SpeakerLoopbackTest.freePort;
import static dev.jbgp.peering.SpeakerLoopbackTest.ip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jbgp.core.AfiSafi;
import dev.jbgp.core.Prefix;
import dev.jbgp.core.capability.Multiprotocol;
import dev.jbgp.core.capability.RouteRefreshSupport;
import dev.jbgp.core.message.Keepalive;
import dev.jbgp.core.message.Open;
import dev.jbgp.core.message.RouteRefresh;
import dev.jbgp.core.message.Update;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RouteRefreshAndReconfigurationTest {
    private static final Prefix BLOCK = Prefix.parse("198.19.22.128/26");
    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : open.reversed()) {
            c.close();
        }
    }

    private Speaker start(String address, int port, List<PeerSpec> peers, Prefix... own) {
        Speaker s = Speaker.start(SpeakerConfig.builder(64512, ip(address)).listen(ip(address), port)
                .originate(List.of(own)).build(), peers);
        open.add(s);
        return s;
    }

    private static PeerSpec mesh(String address, int port, boolean passive) {
        return PeerSpec.of(PeerSpec.sessionName(PeerType.MESH, ip(address), 179), PeerType.MESH, ip(address), 64512, 64512)
                .withPort(port).withPassive(passive);
    }

    private static boolean announces(Update u, Prefix p) {
        return u.nlri().stream().anyMatch(p::equals);
    }

    @Test
    void aRouteRefreshIsAnsweredWithTheWholeAdjRibOutAgain() throws Exception {
        int port = freePort();
        Speaker s = start("127.0.0.2", port, List.of(mesh("127.0.0.4", port, true)), BLOCK);
        RawPeer raw = new RawPeer(ip("127.0.0.4"), ip("127.0.0.2"), port);
        open.add(raw);
        raw.send(Open.of(64512, 90, SpeakerLoopbackTest.ipAsInt("127.0.0.4"),
                List.of(new Multiprotocol(AfiSafi.IPV4_UNICAST), RouteRefreshSupport.INSTANCE)));
        raw.receive(Open.class, Duration.ofSeconds(10));
        raw.send(Keepalive.INSTANCE);
        Update first = raw.receive(Update.class, Duration.ofSeconds(10));
        assertTrue(announces(first, BLOCK), first.toString());
        Update eor = raw.receive(Update.class, Duration.ofSeconds(10));
        assertEquals(AfiSafi.IPV4_UNICAST, eor.endOfRib().orElseThrow());

        raw.send(new RouteRefresh(AfiSafi.IPV4_UNICAST, RouteRefresh.NORMAL));
        Update again = raw.receive(Update.class, Duration.ofSeconds(10));
        assertTrue(announces(again, BLOCK), again.toString());
        assertNotNull(s.status());
    }

    @Test
    void setPeersStartsNewPeersStopsRemovedOnesRestartsChangedOnesAndLeavesTheRest() throws Exception {
        int port = freePort();
        Speaker node3 = start("127.0.0.3", port, List.of(mesh("127.0.0.2", port, true)), Prefix.parse("198.19.21.64/26"));
        Speaker node4 = start("127.0.0.4", port, List.of(mesh("127.0.0.2", port, true)), Prefix.parse("198.19.21.0/26"));
        Speaker node2 = start("127.0.0.2", port, List.of(mesh("127.0.0.3", port, false)), BLOCK);
        await("node2 and node3", Duration.ofSeconds(20), () -> node2.route(Prefix.parse("198.19.21.64/26")) != null,
                () -> node2.status().toString());
        long transitions = node2.status().peers().getFirst().establishedTransitions();

        Speaker.Applied added = node2.setPeers(List.of(mesh("127.0.0.3", port, false), mesh("127.0.0.4", port, false)));
        assertEquals(List.of("Mesh_127_0_0_4"), added.added());
        assertEquals(List.of("Mesh_127_0_0_3"), added.unchanged());
        await("node2 and node4", Duration.ofSeconds(20), () -> node2.route(Prefix.parse("198.19.21.0/26")) != null,
                () -> node2.status().toString());
        assertEquals(transitions, node2.status().peers().getFirst().establishedTransitions(), "node3's session untouched");

        Speaker.Applied changed = node2.setPeers(List.of(mesh("127.0.0.3", port, false).withTimers(90, 30)));
        assertEquals(List.of("Mesh_127_0_0_4"), changed.removed());
        assertEquals(List.of("Mesh_127_0_0_3"), changed.restarted());
        await("node4's block to go", Duration.ofSeconds(10), () -> node2.route(Prefix.parse("198.19.21.0/26")) == null,
                () -> node2.status().toString());
        await("node3's session to come back with hold time 90", Duration.ofSeconds(30),
                () -> node2.status().peers().getFirst().holdTime() == 90, () -> node2.status().toString());
        assertNull(node2.route(Prefix.parse("198.19.21.0/26")));
        assertNotNull(node3.status());
        assertTrue(node4.status().peers().getFirst().lastError().contains("Peer de-configured"),
                node4.status().peers().getFirst().lastError());
    }
}
