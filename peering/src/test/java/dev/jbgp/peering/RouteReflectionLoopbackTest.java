package dev.jbgp.peering;

import static dev.jbgp.peering.SpeakerLoopbackTest.await;
import static dev.jbgp.peering.SpeakerLoopbackTest.freePort;
import static dev.jbgp.peering.SpeakerLoopbackTest.ip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jbgp.core.Prefix;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Route reflectors and their clients as speakers in one JVM on 127.0.x.y, over real TCP. */
class RouteReflectionLoopbackTest {
    private static final long AS = 64512;
    private static final int CLUSTER_A = SpeakerLoopbackTest.ipAsInt("224.0.0.1");
    private static final int CLUSTER_B = SpeakerLoopbackTest.ipAsInt("224.0.0.2");
    private final List<Speaker> speakers = new ArrayList<>();

    @AfterEach
    void close() {
        for (Speaker s : speakers.reversed()) {
            s.close();
        }
    }

    private static String client(int i) {
        return "127.0.1." + i;
    }

    /** Client i's block: 198.19.16.0/26, 198.19.16.64/26, ... */
    private static Prefix block(int i) {
        int offset = (i - 1) * 64;
        return Prefix.parse("198.19." + (16 + offset / 256) + "." + (offset % 256) + "/26");
    }

    private Speaker reflector(String address, int port, int clusterId, List<PeerSpec> peers) {
        Speaker s = Speaker.start(SpeakerConfig.builder(AS, ip(address)).listen(ip(address), port).clusterId(clusterId)
                .build(), peers);
        speakers.add(s);
        return s;
    }

    private Speaker clientOf(int i, int port, String... reflectors) {
        List<PeerSpec> peers = new ArrayList<>();
        for (String r : reflectors) {
            peers.add(PeerSpec.of(PeerSpec.sessionName(PeerType.NODE_SPECIFIC, ip(r), 179), PeerType.NODE_SPECIFIC,
                    ip(r), AS, AS).withPort(port));
        }
        Speaker s = Speaker.start(SpeakerConfig.builder(AS, ip(client(i))).listen(ip(client(i)), port)
                .originate(List.of(block(i))).build(), peers);
        speakers.add(s);
        return s;
    }

    private static List<PeerSpec> clients(int port, int... ids) {
        List<PeerSpec> out = new ArrayList<>();
        for (int i : ids) {
            out.add(PeerSpec.of(PeerSpec.sessionName(PeerType.NODE_SPECIFIC, ip(client(i)), 179), PeerType.NODE_SPECIFIC,
                    ip(client(i)), AS, AS).withPort(port).withPassive(true).withRouteReflectorClient(true));
        }
        return out;
    }

    private static PeerSpec nonClient(String address, int port, boolean passive) {
        return PeerSpec.of(PeerSpec.sessionName(PeerType.NODE_SPECIFIC, ip(address), 179), PeerType.NODE_SPECIFIC,
                ip(address), AS, AS).withPort(port).withPassive(passive);
    }

    /** Whether {@code s} holds client j's block as its best path, with client j as next hop. */
    private static boolean holds(Speaker s, int j) {
        RouteView r = s.route(block(j));
        return r != null && r.paths().getFirst().best() && r.paths().getFirst().nextHop().equals(client(j));
    }

    @Test
    void twentyClientsOfOneReflectorEachLearnEveryOtherBlockWithItsOriginalNextHop() throws IOException {
        int port = freePort();
        int n = 20;
        Speaker rr = reflector("127.0.0.1", port, CLUSTER_A, clients(port, IntStream.rangeClosed(1, n).toArray()));
        List<Speaker> cs = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            cs.add(clientOf(i, port, "127.0.0.1"));
        }
        await("every client to hold the 19 other blocks", Duration.ofSeconds(60), () -> {
            for (int i = 1; i <= n; i++) {
                for (int j = 1; j <= n; j++) {
                    if (i != j && !holds(cs.get(i - 1), j)) {
                        return false;
                    }
                }
            }
            return true;
        }, () -> rr.status().toString());
        assertEquals(n, rr.status().prefixes());
        assertTrue(rr.status().peers().stream().allMatch(PeerStatus::established));

        // A client goes away: its block goes from every other client.
        cs.get(4).close("leaving");
        await("client 5's block to be withdrawn everywhere", Duration.ofSeconds(20), () -> {
            for (int i = 1; i <= n; i++) {
                if (i != 5 && cs.get(i - 1).route(block(5)) != null) {
                    return false;
                }
            }
            return true;
        }, () -> String.valueOf(cs.getFirst().route(block(5))));
        assertTrue(holds(cs.getFirst(), 6), "the others' blocks stay");
    }

    @Test
    void twoReflectorsInOneClusterServeTheSameClientsAndDropEachOthersReflections() throws IOException {
        int port = freePort();
        Speaker rrA = reflector("127.0.0.1", port, CLUSTER_A, withPeer(clients(port, 1, 2, 3), nonClient("127.0.0.2", port, true)));
        Speaker rrB = reflector("127.0.0.2", port, CLUSTER_A, withPeer(clients(port, 1, 2, 3), nonClient("127.0.0.1", port, false)));
        List<Speaker> cs = List.of(clientOf(1, port, "127.0.0.1", "127.0.0.2"), clientOf(2, port, "127.0.0.1", "127.0.0.2"),
                clientOf(3, port, "127.0.0.1", "127.0.0.2"));
        await("every client to hold the other blocks from both reflectors", Duration.ofSeconds(60), () -> {
            for (int i = 1; i <= 3; i++) {
                for (int j = 1; j <= 3; j++) {
                    if (i != j && (!holds(cs.get(i - 1), j) || cs.get(i - 1).route(block(j)).paths().size() != 2)) {
                        return false;
                    }
                }
            }
            return true;
        }, () -> cs.getFirst().routes().toString());
        // rrA hears client 2's block from client 2 and, reflected, from rrB: the reflected copy
        // carries their shared cluster ID and is kept as a cluster loop.
        await("rrA to hold rrB's reflection as a loop", Duration.ofSeconds(20), () -> {
            RouteView r = rrA.route(block(2));
            return r != null && r.paths().stream().anyMatch(p -> p.reason().equals("cluster loop"));
        }, () -> String.valueOf(rrA.route(block(2))));
        RouteView atA = rrA.route(block(2));
        assertEquals(client(2), atA.paths().getFirst().nextHop());
        assertEquals(client(2), atA.paths().getFirst().peerAddress());
        assertTrue(rrB.status().peers().stream().allMatch(PeerStatus::established));
    }

    @Test
    void twoClustersLinkedByTheirReflectorsCarryBlocksAcrossWithTheOriginalNextHop() throws IOException {
        int port = freePort();
        Speaker rrA = reflector("127.0.0.1", port, CLUSTER_A, withPeer(clients(port, 1, 2), nonClient("127.0.0.2", port, true)));
        Speaker rrB = reflector("127.0.0.2", port, CLUSTER_B, withPeer(clients(port, 3, 4), nonClient("127.0.0.1", port, false)));
        List<Speaker> cs = List.of(clientOf(1, port, "127.0.0.1"), clientOf(2, port, "127.0.0.1"),
                clientOf(3, port, "127.0.0.2"), clientOf(4, port, "127.0.0.2"));
        await("every client to hold the three other blocks", Duration.ofSeconds(60), () -> {
            for (int i = 1; i <= 4; i++) {
                for (int j = 1; j <= 4; j++) {
                    if (i != j && !holds(cs.get(i - 1), j)) {
                        return false;
                    }
                }
            }
            return true;
        }, () -> cs.getFirst().routes() + " / " + rrA.routes());
        assertTrue(rrA.status().peers().stream().allMatch(PeerStatus::established));
        assertTrue(rrB.status().peers().stream().allMatch(PeerStatus::established));
    }

    private static List<PeerSpec> withPeer(List<PeerSpec> clients, PeerSpec other) {
        List<PeerSpec> all = new ArrayList<>(clients);
        all.add(other);
        return all;
    }
}
