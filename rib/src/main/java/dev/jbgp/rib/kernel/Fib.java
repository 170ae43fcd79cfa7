package dev.jbgp.rib.kernel;

import java.util.List;
import java.util.function.Consumer;

/**
 * The forwarding table: routes we put in the kernel under our protocol number. Requests are
 * batched; {@link #flush()} sends what is left and waits for the kernel's answers. A request the
 * kernel refuses does not stop the others: it is logged, counted and given to the error listener.
 *
 * <p>One thread, the FIB thread, owns a Fib and its netlink socket, so it needs no locks; implementations are not thread-safe.
 */
public interface Fib extends AutoCloseable {

    /** RTPROT_BIRD (linux/rtnetlink.h): {@code ip route} shows it as {@code proto bird}. */
    int RTPROT_BIRD = 12;

    /** The protocol number our routes carry (rtm_protocol). */
    int protocol();

    /**
     * Creates the route, or replaces what the kernel holds at its table, prefix and metric
     * (NLM_F_CREATE | NLM_F_REPLACE). The kernel replaces whatever route is there, of whatever
     * protocol, as it does for BIRD; {@link FibSync} looks before it installs.
     */
    void install(FibRoute route);

    /**
     * Removes our route at {@code key}, whatever its next hops; a route already gone is no error.
     *
     * <p>The kernel takes IPv4 metric 0 in a removal as "any metric" (fib_nh_match): with routes
     * of ours at several metrics for one IPv4 prefix, removing the metric 0 one when it is
     * already gone removes the one with the lowest metric instead.
     */
    void remove(RouteKey key);

    default void remove(FibRoute route) {
        remove(route.key());
    }

    /** Sends every batched request and waits until the kernel has answered all of them. */
    void flush();

    /** Our routes in {@code table} as the kernel holds them now (flushes first). */
    default List<FibRoute> dump(int table) {
        return snapshot(table).ours();
    }

    /**
     * {@code table} as the kernel holds it now, ours and others' (flushes first).
     *
     * @throws java.io.UncheckedIOException when the kernel does not give the whole table (the
     *     dump is refused, or does not finish)
     */
    TableSnapshot snapshot(int table);

    /** Called on the owner's thread for every refused request, after it is logged. */
    void onError(Consumer<? super FibError> listener);

    FibCounters counters();

    /** Flushes, then closes. Our routes stay in the kernel. */
    @Override
    void close();
}
