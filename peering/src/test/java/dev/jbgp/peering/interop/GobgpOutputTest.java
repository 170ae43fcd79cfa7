package dev.jbgp.peering.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading {@code gobgp ... -j}; the JSON is gobgp 3.10's, captured in the lab and shortened. */
class GobgpOutputTest {

    private static final String NEIGHBORS = """
            [{"apply_policy":{"export_policy":{"direction":2},"import_policy":{"direction":1}},
              "conf":{"local_asn":64513,"neighbor_address":"198.19.0.1","peer_asn":64512,"type":1},
              "state":{"messages":{"received":{"update":2,"open":1,"keepalive":1,"total":4}},
                       "neighbor_address":"198.19.0.1","peer_asn":64512,"type":1,"queues":{},"session_state":6,
                       "router_id":"198.19.0.1"},
              "afi_safis":[{"config":{"family":{"afi":1,"safi":1},"enabled":true},
                            "state":{"family":{"afi":1,"safi":1},"enabled":true,"received":2,"accepted":2}}]},
             {"conf":{"local_asn":64513,"neighbor_address":"fd00:198:19::1","peer_asn":64512},
              "state":{"neighbor_address":"fd00:198:19::1","peer_asn":64512,"session_state":3}}]
            """;

    private static final String RIB = """
            {"198.19.20.0/24":[{"nlri":{"prefix":"198.19.20.0/24"},"age":1795254265,"best":true,
               "attrs":[{"type":1,"value":2},{"type":8,"communities":[4227924068]},{"type":3,"nexthop":"0.0.0.0"}],
               "stale":false}],
             "198.19.21.0/26":[{"nlri":{"prefix":"198.19.21.0/26"},"age":1795254264,"best":true,
               "attrs":[{"type":1,"value":0},{"type":2,"as_paths":[{"segment_type":2,"num":1,"asns":[64512]}]},
                        {"type":3,"nexthop":"198.19.0.1"}],
               "stale":true,"source-id":"198.19.0.1","neighbor-ip":"198.19.0.1"}],
             "fd00:198:21::/64":[{"nlri":{"prefix":"fd00:198:21::/64"},"age":1795253262,"best":true,
               "attrs":[{"type":1,"value":0},{"type":2,"as_paths":[]},{"type":5,"value":100},
                        {"type":14,"nexthop":"fd00:198:19::1","afi":2,"safi":1,
                         "value":[{"prefix":"fd00:198:19::/64"},{"prefix":"fd00:198:21::/64"}]}],
               "stale":false,"source-id":"198.19.0.1","neighbor-ip":"fd00:198:19::1"}]}
            """;

    @Test
    void neighborsGiveAddressAsStateAndPrefixCounts() {
        List<GobgpOutput.Neighbor> neighbors = GobgpOutput.neighbors(NEIGHBORS);

        assertEquals(new GobgpOutput.Neighbor("198.19.0.1", 64512, "established", 2, 2), neighbors.get(0));
        assertTrue(neighbors.get(0).established());
        assertEquals(new GobgpOutput.Neighbor("fd00:198:19::1", 64512, "active", 0, 0), neighbors.get(1));
        assertFalse(neighbors.get(1).established());
    }

    @Test
    void ribPathsGiveNextHopAsPathBestStaleAndNeighbor() {
        List<GobgpOutput.Path> paths = GobgpOutput.rib(RIB);

        assertEquals(List.of(
                new GobgpOutput.Path("198.19.20.0/24", "0.0.0.0", List.of(), true, false, ""),
                new GobgpOutput.Path("198.19.21.0/26", "198.19.0.1", List.of(64512L), true, true, "198.19.0.1"),
                new GobgpOutput.Path("fd00:198:21::/64", "fd00:198:19::1", List.of(), true, false, "fd00:198:19::1")),
                paths);
    }

    /** A client's RIB with a path gobgpd reflected (gobgpd 3.10 reflector, cluster ID 244.0.0.1, in the lab). */
    private static final String REFLECTED = """
            {"198.19.22.128/26":[{"nlri":{"prefix":"198.19.22.128/26"},"age":1795256140,"best":true,
               "attrs":[{"type":1,"value":2},{"type":2,"as_paths":[]},{"type":3,"nexthop":"198.19.0.2"},
                        {"type":5,"value":100},{"type":9,"value":"198.19.0.2"},{"type":10,"value":["244.0.0.1"]}],
               "stale":false,"source-id":"198.19.0.1","neighbor-ip":"198.19.0.1"}]}
            """;

    @Test
    void aReflectedPathGivesOriginatorIdAndClusterList() {
        assertEquals(List.of(new GobgpOutput.Path("198.19.22.128/26", "198.19.0.2", List.of(), true, false,
                "198.19.0.1", "198.19.0.2", List.of("244.0.0.1"))), GobgpOutput.rib(REFLECTED));
        assertEquals("", GobgpOutput.rib(RIB).getFirst().originatorId());
        assertEquals(List.of(), GobgpOutput.rib(RIB).getFirst().clusterList());
    }

    @Test
    void anEmptyRibHasNoPaths() {
        assertEquals(List.of(), GobgpOutput.rib("{}\n"));
        assertEquals(List.of(), GobgpOutput.neighbors("[]"));
    }
}
