package dev.jbgp.rib.kernel;

import static dev.jbgp.rib.kernel.TestKernel.address;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jbgp.core.Prefix;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FibRouteTest {

    static final Prefix BLOCK = Prefix.parse("198.19.21.64/26");
    static final NextHop NODE2 = NextHop.via(address("198.19.0.3"));
    static final NextHop NODE3 = NextHop.via(address("198.19.0.4"));

    @Test
    void aUnicastRouteNeedsANextHopAndABlackholeHasNone() {
        assertThrows(IllegalArgumentException.class, () -> FibRoute.unicast(BLOCK, List.of()));
        assertThrows(IllegalArgumentException.class,
                () -> new FibRoute(BLOCK, FibRoute.Type.BLACKHOLE, List.of(NODE2), 0, FibRoute.RT_TABLE_MAIN));
    }

    @Test
    void anIpv6RouteTakesOnlyIpv6GatewaysWhileAnIpv4RouteTakesBoth() {
        assertThrows(IllegalArgumentException.class, () -> FibRoute.via(Prefix.parse("2001:db8:20::/48"),
                address("198.19.0.3")));
        FibRoute.via(BLOCK, address("2001:db8:19::3"));
    }

    @Test
    void anOnlinkNextHopMustNameItsDevice() {
        assertThrows(IllegalArgumentException.class,
                () -> new NextHop(address("198.19.0.3"), Optional.empty(), true));
    }

    @Test
    void aDeviceNameIsWhatTheKernelAccepts() {
        assertThrows(IllegalArgumentException.class, () -> NextHop.via(address("198.19.0.3"), ""));
        assertThrows(IllegalArgumentException.class, () -> NextHop.via(address("198.19.0.3"), "a-name-far-too-long"));
        assertThrows(IllegalArgumentException.class, () -> NextHop.via(address("198.19.0.3"), "eth 0"));
    }

    @Test
    void theSameNextHopTwiceIsABug() {
        assertThrows(IllegalArgumentException.class, () -> FibRoute.unicast(BLOCK, List.of(NODE2, NODE2)));
    }

    @Test
    void tableZeroIsNoTable() {
        assertThrows(IllegalArgumentException.class, () -> FibRoute.blackhole(BLOCK).withTable(0));
    }

    @Test
    void anIpv6RouteWithMetricZeroHasTheKernelsDefault1024() {
        assertEquals(1024, FibRoute.blackhole(Prefix.parse("2001:db8:22::/48")).metric());
        assertEquals(0, FibRoute.blackhole(BLOCK).metric());
        assertEquals(5, FibRoute.blackhole(Prefix.parse("2001:db8:22::/48")).withMetric(5).metric());
    }

    @Test
    void aNextHopLeavingTheDeviceOpenIsSatisfiedByTheDeviceTheKernelChose() {
        FibRoute wanted = FibRoute.unicast(BLOCK, List.of(NODE2));

        assertTrue(wanted.satisfiedBy(FibRoute.unicast(BLOCK, List.of(NextHop.via(address("198.19.0.3"), "eth0")))));
        assertFalse(FibRoute.unicast(BLOCK, List.of(NextHop.via(address("198.19.0.3"), "eth1")))
                .satisfiedBy(FibRoute.unicast(BLOCK, List.of(NextHop.via(address("198.19.0.3"), "eth0")))));
    }

    @Test
    void nextHopsMatchInAnyOrder() {
        assertTrue(FibRoute.unicast(BLOCK, List.of(NODE2, NODE3)).satisfiedBy(FibRoute.unicast(BLOCK, List.of(
                NextHop.via(address("198.19.0.4"), "eth0"), NextHop.via(address("198.19.0.3"), "eth0")))));
    }

    @Test
    void aNextHopNamingADeviceIsMatchedBeforeOneThatLeavesItOpen() {
        NextHop onEth1 = NextHop.via(address("198.19.0.3"), "eth1");
        FibRoute wanted = FibRoute.unicast(BLOCK, List.of(NODE2, onEth1));

        assertTrue(wanted.satisfiedBy(FibRoute.unicast(BLOCK, List.of(onEth1,
                NextHop.via(address("198.19.0.3"), "eth0")))));
    }

    @Test
    void aDifferentGatewayOnlinkFlagTypeOrMetricIsNotSatisfied() {
        FibRoute wanted = FibRoute.unicast(BLOCK, List.of(NODE2));

        assertFalse(wanted.satisfiedBy(FibRoute.unicast(BLOCK, List.of(NODE3))));
        assertFalse(FibRoute.unicast(BLOCK, List.of(NextHop.onlink(address("198.19.0.3"), "tunl0")))
                .satisfiedBy(FibRoute.unicast(BLOCK, List.of(NextHop.via(address("198.19.0.3"), "tunl0")))));
        assertFalse(wanted.satisfiedBy(FibRoute.blackhole(BLOCK)));
        assertFalse(wanted.satisfiedBy(wanted.withMetric(1)));
        assertFalse(wanted.satisfiedBy(FibRoute.unicast(BLOCK, List.of(NODE2, NODE3))));
    }

    @Test
    void aRouteReadsAsIpRouteWouldShowIt() {
        assertEquals("198.19.21.64/26 via 198.19.0.3 metric 0 table 254", FibRoute.via(BLOCK, address("198.19.0.3")).toString());
        assertEquals("blackhole 198.19.22.128/26 metric 0 table 254",
                FibRoute.blackhole(Prefix.parse("198.19.22.128/26")).toString());
        assertEquals("198.19.24.0/26 nexthop via 198.19.0.3 nexthop via 198.19.0.4 dev tunl0 onlink metric 0 table 254",
                FibRoute.unicast(Prefix.parse("198.19.24.0/26"),
                        List.of(NODE2, NextHop.onlink(address("198.19.0.4"), "tunl0"))).toString());
        assertEquals("2001:db8:20::/48 via 2001:db8:19::3 metric 1024 table 254",
                FibRoute.via(Prefix.parse("2001:db8:20::/48"), address("2001:db8:19::3")).toString());
    }
}
