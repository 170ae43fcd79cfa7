package dev.jbgp.examples;

import dev.jbgp.core.Prefix;
import dev.jbgp.peering.PeerSpec;
import dev.jbgp.peering.PeerType;
import dev.jbgp.peering.RouteView;
import dev.jbgp.peering.Speaker;
import dev.jbgp.peering.SpeakerConfig;
import dev.jbgp.peering.SpeakerListener;
import java.io.IOException;
import java.io.PrintStream;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Embedding jbgp: two speakers in one JVM on loopback, iBGP between them. The first announces
 * two blocks; the second subscribes to best-path events and prints each route it learns.
 *
 * <pre>{@code java -cp examples/target/classes:peering/target/jbgp.jar dev.jbgp.examples.EmbeddedPair}</pre>
 */
public final class EmbeddedPair {
    private EmbeddedPair() {
    }

    public static void main(String[] args) throws Exception {
        run(System.out, List.of(Prefix.parse("198.19.22.128/26"), Prefix.parse("198.19.21.64/26")));
    }

    /** Runs the pair until the second speaker has learned every one of {@code announced}; returns what it learned. */
    public static List<RouteView> run(PrintStream out, List<Prefix> announced) throws IOException, InterruptedException {
        Inet4Address a = (Inet4Address) InetAddress.getByName("127.0.0.1");
        Inet4Address b = (Inet4Address) InetAddress.getByName("127.0.0.2");
        int port = freePort();
        CountDownLatch learned = new CountDownLatch(announced.size());
        try (Speaker announcer = Speaker.start(
                     SpeakerConfig.builder(64512, a).listen(a, port).originate(announced).build(),
                     List.of(PeerSpec.of("Peer_127_0_0_2", PeerType.CONFIGURED, b, 64512, 64512).withPort(port)));
             Speaker listener = Speaker.start(
                     SpeakerConfig.builder(64512, b).listen(b, port).build(), List.of())) {
            listener.addListener(new SpeakerListener() {
                @Override
                public void bestPathChanged(Prefix prefix, RouteView route) {
                    if (route != null) {
                        RouteView.PathView best = route.paths().get(0);
                        out.printf("learned %s via %s from %s (%s)%n", route.prefix(), best.nextHop(), best.from(),
                                best.reason());
                        learned.countDown();
                    }
                }
            });
            // Peers can be added at any time; this one waits for the announcer to connect.
            listener.addPeer(PeerSpec.of("Peer_127_0_0_1", PeerType.CONFIGURED, a, 64512, 64512).withPort(port)
                    .withPassive(true));
            if (!learned.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("routes not learned in 30 s: " + listener.status());
            }
            out.println(listener.status().peers().get(0).name() + ": " + listener.status().peers().get(0).info());
            return listener.routes();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        }
    }
}
