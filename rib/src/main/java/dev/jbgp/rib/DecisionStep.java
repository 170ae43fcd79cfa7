package dev.jbgp.rib;

/**
 * The steps of the decision process, in the order they are applied: RFC 4271 section
 * 9.1.2.2 with the tie-breakers BGP speakers commonly add and RFC 4456 section 9. Two paths
 * differ at exactly one step; that step is why the loser lost.
 */
public enum DecisionStep {
    /** Routes this speaker originates win over learned ones (BIRD's protocol preference). */
    LOCALLY_ORIGINATED("locally originated"),
    /** 9.1.1: the highest degree of preference, LOCAL_PREF (100 when absent). */
    LOCAL_PREF("lower LOCAL_PREF"),
    /** 9.1.2.2 a: the shortest AS_PATH; an AS_SET counts 1, confederation segments 0. */
    AS_PATH_LENGTH("longer AS_PATH"),
    /** 9.1.2.2 b: the lowest ORIGIN (IGP, EGP, INCOMPLETE). */
    ORIGIN("higher ORIGIN"),
    /** 9.1.2.2 c: the lowest MED, among paths from the same neighbouring AS (by default). */
    MED("higher MED"),
    /** 9.1.2.2 d: a path from an eBGP peer over one from an iBGP peer. */
    EXTERNAL_OVER_INTERNAL("iBGP path against an eBGP one"),
    /** 9.1.2.2 e: the lowest interior cost to the next hop, when known. */
    IGP_COST("higher IGP cost"),
    /** Optional (RFC 5004): of two eBGP paths, the one that arrived first. */
    OLDEST_EXTERNAL("newer eBGP path"),
    /** 9.1.2.2 f, RFC 4456 section 9: the lowest BGP Identifier, or ORIGINATOR_ID when present. */
    ROUTER_ID("higher router ID"),
    /** RFC 4456 section 9: the shortest CLUSTER_LIST. */
    CLUSTER_LIST_LENGTH("longer CLUSTER_LIST"),
    /** 9.1.2.2 g: the lowest peer address. */
    PEER_ADDRESS("higher peer address"),
    /** Paths from one peer under ADD-PATH: the lowest path identifier, so the order is total. */
    PATH_ID("higher path identifier");

    private final String lostBecause;

    DecisionStep(String lostBecause) {
        this.lostBecause = lostBecause;
    }

    /** Why a path that lost at this step lost, for operators. */
    public String lostBecause() {
        return lostBecause;
    }

    /** Paths equal up to and including this step can share traffic (ECMP). */
    public static final DecisionStep LAST_MULTIPATH_STEP = IGP_COST;
}
