package dev.jbgp.rib.kernel;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Keeps one kernel routing table in step with the routes we want there, the way BIRD's kernel
 * protocol does: changes are written through as they happen, and a periodic {@link #rescan()}
 * compares the table with what we want and repairs the difference.
 *
 * <p>Our routes outlive the daemon. On {@link #start()} the routes of our protocol found in the
 * table are adopted as stale: they keep forwarding while peers come back. Each one a desired route
 * confirms stops being stale (untouched if it already forwards as wanted);
 * {@link #sweepStale()}, called when graceful restart is over, removes the rest.
 *
 * <p>Nothing is written before {@link #start()} has read the table: routes wanted before then
 * are only recorded, and start puts them in, comparing each with what the table holds.
 *
 * <p>Routes of other protocols are never removed or replaced, not even one sitting where we
 * want ours (same table, prefix and metric: installing would replace it): ours waits, the rescan
 * reports a conflict, and ours goes in once the other is gone. What the last scan ({@link
 * #start()} or {@link #rescan()}) found is what is known of other protocols: one added since can
 * still be replaced by a write-through install, as BIRD would.
 *
 * <p>Owned by one thread, the FIB thread, like the {@link Fib} it drives; the owner schedules
 * rescans.
 */
public final class FibSync {

    private static final System.Logger LOG = System.getLogger(FibSync.class.getName());

    /** What a rescan changed. */
    public record Rescan(int reinstalled, int replaced, int removed, int conflicts) {
        public boolean changedNothing() {
            return reinstalled == 0 && replaced == 0 && removed == 0;
        }
    }

    private final Fib fib;
    private final int table;
    private final Map<RouteKey, FibRoute> desired = new HashMap<>();
    private final Set<RouteKey> stale = new HashSet<>();
    /** What the stale routes we could read looked like when adopted, to confirm without a write. */
    private final Map<RouteKey, FibRoute> adopted = new HashMap<>();
    /** Where other protocols' routes were at the last scan. */
    private Set<RouteKey> foreign = Set.of();
    private boolean started;

    public FibSync(Fib fib, int table) {
        this.fib = fib;
        this.table = table;
    }

    /** Keeps the main table ({@code ip route}'s). */
    public FibSync(Fib fib) {
        this(fib, FibRoute.RT_TABLE_MAIN);
    }

    /**
     * Reads the table, adopts every route of our protocol that no desired route claims as stale,
     * and puts in the routes wanted so far, except where another protocol's route is. When the
     * table cannot be read (the exception of {@link Fib#snapshot}), nothing is written and start
     * may be called again.
     *
     * @return how many routes were adopted as stale
     */
    public int start() {
        if (started) {
            throw new IllegalStateException("already started");
        }
        TableSnapshot snapshot = fib.snapshot(table);
        started = true;
        foreign = snapshot.foreign();
        for (Map.Entry<RouteKey, FibRoute> found : snapshot.routes().entrySet()) {
            FibRoute wanted = desired.get(found.getKey());
            if (wanted == null) {
                stale.add(found.getKey());
                adopted.put(found.getKey(), found.getValue());
            } else if (!wanted.satisfiedBy(found.getValue())) {
                fib.install(wanted);
            }
        }
        for (RouteKey key : snapshot.unrecognised()) {
            FibRoute wanted = desired.get(key);
            if (wanted == null) {
                stale.add(key);
            } else {
                fib.install(wanted);
            }
        }
        List<RouteKey> conflicts = new ArrayList<>();
        for (FibRoute wanted : desired.values()) {
            RouteKey key = wanted.key();
            if (snapshot.holdsOurs(key)) {
                continue; // compared above
            }
            if (foreign.contains(key)) {
                conflicts.add(key);
            } else {
                fib.install(wanted);
            }
        }
        fib.flush();
        if (!stale.isEmpty()) {
            LOG.log(Level.INFO, "table {0}: adopted {1} routes of protocol {2} as stale",
                    Integer.toUnsignedString(table), stale.size(), fib.protocol());
        }
        logConflicts(conflicts);
        return stale.size();
    }

    /**
     * Wants {@code route} in the table and, once started, writes it through (batched: {@link
     * #flush()} to wait for the kernel). A route already wanted exactly so, or adopted as stale
     * and already forwarding this way, is not written again; nor is one whose place another
     * protocol's route held at the last scan. Before {@link #start()} the route is only recorded.
     */
    public void install(FibRoute route) {
        if (route.table() != table) {
            throw new IllegalArgumentException("route " + route + " is not for table " + Integer.toUnsignedString(table));
        }
        RouteKey key = route.key();
        FibRoute previous = desired.put(key, route);
        if (!started || route.equals(previous)) {
            return;
        }
        if (stale.remove(key)) {
            FibRoute found = adopted.remove(key);
            if (found != null && route.satisfiedBy(found)) {
                return;
            }
        }
        if (foreign.contains(key)) {
            LOG.log(Level.WARNING, "not installing {0}: a route of another protocol is there", route);
            return;
        }
        fib.install(route);
    }

    /**
     * No longer wants a route at {@code key}; removes ours there (batched). Before {@link
     * #start()} nothing of ours was written yet: a route an earlier run left there is adopted as
     * stale at start, and swept.
     */
    public void remove(RouteKey key) {
        FibRoute wanted = desired.remove(key);
        if (!started) {
            return;
        }
        boolean wasStale = stale.remove(key);
        adopted.remove(key);
        if (wanted != null || wasStale) {
            fib.remove(key);
        }
    }

    public void remove(FibRoute route) {
        remove(route.key());
    }

    /** Sends what is batched and waits for the kernel. */
    public void flush() {
        fib.flush();
    }

    /**
     * Removes every stale route no desired route confirmed; called once graceful restart is over
     * (every peer sent End-of-RIB, or the restart time ran out).
     *
     * @return how many routes were removed
     */
    public int sweepStale() {
        int swept = 0;
        for (RouteKey key : stale) {
            if (!desired.containsKey(key)) {
                fib.remove(key);
                swept++;
            }
        }
        stale.clear();
        adopted.clear();
        fib.flush();
        if (swept > 0) {
            LOG.log(Level.INFO, "table {0}: swept {1} stale routes", Integer.toUnsignedString(table), swept);
        }
        return swept;
    }

    /**
     * Reads the table and repairs it: a desired route that is missing (deleted by hand) is
     * installed again, one that forwards differently is replaced, and a route of ours that is
     * neither desired nor stale is removed.
     *
     * @throws IllegalStateException before {@link #start()}: the routes an earlier run left are
     *     not adopted yet, and a rescan would remove them
     */
    public Rescan rescan() {
        if (!started) {
            throw new IllegalStateException("not started");
        }
        TableSnapshot snapshot = fib.snapshot(table);
        foreign = snapshot.foreign();
        stale.removeIf(key -> !snapshot.holdsOurs(key));
        adopted.keySet().retainAll(stale);
        int reinstalled = 0;
        int replaced = 0;
        int removed = 0;
        List<RouteKey> conflicts = new ArrayList<>();
        for (FibRoute wanted : desired.values()) {
            RouteKey key = wanted.key();
            FibRoute found = snapshot.routes().get(key);
            if (found != null) {
                if (!wanted.satisfiedBy(found)) {
                    fib.install(wanted);
                    replaced++;
                }
            } else if (snapshot.unrecognised().contains(key)) {
                fib.install(wanted);
                replaced++;
            } else if (snapshot.foreign().contains(key)) {
                conflicts.add(key);
            } else {
                fib.install(wanted);
                reinstalled++;
            }
        }
        for (RouteKey key : snapshot.routes().keySet()) {
            if (!desired.containsKey(key) && !stale.contains(key)) {
                fib.remove(key);
                removed++;
            }
        }
        for (RouteKey key : snapshot.unrecognised()) {
            if (!desired.containsKey(key) && !stale.contains(key)) {
                fib.remove(key);
                removed++;
            }
        }
        fib.flush();
        Rescan result = new Rescan(reinstalled, replaced, removed, conflicts.size());
        if (!result.changedNothing()) {
            LOG.log(Level.INFO, "table {0} rescan: {1}", Integer.toUnsignedString(table), result);
        }
        logConflicts(conflicts);
        return result;
    }

    private void logConflicts(List<RouteKey> conflicts) {
        if (!conflicts.isEmpty()) {
            LOG.log(Level.WARNING, "table {0}: {1} wanted routes are held by another protocol and left alone, e.g. {2}",
                    Integer.toUnsignedString(table), conflicts.size(), conflicts.subList(0, Math.min(5, conflicts.size())));
        }
    }

    public Optional<FibRoute> desired(RouteKey key) {
        return Optional.ofNullable(desired.get(key));
    }

    public int desiredCount() {
        return desired.size();
    }

    /** Keys of the adopted routes no desired route has confirmed yet. */
    public Set<RouteKey> stale() {
        return Collections.unmodifiableSet(stale);
    }
}
