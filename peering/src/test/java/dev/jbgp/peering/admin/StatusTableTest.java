package dev.jbgp.peering.admin;

import static dev.jbgp.peering.admin.LabSnapshots.TAKEN_AT;
import static dev.jbgp.peering.admin.LabSnapshots.UTC;
import static dev.jbgp.peering.admin.LabSnapshots.at;
import static dev.jbgp.peering.admin.LabSnapshots.snapshot;
import static dev.jbgp.peering.admin.LabSnapshots.trying;
import static dev.jbgp.peering.admin.LabSnapshots.up;
import static dev.jbgp.peering.admin.LabSnapshots.withPort;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jbgp.peering.PeerStatus;
import dev.jbgp.peering.PeerType;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code jbgp status} against golden text: calicoctl's layout, BIRD's times. */
class StatusTableTest {

    @Test
    void theLabRendersExactlyAsDesignDocumentsSample() {
        // DESIGN.md, "What a user sees"; calicoctl prints the same table for BIRD.
        String expected = """
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

                """;
        assertEquals(expected, StatusTable.render(LabSnapshots.node1(), UTC));
    }

    @Test
    void infoLongerThanThirtyCharactersWrapsOntoASecondLineAsCalicoctlDoes() {
        var table = StatusTable.render(snapshot(List.of(
                trying("Mesh_198_19_0_1", PeerType.MESH, "198.19.0.1", "Active", "Socket: Connection refused",
                        at("22:09:00")),
                trying("Mesh_198_19_0_3", PeerType.MESH, "198.19.0.3", "Connect", "Socket: Connection refused",
                        at("22:09:30")),
                up("Node_198_19_15_254", PeerType.NODE_SPECIFIC, "198.19.15.254", at("22:06:03")))), UTC);
        String expected = """
                jbgp is running.

                IPv4 BGP status
                +---------------+-------------------+-------+----------+--------------------------------+
                | PEER ADDRESS  |     PEER TYPE     | STATE |  SINCE   |              INFO              |
                +---------------+-------------------+-------+----------+--------------------------------+
                | 198.19.0.1    | node-to-node mesh | start | 22:09:00 | Active Socket: Connection      |
                |               |                   |       |          | refused                        |
                | 198.19.0.3    | node-to-node mesh | start | 22:09:30 | Connect Socket: Connection     |
                |               |                   |       |          | refused                        |
                | 198.19.15.254 | node specific     | up    | 22:06:03 | Established                    |
                +---------------+-------------------+-------+----------+--------------------------------+

                IPv6 BGP status
                No IPv6 peers found.

                """;
        assertEquals(expected, table);
    }

    @Test
    void infoOfThirtyCharactersOrLessStaysOnOneLine() {
        var table = StatusTable.render(snapshot(List.of(
                trying("Global_198_19_15_254", PeerType.GLOBAL, "198.19.15.254", "Idle", "Received: Bad peer AS",
                        at("21:00:00")))), UTC);
        assertEquals("""
                +---------------+-----------+-------+----------+----------------------------+
                | PEER ADDRESS  | PEER TYPE | STATE |  SINCE   |            INFO            |
                +---------------+-----------+-------+----------+----------------------------+
                | 198.19.15.254 | global    | start | 21:00:00 | Idle Received: Bad peer AS |
                +---------------+-----------+-------+----------+----------------------------+
                """, ipv4Table(table));
    }

    @Test
    void sinceIsTheTimeOfDayUntilTwentyHoursOldAndTheDateFromThen() {
        var justUnder = up("Mesh_198_19_0_1", PeerType.MESH, "198.19.0.1",
                TAKEN_AT.minus(Duration.ofHours(20)).plusSeconds(1));
        var exactly = up("Mesh_198_19_0_3", PeerType.MESH, "198.19.0.3", TAKEN_AT.minus(Duration.ofHours(20)));
        var table = ipv4Table(StatusTable.render(snapshot(List.of(justUnder, exactly)), UTC));
        // 2026-11-20 22:10:00 less 20 hours is 2026-11-20 02:10:00: the same day, and still shown as a date.
        assertEquals("""
                +--------------+-------------------+-------+------------+-------------+
                | PEER ADDRESS |     PEER TYPE     | STATE |   SINCE    |    INFO     |
                +--------------+-------------------+-------+------------+-------------+
                | 198.19.0.1   | node-to-node mesh | up    | 02:10:01   | Established |
                | 198.19.0.3   | node-to-node mesh | up    | 2026-11-20 | Established |
                +--------------+-------------------+-------+------------+-------------+
                """, table);
    }

    @Test
    void sinceIsPrintedInTheGivenZone() {
        ZoneId prague = ZoneId.of("Europe/Prague");
        String table = StatusTable.render(LabSnapshots.node1(prague), prague);
        assertEquals(StatusTable.render(LabSnapshots.node1(), UTC), table);
        // The same instants read in UTC are an hour earlier (CET in November).
        String inUtc = StatusTable.render(LabSnapshots.node1(prague), UTC);
        assertTrue(inUtc.contains("| 21:05:49 |"), inUtc);
    }

    @Test
    void ipv6PeersHaveTheirOwnTableWithCompressedAddresses() {
        var table = StatusTable.render(snapshot(List.of(
                up("Mesh_fd00_198_19__3", PeerType.MESH, "fd00:198:19:0:0:0:0:3", at("22:06:03")))), UTC);
        assertEquals("""
                jbgp is running.

                IPv4 BGP status
                No IPv4 peers found.

                IPv6 BGP status
                +----------------+-------------------+-------+----------+-------------+
                |  PEER ADDRESS  |     PEER TYPE     | STATE |  SINCE   |    INFO     |
                +----------------+-------------------+-------+----------+-------------+
                | fd00:198:19::3 | node-to-node mesh | up    | 22:06:03 | Established |
                +----------------+-------------------+-------+----------+-------------+

                """, table);
    }

    @Test
    void aPeerOffPort179ShowsItsPort() {
        var v4 = withPort(up("Node_198_19_15_254", PeerType.NODE_SPECIFIC, "198.19.15.254", at("22:06:03")), 1790);
        var v6 = withPort(up("Node_fd00__254", PeerType.NODE_SPECIFIC, "fd00::254", at("22:06:03")), 1790);
        String table = StatusTable.render(snapshot(List.of(v4, v6)), UTC);
        assertTrue(table.contains("| 198.19.15.254:1790 | node specific |"), table);
        assertTrue(table.contains("| [fd00::254]:1790 | node specific |"), table);
    }

    @Test
    void withNoPeersBothFamiliesSaySoAsCalicoctlDoes() {
        assertEquals("""
                jbgp is running.

                IPv4 BGP status
                No IPv4 peers found.

                IPv6 BGP status
                No IPv6 peers found.

                """, StatusTable.render(snapshot(List.of()), UTC));
    }

    @Test
    void infoIsPrintedWithSingleSpacesAsCalicoctlRebuildsIt() {
        var peer = trying("Mesh_198_19_0_1", PeerType.MESH, "198.19.0.1", "Active", "", at("22:09:00"));
        var spaced = new PeerStatus(peer.name(), peer.type(), peer.address(), 179, 64512, 64512,
                "Active", "start", peer.since(), "Active        Socket:  Connection refused ", "Socket: Connection refused",
                false, "", 0, 0, 0, 0, 0, 0, 0);
        String table = StatusTable.render(snapshot(List.of(spaced)), UTC);
        assertTrue(table.contains("| Active Socket: Connection      |"), table);
    }

    /** The IPv4 box alone. */
    private static String ipv4Table(String status) {
        int start = status.indexOf("+");
        int end = status.indexOf("\n\nIPv6");
        return status.substring(start, end + 1);
    }
}
