package dev.jbgp.rib;

/**
 * The knobs of the decision process.
 *
 * @param alwaysCompareMed compare MED between paths from different neighbouring ASes too
 * @param missingMedWorst a path without MED counts as the worst MED, not as 0
 * @param preferOldestExternal of two eBGP paths keep the one that arrived first (RFC 5004)
 * @param maxPaths how many paths may share traffic (ECMP); 1 turns multipath off
 * @param resolver reachability and interior cost of next hops
 */
public record DecisionConfig(boolean alwaysCompareMed, boolean missingMedWorst, boolean preferOldestExternal,
        int maxPaths, NextHopResolver resolver) {

    public static final DecisionConfig DEFAULT = new DecisionConfig(false, false, false, 16, NextHopResolver.CONNECTED);

    public DecisionConfig {
        if (maxPaths < 1 || maxPaths > 255) {
            throw new IllegalArgumentException("maxPaths must be 1 to 255: " + maxPaths);
        }
        if (resolver == null) {
            throw new IllegalArgumentException("a resolver is required");
        }
    }
}
