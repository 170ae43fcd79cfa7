package dev.jbgp.rib;

/**
 * Who this speaker is to its RIB.
 *
 * @param localAs our AS, for AS loop detection
 * @param routerId our BGP Identifier, for ORIGINATOR_ID loop detection (RFC 4456 section 8)
 * @param clusterId our route reflector cluster ID, or 0 when we reflect nothing
 * @param allowOwnAs how many times our AS may appear in an AS_PATH before the path is a loop
 *     (0: never, as RFC 4271 section 9.1.2 says)
 */
public record RibConfig(long localAs, int routerId, int clusterId, int allowOwnAs, DecisionConfig decision) {
    public RibConfig {
        if (allowOwnAs < 0) {
            throw new IllegalArgumentException("allowOwnAs must be 0 or more: " + allowOwnAs);
        }
    }

    public static RibConfig of(long localAs, int routerId) {
        return new RibConfig(localAs, routerId, 0, 0, DecisionConfig.DEFAULT);
    }
}
