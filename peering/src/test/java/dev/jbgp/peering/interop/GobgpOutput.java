package dev.jbgp.peering.interop;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the {@code gobgp} CLI prints with {@code -j}: {@code gobgp neighbor -j} and {@code gobgp
 * global rib -a <family> -j}, read into records.
 */
final class GobgpOutput {

    private static final ObjectMapper JSON = new ObjectMapper();
    // gobgp's api.PeerState.SessionState, which -j prints as a number.
    private static final List<String> SESSION_STATES =
            List.of("unknown", "idle", "connect", "active", "opensent", "openconfirm", "established");

    /**
     * One neighbor.
     *
     * @param address the neighbor's address
     * @param peerAs its AS
     * @param state the session state in lower case: {@code idle}, {@code active}, {@code established}, ...
     * @param received prefixes received over every family
     * @param accepted of those, the ones import policy accepted
     */
    record Neighbor(String address, long peerAs, String state, long received, long accepted) {

        boolean established() {
            return state.equals("established");
        }
    }

    /**
     * One path of the global RIB.
     *
     * @param prefix the network
     * @param nextHop its NEXT_HOP ({@code 0.0.0.0} or {@code ::} for one gobgp originated)
     * @param asPath the AS numbers of AS_PATH, in order
     * @param best gobgp chose it as best
     * @param stale kept from a restarting neighbor (graceful restart)
     * @param neighbor the neighbor it came from, empty for one gobgp originated
     * @param originatorId ORIGINATOR_ID (RFC 4456), empty when the path carries none
     * @param clusterList CLUSTER_LIST (RFC 4456), the most recent cluster first; empty when the path carries none
     */
    record Path(String prefix, String nextHop, List<Long> asPath, boolean best, boolean stale, String neighbor,
            String originatorId, List<String> clusterList) {

        Path {
            clusterList = List.copyOf(clusterList);
        }

        /** A path that no route reflector passed on. */
        Path(String prefix, String nextHop, List<Long> asPath, boolean best, boolean stale, String neighbor) {
            this(prefix, nextHop, asPath, best, stale, neighbor, "", List.of());
        }
    }

    private GobgpOutput() {
    }

    static List<Neighbor> neighbors(String json) {
        List<Neighbor> out = new ArrayList<>();
        for (JsonNode peer : read(json)) {
            JsonNode state = peer.path("state");
            long received = 0;
            long accepted = 0;
            for (JsonNode family : peer.path("afi_safis")) {
                received += family.path("state").path("received").asLong();
                accepted += family.path("state").path("accepted").asLong();
            }
            out.add(new Neighbor(
                    state.path("neighbor_address").asText(peer.path("conf").path("neighbor_address").asText()),
                    state.path("peer_asn").asLong(peer.path("conf").path("peer_asn").asLong()),
                    sessionState(state.path("session_state")), received, accepted));
        }
        return out;
    }

    /** The paths of a {@code gobgp global rib -j} map (prefix to its paths). */
    static List<Path> rib(String json) {
        List<Path> out = new ArrayList<>();
        JsonNode root = read(json);
        for (Map.Entry<String, JsonNode> destination : root.properties()) {
            for (JsonNode path : destination.getValue()) {
                String nextHop = "";
                String originatorId = "";
                List<String> clusterList = new ArrayList<>();
                List<Long> asPath = new ArrayList<>();
                for (JsonNode attribute : path.path("attrs")) {
                    switch (attribute.path("type").asInt()) {
                        case 2 -> {
                            for (JsonNode segment : attribute.path("as_paths")) {
                                segment.path("asns").forEach(as -> asPath.add(as.asLong()));
                            }
                        }
                        case 3, 14 -> nextHop = attribute.path("nexthop").asText();
                        case 9 -> originatorId = attribute.path("value").asText();
                        case 10 -> attribute.path("value").forEach(id -> clusterList.add(id.asText()));
                        default -> {
                            // other attributes are not read
                        }
                    }
                }
                out.add(new Path(path.path("nlri").path("prefix").asText(destination.getKey()), nextHop,
                        List.copyOf(asPath), path.path("best").asBoolean(), path.path("stale").asBoolean(),
                        path.path("neighbor-ip").asText(""), originatorId, clusterList));
            }
        }
        return out;
    }

    private static String sessionState(JsonNode value) {
        if (value.isNumber()) {
            int n = value.asInt();
            return n >= 0 && n < SESSION_STATES.size() ? SESSION_STATES.get(n) : "state " + n;
        }
        // older gobgp printed the name: "BGP_FSM_ESTABLISHED" or "established"
        String name = value.asText("unknown").toLowerCase(Locale.ROOT);
        return name.startsWith("bgp_fsm_") ? name.substring("bgp_fsm_".length()) : name;
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json.isBlank() ? "[]" : json);
        } catch (JsonProcessingException e) {
            throw new AssertionError("gobgp did not print JSON: " + json.strip(), e);
        }
    }
}
