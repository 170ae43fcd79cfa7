package dev.jbgp.rib;

import dev.jbgp.core.attribute.AsPath;
import dev.jbgp.core.attribute.ClusterList;
import dev.jbgp.core.attribute.LocalPref;
import dev.jbgp.core.attribute.MultiExitDisc;
import dev.jbgp.core.attribute.OriginatorId;
import dev.jbgp.core.attribute.PathAttributes;
import java.net.InetAddress;
import java.util.Arrays;

/**
 * The comparison of two eligible paths to one prefix, one {@link DecisionStep} after the
 * other. {@link #compare} returns no object: its sign says which path is better and its
 * magnitude names the step that decided, so the RIB can sort paths, find the multipath set
 * and tell operators why a path lost without allocating.
 */
public final class Decision {
    /** RFC 4271 section 9.1.1: a path without LOCAL_PREF is taken at the usual default. */
    public static final long DEFAULT_LOCAL_PREF = 100;

    private final DecisionConfig config;

    public Decision(DecisionConfig config) {
        this.config = config;
    }

    public DecisionConfig config() {
        return config;
    }

    /**
     * Negative when {@code a} is better, positive when {@code b} is, 0 when they are the same
     * path (same peer and path identifier); otherwise {@code ±(step.ordinal() + 1)}.
     */
    public int compare(Path a, Path b) {
        PathAttributes x = a.attributes();
        PathAttributes y = b.attributes();
        int c;
        if ((c = Boolean.compare(b.peer().local(), a.peer().local())) != 0) {
            return decided(c, DecisionStep.LOCALLY_ORIGINATED);
        }
        if ((c = Long.compare(localPref(y), localPref(x))) != 0) {
            return decided(c, DecisionStep.LOCAL_PREF);
        }
        if ((c = Integer.compare(pathLength(x), pathLength(y))) != 0) {
            return decided(c, DecisionStep.AS_PATH_LENGTH);
        }
        if ((c = Integer.compare(origin(x), origin(y))) != 0) {
            return decided(c, DecisionStep.ORIGIN);
        }
        if (config.alwaysCompareMed() || neighbourAs(a) == neighbourAs(b)) {
            if ((c = Long.compare(med(x), med(y))) != 0) {
                return decided(c, DecisionStep.MED);
            }
        }
        if ((c = Boolean.compare(b.peer().external(), a.peer().external())) != 0) {
            return decided(c, DecisionStep.EXTERNAL_OVER_INTERNAL);
        }
        if ((c = Integer.compare(igpCost(a), igpCost(b))) != 0) {
            return decided(c, DecisionStep.IGP_COST);
        }
        if (config.preferOldestExternal() && a.peer().external() && b.peer().external()
                && (c = Long.compare(a.arrival(), b.arrival())) != 0) {
            return decided(c, DecisionStep.OLDEST_EXTERNAL);
        }
        if ((c = Integer.compareUnsigned(routerId(a), routerId(b))) != 0) {
            return decided(c, DecisionStep.ROUTER_ID);
        }
        if ((c = Integer.compare(clusterListLength(x), clusterListLength(y))) != 0) {
            return decided(c, DecisionStep.CLUSTER_LIST_LENGTH);
        }
        if ((c = compareAddresses(a.peer().address(), b.peer().address())) != 0) {
            return decided(c, DecisionStep.PEER_ADDRESS);
        }
        if ((c = Integer.compareUnsigned(a.pathId(), b.pathId())) != 0) {
            return decided(c, DecisionStep.PATH_ID);
        }
        return 0;
    }

    /** The step named by a non-zero result of {@link #compare}. */
    public static DecisionStep step(int comparison) {
        return DecisionStep.values()[Math.abs(comparison) - 1];
    }

    /** Whether two paths that compare as {@code comparison} may share traffic. */
    public static boolean multipath(int comparison) {
        return comparison == 0 || step(comparison).compareTo(DecisionStep.LAST_MULTIPATH_STEP) > 0;
    }

    private static int decided(int sign, DecisionStep step) {
        return Integer.signum(sign) * (step.ordinal() + 1);
    }

    private static long localPref(PathAttributes a) {
        LocalPref lp = a.localPref();
        return lp == null ? DEFAULT_LOCAL_PREF : lp.value();
    }

    private static int pathLength(PathAttributes a) {
        AsPath p = a.asPath();
        return p == null ? 0 : p.pathLength();
    }

    private static int origin(PathAttributes a) {
        return a.origin() == null ? 2 : a.origin().value();
    }

    private long med(PathAttributes a) {
        MultiExitDisc m = a.med();
        if (m == null) {
            return config.missingMedWorst() ? 0xFFFF_FFFFL : 0;
        }
        return m.value();
    }

    /**
     * RFC 4271 9.1.2.2 c: the neighbouring AS is the first AS of the path. A path with none
     * was originated in our AS: iBGP-learned ones share the key 0, our own routes the key -1,
     * so MEDs are compared among the former and never against the latter.
     */
    static long neighbourAs(Path p) {
        AsPath asPath = p.attributes().asPath();
        long first = asPath == null ? 0 : asPath.firstAs();
        return first != 0 ? first : p.peer().local() ? -1 : 0;
    }

    private int igpCost(Path p) {
        InetAddress nextHop = p.forwardingAddress();
        if (nextHop == null) {
            return 0;
        }
        int cost = config.resolver().cost(nextHop);
        return cost < 0 ? Integer.MAX_VALUE : cost;
    }

    /** RFC 4456 section 9: a reflected route is known by its ORIGINATOR_ID. */
    private static int routerId(Path p) {
        OriginatorId o = p.attributes().originatorId();
        return o != null ? o.id() : p.peer().routerId();
    }

    private static int clusterListLength(PathAttributes a) {
        ClusterList c = a.clusterList();
        return c == null ? 0 : c.size();
    }

    /** IPv4 before IPv6, then the address bytes as unsigned numbers. */
    static int compareAddresses(InetAddress a, InetAddress b) {
        byte[] x = a.getAddress();
        byte[] y = b.getAddress();
        if (x.length != y.length) {
            return Integer.compare(x.length, y.length);
        }
        return Arrays.compareUnsigned(x, y);
    }
}
