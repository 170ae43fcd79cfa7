package dev.jbgp.rib.kernel;

import static dev.jbgp.rib.kernel.TestKernel.address;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jbgp.core.Prefix;
import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Routes of a RTM_GETROUTE dump, as the kernel writes them (fib_dump_info in
 * net/ipv4/fib_semantics.c, rt6_fill_node in net/ipv6/route.c), on a little-endian host.
 */
class RouteMessageTest {

    static final Map<Integer, String> LINKS = Map.of(1, "lo", 2, "eth0", 5, "tunl0");

    @BeforeAll
    static void littleEndianHost() {
        assumeTrue(ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN, "the vectors are a little-endian host's");
    }

    static Optional<FibRoute> read(String hex) {
        return RouteMessage.read(Hex.segment(hex), 0).toFibRoute(index -> Optional.ofNullable(LINKS.get(index)));
    }

    @Test
    void aLearnedRouteReadsBackWithTheDeviceTheKernelChose() {
        assertEquals(Optional.of(FibRoute.unicast(Prefix.parse("198.19.21.64/26"),
                        List.of(NextHop.via(address("198.19.0.3"), "eth0")))), read("""
                3c 00 00 00  18 00 02 00  05 00 00 00  34 12 00 00   # 60 bytes, RTM_NEWROUTE, NLM_F_MULTI
                02 1a 00 00   # AF_INET, /26
                fe 0c 00 01   # main table, RTPROT_BIRD, RT_SCOPE_UNIVERSE, RTN_UNICAST
                00 00 00 00   # rtm_flags
                08 00 0f 00  fe 00 00 00   # RTA_TABLE 254
                08 00 01 00  c6 13 15 40   # RTA_DST 198.19.21.64
                08 00 05 00  c6 13 00 03   # RTA_GATEWAY 198.19.0.3
                08 00 04 00  02 00 00 00   # RTA_OIF 2 (eth0); no RTA_PRIORITY for metric 0
                """));
    }

    @Test
    void anIpv6MultipathRouteReadsBackWithItsNextHopsAndMetric() {
        RouteMessage message = RouteMessage.read(Hex.segment("""
                a8 00 00 00  18 00 02 00  05 00 00 00  34 12 00 00   # 168 bytes
                0a 30 00 00  fe 0c 00 01  00 00 00 00                # AF_INET6, /48, main, bird, unicast
                08 00 0f 00  fe 00 00 00                             # RTA_TABLE 254
                14 00 01 00  20 01 0d b8 00 20 00 00 00 00 00 00 00 00 00 00   # RTA_DST 2001:db8:20::
                08 00 06 00  00 04 00 00                             # RTA_PRIORITY 1024
                3c 00 09 00                                          # RTA_MULTIPATH, 60 bytes
                1c 00 00 00  02 00 00 00                             #   rtnexthop, 28 bytes, eth0
                14 00 05 00  20 01 0d b8 00 19 00 00 00 00 00 00 00 00 00 03   # RTA_GATEWAY 2001:db8:19::3
                1c 00 00 00  02 00 00 00                             #   rtnexthop, 28 bytes, eth0
                14 00 05 00  20 01 0d b8 00 19 00 00 00 00 00 00 00 00 00 04   # RTA_GATEWAY 2001:db8:19::4
                24 00 0c 00  00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00
                             00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00   # RTA_CACHEINFO: skipped
                05 00 14 00  00 00 00 00                             # RTA_PREF, padded: skipped
                """), 0);

        assertEquals(new RouteKey(254, Prefix.parse("2001:db8:20::/48"), 1024), message.key());
        assertEquals(Optional.of(FibRoute.unicast(Prefix.parse("2001:db8:20::/48"), List.of(
                NextHop.via(address("2001:db8:19::3"), "eth0"), NextHop.via(address("2001:db8:19::4"), "eth0")))),
                message.toFibRoute(index -> Optional.ofNullable(LINKS.get(index))));
    }

    @Test
    void anIpv6BlackholeReadsBackWithoutTheLoopbackDeviceTheKernelReports() {
        assertEquals(Optional.of(FibRoute.blackhole(Prefix.parse("2001:db8:22::/48"))), read("""
                48 00 00 00  18 00 02 00  05 00 00 00  34 12 00 00   # 72 bytes
                0a 30 00 00  fe 0c 00 06  00 00 00 00                # AF_INET6, /48, main, bird, RTN_BLACKHOLE
                08 00 0f 00  fe 00 00 00                             # RTA_TABLE 254
                14 00 01 00  20 01 0d b8 00 22 00 00 00 00 00 00 00 00 00 00   # RTA_DST 2001:db8:22::
                08 00 06 00  00 04 00 00                             # RTA_PRIORITY 1024
                08 00 04 00  01 00 00 00                             # RTA_OIF 1 (lo)
                """));
    }

    @Test
    void anOnlinkRouteReadsBackOnlink() {
        assertEquals(Optional.of(FibRoute.unicast(Prefix.parse("198.19.23.0/26"),
                        List.of(NextHop.onlink(address("198.19.0.3"), "tunl0")))), read("""
                3c 00 00 00  18 00 02 00  05 00 00 00  34 12 00 00
                02 1a 00 00  fe 0c 00 01
                04 00 00 00                # rtm_flags RTNH_F_ONLINK
                08 00 0f 00  fe 00 00 00   # RTA_TABLE 254
                08 00 01 00  c6 13 17 00   # RTA_DST 198.19.23.0
                08 00 05 00  c6 13 00 03   # RTA_GATEWAY 198.19.0.3
                08 00 04 00  05 00 00 00   # RTA_OIF 5 (tunl0)
                """));
    }

    @Test
    void aTablePast255IsReadFromRtaTable() {
        RouteMessage message = RouteMessage.read(Hex.segment("""
                34 00 00 00  18 00 02 00  05 00 00 00  34 12 00 00
                02 1a 00 00  fc 0c 00 06  00 00 00 00   # rtm_table 252 (RT_TABLE_COMPAT), blackhole
                08 00 0f 00  70 11 01 00   # RTA_TABLE 70000
                08 00 01 00  c6 13 16 80   # RTA_DST 198.19.22.128
                08 00 06 00  07 00 00 00   # RTA_PRIORITY 7
                """), 0);

        assertEquals(new RouteKey(70_000, Prefix.parse("198.19.22.128/26"), 7), message.key());
    }

    @Test
    void routesWeNeverInstallAreNotMistakenForOurs() {
        assertEquals(Optional.empty(), read("""
                2c 00 00 00  18 00 02 00  05 00 00 00  34 12 00 00
                02 1a 00 00  fe 0c 00 07  00 00 00 00   # RTN_UNREACHABLE
                08 00 0f 00  fe 00 00 00  08 00 01 00  c6 13 15 40
                """), "an unreachable route");
        assertEquals(Optional.empty(), read("""
                34 00 00 00  18 00 02 00  05 00 00 00  34 12 00 00
                02 1a 00 00  fe 0c 00 01  00 00 00 00
                08 00 0f 00  fe 00 00 00  08 00 01 00  c6 13 15 40
                08 00 1e 00  01 00 00 00   # RTA_NH_ID 1
                """), "a route through a nexthop object");
        assertEquals(Optional.empty(), read("""
                34 00 00 00  18 00 02 00  05 00 00 00  34 12 00 00
                02 1a 00 00  fe 0c fd 01  00 00 00 00   # RT_SCOPE_LINK
                08 00 0f 00  fe 00 00 00  08 00 01 00  c6 13 15 40
                08 00 04 00  02 00 00 00   # RTA_OIF only: dev eth0, no gateway
                """), "a device route");
        assertEquals(Optional.empty(), read("""
                2c 00 00 00  18 00 02 00  05 00 00 00  34 12 00 00
                02 1a 00 00  fe 0c 00 01  00 00 00 00   # unicast, but no next hop at all
                08 00 0f 00  fe 00 00 00  08 00 01 00  c6 13 15 40
                """), "a unicast route without next hops");
    }

    @Test
    void anAttributeRunningPastItsMessageIsMalformed() {
        assertThrows(IllegalArgumentException.class, () -> RouteMessage.read(Hex.segment("""
                2c 00 00 00  18 00 02 00  05 00 00 00  34 12 00 00
                02 1a 00 00  fe 0c 00 01  00 00 00 00
                08 00 0f 00  fe 00 00 00  10 00 01 00  c6 13 15 40   # RTA_DST claims 16 bytes
                """), 0));
        assertThrows(IllegalArgumentException.class, () -> RouteMessage.read(Hex.segment("""
                2c 00 00 00  18 00 02 00  05 00 00 00  34 12 00 00
                02 1a 00 00  fe 0c 00 01  00 00 00 00
                08 00 0f 00  fe 00 00 00  06 00 01 00  c6 13 00 00   # RTA_DST of 2 bytes
                """), 0));
    }

    static LongStream seeds() {
        return LongStream.rangeClosed(1, 300);
    }

    /** What we ask for reads back as itself: the request and the dump share one layout. */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void anyRouteWeWriteReadsBackAsItself(long seed) {
        Random random = new Random(seed);
        FibRoute route = randomRoute(random);
        int[] ifindex = route.nextHops().stream()
                .mapToInt(hop -> hop.device().map(d -> d.equals("eth0") ? 2 : 5).orElse(0)).toArray();
        MemorySegment buffer = MemorySegment.ofArray(new byte[RtMessage.newRouteLength(route)]);
        RtMessage.writeNewRoute(buffer, 0, random.nextInt(), RtMessage.NEW_ROUTE_FLAGS, route, Fib.RTPROT_BIRD, ifindex);

        RouteMessage message = RouteMessage.read(buffer, 0);

        assertEquals(Fib.RTPROT_BIRD, message.protocol());
        assertEquals(Optional.of(route), message.toFibRoute(index -> Optional.ofNullable(LINKS.get(index))),
                () -> "seed " + seed + ": " + route);
    }

    static FibRoute randomRoute(Random random) {
        boolean ipv4 = random.nextBoolean();
        Prefix prefix = ipv4
                ? Prefix.ipv4(198 << 24 | 19 << 16 | random.nextInt(1 << 16), 16 + random.nextInt(17))
                : Prefix.ipv6(0x2001_0db8_0000_0000L | random.nextInt(1 << 16) << 16, random.nextLong(),
                        32 + random.nextInt(97));
        int metric = random.nextInt(4) == 0 ? random.nextInt() : 0;
        int table = random.nextInt(4) == 0 ? 1 + random.nextInt(Integer.MAX_VALUE - 1) : FibRoute.RT_TABLE_MAIN;
        if (random.nextInt(5) == 0) {
            return new FibRoute(prefix, FibRoute.Type.BLACKHOLE, List.of(), metric, table);
        }
        int hops = 1 + random.nextInt(random.nextBoolean() ? 1 : 4);
        List<NextHop> nextHops = new ArrayList<>();
        for (int i = 0; i < hops; i++) {
            boolean v6Gateway = !ipv4 || random.nextInt(6) == 0;
            String gateway = v6Gateway ? "2001:db8:19::" + Integer.toHexString(i + 2) : "198.19.0." + (i + 2);
            Optional<String> device = random.nextBoolean() ? Optional.of(random.nextBoolean() ? "eth0" : "tunl0")
                    : Optional.empty();
            boolean onlink = device.isPresent() && random.nextBoolean();
            nextHops.add(new NextHop(address(gateway), device, onlink));
        }
        return new FibRoute(prefix, FibRoute.Type.UNICAST, nextHops, metric, table);
    }
}
