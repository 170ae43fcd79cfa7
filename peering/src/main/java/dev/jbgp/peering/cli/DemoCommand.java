package dev.jbgp.peering.cli;

import dev.jbgp.core.Prefix;
import dev.jbgp.peering.PeerSpec;
import dev.jbgp.peering.PeerStatus;
import dev.jbgp.peering.PeerType;
import dev.jbgp.peering.Speaker;
import dev.jbgp.peering.SpeakerConfig;
import dev.jbgp.peering.admin.RouteListing;
import dev.jbgp.peering.admin.StatusTable;
import dev.jbgp.rib.kernel.FakeFib;
import dev.jbgp.rib.kernel.FibRoute;
import java.io.IOException;
import java.io.PrintStream;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * {@code jbgp demo}: the seeds' lab in one process, on loopback, without root. Four speakers on
 * 127.0.0.x stand for control, node1, node2 and the external router host1; the three nodes form
 * the node-to-node mesh (the lower address waits for the higher one, as Calico's BIRD does) and
 * peer with host1 as a global BGPPeer. node1 writes to an in-memory kernel table; the demo
 * prints node1's {@code jbgp status} and the routes it would install.
 */
final class DemoCommand {
    static final String USAGE = """
            usage: jbgp demo [--routes]

            Runs the lab of control, node1, node2 (a node-to-node mesh, AS 64512) and host1 (an
            external router, a global BGPPeer) as four speakers in this process on 127.0.0.x, waits
            until every session is Established, then prints node1's peer status table and the
            kernel routes node1 would install ('proto bird' routes via the other nodes, a
            blackhole for its own block). Needs no root and sends nothing off this machine.

              --routes  also print node1's routes as 'jbgp routes' does

            Exit status: 0 when every session came up and every block was learned, 1 otherwise.
            """;

    private static final Duration LIMIT = Duration.ofSeconds(60);

    private record Node(String name, String address, String block) {
    }

    private static final List<Node> NODES = List.of(
            new Node("control", "127.0.0.1", "198.19.21.0/26"),
            new Node("node1", "127.0.0.2", "198.19.22.128/26"),
            new Node("node2", "127.0.0.3", "198.19.21.64/26"));
    private static final String HOST1 = "127.0.15.254";

    private DemoCommand() {
    }

    static int run(List<String> args, PrintStream out, PrintStream err) {
        boolean routes = false;
        for (String a : args) {
            switch (a) {
                case "--routes" -> routes = true;
                case "-h", "--help" -> {
                    out.print(USAGE);
                    return 0;
                }
                default -> {
                    err.println("jbgp demo: unknown argument " + a);
                    err.println("Try 'jbgp demo --help'.");
                    return Jbgp.USAGE_ERROR;
                }
            }
        }
        List<Speaker> speakers = new ArrayList<>();
        try {
            int port = freePort();
            FakeFib node1Kernel = new FakeFib();
            Speaker node1 = null;
            for (Node n : NODES) {
                List<PeerSpec> peers = new ArrayList<>();
                for (Node other : NODES) {
                    if (other != n) {
                        // One-directional mesh as Calico's bird.cfg has it: toward a node whose
                        // address sorts higher (as a string), this node waits to be connected to.
                        peers.add(PeerSpec.of(PeerSpec.sessionName(PeerType.MESH, ip(other.address()), 179),
                                PeerType.MESH, ip(other.address()), 64512, 64512)
                                .withPort(port).withPassive(other.address().compareTo(n.address()) > 0));
                    }
                }
                peers.add(PeerSpec.of(PeerSpec.sessionName(PeerType.GLOBAL, ip(HOST1), 179), PeerType.GLOBAL, ip(HOST1),
                        64512, 64512).withPort(port));
                SpeakerConfig.Builder config = SpeakerConfig.builder(64512, ip(n.address()))
                        .listen(ip(n.address()), port)
                        .originate(List.of(Prefix.parse(n.block())));
                if (n.name().equals("node1")) {
                    config.fib(node1Kernel);
                }
                Speaker s = Speaker.start(config.build(), peers);
                speakers.add(s);
                if (n.name().equals("node1")) {
                    node1 = s;
                }
            }
            List<PeerSpec> host1Peers = new ArrayList<>();
            for (Node n : NODES) {
                host1Peers.add(PeerSpec.of("Peer_" + n.name(), PeerType.CONFIGURED, ip(n.address()), 64512, 64512)
                        .withPort(port).withPassive(true));
            }
            speakers.add(Speaker.start(SpeakerConfig.builder(64512, ip(HOST1)).listen(ip(HOST1), port).build(),
                    host1Peers));

            boolean done = waitForLab(node1, node1Kernel);
            out.println("node1$ jbgp status");
            out.print(StatusTable.render(node1.status(), ZoneId.systemDefault()));
            out.println();
            out.println("node1$ ip route   (the routes jbgp would install; this demo writes to an in-memory table)");
            List<FibRoute> installed = new ArrayList<>(node1Kernel.kernel().routes(FibRoute.RT_TABLE_MAIN,
                    node1Kernel.protocol()));
            installed.sort(Comparator.comparing(FibRoute::prefix));
            for (FibRoute r : installed) {
                out.println(ipRoute(r));
            }
            if (routes) {
                out.println();
                out.println("node1$ jbgp routes");
                out.print(RouteListing.render(node1.routes()));
            }
            if (!done) {
                err.println("jbgp demo: not every session came up within " + LIMIT.toSeconds() + " s");
                return 1;
            }
            return 0;
        } catch (IOException | RuntimeException e) {
            err.println("jbgp demo: " + e.getMessage());
            return 1;
        } finally {
            for (Speaker s : speakers.reversed()) {
                s.close("demo finished");
            }
        }
    }

    /** Waits until node1 has every peer Established and every other node's block in its kernel table. */
    private static boolean waitForLab(Speaker node1, FakeFib kernel) {
        long end = System.nanoTime() + LIMIT.toNanos();
        while (System.nanoTime() < end) {
            boolean up = node1.status().peers().stream().allMatch(PeerStatus::established);
            int routes = kernel.kernel().routes(FibRoute.RT_TABLE_MAIN, kernel.protocol()).size();
            if (up && routes == NODES.size()) {
                return true;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    /** A route as {@code ip route} prints one of protocol bird in the main table. */
    static String ipRoute(FibRoute r) {
        if (r.type() == FibRoute.Type.BLACKHOLE) {
            return "blackhole " + r.prefix() + " proto bird";
        }
        if (r.nextHops().size() == 1) {
            return r.prefix() + " " + r.nextHops().getFirst() + " proto bird";
        }
        StringBuilder s = new StringBuilder().append(r.prefix()).append(" proto bird");
        for (var hop : r.nextHops()) {
            s.append("\n\tnexthop ").append(hop).append(" weight 1");
        }
        return s.toString();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        }
    }

    private static Inet4Address ip(String text) {
        try {
            return (Inet4Address) InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(text, e);
        }
    }
}
