package dev.jbgp.examples.scale;

import dev.jbgp.peering.NextHopMode;
import dev.jbgp.peering.PeerSpec;
import dev.jbgp.peering.PeerType;
import dev.jbgp.peering.Speaker;
import dev.jbgp.peering.SpeakerConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;

/**
 * A rehearsal in the client JVM before the measured run: a fleet of the same size converges
 * through a jbgp reflector in this JVM on another port, then all of it stops. The clients' code
 * is compiled by then, so in the measured run they spend their CPU time on BGP rather than on
 * the JIT compiler and set the pace less; the reflector process under test starts cold either
 * way.
 */
final class WarmUp {
    private static final Duration POLL = Duration.ofMillis(20);

    private WarmUp() {
    }

    /** Runs the rehearsal for {@code layout}'s clients; returns how long it took. */
    static Duration run(ScaleLayout layout, Duration timeout) throws IOException, InterruptedException {
        long start = System.nanoTime();
        int port = Reflector.freePort();
        ScaleLayout rehearsal = new ScaleLayout(layout.reflector(), port, layout.clusterId(), layout.pool(),
                layout.clients());
        List<PeerSpec> clients = rehearsal.clients().stream()
                .map(c -> new PeerSpec(PeerSpec.sessionName(PeerType.CONFIGURED, c.address(), port),
                        PeerType.CONFIGURED, c.address(), port, ScaleLayout.AS, ScaleLayout.AS, true,
                        rehearsal.reflector(), null, PeerSpec.DEFAULT_HOLD_TIME, 0, 0,
                        PeerSpec.DEFAULT_GRACEFUL_RESTART_TIME, 0, NextHopMode.AUTO, true))
                .toList();
        SpeakerConfig config = SpeakerConfig.builder(ScaleLayout.AS, rehearsal.reflector())
                .listen(rehearsal.reflector(), port)
                .clusterId(clusterId(rehearsal.clusterId()))
                .build();
        // Closed in reverse: the clients first, then the reflector.
        try (Speaker reflector = Speaker.start(config, clients); ClientFleet fleet = new ClientFleet(rehearsal)) {
            fleet.connect();
            while (fleet.untilAllConverged() == null) {
                if (System.nanoTime() - start > timeout.toNanos()) {
                    throw new IOException("the warm-up did not converge in " + timeout.toSeconds() + " s: "
                            + fleet.converged() + "/" + fleet.size() + " clients hold every block; reflector "
                            + reflector.status().peers().stream().filter(p -> p.bgpState().equals("Established"))
                                    .count() + " sessions Established");
                }
                Thread.sleep(POLL);
            }
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }

    private static int clusterId(String dottedQuad) throws IOException {
        byte[] b = InetAddress.getByName(dottedQuad).getAddress();
        return (b[0] & 0xFF) << 24 | (b[1] & 0xFF) << 16 | (b[2] & 0xFF) << 8 | (b[3] & 0xFF);
    }
}
