package dev.jbgp.peering;

import dev.jbgp.core.Prefix;
import dev.jbgp.core.attribute.AsPath;
import dev.jbgp.core.attribute.Origin;
import dev.jbgp.core.attribute.PathAttributes;
import dev.jbgp.rib.Decision;
import dev.jbgp.rib.Destination;
import dev.jbgp.rib.Path;
import dev.jbgp.rib.ImportFilter;
import dev.jbgp.rib.Reflection;
import dev.jbgp.rib.Rib;
import dev.jbgp.rib.RibConfig;
import dev.jbgp.rib.RibPeer;
import dev.jbgp.rib.kernel.FibRoute;
import dev.jbgp.rib.kernel.FibSync;
import dev.jbgp.rib.kernel.FibThread;
import dev.jbgp.rib.kernel.KernelRule;
import dev.jbgp.rib.kernel.RouteKey;
import dev.jbgp.rib.out.ExportFilter;
import dev.jbgp.rr.RouteReflector;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiPredicate;
import java.util.function.IntFunction;

/**
 * The one thread that owns the {@link Rib}: sessions hand it parsed UPDATEs and pull their
 * Adj-RIB-Out through it, the FIB thread follows its Loc-RIB. Everything that touches the RIB
 * is a task on this thread; other threads see only what a task hands back.
 */
final class RibThread implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(RibThread.class.getName());
    static final PathAttributes ORIGINATED = PathAttributes.of(Origin.IGP, AsPath.EMPTY);

    private final ExecutorService executor;
    private final Rib rib;
    private final FibThread fib;
    private final dev.jbgp.rib.kernel.Fib kernel;
    private final List<SpeakerListener> listeners;
    private final Set<Prefix> originated = new HashSet<>();
    /** The policy in force; read only on this thread. */
    private ImportFilter importFilter;
    private ExportFilter exportFilter;
    private KernelRule kernelRule;
    private volatile boolean fibStalePending;
    private volatile long prefixes;
    private volatile long paths;

    /**
     * @param names the session name of a RIB peer id, for route views
     * @param stale whether a path is kept from a restarting peer, for route views
     */
    RibThread(SpeakerConfig config, int allowOwnAs, List<SpeakerListener> listeners, IntFunction<String> names,
            BiPredicate<Prefix, Path> stale) {
        this.listeners = listeners;
        this.importFilter = config.importFilter();
        this.exportFilter = config.exportFilter();
        this.kernelRule = config.kernelRule();
        InetAddress self = config.routerId();
        int routerId = RouterIds.of(config.routerId());
        Reflection reflection = config.clusterId() == 0 ? Reflection.NONE
                : new RouteReflector(config.clusterId(), config.clientToClientReflection());
        this.rib = new Rib(new RibConfig(config.localAs(), routerId, allowOwnAs, config.decision(), reflection),
                RibPeer.local(self, config.localAs(), routerId));
        this.executor = Executors.newSingleThreadExecutor(r -> Thread.ofPlatform().name("rib").daemon().unstarted(r));
        if (config.fib() != null) {
            KernelRule current = new KernelRule() {
                @Override
                public FibRoute route(Prefix prefix, Destination destination) {
                    return kernelRule.route(prefix, destination);
                }

                @Override
                public RouteKey key(Prefix prefix) {
                    return kernelRule.key(prefix);
                }
            };
            this.kernel = config.fib();
            this.fib = new FibThread(new FibSync(config.fib()), current, config.fibRescan());
            this.fibStalePending = true;
            rib.addListener(fib);
        } else {
            this.kernel = null;
            this.fib = null;
        }
        Decision decision = new Decision(config.decision());
        rib.addListener((prefix, destination) -> {
            if (!listeners.isEmpty()) {
                RouteView view = destination.best() == null ? null
                        : RouteViews.of(prefix, destination, decision, names, stale);
                for (SpeakerListener l : listeners) {
                    l.bestPathChanged(prefix, view);
                }
            }
        });
        execute(() -> setOriginated(config.originate()));
    }

    /** Runs {@code task} on the RIB thread, after every task handed in before it. */
    void execute(Runnable task) {
        executor.execute(() -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                // One peer's bad route must not stop the thread every peer depends on.
                LOG.log(Level.ERROR, "RIB task failed", e);
            }
            prefixes = rib.prefixCount();
            paths = rib.pathCount();
        });
    }

    /** Runs {@code task} on the RIB thread and waits for its answer. */
    <T> T call(Callable<T> task, Duration timeout) {
        Future<T> f = executor.submit(task);
        try {
            return f.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the RIB", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("RIB task failed", e.getCause());
        } catch (TimeoutException e) {
            f.cancel(false);
            throw new IllegalStateException("the RIB did not answer within " + timeout);
        }
    }

    /** The RIB; on the RIB thread only. */
    Rib rib() {
        return rib;
    }

    ImportFilter importFilter() {
        return importFilter;
    }

    ExportFilter exportFilter() {
        return exportFilter;
    }

    /** On the RIB thread: makes {@code prefixes} exactly the set we originate. */
    void setOriginated(Collection<Prefix> wanted) {
        Set<Prefix> next = new HashSet<>(wanted);
        for (Prefix p : List.copyOf(originated)) {
            if (!next.contains(p)) {
                rib.withdrawOriginated(p);
                originated.remove(p);
            }
        }
        for (Prefix p : next) {
            if (originated.add(p)) {
                rib.originate(p, ORIGINATED);
            }
        }
    }

    /** On the RIB thread. */
    void originate(Prefix prefix) {
        if (originated.add(prefix)) {
            rib.originate(prefix, ORIGINATED);
        }
    }

    /** On the RIB thread. */
    void withdrawOriginated(Prefix prefix) {
        if (originated.remove(prefix)) {
            rib.withdrawOriginated(prefix);
        }
    }

    /**
     * On the RIB thread: the new policy. Import policy is applied again to what each peer sent
     * (no route refresh needed); the kernel and each Adj-RIB-Out ({@code resend}) follow.
     */
    void setPolicy(ImportFilter importFilter, ExportFilter exportFilter, KernelRule kernelRule, Collection<RibPeer> peers,
            Runnable resend) {
        this.importFilter = importFilter;
        this.exportFilter = exportFilter;
        this.kernelRule = kernelRule;
        for (RibPeer p : peers) {
            rib.reimport(p, importFilter);
        }
        if (fib != null) {
            rib.forEach(fib::changed); // the FIB thread only queues: the table is not changed meanwhile
        }
        resend.run();
    }

    /** Kernel routes from before our start are still waiting for the peers to resend theirs. */
    boolean fibStalePending() {
        return fibStalePending;
    }

    /** Drops the kernel routes adopted at start that no peer has confirmed. */
    void sweepFibStale() {
        if (fib != null && fibStalePending) {
            fibStalePending = false;
            fib.sweepStale();
        }
    }

    /** On the RIB thread: the kernel table follows the Loc-RIB no more (the speaker is stopping). */
    void detachFib() {
        if (fib != null) {
            rib.removeListener(fib);
        }
    }

    boolean hasFib() {
        return fib != null;
    }

    long prefixes() {
        return prefixes;
    }

    long paths() {
        return paths;
    }

    /** Our routes in the kernel table: the Loc-RIB prefixes the kernel rule gives a route, or -1 without one. */
    long kernelRoutes() {
        return fib == null ? -1 : fib.routes();
    }

    /** Stops the thread; the kernel keeps our routes (BIRD's {@code persist}), reconciled at the next start. */
    @Override
    public void close() {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (fib != null) {
            fib.close();
            try {
                kernel.close(); // the netlink socket; the routes stay in the kernel
            } catch (Exception e) {
                LOG.log(Level.WARNING, "closing the kernel table: {0}", e.toString());
            }
        }
    }
}
