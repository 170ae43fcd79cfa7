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
import dev.jbgp.core.PrefixList;
import dev.jbgp.core.attribute.AsPath;
import dev.jbgp.core.attribute.NextHop;
import dev.jbgp.core.attribute.Origin;
import dev.jbgp.core.attribute.PathAttributes;
import dev.jbgp.core.capability.GracefulRestart;
import dev.jbgp.core.capability.Multiprotocol;
import dev.jbgp.core.message.Keepalive;
import dev.jbgp.core.message.Notification;
import dev.jbgp.core.message.Open;
import dev.jbgp.core.message.Update;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A peer that sends broken messages or vanishes, against a speaker that also has a healthy peer. */
class MisbehavingPeerTest {
    private static final Prefix HEALTHY_BLOCK = Prefix.parse("198.19.21.64/26");
    private static final Prefix RAW_BLOCK = Prefix.parse("198.19.23.0/26");
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

    private static PeerSpec peer(String address, int port, boolean passive) {
        return PeerSpec.of(PeerSpec.sessionName(PeerType.MESH, ip(address), 179), PeerType.MESH, ip(address), 64512, 64512)
                .withPort(port).withPassive(passive);
    }

    /** The speaker at 127.0.0.2 with a healthy jbgp peer at 127.0.0.3 and a raw peer expected at 127.0.0.4. */
    private Speaker speakerWithHealthyPeer(int port) {
        Speaker healthy = start("127.0.0.3", port, List.of(peer("127.0.0.2", port, true)), HEALTHY_BLOCK);
        Speaker s = start("127.0.0.2", port, List.of(peer("127.0.0.3", port, false), peer("127.0.0.4", port, true)));
        await("the healthy peer's block", Duration.ofSeconds(20), () -> s.route(HEALTHY_BLOCK) != null,
                () -> s.status().toString());
        assertNotNull(healthy);
        return s;
    }

    private RawPeer establish(int port, boolean gracefulRestart) throws IOException {
        RawPeer raw = new RawPeer(ip("127.0.0.4"), ip("127.0.0.2"), port);
        open.add(raw);
        List<dev.jbgp.core.capability.Capability> caps = new ArrayList<>();
        caps.add(new Multiprotocol(AfiSafi.IPV4_UNICAST));
        if (gracefulRestart) {
            caps.add(new GracefulRestart(0, 90, List.of(new GracefulRestart.Family(AfiSafi.IPV4_UNICAST, 0x80))));
        }
        raw.send(Open.of(64512, 90, SpeakerLoopbackTest.ipAsInt("127.0.0.4"), caps));
        raw.receive(Open.class, Duration.ofSeconds(10));
        raw.send(Keepalive.INSTANCE);
        raw.receive(Keepalive.class, Duration.ofSeconds(10));
        return raw;
    }

    private static Update announce(Prefix p) {
        return Update.announce(PathAttributes.of(Origin.IGP, AsPath.EMPTY, NextHop.of("127.0.0.4")), PrefixList.of(p));
    }

    @Test
    void anUpdateWithABrokenAttributeLengthGetsItsNotificationAndTheOtherSessionKeepsItsRoutes() throws Exception {
        int port = freePort();
        Speaker s = speakerWithHealthyPeer(port);
        RawPeer raw = establish(port, false);
        raw.send(announce(RAW_BLOCK));
        await("the raw peer's block", Duration.ofSeconds(10), () -> s.route(RAW_BLOCK) != null, () -> s.status().toString());

        // An UPDATE whose attribute list claims more octets than the message holds: RFC 7606
        // cannot tell where attributes end, so this resets the session (3/1 Malformed Attribute List).
        raw.sendBytes(HexFormat.of().parseHex("ffffffffffffffffffffffffffffffff" + "001b" + "02" + "0000" + "0030" + "40010100"));
        Notification n = raw.receive(Notification.class, Duration.ofSeconds(10));
        assertEquals(3, n.code(), n.toString());
        assertTrue(raw.closedBySpeaker(Duration.ofSeconds(10)));

        String name = PeerSpec.sessionName(PeerType.MESH, ip("127.0.0.4"), 179);
        await("the broken peer's routes to go", Duration.ofSeconds(10), () -> s.route(RAW_BLOCK) == null,
                () -> s.status().toString());
        PeerStatus st = s.status().peers().stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow();
        assertTrue(st.lastError().startsWith("BGP Error: "), st.lastError());
        assertNotNull(s.route(HEALTHY_BLOCK), "the healthy session's route stays");
        assertTrue(s.status().peers().stream().anyMatch(p -> p.established() && p.address().equals(ip("127.0.0.3"))));
    }

    @Test
    void anUpdateWithABadOriginIsTreatedAsWithdrawAndTheSessionStaysUp() throws Exception {
        int port = freePort();
        Speaker s = speakerWithHealthyPeer(port);
        RawPeer raw = establish(port, false);
        raw.send(announce(RAW_BLOCK));
        await("the raw peer's block", Duration.ofSeconds(10), () -> s.route(RAW_BLOCK) != null, () -> s.status().toString());

        // The same prefix again with ORIGIN 7 (RFC 7606 section 7.1: treat-as-withdraw).
        raw.sendBytes(HexFormat.of().parseHex("ffffffffffffffffffffffffffffffff" + "002a" + "02" + "0000" + "000e"
                + "40010107" + "400200" + "400304" + "7f000004" + "1a" + "c6131700"));
        await("the prefix to be withdrawn", Duration.ofSeconds(10), () -> s.route(RAW_BLOCK) == null,
                () -> String.valueOf(s.route(RAW_BLOCK)));
        raw.send(announce(RAW_BLOCK));
        await("the session to go on carrying routes", Duration.ofSeconds(10), () -> s.route(RAW_BLOCK) != null,
                () -> s.status().toString());
    }

    @Test
    void aRestartingPeersRoutesAreKeptAsStaleUntilItsEndOfRib() throws Exception {
        int port = freePort();
        Speaker s = speakerWithHealthyPeer(port);
        RawPeer raw = establish(port, true);
        Prefix other = Prefix.parse("198.19.23.64/26");
        raw.send(announce(RAW_BLOCK));
        raw.send(announce(other));
        await("both blocks", Duration.ofSeconds(10), () -> s.route(RAW_BLOCK) != null && s.route(other) != null,
                () -> s.status().toString());

        raw.crash();
        await("the session to drop", Duration.ofSeconds(10),
                () -> s.status().peers().stream().noneMatch(p -> p.address().equals(ip("127.0.0.4")) && p.established()),
                () -> s.status().toString());
        Thread.sleep(300);
        RouteView kept = s.route(RAW_BLOCK);
        assertNotNull(kept, "routes of a restarting peer stay");
        assertTrue(kept.paths().get(0).stale(), kept.toString());

        // The speaker holds off a peer that just failed (damping), so the restarted peer retries.
        RawPeer again = null;
        long end = System.nanoTime() + Duration.ofSeconds(40).toNanos();
        while (again == null) {
            try {
                again = establish(port, true);
            } catch (IOException | AssertionError e) {
                if (System.nanoTime() > end) {
                    throw e;
                }
                Thread.sleep(500);
            }
        }
        again.send(announce(RAW_BLOCK));
        again.send(Update.endOfRib(AfiSafi.IPV4_UNICAST));
        await("the route not sent again to go", Duration.ofSeconds(10), () -> s.route(other) == null,
                () -> String.valueOf(s.route(other)));
        RouteView refreshed = s.route(RAW_BLOCK);
        assertNotNull(refreshed);
        assertTrue(!refreshed.paths().get(0).stale(), refreshed.toString());
    }

    @Test
    void aRestartedPeerThatConnectsWhileItsOldSessionSeemsUpIsTakenAtOnceAndItsRoutesKeptStale() throws Exception {
        int port = freePort();
        Speaker s = speakerWithHealthyPeer(port);
        RawPeer raw = establish(port, true);
        Prefix other = Prefix.parse("198.19.23.64/26");
        raw.send(announce(RAW_BLOCK));
        raw.send(announce(other));
        await("both blocks", Duration.ofSeconds(10), () -> s.route(RAW_BLOCK) != null && s.route(other) != null,
                () -> s.status().toString());

        // The peer "reboots": its old connection is never closed, a new one comes.
        RawPeer again = establish(port, true);
        assertTrue(raw.closedBySpeaker(Duration.ofSeconds(10)), "the old connection is closed");
        RouteView kept = s.route(other);
        assertNotNull(kept, "the restarting peer's routes stay");
        assertTrue(kept.paths().getFirst().stale(), kept.toString());
        again.send(announce(RAW_BLOCK));
        again.send(Update.endOfRib(AfiSafi.IPV4_UNICAST));
        await("the route not sent again to go", Duration.ofSeconds(10), () -> s.route(other) == null,
                () -> String.valueOf(s.route(other)));
        assertNotNull(s.route(RAW_BLOCK));
        assertTrue(s.status().peers().stream().filter(p -> p.address().equals(ip("127.0.0.4")))
                .allMatch(PeerStatus::established));
    }

    @Test
    void aPeerWithoutGracefulRestartLosesItsRoutesAtOnce() throws Exception {
        int port = freePort();
        Speaker s = speakerWithHealthyPeer(port);
        RawPeer raw = establish(port, false);
        raw.send(announce(RAW_BLOCK));
        await("the block", Duration.ofSeconds(10), () -> s.route(RAW_BLOCK) != null, () -> s.status().toString());
        raw.crash();
        await("the block to go", Duration.ofSeconds(10), () -> s.route(RAW_BLOCK) == null, () -> s.status().toString());
        assertNull(s.route(RAW_BLOCK));
    }
}
