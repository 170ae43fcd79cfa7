package dev.jbgp.rib.kernel;

import static dev.jbgp.rib.kernel.TestKernel.address;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jbgp.core.Prefix;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link Fib} does, whatever kernel is behind it: run on {@link FakeFib} and, as
 * root, on {@link KernelFib} in a network namespace.
 */
abstract class FibContract {

    static final Prefix BLOCK = Prefix.parse("198.19.21.64/26");
    static final Prefix OWN_BLOCK = Prefix.parse("198.19.22.128/26");
    static final Prefix OTHER_BLOCK = Prefix.parse("198.19.24.0/26");
    static final Prefix STATIC_ROUTE = Prefix.parse("198.19.30.0/24");
    static final Prefix V6_BLOCK = Prefix.parse("2001:db8:20::/48");

    static final NextHop NODE2 = NextHop.via(address("198.19.0.3"));
    static final NextHop NODE3 = NextHop.via(address("198.19.0.4"));
    static final NextHop V6_NODE2 = NextHop.via(address("2001:db8:19::3"));
    static final NextHop V6_NODE3 = NextHop.via(address("2001:db8:19::4"));

    protected TestKernel kernel;
    protected Fib fib;
    protected final List<FibError> errors = new ArrayList<>();

    abstract TestKernel newKernel();

    @BeforeEach
    void openFib() throws Exception {
        kernel = newKernel();
        fib = kernel.open();
        fib.onError(errors::add);
    }

    @AfterEach
    void closeFib() {
        try {
            if (fib != null) {
                fib.close();
            }
        } finally {
            if (kernel != null) { // null when the test was skipped before it had a kernel
                kernel.close();
            }
        }
    }

    static FibRoute via(Prefix prefix, NextHop... hops) {
        return FibRoute.unicast(prefix, List.of(hops));
    }

    /** The route of ours at {@code route}'s key, read back from the kernel. */
    Optional<FibRoute> inKernel(RouteKey key) {
        return Optional.ofNullable(fib.snapshot(key.table()).routes().get(key));
    }

    void assertInKernel(FibRoute route) {
        Optional<FibRoute> found = inKernel(route.key());
        assertTrue(found.isPresent(), () -> route + " is not in the kernel");
        assertTrue(route.satisfiedBy(found.get()), () -> "the kernel holds " + found.get() + ", not " + route);
    }

    @Test
    void installedRoutesReadBackAsTheyWereAskedFor() {
        List<FibRoute> routes = List.of(
                via(BLOCK, NODE2),
                FibRoute.blackhole(OWN_BLOCK),
                via(OTHER_BLOCK, NODE2, NODE3),
                via(V6_BLOCK, V6_NODE2),
                via(Prefix.parse("2001:db8:21::/48"), V6_NODE2, V6_NODE3),
                FibRoute.blackhole(Prefix.parse("2001:db8:22::/48")),
                via(Prefix.parse("198.19.25.0/26"), NODE2).withMetric(50),
                via(Prefix.parse("198.19.26.0/26"), NODE2).withTable(100));
        routes.forEach(fib::install);
        fib.flush();

        routes.forEach(this::assertInKernel);
        assertEquals(List.of(), errors);
        assertEquals(new FibCounters(routes.size(), 0, 0), fib.counters());
        assertEquals(7, fib.dump(FibRoute.RT_TABLE_MAIN).size());
        assertEquals(1, fib.dump(100).size());
    }

    @Test
    void installingAtTheSameTablePrefixAndMetricReplacesTheRoute() {
        fib.install(via(BLOCK, NODE2));
        fib.install(via(BLOCK, NODE3));
        fib.install(via(V6_BLOCK, V6_NODE2, V6_NODE3));
        fib.install(via(V6_BLOCK, V6_NODE3));
        fib.flush();

        assertInKernel(via(BLOCK, NODE3));
        assertInKernel(via(V6_BLOCK, V6_NODE3));
        assertEquals(2, fib.dump(FibRoute.RT_TABLE_MAIN).size());
    }

    @Test
    void aSingleRouteCanBecomeMultipathAndABlackholeAndBack() {
        FibRoute[] steps = {
            via(BLOCK, NODE2), via(BLOCK, NODE2, NODE3), FibRoute.blackhole(BLOCK), via(BLOCK, NODE3),
            via(V6_BLOCK, V6_NODE2), via(V6_BLOCK, V6_NODE2, V6_NODE3), FibRoute.blackhole(V6_BLOCK),
            via(V6_BLOCK, V6_NODE3),
        };
        for (FibRoute step : steps) {
            fib.install(step);
            fib.flush();
            assertInKernel(step);
        }
        assertEquals(2, fib.dump(FibRoute.RT_TABLE_MAIN).size());
        assertEquals(List.of(), errors);
    }

    @Test
    void routesWithDifferentMetricsAreDifferentRoutes() {
        fib.install(via(BLOCK, NODE2));
        fib.install(via(BLOCK, NODE3).withMetric(100));
        fib.flush();

        assertInKernel(via(BLOCK, NODE2));
        assertInKernel(via(BLOCK, NODE3).withMetric(100));
    }

    @Test
    void removeTakesOurRouteOutWhateverItsNextHops() {
        fib.install(via(BLOCK, NODE2, NODE3));
        fib.install(FibRoute.blackhole(OWN_BLOCK));
        fib.install(via(V6_BLOCK, V6_NODE2, V6_NODE3));
        fib.flush();

        fib.remove(via(BLOCK, NODE2));
        fib.remove(FibRoute.blackhole(OWN_BLOCK).key());
        fib.remove(FibRoute.blackhole(V6_BLOCK));
        fib.flush();

        assertEquals(List.of(), fib.dump(FibRoute.RT_TABLE_MAIN));
        assertEquals(new FibCounters(3, 3, 0), fib.counters());
    }

    @Test
    void removingARouteThatIsNotThereIsNoError() {
        fib.remove(via(BLOCK, NODE2));
        fib.remove(via(V6_BLOCK, V6_NODE2));
        fib.flush();

        assertEquals(List.of(), errors);
        assertEquals(new FibCounters(0, 2, 0), fib.counters());
    }

    @Test
    void removeNeverTakesAnotherProtocolsRoute() {
        FibRoute staticRoute = via(STATIC_ROUTE, NextHop.via(address("198.19.0.2")));
        kernel.addByHand(staticRoute, TestKernel.RTPROT_STATIC);

        fib.remove(staticRoute);
        fib.flush();

        assertTrue(fib.snapshot(FibRoute.RT_TABLE_MAIN).foreign().contains(staticRoute.key()));
    }

    @Test
    void aDumpHoldsOnlyOurProtocolsRoutesAndTheSnapshotNamesTheOthers() {
        FibRoute staticRoute = via(STATIC_ROUTE, NextHop.via(address("198.19.0.2")));
        kernel.addByHand(staticRoute, TestKernel.RTPROT_STATIC);
        fib.install(via(BLOCK, NODE2));
        fib.flush();

        TableSnapshot snapshot = fib.snapshot(FibRoute.RT_TABLE_MAIN);
        assertEquals(List.of(BLOCK), snapshot.ours().stream().map(FibRoute::prefix).toList());
        assertTrue(snapshot.foreign().contains(staticRoute.key()));
        assertFalse(snapshot.holdsOurs(staticRoute.key()));
    }

    @Test
    void aRefusedRouteIsReportedWithItsErrnoAndTheRestOfTheBatchGoesIn() {
        FibRoute unreachable = via(Prefix.parse("198.19.23.0/26"), NextHop.via(TestKernel.UNREACHABLE_GATEWAY));
        fib.install(via(BLOCK, NODE2));
        fib.install(unreachable);
        fib.install(FibRoute.blackhole(OWN_BLOCK));
        fib.flush();

        assertEquals(1, errors.size(), errors::toString);
        FibError error = errors.getFirst();
        assertEquals(FibError.Operation.INSTALL, error.operation());
        assertEquals(Optional.of(unreachable), error.route());
        assertEquals(TestKernel.ENETUNREACH, error.errno());
        assertEquals("Network is unreachable", error.reason());
        assertInKernel(via(BLOCK, NODE2));
        assertInKernel(FibRoute.blackhole(OWN_BLOCK));
        assertEquals(Optional.empty(), inKernel(unreachable.key()));
        assertEquals(new FibCounters(2, 0, 1), fib.counters());
    }

    @Test
    void closingLeavesOurRoutesInTheKernel() throws Exception {
        fib.install(via(BLOCK, NODE2));
        fib.close(); // flushes
        fib = kernel.open();

        assertInKernel(via(BLOCK, NODE2));
    }
}
