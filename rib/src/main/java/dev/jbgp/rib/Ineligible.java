package dev.jbgp.rib;

/** Why a path in the Adj-RIB-In takes no part in the decision process. */
public enum Ineligible {
    /** Our AS is in the AS_PATH more often than allowed (RFC 4271 section 9.1.2). */
    AS_LOOP("AS loop"),
    /** The ORIGINATOR_ID is our own router ID (RFC 4456 section 8). */
    ORIGINATOR_LOOP("originator loop"),
    /** Our cluster ID is in the CLUSTER_LIST (RFC 4456 section 8). */
    CLUSTER_LOOP("cluster loop"),
    /** The next hop cannot be reached (RFC 4271 section 9.1.2.1). */
    NEXT_HOP_UNRESOLVABLE("unresolvable next hop"),
    /** The import policy rejected it. */
    REJECTED_BY_POLICY("rejected by import policy");

    private final String description;

    Ineligible(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}
