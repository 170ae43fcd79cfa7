package dev.jbgp.rib;

import java.util.Arrays;
import java.util.List;

/**
 * The paths to one prefix, kept in decision order: eligible paths best first, then the
 * ineligible ones. The first {@link #multipathCount()} paths form the multipath (ECMP) set.
 * Owned by the RIB thread. One path is held without an array, since most prefixes have one.
 */
public final class Destination {
    private static final Path[] NONE = new Path[0];

    private final int id;
    private Object paths;          // null, a Path, or a Path[] in decision order
    private byte multipath;        // the size of the multipath set; 0 when no path is eligible

    Destination(int id) {
        this.id = id;
    }

    /** A number unique among the live destinations of one RIB, reused after removal. */
    public int id() {
        return id;
    }

    /** The best path, or null when no path is eligible. */
    public Path best() {
        if (multipath == 0) {
            return null;
        }
        return paths instanceof Path p ? p : ((Path[]) paths)[0];
    }

    public int multipathCount() {
        return multipath & 0xFF;
    }

    /** The multipath set, best first. */
    public List<Path> multipathSet() {
        return paths().subList(0, multipathCount());
    }

    /** Every path, in decision order. */
    public List<Path> paths() {
        return switch (paths) {
            case null -> List.of();
            case Path p -> List.of(p);
            default -> Arrays.asList((Path[]) paths);
        };
    }

    public int size() {
        return switch (paths) {
            case null -> 0;
            case Path p -> 1;
            default -> ((Path[]) paths).length;
        };
    }

    public boolean isEmpty() {
        return paths == null;
    }

    public Path path(RibPeer peer, int pathId) {
        for (Path p : array()) {
            if (p.samePeerAndId(peer, pathId)) {
                return p;
            }
        }
        return null;
    }

    /**
     * Puts {@code path} in place of the path of the same peer and identifier, or adds it; sorts.
     * Returns the path it replaced, or null.
     */
    Path put(Path path, Decision decision) {
        // The common cases, a first path or a new path of the only peer, need no array.
        if (paths == null || paths instanceof Path only && only.samePeerAndId(path.peer(), path.pathId())) {
            Path old = (Path) paths;
            paths = path;
            multipath = (byte) (path.eligible() ? 1 : 0);
            return old;
        }
        Path[] all = array();
        Path old = null;
        Path[] next;
        int i = indexOf(all, path.peer(), path.pathId());
        if (i >= 0) {
            old = all[i];
            next = all.clone();
            next[i] = path;
        } else {
            next = Arrays.copyOf(all, all.length + 1);
            next[all.length] = path;
        }
        store(next, decision);
        return old;
    }

    /** Removes the path of that peer and identifier; returns it, or null when absent. */
    Path remove(RibPeer peer, int pathId, Decision decision) {
        Path[] all = array();
        int i = indexOf(all, peer, pathId);
        if (i < 0) {
            return null;
        }
        Path old = all[i];
        Path[] next = new Path[all.length - 1];
        System.arraycopy(all, 0, next, 0, i);
        System.arraycopy(all, i + 1, next, i, all.length - i - 1);
        store(next, decision);
        return old;
    }

    /** The identity of the best path and the multipath set, to tell whether a change matters. */
    boolean sameSelection(Path best, Path[] multipathBefore) {
        int n = multipathCount();
        if (best() != best || n != multipathBefore.length) {
            return false;
        }
        Path[] all = array();
        for (int i = 0; i < n; i++) {
            if (all[i] != multipathBefore[i]) {
                return false;
            }
        }
        return true;
    }

    /** The multipath set before a change, for {@link #sameSelection}. */
    Path[] multipathSnapshot() {
        int n = multipathCount();
        if (n == 0) {
            return NONE;
        }
        if (paths instanceof Path p) {
            return new Path[] {p};
        }
        return Arrays.copyOf((Path[]) paths, n);
    }

    private void store(Path[] next, Decision decision) {
        // Insertion sort: a destination holds a handful of paths, one per peer.
        for (int i = 1; i < next.length; i++) {
            Path p = next[i];
            int j = i - 1;
            while (j >= 0 && order(next[j], p, decision) > 0) {
                next[j + 1] = next[j];
                j--;
            }
            next[j + 1] = p;
        }
        int eligible = 0;
        while (eligible < next.length && next[eligible].eligible()) {
            eligible++;
        }
        boolean medByAs = eligible > 2 && !decision.config().alwaysCompareMed();
        if (medByAs) {
            orderByNeighbourAs(next, eligible, decision);
        }
        int mp = 0;
        if (eligible > 0) {
            mp = 1;
            int max = decision.config().maxPaths();
            // The paths equal to the best through the IGP cost, less those MED eliminated within
            // their own AS, moved up behind it in order.
            for (int i = 1; i < eligible && mp < max; i++) {
                Path p = next[i];
                if (Decision.multipath(decision.compare(next[0], p))
                        && !(medByAs && lostAtMed(p, next, eligible, decision))) {
                    System.arraycopy(next, mp, next, mp + 1, i - mp);
                    next[mp++] = p;
                }
            }
        }
        multipath = (byte) mp;
        paths = next.length == 0 ? null : next.length == 1 ? next[0] : next;
    }

    /**
     * RFC 4271 9.1.2.2 c compares MED only between paths from one neighbouring AS, so comparing
     * pairs is not transitive (A beats B at the router ID, B beats C at the router ID, C beats A
     * at MED) and a sort's result would depend on the order the paths arrived in. As the RFC's
     * elimination does, each neighbouring AS's paths are ordered among themselves (MED always
     * compared), then the groups are merged by the comparison, which between groups skips MED;
     * both orders are transitive, so the result depends only on the paths.
     */
    private static void orderByNeighbourAs(Path[] next, int eligible, Decision decision) {
        Path[] grouped = Arrays.copyOf(next, eligible);
        for (int i = 1; i < eligible; i++) {
            Path p = grouped[i];
            int j = i - 1;
            while (j >= 0 && byNeighbourAs(grouped[j], p, decision) > 0) {
                grouped[j + 1] = grouped[j];
                j--;
            }
            grouped[j + 1] = p;
        }
        int[] head = new int[eligible];     // the next path of each group; groups start where the AS changes
        int[] end = new int[eligible];
        int groups = 0;
        for (int i = 0; i < eligible; i++) {
            if (i == 0 || Decision.neighbourAs(grouped[i]) != Decision.neighbourAs(grouped[i - 1])) {
                head[groups] = i;
                groups++;
            }
            end[groups - 1] = i + 1;
        }
        for (int out = 0; out < eligible; out++) {
            int g = -1;
            for (int k = 0; k < groups; k++) {
                if (head[k] < end[k] && (g < 0 || decision.compare(grouped[head[k]], grouped[head[g]]) < 0)) {
                    g = k;
                }
            }
            next[out] = grouped[head[g]++];
        }
    }

    private static int byNeighbourAs(Path a, Path b, Decision decision) {
        int c = Long.compare(Decision.neighbourAs(a), Decision.neighbourAs(b));
        return c != 0 ? c : decision.compare(a, b);
    }

    /** RFC 4271 9.1.2.2 c: a path of the same neighbouring AS with a lower MED eliminates {@code p}. */
    private static boolean lostAtMed(Path p, Path[] next, int eligible, Decision decision) {
        for (int i = 0; i < eligible; i++) {
            int c = decision.compare(next[i], p);
            if (c < 0 && Decision.step(c) == DecisionStep.MED) {
                return true;
            }
        }
        return false;
    }

    /** Eligible paths first, in decision order; then ineligible ones by peer and identifier. */
    private static int order(Path a, Path b, Decision decision) {
        if (a.eligible() != b.eligible()) {
            return a.eligible() ? -1 : 1;
        }
        if (a.eligible()) {
            return decision.compare(a, b);
        }
        int c = Integer.compare(a.peer().id(), b.peer().id());
        return c != 0 ? c : Integer.compareUnsigned(a.pathId(), b.pathId());
    }

    private Path[] array() {
        return switch (paths) {
            case null -> NONE;
            case Path p -> new Path[] {p};
            default -> (Path[]) paths;
        };
    }

    private static int indexOf(Path[] all, RibPeer peer, int pathId) {
        for (int i = 0; i < all.length; i++) {
            if (all[i].samePeerAndId(peer, pathId)) {
                return i;
            }
        }
        return -1;
    }
}
