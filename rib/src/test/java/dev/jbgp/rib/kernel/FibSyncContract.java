package dev.jbgp.rib.kernel;

import static dev.jbgp.rib.kernel.TestKernel.address;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jbgp.core.Prefix;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * How {@link FibSync} keeps a table in step, whatever kernel is behind the {@link Fib}: run on
 * {@link FakeFib} and, as root, on {@link KernelFib} in a network namespace.
 */
abstract class FibSyncContract {

    static final int MAIN = FibRoute.RT_TABLE_MAIN;
    static final NextHop NODE1 = NextHop.via(address("198.19.0.1"));
    static final NextHop NODE2 = NextHop.via(address("198.19.0.3"));
    static final NextHop NODE3 = NextHop.via(address("198.19.0.4"));

    static final FibRoute BLOCK_A = FibRoute.unicast(Prefix.parse("198.19.21.0/26"), List.of(NODE2));
    static final FibRoute BLOCK_B = FibRoute.unicast(Prefix.parse("198.19.21.64/26"), List.of(NODE2, NODE3));
    static final FibRoute OWN_BLOCK = FibRoute.blackhole(Prefix.parse("198.19.22.128/26"));
    static final FibRoute V6_BLOCK = FibRoute.unicast(Prefix.parse("2001:db8:20::/48"),
            List.of(NextHop.via(address("2001:db8:19::3"))));
    static final FibRoute STATIC_ROUTE = FibRoute.unicast(Prefix.parse("198.19.30.0/24"),
            List.of(NextHop.via(address("198.19.0.2"))));

    protected TestKernel kernel;
    protected Fib fib;
    protected FibSync sync;
    protected final List<FibError> errors = new ArrayList<>();

    abstract TestKernel newKernel();

    @BeforeEach
    void start() throws Exception {
        kernel = newKernel();
        fib = kernel.open();
        fib.onError(errors::add);
        sync = new FibSync(fib);
        sync.start();
    }

    @AfterEach
    void close() {
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

    /** Plays a daemon restart: a new Fib on the same kernel, a new FibSync started on it. */
    FibSync restart() throws Exception {
        fib.close();
        fib = kernel.open();
        fib.onError(errors::add);
        FibSync restarted = new FibSync(fib);
        restarted.start();
        return restarted;
    }

    Set<Prefix> ourPrefixes() {
        return fib.dump(MAIN).stream().map(FibRoute::prefix).collect(Collectors.toSet());
    }

    void assertInKernel(FibRoute route) {
        FibRoute found = fib.snapshot(route.table()).routes().get(route.key());
        assertTrue(found != null && route.satisfiedBy(found), () -> "the kernel holds " + found + ", not " + route);
    }

    void installAll(FibSync target, FibRoute... routes) {
        for (FibRoute route : routes) {
            target.install(route);
        }
        target.flush();
    }

    @Test
    void wantedRoutesAreWrittenThrough() {
        installAll(sync, BLOCK_A, BLOCK_B, OWN_BLOCK, V6_BLOCK);

        assertEquals(Set.of(BLOCK_A.prefix(), BLOCK_B.prefix(), OWN_BLOCK.prefix(), V6_BLOCK.prefix()), ourPrefixes());
        assertEquals(4, sync.desiredCount());
    }

    @Test
    void removingAWantedRouteTakesItOutOfTheKernel() {
        installAll(sync, BLOCK_A, BLOCK_B);
        sync.remove(BLOCK_A);
        sync.flush();

        assertEquals(Set.of(BLOCK_B.prefix()), ourPrefixes());
    }

    @Test
    void aRouteWantedTwiceTheSameWayIsWrittenOnce() {
        installAll(sync, BLOCK_A);
        installAll(sync, BLOCK_A);

        assertEquals(1, fib.counters().installed());
    }

    @Test
    void aRestartAdoptsOurRoutesAsStaleAndLeavesOtherProtocolsAlone() throws Exception {
        kernel.addByHand(STATIC_ROUTE, TestKernel.RTPROT_STATIC);
        installAll(sync, BLOCK_A, BLOCK_B, OWN_BLOCK, V6_BLOCK);

        FibSync restarted = restart();

        assertEquals(Set.of(BLOCK_A.key(), BLOCK_B.key(), OWN_BLOCK.key(), V6_BLOCK.key()), restarted.stale());
    }

    @Test
    void aStaleRouteAWantedRouteConfirmsIsNotWrittenAgain() throws Exception {
        installAll(sync, BLOCK_A, BLOCK_B);

        FibSync restarted = restart();
        installAll(restarted, BLOCK_A, BLOCK_B);

        assertEquals(Set.of(), restarted.stale());
        assertEquals(0, fib.counters().installed());
    }

    @Test
    void aStaleRouteConfirmedWithOtherNextHopsIsReplaced() throws Exception {
        installAll(sync, BLOCK_A);

        FibSync restarted = restart();
        FibRoute moved = FibRoute.unicast(BLOCK_A.prefix(), List.of(NODE3));
        installAll(restarted, moved);

        assertInKernel(moved);
    }

    @Test
    void sweepingRemovesTheStaleRoutesNoWantedRouteConfirmedAndKeepsTheRest() throws Exception {
        kernel.addByHand(STATIC_ROUTE, TestKernel.RTPROT_STATIC);
        installAll(sync, BLOCK_A, BLOCK_B, OWN_BLOCK, V6_BLOCK);

        FibSync restarted = restart();
        installAll(restarted, BLOCK_B, OWN_BLOCK);
        int swept = restarted.sweepStale();

        assertEquals(2, swept);
        assertEquals(Set.of(BLOCK_B.prefix(), OWN_BLOCK.prefix()), ourPrefixes());
        assertTrue(fib.snapshot(MAIN).foreign().contains(STATIC_ROUTE.key()));
        assertEquals(Set.of(), restarted.stale());
    }

    @Test
    void staleRoutesOutliveRescansUntilTheSweep() throws Exception {
        installAll(sync, BLOCK_A, BLOCK_B);

        FibSync restarted = restart();
        FibSync.Rescan rescan = restarted.rescan();

        assertTrue(rescan.changedNothing(), rescan::toString);
        assertEquals(Set.of(BLOCK_A.prefix(), BLOCK_B.prefix()), ourPrefixes());
        assertEquals(2, restarted.stale().size());
    }

    @Test
    void aRescanRestoresAWantedRouteDeletedByHand() {
        installAll(sync, BLOCK_A, BLOCK_B, V6_BLOCK);
        kernel.deleteByHand(BLOCK_A.key(), Fib.RTPROT_BIRD);
        kernel.deleteByHand(V6_BLOCK.key(), Fib.RTPROT_BIRD);

        FibSync.Rescan rescan = sync.rescan();

        assertEquals(new FibSync.Rescan(2, 0, 0, 0), rescan);
        assertInKernel(BLOCK_A);
        assertInKernel(V6_BLOCK);
    }

    @Test
    void aRescanReplacesAWantedRouteChangedByHand() {
        installAll(sync, BLOCK_A, BLOCK_B);
        kernel.addByHand(FibRoute.unicast(BLOCK_A.prefix(), List.of(NODE3)), Fib.RTPROT_BIRD);
        kernel.addByHand(FibRoute.unicast(BLOCK_B.prefix(), List.of(NODE2)), Fib.RTPROT_BIRD);

        FibSync.Rescan rescan = sync.rescan();

        assertEquals(new FibSync.Rescan(0, 2, 0, 0), rescan);
        assertInKernel(BLOCK_A);
        assertInKernel(BLOCK_B);
    }

    @Test
    void aRescanRemovesARouteOfOursThatIsNotWanted() {
        installAll(sync, BLOCK_A);
        kernel.addByHand(OWN_BLOCK, Fib.RTPROT_BIRD);

        FibSync.Rescan rescan = sync.rescan();

        assertEquals(new FibSync.Rescan(0, 0, 1, 0), rescan);
        assertEquals(Set.of(BLOCK_A.prefix()), ourPrefixes());
    }

    @Test
    void rescansAndSweepsNeverTouchAnotherProtocolsRoutes() throws Exception {
        kernel.addByHand(STATIC_ROUTE, TestKernel.RTPROT_STATIC);
        installAll(sync, BLOCK_A);
        sync.rescan();
        FibSync restarted = restart();
        restarted.rescan();
        restarted.sweepStale();
        restarted.rescan();

        assertTrue(fib.snapshot(MAIN).foreign().contains(STATIC_ROUTE.key()));
        assertEquals(Set.of(), ourPrefixes());
    }

    @Test
    void aRescanLeavesAnotherProtocolsRouteWhereWeWantOurs() {
        installAll(sync, BLOCK_A);
        kernel.deleteByHand(BLOCK_A.key(), Fib.RTPROT_BIRD);
        FibRoute theirs = FibRoute.unicast(BLOCK_A.prefix(), List.of(NODE1));
        kernel.addByHand(theirs, TestKernel.RTPROT_STATIC);

        FibSync.Rescan rescan = sync.rescan();

        assertEquals(new FibSync.Rescan(0, 0, 0, 1), rescan);
        assertTrue(fib.snapshot(MAIN).foreign().contains(BLOCK_A.key()));
    }

    @Test
    void aWantedRouteWaitsWhileAnotherProtocolHoldsItsPlaceAndGoesInOnceItIsGone() {
        FibRoute theirs = FibRoute.unicast(BLOCK_A.prefix(), List.of(NODE1));
        kernel.addByHand(theirs, TestKernel.RTPROT_STATIC);
        sync.rescan();

        installAll(sync, BLOCK_A);
        assertTrue(fib.snapshot(MAIN).foreign().contains(BLOCK_A.key()));
        assertEquals(Set.of(), ourPrefixes());

        kernel.deleteByHand(theirs.key(), TestKernel.RTPROT_STATIC);
        FibSync.Rescan rescan = sync.rescan();

        assertEquals(new FibSync.Rescan(1, 0, 0, 0), rescan);
        assertInKernel(BLOCK_A);
    }

    @Test
    void wantedRoutesInstalledBeforeStartWaitForItAndAreNotAdoptedAsStale() throws Exception {
        installAll(sync, BLOCK_A, BLOCK_B);
        fib.close();
        fib = kernel.open();
        FibSync early = new FibSync(fib);
        installAll(early, BLOCK_A, OWN_BLOCK);
        assertEquals(0, fib.counters().installed(), "nothing is written before start");

        early.start();

        assertEquals(Set.of(BLOCK_B.key()), early.stale());
        assertEquals(1, fib.counters().installed()); // OWN_BLOCK: BLOCK_A was there already, as wanted
        assertEquals(Set.of(BLOCK_A.prefix(), BLOCK_B.prefix(), OWN_BLOCK.prefix()), ourPrefixes());
    }

    @Test
    void aRouteWantedBeforeStartLeavesAnotherProtocolsRouteInItsPlaceAlone() {
        FibRoute theirs = FibRoute.unicast(BLOCK_A.prefix(), List.of(NODE1));
        kernel.addByHand(theirs, TestKernel.RTPROT_STATIC);
        FibSync early = new FibSync(fib);
        installAll(early, BLOCK_A, BLOCK_B);

        early.start();

        assertTrue(fib.snapshot(MAIN).foreign().contains(BLOCK_A.key()));
        assertEquals(Set.of(BLOCK_B.prefix()), ourPrefixes());
        assertEquals(new FibSync.Rescan(0, 0, 0, 1), early.rescan());
    }

    @Test
    void aRouteTheKernelRefusedGoesInOnARescanOnceItCan() {
        FibRoute unreachable = FibRoute.via(Prefix.parse("198.19.23.0/26"), TestKernel.UNREACHABLE_GATEWAY);
        installAll(sync, unreachable, BLOCK_A);
        assertEquals(1, errors.size());
        assertEquals(Set.of(BLOCK_A.prefix()), ourPrefixes());

        kernel.makeUnreachableGatewayReachable();
        FibSync.Rescan rescan = sync.rescan();

        assertEquals(new FibSync.Rescan(1, 0, 0, 0), rescan);
        assertInKernel(unreachable);
    }

    @Test
    void aRouteForAnotherTableIsNotTaken() {
        assertThrows(IllegalArgumentException.class, () -> sync.install(BLOCK_A.withTable(100)));
    }

    @Test
    void aRescanBeforeStartIsABug() {
        assertThrows(IllegalStateException.class, new FibSync(fib)::rescan);
    }

    @Test
    void startingTwiceIsABug() {
        assertThrows(IllegalStateException.class, sync::start);
    }
}
