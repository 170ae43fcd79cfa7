package dev.jbgp.peering;

import java.util.List;

/**
 * One prefix of the Loc-RIB as {@code jbgp routes} shows it (like {@code birdc show route all}):
 * every path, the best first, and why each lost.
 *
 * @param prefix the prefix, {@code 198.19.21.64/26}
 * @param paths the paths, in decision order: the best first, then the rest of the multipath set, then the others
 */
public record RouteView(String prefix, List<PathView> paths) {

    public RouteView {
        paths = List.copyOf(paths);
    }

    /**
     * @param from the session name of the peer it came from, or {@code local} for our own
     * @param peerAddress the peer's address, or empty for our own
     * @param nextHop the next hop to forward to, or empty for our own (a blackhole)
     * @param asPath the AS_PATH as BIRD prints it ({@code 64512 65001}), empty when empty
     * @param origin {@code IGP}, {@code EGP} or {@code Incomplete}
     * @param localPref LOCAL_PREF, or -1 when absent
     * @param med MULTI_EXIT_DISC, or -1 when absent
     * @param communities standard and large communities, as BIRD prints them
     * @param pathId the ADD-PATH identifier, 0 without ADD-PATH
     * @param best this is the best path
     * @param multipath this path is in the ECMP set (the best path is)
     * @param stale kept from a peer that is restarting (RFC 4724), not yet confirmed
     * @param reason why: for the best path the rule it won by against the next one
     *     ({@code only path}, {@code higher local preference}, ...), for the others the rule it
     *     lost at or why it is ineligible ({@code AS path loop}, {@code rejected by import policy})
     */
    public record PathView(
            String from,
            String peerAddress,
            String nextHop,
            String asPath,
            String origin,
            long localPref,
            long med,
            List<String> communities,
            int pathId,
            boolean best,
            boolean multipath,
            boolean stale,
            String reason) {

        public PathView {
            communities = List.copyOf(communities);
        }
    }
}
