package dev.jbgp.rib;

import java.util.Objects;

/**
 * Who this speaker is to its RIB.
 *
 * @param localAs our AS, for AS loop detection
 * @param routerId our BGP Identifier, for ORIGINATOR_ID loop detection (RFC 4456 section 8)
 * @param allowOwnAs how many times our AS may appear in an AS_PATH before the path is a loop
 *     (0: never, as RFC 4271 section 9.1.2 says)
 * @param decision the decision process's options
 * @param reflection the route reflection rules: {@link Reflection#NONE} for a speaker that reflects
 *     nothing, {@code dev.jbgp.rr.RouteReflector} for a reflector
 */
public record RibConfig(long localAs, int routerId, int allowOwnAs, DecisionConfig decision, Reflection reflection) {
    public RibConfig {
        if (allowOwnAs < 0) {
            throw new IllegalArgumentException("allowOwnAs must be 0 or more: " + allowOwnAs);
        }
        Objects.requireNonNull(decision, "decision");
        Objects.requireNonNull(reflection, "reflection");
    }

    /**
     * A speaker that reflects nothing, in the form from before reflection rules were given as a
     * {@link Reflection}. {@code clusterId} must be 0: the reflector's rules live in the
     * route-reflector module, which this one cannot see, so a reflector passes its
     * {@code RouteReflector} to the canonical constructor.
     */
    public RibConfig(long localAs, int routerId, int clusterId, int allowOwnAs, DecisionConfig decision) {
        this(localAs, routerId, allowOwnAs, decision, notAReflector(clusterId));
    }

    public static RibConfig of(long localAs, int routerId) {
        return new RibConfig(localAs, routerId, 0, DecisionConfig.DEFAULT, Reflection.NONE);
    }

    public static RibConfig of(long localAs, int routerId, Reflection reflection) {
        return new RibConfig(localAs, routerId, 0, DecisionConfig.DEFAULT, reflection);
    }

    private static Reflection notAReflector(int clusterId) {
        if (clusterId != 0) {
            throw new IllegalArgumentException("a route reflector gives its rules as a Reflection (dev.jbgp.rr.RouteReflector),"
                    + " not as a cluster ID: " + Integer.toUnsignedString(clusterId));
        }
        return Reflection.NONE;
    }
}
