package dev.jbgp.peering;

import static dev.jbgp.peering.SpeakerLoopbackTest.await;
import static dev.jbgp.peering.SpeakerLoopbackTest.freePort;
import static dev.jbgp.peering.SpeakerLoopbackTest.ip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jbgp.core.AfiSafi;
import dev.jbgp.core.Prefix;
import dev.jbgp.core.capability.Multiprotocol;
import dev.jbgp.core.message.BgpMessage;
import dev.jbgp.core.message.Keepalive;
import dev.jbgp.core.message.Open;
import dev.jbgp.core.message.Update;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A peer that stops reading while we have a large table for it: the speaker stops pulling
 * UPDATEs once the socket is full (nothing piles up in memory), keeps the session, and sends
 * the rest once the peer reads again.
 */
class StalledPeerTest {
    private static final int PREFIXES = 2_000_000;

    @Test
    void aPeerThatStopsReadingIsSentNoMoreThanTheSocketTakesAndGetsEverythingOnceItReads() throws Exception {
        int port = freePort();
        List<Prefix> table = new ArrayList<>(PREFIXES);
        int base = 10 << 24;
        for (int i = 0; i < PREFIXES; i++) {
            table.add(Prefix.ipv4(base + (i << 2), 30));
        }
        PeerSpec spec = PeerSpec.of("Peer_127_0_0_4", PeerType.CONFIGURED, ip("127.0.0.4"), 64512, 64512)
                .withPort(port).withPassive(true);
        try (Speaker s = Speaker.start(SpeakerConfig.builder(64512, ip("127.0.0.2")).listen(ip("127.0.0.2"), port)
                .originate(table).build(), List.of(spec))) {
            await("the table to be in the RIB", Duration.ofSeconds(60), () -> s.status().prefixes() == PREFIXES,
                    () -> s.status().toString());
            try (RawPeer raw = new RawPeer(ip("127.0.0.4"), ip("127.0.0.2"), port, 4096)) {
                raw.send(Open.of(64512, 240, SpeakerLoopbackTest.ipAsInt("127.0.0.4"),
                        List.of(new Multiprotocol(AfiSafi.IPV4_UNICAST))));
                raw.receive(Open.class, Duration.ofSeconds(10));
                raw.send(Keepalive.INSTANCE);
                raw.receive(Keepalive.class, Duration.ofSeconds(10));

                // Not reading: the speaker fills the socket buffers, then waits.
                long plateau = awaitPlateau(s);
                System.out.println("StalledPeerTest: UPDATEs written while the peer read nothing: " + plateau);
                // 2,000,000 /30s take about 2,500 UPDATEs of 4,096 octets (10 MB); the socket buffers
                // hold about 3 MB of them (some 700 UPDATEs on Linux's default 4 MB tcp_wmem).
                assertTrue(plateau < 1500, "UPDATEs written while the peer read nothing: " + plateau);
                PeerStatus st = s.status().peers().getFirst();
                assertTrue(st.established(), st.toString());

                // Reading again: everything arrives, then End-of-RIB.
                long received = 0;
                long end = System.nanoTime() + Duration.ofSeconds(120).toNanos();
                while (System.nanoTime() < end) {
                    BgpMessage m = raw.receive();
                    if (m instanceof Update u) {
                        if (u.endOfRib().isPresent()) {
                            break;
                        }
                        received += u.nlri().size();
                    }
                }
                assertEquals(PREFIXES, received);
            }
        }
    }

    /** The UPDATE count once it has not moved for two seconds. */
    private static long awaitPlateau(Speaker s) throws InterruptedException {
        long last = -1;
        long stableSince = System.nanoTime();
        long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < end) {
            long now = s.status().peers().getFirst().updatesSent();
            if (now != last) {
                last = now;
                stableSince = System.nanoTime();
            } else if (now > 0 && System.nanoTime() - stableSince > Duration.ofSeconds(2).toNanos()) {
                return now;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the number of UPDATEs sent kept changing: " + last);
    }
}
