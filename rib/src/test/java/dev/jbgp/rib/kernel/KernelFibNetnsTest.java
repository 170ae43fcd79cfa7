package dev.jbgp.rib.kernel;

import static dev.jbgp.rib.kernel.TestKernel.address;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jbgp.core.Prefix;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.reflect.Field;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link KernelFib} on a real kernel, in a network namespace of the test's own: needs root. */
@Tag("netns")
class KernelFibNetnsTest extends FibContract {

    /** struct msghdr's msg_iov, in the first struct mmsghdr of a {@link ReceiveVector}. */
    private static final long MSG_IOV = 16;

    private TestNamespace namespace() {
        return ((TestKernel.Namespace) kernel).namespace;
    }

    @Override
    TestKernel newKernel() {
        return new TestKernel.Namespace();
    }

    private List<String> installAndShow(FibRoute route, String... show) {
        fib.install(route);
        fib.flush();
        assertEquals(List.of(), errors);
        return namespace().routes(show);
    }

    @Test
    void aLearnedRouteShowsAsViaItsNextHopProtoBird() {
        assertEquals(List.of("198.19.21.64/26 via 198.19.0.3 dev eth0 proto bird"),
                installAndShow(via(BLOCK, NODE2), "route", "show", "198.19.21.64/26"));
    }

    @Test
    void anOwnBlockShowsAsBlackholeProtoBird() {
        assertEquals(List.of("blackhole 198.19.22.128/26 proto bird"),
                installAndShow(FibRoute.blackhole(OWN_BLOCK), "route", "show", "198.19.22.128/26"));
    }

    @Test
    void twoNextHopsShowAsOneRouteWithTwoNexthops() {
        assertEquals(List.of(
                "198.19.24.0/26 proto bird",
                "\tnexthop via 198.19.0.3 dev eth0 weight 1",
                "\tnexthop via 198.19.0.4 dev eth0 weight 1"),
                installAndShow(via(OTHER_BLOCK, NODE2, NODE3), "route", "show", "198.19.24.0/26"));
    }

    @Test
    void anIpipRouteGoesViaTunl0Onlink() {
        FibRoute ipip = via(Prefix.parse("198.19.23.0/26"), NextHop.onlink(address("198.19.0.3"), "tunl0"));
        assertEquals(List.of("198.19.23.0/26 via 198.19.0.3 dev tunl0 proto bird onlink"),
                installAndShow(ipip, "route", "show", "198.19.23.0/26"));
        assertInKernel(ipip);
    }

    @Test
    void ipv6RoutesShowWithTheKernelsDefaultMetric() {
        fib.install(via(V6_BLOCK, V6_NODE2));
        fib.install(via(Prefix.parse("2001:db8:21::/48"), V6_NODE2, V6_NODE3));
        fib.install(FibRoute.blackhole(Prefix.parse("2001:db8:22::/48")));
        fib.flush();

        assertEquals(List.of("2001:db8:20::/48 via 2001:db8:19::3 dev eth0 proto bird metric 1024 pref medium"),
                namespace().routes("-6", "route", "show", "2001:db8:20::/48"));
        assertEquals(List.of(
                "2001:db8:21::/48 proto bird metric 1024 pref medium",
                "\tnexthop via 2001:db8:19::3 dev eth0 weight 1",
                "\tnexthop via 2001:db8:19::4 dev eth0 weight 1"),
                namespace().routes("-6", "route", "show", "2001:db8:21::/48"));
        assertEquals(List.of("blackhole 2001:db8:22::/48 dev lo proto bird metric 1024 pref medium"),
                namespace().routes("-6", "route", "show", "2001:db8:22::/48"));
    }

    @Test
    void anIpv4RouteCanHaveAnIpv6NextHop() {
        FibRoute route = via(Prefix.parse("198.19.27.0/26"), V6_NODE2);
        assertEquals(List.of("198.19.27.0/26 via inet6 2001:db8:19::3 dev eth0 proto bird"),
                installAndShow(route, "route", "show", "198.19.27.0/26"));
        assertInKernel(route);
    }

    @Test
    void metricAndTableGoWhereTheRouteSays() {
        assertEquals(List.of("198.19.21.64/26 via 198.19.0.3 dev eth0 proto bird metric 50"),
                installAndShow(via(BLOCK, NODE2).withMetric(50).withTable(100), "route", "show", "table", "100"));
        // Past 255 a table is named only by RTA_TABLE.
        assertEquals(List.of("198.19.21.64/26 via 198.19.0.3 dev eth0 proto bird metric 7"),
                installAndShow(via(BLOCK, NODE2).withMetric(7).withTable(70_000), "route", "show", "table", "70000"));
    }

    @Test
    void aRouteOfAnotherProtocolIsLeftAsItWas() {
        namespace().ip("route", "add", "198.19.30.0/24", "via", "198.19.0.2", "proto", "static");
        fib.install(via(BLOCK, NODE2));
        fib.remove(new RouteKey(FibRoute.RT_TABLE_MAIN, STATIC_ROUTE, 0));
        fib.flush();

        assertEquals(List.of("198.19.30.0/24 via 198.19.0.2 dev eth0 proto static"),
                namespace().routes("route", "show", "198.19.30.0/24"));
    }

    @Test
    void theKernelsOwnExplanationComesWithARefusal() {
        fib.install(via(Prefix.parse("198.19.23.0/26"), NextHop.via(TestKernel.UNREACHABLE_GATEWAY)));
        fib.flush();

        assertEquals(1, errors.size());
        assertTrue(errors.getFirst().kernelMessage().isPresent(), errors::toString);
        assertTrue(errors.getFirst().toString().contains("Network is unreachable (errno 101)"), errors::toString);
    }

    @Test
    void aDeviceThatDoesNotExistIsRefusedWithoutHoldingUpTheOthers() {
        fib.install(via(Prefix.parse("198.19.23.0/26"), NextHop.via(address("198.19.0.3"), "nosuch0")));
        fib.install(via(BLOCK, NODE2));
        fib.flush();

        assertEquals(1, errors.size());
        assertEquals(19, errors.getFirst().errno()); // ENODEV
        assertInKernel(via(BLOCK, NODE2));
    }

    @Test
    void aDeviceCreatedAfterTheFibWasOpenedIsFound() {
        fib.install(via(BLOCK, NextHop.via(address("198.19.0.3"), "eth0")));
        fib.flush();
        namespace().ip("link", "add", "eth1", "type", "veth", "peer", "name", "eth1p");
        namespace().ip("link", "set", "eth1", "up");
        namespace().ip("link", "set", "eth1p", "up");
        namespace().ip("addr", "add", "198.19.1.1/24", "dev", "eth1");

        FibRoute viaEth1 = via(OTHER_BLOCK, NextHop.via(address("198.19.1.3"), "eth1"));
        fib.install(viaEth1);
        fib.flush();

        assertEquals(List.of(), errors);
        assertInKernel(viaEth1);
    }

    /** Many datagrams' worth, with and without an acknowledgement asked for every request. */
    @ParameterizedTest(name = "NLM_F_ACK on every request: {0}")
    @ValueSource(booleans = {false, true})
    void tensOfThousandsOfRoutesGoInAndComeOutInBatches(boolean acknowledgeEach) throws IOException {
        int routes = 20_000;
        List<NextHop> via = List.of(NODE2);
        try (KernelFib big = KernelFib.openInNamespace(namespace().name, Fib.RTPROT_BIRD,
                new KernelFib.Tuning(acknowledgeEach, NetlinkSocket.RECEIVE_BUFFER, 0))) {
            big.onError(errors::add);
            for (int i = 0; i < routes; i++) {
                big.install(new FibRoute(Prefix.ipv4(198 << 24 | 19 << 16 | i, 32), FibRoute.Type.UNICAST, via, 0, 200));
            }
            big.install(via(Prefix.parse("198.19.23.0/26"), NextHop.via(TestKernel.UNREACHABLE_GATEWAY)).withTable(200));
            big.flush();
            assertEquals(routes, big.dump(200).size());
            assertEquals(1, errors.size());

            for (int i = 0; i < routes; i++) {
                big.remove(new RouteKey(200, Prefix.ipv4(198 << 24 | 19 << 16 | i, 32), 0));
            }
            big.flush();
            assertEquals(List.of(), big.dump(200));
            assertEquals(new FibCounters(routes, routes, 1), big.counters());
        }
    }

    /**
     * A receive buffer far too small for the answers to a datagram: the kernel drops some
     * (ENOBUFS). The batch still ends, every request is accounted for (answered, or reported as
     * of unknown outcome), and the socket goes on working.
     */
    @Test
    void answersTheKernelDroppedAreReportedAndTheSocketGoesOn() throws IOException {
        int routes = 4_000;
        List<NextHop> via = List.of(NODE2);
        try (KernelFib small = KernelFib.openInNamespace(namespace().name, Fib.RTPROT_BIRD,
                new KernelFib.Tuning(true, 4096, routes))) {
            small.onError(errors::add);
            for (int i = 0; i < routes; i++) {
                small.install(new FibRoute(Prefix.ipv4(198 << 24 | 19 << 16 | i, 32), FibRoute.Type.UNICAST, via, 0, 200));
            }
            small.flush();

            FibCounters counters = small.counters();
            assertEquals(routes, counters.installed() + counters.refused(), counters::toString);
            assertTrue(counters.refused() > 0, "no answer was dropped: the test shows nothing");
            assertTrue(errors.stream().allMatch(e -> e.errno() == 105), errors.getFirst()::toString); // ENOBUFS
            assertEquals(routes, small.dump(200).size()); // they all went in: only the answers were lost

            for (int i = 0; i < routes; i++) {
                small.remove(new RouteKey(200, Prefix.ipv4(198 << 24 | 19 << 16 | i, 32), 0));
            }
            small.flush();
            assertEquals(List.of(), small.dump(200));
        }
    }

    /** Without an acknowledgement asked for each request, only refusals are answered: a lost one is still no success. */
    @Test
    void refusalsTheKernelDroppedAreStillNotTakenForSuccesses() throws IOException {
        int routes = 4_000;
        List<NextHop> unreachable = List.of(NextHop.via(TestKernel.UNREACHABLE_GATEWAY));
        try (KernelFib small = KernelFib.openInNamespace(namespace().name, Fib.RTPROT_BIRD,
                new KernelFib.Tuning(false, 4096, routes))) {
            small.onError(errors::add);
            for (int i = 0; i < routes; i++) {
                small.install(new FibRoute(Prefix.ipv4(198 << 24 | 19 << 16 | i, 32), FibRoute.Type.UNICAST,
                        unreachable, 0, 200));
            }
            small.flush();

            assertEquals(new FibCounters(0, 0, routes), small.counters());
            assertTrue(errors.stream().anyMatch(e -> e.errno() == 105), "no refusal was dropped: the test shows nothing");
            assertEquals(List.of(), small.dump(200));
        }
    }

    /**
     * recvmmsg(2) failing with an errno the FIB does not expect (EFAULT: the first slot's iovec
     * made to point nowhere). The request is reported as of unknown outcome, and the next flush
     * sends only what was asked since.
     */
    @Test
    void aReceiveThatFailsEndsTheBatchAndReportsItsRequests() {
        KernelFib kernelFib = (KernelFib) fib;
        MemorySegment headers = this.<ReceiveVector>field(kernelFib, "slots").headers();
        MemorySegment iovec = headers.get(ValueLayout.ADDRESS, MSG_IOV);
        headers.set(ValueLayout.ADDRESS, MSG_IOV, MemorySegment.ofAddress(8));
        try {
            fib.install(via(BLOCK, NODE2));
            fib.flush();
        } finally {
            headers.set(ValueLayout.ADDRESS, MSG_IOV, iovec);
        }
        assertEquals(1, errors.size());
        assertEquals(14, errors.getFirst().errno(), errors::toString); // EFAULT

        fib.install(via(OTHER_BLOCK, NODE2));
        fib.flush();

        assertEquals(new FibCounters(1, 0, 1), fib.counters()); // BLOCK went in, but its answer was lost
        assertEquals(1, errors.size());
        assertInKernel(via(BLOCK, NODE2));
        assertInKernel(via(OTHER_BLOCK, NODE2));
    }

    /**
     * The interfaces cannot be read while another dump runs on the socket: the kernel refuses a
     * second one (EBUSY). The route that needed them is refused; the others go in.
     */
    @Test
    void aRouteWhoseInterfaceCannotBeLookedUpIsRefusedWithoutHoldingUpTheOthers() throws IOException {
        try (KernelFib big = KernelFib.openInNamespace(namespace().name, Fib.RTPROT_BIRD)) {
            big.onError(errors::add);
            for (int i = 0; i < 2_000; i++) {
                big.install(new FibRoute(Prefix.ipv4(198 << 24 | 19 << 16 | i, 32), FibRoute.Type.UNICAST,
                        List.of(NODE2), 0, 200));
            }
            big.flush();
            // A dump of those 2,000 routes runs on for as long as nobody reads it.
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment request = arena.allocate(64, 8);
                int length = RtMessage.writeRouteDumpRequest(request, 0, 0x7fff_0000, RtMessage.AF_INET);
                assertEquals(0, this.<NetlinkSocket>field(big, "socket").send(request, length));
            }

            big.install(via(BLOCK, NextHop.via(address("198.19.0.3"), "eth0")));
            big.install(via(OTHER_BLOCK, NODE2));
            big.flush();

            assertEquals(1, errors.size());
            assertEquals(16, errors.getFirst().errno(), errors::toString); // EBUSY
            assertEquals(via(BLOCK, NextHop.via(address("198.19.0.3"), "eth0")), errors.getFirst().route().orElseThrow());
        }
        assertEquals(List.of(), namespace().routes("route", "show", BLOCK.toString()));
        assertEquals(List.of("198.19.24.0/26 via 198.19.0.3 dev eth0 proto bird"),
                namespace().routes("route", "show", OTHER_BLOCK.toString()));
    }

    /** A private field of {@code fib}: these tests make the kernel fail on demand, as no caller can. */
    @SuppressWarnings("unchecked")
    private <T> T field(KernelFib fib, String name) {
        try {
            Field field = KernelFib.class.getDeclaredField(name);
            field.setAccessible(true);
            return (T) field.get(fib);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aNamespaceThatDoesNotExistCannotBeOpened() {
        IOException e = assertThrows(IOException.class,
                () -> KernelFib.openInNamespace(namespace().name + "-missing", Fib.RTPROT_BIRD));
        assertTrue(e.getMessage().contains("No such file or directory"), e::getMessage);
    }

    @Test
    void routesReadBackWithTheDeviceTheKernelChose() {
        fib.install(via(BLOCK, NODE2));
        fib.flush();

        assertEquals(Optional.of(via(BLOCK, NextHop.via(address("198.19.0.3"), "eth0"))),
                inKernel(via(BLOCK, NODE2).key()));
    }
}
