package dev.jbgp.rib.kernel;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * A {@link Fib} over an in-memory kernel, for tests that have no root and no namespace, and for
 * the daemon's demo mode, which runs without root: hence in the main code, not the tests'. It
 * keeps the kernel's rules: requests wait in a batch until {@link #flush()}; installing replaces
 * whatever sits at the route's table, prefix and metric, whatever its protocol; removing touches
 * only our protocol's route; a dump shows the table as it is. Refusals are set up on the
 * {@link Kernel} ({@link Kernel#refuse}).
 *
 * <p>The {@link Kernel} can outlive a FakeFib, as the real one outlives the daemon: open a new
 * FakeFib on it to play a restart.
 */
public final class FakeFib implements Fib {

    private static final System.Logger LOG = System.getLogger(FakeFib.class.getName());

    /**
     * Routes of every protocol, one per table, prefix and metric. Like a kernel, it may be
     * read and written from several threads (a FIB thread and a test reading the table), so
     * each operation is atomic.
     */
    public static final class Kernel {

        private record Held(FibRoute route, int protocol) {}

        private record Refusal(Predicate<FibRoute> which, int errno) {}

        private final Map<RouteKey, Held> routes = new LinkedHashMap<>();
        private final List<Refusal> refusals = new ArrayList<>();
        private long writes;

        /** {@code ip route replace <route> proto <protocol>}, done by someone else. */
        public synchronized void addByHand(FibRoute route, int protocol) {
            routes.put(route.key(), new Held(route, protocol));
        }

        /** {@code ip route del <key>}, of whatever protocol; true when there was a route. */
        public synchronized boolean deleteByHand(RouteKey key) {
            return routes.remove(key) != null;
        }

        /** From now on, refuses every install {@code which} matches, with {@code errno}. */
        public synchronized void refuse(Predicate<FibRoute> which, int errno) {
            refusals.add(new Refusal(which, errno));
        }

        public synchronized Optional<FibRoute> route(RouteKey key) {
            Held held = routes.get(key);
            return held == null ? Optional.empty() : Optional.of(held.route());
        }

        public synchronized OptionalInt protocolAt(RouteKey key) {
            Held held = routes.get(key);
            return held == null ? OptionalInt.empty() : OptionalInt.of(held.protocol());
        }

        /** The routes of {@code protocol} in {@code table}, in the order they were first added. */
        public synchronized List<FibRoute> routes(int table, int protocol) {
            List<FibRoute> found = new ArrayList<>();
            for (Held held : routes.values()) {
                if (held.route().table() == table && held.protocol() == protocol) {
                    found.add(held.route());
                }
            }
            return found;
        }

        /** Install and remove requests that changed something, since the kernel was made. */
        public synchronized long writes() {
            return writes;
        }

        synchronized OptionalInt refusal(FibRoute route) {
            for (Refusal refusal : refusals) {
                if (refusal.which().test(route)) {
                    return OptionalInt.of(refusal.errno());
                }
            }
            return OptionalInt.empty();
        }

        synchronized void install(FibRoute route, int protocol) {
            routes.put(route.key(), new Held(route, protocol));
            writes++;
        }

        synchronized boolean remove(RouteKey key, int protocol) {
            Held held = routes.get(key);
            if (held == null || held.protocol() != protocol) {
                return false;
            }
            routes.remove(key);
            writes++;
            return true;
        }

        synchronized TableSnapshot snapshot(int table, int protocol) {
            Map<RouteKey, FibRoute> ours = new HashMap<>();
            Set<RouteKey> foreign = new HashSet<>();
            for (Map.Entry<RouteKey, Held> entry : routes.entrySet()) {
                if (entry.getKey().table() != table) {
                    continue;
                }
                if (entry.getValue().protocol() == protocol) {
                    ours.put(entry.getKey(), entry.getValue().route());
                } else {
                    foreign.add(entry.getKey());
                }
            }
            return new TableSnapshot(table, ours, Set.of(), foreign);
        }
    }

    private record Request(RouteKey key, Optional<FibRoute> route) {}

    private final Kernel kernel;
    private final int protocol;
    private final List<Request> batch = new ArrayList<>();
    private Consumer<? super FibError> errorListener = error -> { };
    private long installed;
    private long removed;
    private long refused;
    private boolean closed;

    public FakeFib(Kernel kernel, int protocol) {
        if (protocol <= 0 || protocol > 255) {
            throw new IllegalArgumentException("route protocol must be 1..255, not " + protocol);
        }
        this.kernel = kernel;
        this.protocol = protocol;
    }

    /** A FakeFib on a kernel of its own, our routes {@code proto bird}. */
    public FakeFib() {
        this(new Kernel(), RTPROT_BIRD);
    }

    public Kernel kernel() {
        return kernel;
    }

    @Override
    public int protocol() {
        return protocol;
    }

    @Override
    public void install(FibRoute route) {
        ensureOpen();
        batch.add(new Request(route.key(), Optional.of(route)));
    }

    @Override
    public void remove(RouteKey key) {
        ensureOpen();
        batch.add(new Request(key, Optional.empty()));
    }

    @Override
    public void flush() {
        ensureOpen();
        List<Request> requests = List.copyOf(batch);
        batch.clear();
        for (Request request : requests) {
            if (request.route().isPresent()) {
                FibRoute route = request.route().get();
                OptionalInt errno = kernel.refusal(route);
                if (errno.isPresent()) {
                    refuse(new FibError(FibError.Operation.INSTALL, request.key(), request.route(),
                            errno.getAsInt(), Errno.text(errno.getAsInt()), Optional.empty()));
                } else {
                    kernel.install(route, protocol);
                    installed++;
                }
            } else {
                kernel.remove(request.key(), protocol); // a route already gone is no error
                removed++;
            }
        }
    }

    @Override
    public TableSnapshot snapshot(int table) {
        flush();
        return kernel.snapshot(table, protocol);
    }

    @Override
    public void onError(Consumer<? super FibError> listener) {
        this.errorListener = listener;
    }

    @Override
    public FibCounters counters() {
        return new FibCounters(installed, removed, refused);
    }

    @Override
    public void close() {
        if (!closed) {
            flush();
            closed = true;
        }
    }

    private void refuse(FibError error) {
        refused++;
        LOG.log(Level.WARNING, "kernel refused a route: {0}", error);
        errorListener.accept(error);
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("FIB is closed");
        }
    }
}
