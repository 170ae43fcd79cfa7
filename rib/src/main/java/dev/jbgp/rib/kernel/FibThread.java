package dev.jbgp.rib.kernel;

import dev.jbgp.core.Prefix;
import dev.jbgp.rib.Destination;
import dev.jbgp.rib.LocRibListener;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The FIB thread: the one owner of a {@link FibSync} and its netlink socket. It follows the
 * Loc-RIB (it is a {@link LocRibListener}): the RIB thread turns each change into the route
 * the kernel should hold, through a {@link KernelRule}, and queues it; this thread takes what
 * is queued in batches, writes it, and rescans the table periodically so that a route deleted
 * by hand comes back and one we no longer want goes.
 */
public final class FibThread implements LocRibListener, AutoCloseable {
    private static final System.Logger LOG = System.getLogger(FibThread.class.getName());
    private static final int BATCH = 4096;

    private sealed interface Work {
    }

    private record Install(FibRoute route) implements Work {
    }

    private record Remove(RouteKey key) implements Work {
    }

    private record Sweep() implements Work {
    }

    private final FibSync sync;
    private final KernelRule rule;
    private final long rescanNanos;
    private final ConcurrentLinkedQueue<Work> queue = new ConcurrentLinkedQueue<>();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile long rescans;
    private volatile long written;
    private volatile int routes;

    /**
     * Starts the thread: it adopts our protocol's routes in the table as stale, then follows
     * the Loc-RIB.
     *
     * @param rescanEvery how often the table is compared with what we want
     */
    public FibThread(FibSync sync, KernelRule rule, Duration rescanEvery) {
        if (rescanEvery.isNegative() || rescanEvery.isZero()) {
            throw new IllegalArgumentException("rescan interval must be positive: " + rescanEvery);
        }
        this.sync = sync;
        this.rule = rule;
        this.rescanNanos = rescanEvery.toNanos();
        this.thread = Thread.ofPlatform().name("fib").daemon().start(this::run);
    }

    /** On the RIB thread: what the kernel should now hold for {@code prefix}. */
    @Override
    public void changed(Prefix prefix, Destination destination) {
        FibRoute route = rule.route(prefix, destination);
        queue.add(route != null ? new Install(route) : new Remove(rule.key(prefix)));
        LockSupport.unpark(thread);
    }

    /** The peers have all resent their routes (or the restart time ran out): drop stale routes. */
    public void sweepStale() {
        queue.add(new Sweep());
        LockSupport.unpark(thread);
    }

    /** Rescans done so far. */
    public long rescans() {
        return rescans;
    }

    /** Installs and removals written so far. */
    public long written() {
        return written;
    }

    /** The routes the kernel is to hold for us, as of the last batch written. */
    public int routes() {
        return routes;
    }

    /** True when nothing is queued (what was taken may still be being written). */
    public boolean idle() {
        return queue.isEmpty();
    }

    @Override
    public void close() {
        running = false;
        LockSupport.unpark(thread);
        try {
            thread.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        try {
            int adopted = sync.start();
            LOG.log(Level.INFO, "adopted {0} routes left in the kernel as stale", adopted);
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "cannot read the kernel table; kernel routes will not be written", e);
            return;
        }
        long nextRescan = System.nanoTime() + rescanNanos;
        while (running) {
            int n = 0;
            for (Work w; n < BATCH && (w = queue.poll()) != null; n++) {
                apply(w);
            }
            if (n > 0) {
                sync.flush();
                written += n;
                routes = sync.desiredCount();
                continue;
            }
            long now = System.nanoTime();
            if (now - nextRescan >= 0) {
                rescan();
                nextRescan = now + rescanNanos;
            }
            LockSupport.parkNanos(this, Math.max(1, nextRescan - System.nanoTime()));
        }
        sync.flush();
    }

    private void apply(Work w) {
        try {
            switch (w) {
                case Install i -> sync.install(i.route());
                case Remove r -> sync.remove(r.key());
                case Sweep s -> {
                    sync.flush();
                    LOG.log(Level.INFO, "swept {0} stale kernel routes", sync.sweepStale());
                }
            }
        } catch (RuntimeException e) {
            // One route's trouble must not stop the thread that writes every other route.
            LOG.log(Level.ERROR, "kernel update failed: " + w, e);
        }
    }

    private void rescan() {
        try {
            FibSync.Rescan r = sync.rescan();
            rescans++;
            if (!r.changedNothing()) {
                LOG.log(Level.WARNING, "kernel table had drifted: {0}", r);
            }
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "kernel rescan failed", e);
        }
    }
}
