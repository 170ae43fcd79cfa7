package dev.jbgp.rib.kernel;

import static org.junit.jupiter.api.Assertions.fail;

import dev.jbgp.core.Prefix;
import dev.jbgp.core.PrefixList;
import dev.jbgp.core.attribute.AsPath;
import dev.jbgp.core.attribute.NextHop;
import dev.jbgp.core.attribute.Origin;
import dev.jbgp.core.attribute.PathAttributes;
import dev.jbgp.core.message.Update;
import dev.jbgp.rib.ImportFilter;
import dev.jbgp.rib.Rib;
import dev.jbgp.rib.RibConfig;
import dev.jbgp.rib.RibPeer;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The FIB thread following a real RIB into a kernel table: what a node's pods need. The test
 * thread plays the RIB thread. The same tests run on the in-memory kernel and on a network
 * namespace.
 */
abstract class FibThreadContract {
    private static final Duration RESCAN = Duration.ofMillis(100);
    private static final Duration PATIENCE = Duration.ofSeconds(10);
    private static final InetAddress NODE2 = TestKernel.address("198.19.0.3");
    private static final InetAddress NODE3 = TestKernel.address("198.19.0.4");
    private static final Prefix BLOCK_B = Prefix.parse("198.19.21.64/26");
    private static final Prefix BLOCK_C = Prefix.parse("198.19.23.0/26");
    private static final Prefix OWN_BLOCK = Prefix.parse("198.19.22.128/26");

    TestKernel kernel;
    private Fib reader;
    private Rib rib;
    private FibThread fib;
    private final RibPeer node2 = new RibPeer(1, RibPeer.Kind.EXTERNAL, NODE2, 65002, 0xC613_0003, false);
    private final RibPeer node3 = new RibPeer(2, RibPeer.Kind.EXTERNAL, NODE3, 65003, 0xC613_0004, false);

    abstract TestKernel newKernel();

    @BeforeEach
    void setUp() throws IOException {
        kernel = newKernel();
        reader = kernel.open();
        rib = new Rib(RibConfig.of(64512, 0xC613_0002), RibPeer.local(TestKernel.address("198.19.0.2"), 64512, 0xC613_0002));
        rib.addPeer(node2, ImportFilter.ACCEPT_ALL);
        rib.addPeer(node3, ImportFilter.ACCEPT_ALL);
    }

    @AfterEach
    void tearDown() throws Exception {
        if (fib != null) {
            fib.close();
        }
        if (reader != null) {
            reader.close();
        }
        kernel.close();
    }

    private void startFib() throws IOException {
        fib = new FibThread(new FibSync(kernel.open()), KernelRule.DEFAULT, RESCAN);
        rib.addListener(fib);
    }

    @Test
    void aBlockLearnedFromAPeerIsInstalledViaThePeerAndLeavesWhenWithdrawn() throws IOException {
        startFib();
        rib.update(node2, Update.announce(attributes(65002, NODE2), PrefixList.of(BLOCK_B)));
        awaitKernel(routes -> routes.stream().anyMatch(FibRoute.via(BLOCK_B, NODE2)::satisfiedBy), "via node2");

        rib.update(node2, Update.withdraw(PrefixList.of(BLOCK_B)));
        awaitKernel(routes -> routes.stream().noneMatch(r -> r.prefix().equals(BLOCK_B)), "withdrawn");
    }

    @Test
    void aBlockTwoPeersAnnounceAlikeGoesInWithBothNextHops() throws IOException {
        startFib();
        rib.update(node2, Update.announce(attributes(65002, NODE2), PrefixList.of(BLOCK_C)));
        rib.update(node3, Update.announce(attributes(65003, NODE3), PrefixList.of(BLOCK_C)));
        FibRoute ecmp = FibRoute.unicast(BLOCK_C, List.of(dev.jbgp.rib.kernel.NextHop.via(NODE2),
                dev.jbgp.rib.kernel.NextHop.via(NODE3)));
        awaitKernel(routes -> routes.stream().anyMatch(ecmp::satisfiedBy), "ECMP over node2 and node3");
    }

    @Test
    void ourOwnBlockIsABlackhole() throws IOException {
        startFib();
        rib.originate(OWN_BLOCK, PathAttributes.of(Origin.IGP, AsPath.EMPTY));
        awaitKernel(routes -> routes.stream().anyMatch(FibRoute.blackhole(OWN_BLOCK)::satisfiedBy), "blackhole");
    }

    @Test
    void aRouteDeletedByHandComesBackWithTheNextRescan() throws IOException {
        startFib();
        rib.update(node2, Update.announce(attributes(65002, NODE2), PrefixList.of(BLOCK_B)));
        awaitKernel(routes -> routes.stream().anyMatch(r -> r.prefix().equals(BLOCK_B)), "installed");
        long rescansBefore = fib.rescans();

        kernel.deleteByHand(FibRoute.via(BLOCK_B, NODE2).key(), Fib.RTPROT_BIRD);

        // The rescan counts itself once it has returned, a moment after the route is back.
        awaitKernel(routes -> fib.rescans() > rescansBefore
                && routes.stream().anyMatch(FibRoute.via(BLOCK_B, NODE2)::satisfiedBy), "restored by a rescan");
    }

    @Test
    void routesLeftByAnEarlierRunAreKeptUntilTheSweepWhichRemovesOnlyThoseNotWantedAgain() throws IOException {
        kernel.addByHand(FibRoute.via(BLOCK_B, NODE2), Fib.RTPROT_BIRD);
        kernel.addByHand(FibRoute.via(BLOCK_C, NODE3), Fib.RTPROT_BIRD);
        startFib();
        rib.update(node2, Update.announce(attributes(65002, NODE2), PrefixList.of(BLOCK_B)));
        // Until the sweep the old routes keep forwarding, as during a graceful restart.
        awaitKernel(routes -> routes.size() == 2, "both kept before the sweep");

        fib.sweepStale();

        awaitKernel(routes -> routes.size() == 1 && FibRoute.via(BLOCK_B, NODE2).satisfiedBy(routes.get(0)),
                "only the route wanted again");
    }

    private static PathAttributes attributes(long peerAs, InetAddress nextHop) {
        return PathAttributes.of(Origin.IGP, AsPath.sequence(peerAs), new NextHop(ipv4(nextHop)));
    }

    private static int ipv4(InetAddress a) {
        byte[] b = a.getAddress();
        return (b[0] & 0xFF) << 24 | (b[1] & 0xFF) << 16 | (b[2] & 0xFF) << 8 | (b[3] & 0xFF);
    }

    /** Polls the table through a second Fib until {@code condition} holds, for at most {@link #PATIENCE}. */
    private void awaitKernel(Predicate<List<FibRoute>> condition, String what) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        List<FibRoute> routes = List.of();
        for (int i = 0; i < 1000 && System.nanoTime() < deadline; i++) {
            routes = reader.dump(FibRoute.RT_TABLE_MAIN);
            if (condition.test(routes)) {
                return;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted");
            }
        }
        fail(what + " did not happen in " + PATIENCE + "; the kernel holds " + routes);
    }
}
