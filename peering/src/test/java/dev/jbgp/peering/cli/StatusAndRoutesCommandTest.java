package dev.jbgp.peering.cli;

import static dev.jbgp.peering.cli.Run.jbgp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jbgp.peering.RouteView;
import dev.jbgp.peering.StatusSnapshot;
import dev.jbgp.peering.admin.AdminServer;
import dev.jbgp.peering.admin.LabSnapshots;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code jbgp status} and {@code jbgp routes} end to end: the command line, HTTP on 127.0.0.1, the admin server. */
class StatusAndRoutesCommandTest {
    /** The sample's times of day in the zone the command prints in. */
    private final AtomicReference<StatusSnapshot> status =
            new AtomicReference<>(LabSnapshots.node1(ZoneId.systemDefault()));
    private final AtomicReference<List<RouteView>> routes = new AtomicReference<>(LabSnapshots.node1Routes());
    private AdminServer server;
    private String admin;

    @BeforeEach
    void start() throws IOException {
        server = AdminServer.start(new InetSocketAddress("127.0.0.1", 0), status::get, routes::get);
        admin = "127.0.0.1:" + server.port();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void statusPrintsTheRunningDaemonsPeersAsTheDesignSampleShows() {
        Run r = jbgp("", "status", "--admin", admin);
        assertEquals(0, r.status(), r.err());
        assertEquals("""
                jbgp is running.

                IPv4 BGP status
                +---------------+-------------------+-------+----------+-------------+
                | PEER ADDRESS  |     PEER TYPE     | STATE |  SINCE   |    INFO     |
                +---------------+-------------------+-------+----------+-------------+
                | 198.19.0.1    | node-to-node mesh | up    | 22:05:49 | Established |
                | 198.19.0.3    | node-to-node mesh | up    | 22:06:03 | Established |
                | 198.19.15.254 | global            | up    | 10:58:02 | Established |
                +---------------+-------------------+-------+----------+-------------+

                IPv6 BGP status
                No IPv6 peers found.

                """, r.out());
        assertEquals("", r.err());
        assertEquals(r.out(), jbgp("", "status", "--admin=" + admin).out());
    }

    @Test
    void statusWithNoDaemonSaysJbgpIsNotRunningAndExitsOne() throws IOException {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            port = probe.getLocalPort(); // free once closed: nothing listens there
        }
        Run r = jbgp("", "status", "--admin", "127.0.0.1:" + port);
        assertEquals(1, r.status());
        assertEquals("", r.out());
        assertTrue(r.err().startsWith("jbgp is not running.\n"), r.err());
        assertTrue(r.err().contains("127.0.0.1:" + port), r.err());
        assertEquals(1, jbgp("", "routes", "--admin", "127.0.0.1:" + port).status());
    }

    @Test
    void statusReportsAnAnswerThatIsNotJbgps() throws IOException {
        server.close();
        server = AdminServer.start(new InetSocketAddress("127.0.0.1", 0), () -> {
            throw new IllegalStateException("speaker closed");
        }, List::of);
        Run r = jbgp("", "status", "--admin", "127.0.0.1:" + server.port());
        assertEquals(1, r.status());
        assertTrue(r.err().contains("500") && r.err().contains("speaker closed"), r.err());
    }

    @Test
    void statusUsageErrorsExitTwo() {
        assertEquals(2, jbgp("", "status", "--admin").status());
        assertEquals(2, jbgp("", "status", "--admin", "localhost:9179").status());
        assertEquals(2, jbgp("", "status", "--verbose").status());
        assertEquals(2, jbgp("", "status", "extra").status());
        Run help = jbgp("", "status", "--help");
        assertEquals(0, help.status());
        assertTrue(help.out().contains(AdminServer.DEFAULT_ADDRESS), help.out());
        assertEquals(help.out(), jbgp("", "help", "status").out());
    }

    @Test
    void routesPrintsEveryPathWithWhyItIsOrIsNotTheBest() {
        Run r = jbgp("", "routes", "--admin", admin);
        assertEquals(0, r.status(), r.err());
        assertEquals("""
                10.0.0.0/8         via 198.19.15.254 [Global_198_19_15_254] * (stale) [?]
                \tBest: only path
                \tPath ID: 7
                \tBGP.origin: Incomplete
                \tBGP.as_path: 65001 {65002 65003}
                \tBGP.next_hop: 198.19.15.254
                \tBGP.med: 50
                \tBGP.local_pref: 100
                \tBGP.community: (64512,100)
                \tBGP.large_community: (4200000001, 1, 2)
                198.19.21.0/26     via 198.19.0.1 [Mesh_198_19_0_1] * [i]
                \tBest: only path
                \tBGP.origin: IGP
                \tBGP.as_path:\s
                \tBGP.next_hop: 198.19.0.1
                \tBGP.local_pref: 100
                198.19.21.64/26    via 198.19.0.3 [Mesh_198_19_0_3] * [i]
                \tBest: lower router ID
                \tBGP.origin: IGP
                \tBGP.as_path:\s
                \tBGP.next_hop: 198.19.0.3
                \tBGP.local_pref: 100
                                   via 198.19.0.3 [Global_198_19_15_254 from 198.19.15.254] [i]
                \tNot best: higher router ID
                \tBGP.origin: IGP
                \tBGP.as_path:\s
                \tBGP.next_hop: 198.19.0.3
                \tBGP.local_pref: 100
                198.19.22.128/26   blackhole [local] * [i]
                \tBest: only path
                \tBGP.origin: IGP
                \tBGP.as_path:\s
                \tBGP.local_pref: 100
                """, r.out());
    }

    @Test
    void routesWithAPrefixOrAnAddressShowsThatNetworkOnly() {
        Run prefix = jbgp("", "routes", "--admin", admin, "198.19.21.0/26");
        assertEquals(0, prefix.status(), prefix.err());
        assertTrue(prefix.out().startsWith("198.19.21.0/26     via 198.19.0.1 [Mesh_198_19_0_1] * [i]\n"), prefix.out());
        assertEquals(6, prefix.out().lines().count(), prefix.out());

        Run address = jbgp("", "routes", "--admin", admin, "198.19.22.130");
        assertEquals(0, address.status(), address.err());
        assertTrue(address.out().startsWith("198.19.22.128/26   blackhole [local] * [i]\n"), address.out());
    }

    @Test
    void routesForANetworkNotInTheTableSaysSoAndExitsOne() {
        Run r = jbgp("", "routes", "--admin", admin, "192.0.2.0/24");
        assertEquals(1, r.status());
        assertEquals("", r.out());
        assertEquals("Network not in table\n", r.err());
    }

    @Test
    void routesOfAnEmptyTablePrintNothing() {
        routes.set(List.of());
        Run r = jbgp("", "routes", "--admin", admin);
        assertEquals(0, r.status(), r.err());
        assertEquals("", r.out());
    }

    @Test
    void routesUsageErrorsExitTwo() {
        assertEquals(2, jbgp("", "routes", "--admin", admin, "198.19.21.300/26").status());
        assertEquals(2, jbgp("", "routes", "--admin", admin, "198.19.21.0/26", "198.19.22.0/26").status());
        Run help = jbgp("", "routes", "--help");
        assertEquals(0, help.status());
        assertEquals(help.out(), jbgp("", "help", "routes").out());
    }

    @Test
    void theCommandListNamesStatusAndRoutes() {
        Run r = jbgp("", "help");
        assertTrue(r.out().contains("status") && r.out().contains("routes"), r.out());
    }
}
