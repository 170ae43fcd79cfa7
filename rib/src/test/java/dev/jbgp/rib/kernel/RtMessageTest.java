package dev.jbgp.rib.kernel;

import static dev.jbgp.rib.kernel.TestKernel.address;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jbgp.core.Prefix;
import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The requests' bytes, checked against vectors written by hand from struct nlmsghdr
 * (linux/netlink.h), struct rtmsg, struct rtattr and struct rtnexthop (linux/rtnetlink.h).
 * Netlink numbers are in host order: the vectors are a little-endian host's (x86-64, arm64).
 */
class RtMessageTest {

    static final int ETH0 = 2;
    static final int TUNL0 = 5;

    @BeforeAll
    static void littleEndianHost() {
        assumeTrue(ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN, "the vectors are a little-endian host's");
    }

    private static void assertNewRoute(String expected, int seq, FibRoute route, int... ifindex) {
        MemorySegment buffer = MemorySegment.ofArray(new byte[RtMessage.newRouteLength(route)]);
        int length = RtMessage.writeNewRoute(buffer, 0, seq, RtMessage.NEW_ROUTE_FLAGS, route, Fib.RTPROT_BIRD, ifindex);
        assertEquals(buffer.byteSize(), length);
        assertEquals(Hex.format(Hex.bytes(expected)), Hex.format(buffer));
    }

    @Test
    void aRouteViaAGatewayOnADevice() {
        assertNewRoute("""
                44 00 00 00   # nlmsg_len 68
                18 00         # nlmsg_type RTM_NEWROUTE
                01 05         # nlmsg_flags NLM_F_REQUEST | NLM_F_REPLACE | NLM_F_CREATE
                07 00 00 00   # nlmsg_seq 7
                00 00 00 00   # nlmsg_pid 0: to the kernel
                02 1a 00 00   # rtm_family AF_INET, rtm_dst_len 26, rtm_src_len 0, rtm_tos 0
                fe 0c 00 01   # rtm_table RT_TABLE_MAIN, rtm_protocol RTPROT_BIRD, RT_SCOPE_UNIVERSE, RTN_UNICAST
                00 00 00 00   # rtm_flags
                08 00 0f 00  fe 00 00 00   # RTA_TABLE 254
                08 00 01 00  c6 13 15 40   # RTA_DST 198.19.21.64
                08 00 06 00  00 00 00 00   # RTA_PRIORITY 0
                08 00 05 00  c6 13 00 03   # RTA_GATEWAY 198.19.0.3
                08 00 04 00  02 00 00 00   # RTA_OIF 2
                """, 7, FibRoute.unicast(Prefix.parse("198.19.21.64/26"),
                        List.of(NextHop.via(address("198.19.0.3"), "eth0"))), ETH0);
    }

    @Test
    void aRouteViaAGatewayLeavesTheDeviceToTheKernel() {
        assertNewRoute("""
                3c 00 00 00  18 00 01 05  01 00 00 00  00 00 00 00   # nlmsghdr, 60 bytes, seq 1
                02 1a 00 00  fe 0c 00 01  00 00 00 00                # rtmsg
                08 00 0f 00  fe 00 00 00   # RTA_TABLE 254
                08 00 01 00  c6 13 15 40   # RTA_DST 198.19.21.64
                08 00 06 00  00 00 00 00   # RTA_PRIORITY 0
                08 00 05 00  c6 13 00 03   # RTA_GATEWAY 198.19.0.3; no RTA_OIF
                """, 1, FibRoute.via(Prefix.parse("198.19.21.64/26"), address("198.19.0.3")), 0);
    }

    @Test
    void aBlackhole() {
        assertNewRoute("""
                34 00 00 00  18 00 01 05  08 00 00 00  00 00 00 00   # nlmsghdr, 52 bytes, seq 8
                02 1a 00 00   # AF_INET, /26
                fe 0c 00 06   # main table, RTPROT_BIRD, RT_SCOPE_UNIVERSE, RTN_BLACKHOLE
                00 00 00 00   # rtm_flags
                08 00 0f 00  fe 00 00 00   # RTA_TABLE 254
                08 00 01 00  c6 13 16 80   # RTA_DST 198.19.22.128
                08 00 06 00  00 00 00 00   # RTA_PRIORITY 0
                """, 8, FibRoute.blackhole(Prefix.parse("198.19.22.128/26")));
    }

    @Test
    void twoNextHopsGoInRtaMultipath() {
        assertNewRoute("""
                58 00 00 00  18 00 01 05  09 00 00 00  00 00 00 00   # nlmsghdr, 88 bytes, seq 9
                02 1a 00 00  fe 0c 00 01  00 00 00 00                # rtmsg
                08 00 0f 00  fe 00 00 00   # RTA_TABLE 254
                08 00 01 00  c6 13 18 00   # RTA_DST 198.19.24.0
                08 00 06 00  00 00 00 00   # RTA_PRIORITY 0
                24 00 09 00                # RTA_MULTIPATH, 36 bytes
                10 00 00 00  02 00 00 00   #   rtnexthop: rtnh_len 16, flags 0, rtnh_hops 0 (weight 1), ifindex 2
                08 00 05 00  c6 13 00 03   #     RTA_GATEWAY 198.19.0.3
                10 00 00 00  00 00 00 00   #   rtnexthop: rtnh_len 16, no device
                08 00 05 00  c6 13 00 04   #     RTA_GATEWAY 198.19.0.4
                """, 9, FibRoute.unicast(Prefix.parse("198.19.24.0/26"), List.of(
                        NextHop.via(address("198.19.0.3"), "eth0"), NextHop.via(address("198.19.0.4")))), ETH0, 0);
    }

    @Test
    void anOnlinkNextHopSetsRtnhFOnlinkInRtmFlags() {
        assertNewRoute("""
                44 00 00 00  18 00 01 05  0a 00 00 00  00 00 00 00   # nlmsghdr, 68 bytes, seq 10
                02 1a 00 00  fe 0c 00 01   # rtmsg
                04 00 00 00                # rtm_flags RTNH_F_ONLINK
                08 00 0f 00  fe 00 00 00   # RTA_TABLE 254
                08 00 01 00  c6 13 17 00   # RTA_DST 198.19.23.0
                08 00 06 00  00 00 00 00   # RTA_PRIORITY 0
                08 00 05 00  c6 13 00 03   # RTA_GATEWAY 198.19.0.3
                08 00 04 00  05 00 00 00   # RTA_OIF 5 (tunl0)
                """, 10, FibRoute.unicast(Prefix.parse("198.19.23.0/26"),
                        List.of(NextHop.onlink(address("198.19.0.3"), "tunl0"))), TUNL0);
    }

    @Test
    void onlinkNextHopsOfAMultipathRouteSetRtnhFOnlinkInTheirRtnexthop() {
        assertNewRoute("""
                58 00 00 00  18 00 01 05  0b 00 00 00  00 00 00 00   # nlmsghdr, 88 bytes, seq 11
                02 1a 00 00  fe 0c 00 01  00 00 00 00                # rtmsg, rtm_flags 0
                08 00 0f 00  fe 00 00 00   # RTA_TABLE 254
                08 00 01 00  c6 13 17 00   # RTA_DST 198.19.23.0
                08 00 06 00  00 00 00 00   # RTA_PRIORITY 0
                24 00 09 00                # RTA_MULTIPATH, 36 bytes
                10 00 04 00  05 00 00 00   #   rtnexthop: 16 bytes, RTNH_F_ONLINK, weight 1, ifindex 5
                08 00 05 00  c6 13 00 03   #     RTA_GATEWAY 198.19.0.3
                10 00 04 00  05 00 00 00   #   rtnexthop: 16 bytes, RTNH_F_ONLINK, weight 1, ifindex 5
                08 00 05 00  c6 13 00 04   #     RTA_GATEWAY 198.19.0.4
                """, 11, FibRoute.unicast(Prefix.parse("198.19.23.0/26"), List.of(
                        NextHop.onlink(address("198.19.0.3"), "tunl0"),
                        NextHop.onlink(address("198.19.0.4"), "tunl0"))), TUNL0, TUNL0);
    }

    @Test
    void anIpv6RouteAskedWithMetricZeroGoesInWithTheKernelsDefault1024() {
        assertNewRoute("""
                54 00 00 00  18 00 01 05  0c 00 00 00  00 00 00 00   # nlmsghdr, 84 bytes, seq 12
                0a 30 00 00   # AF_INET6, /48
                fe 0c 00 01   # main table, RTPROT_BIRD, RT_SCOPE_UNIVERSE, RTN_UNICAST
                00 00 00 00   # rtm_flags
                08 00 0f 00  fe 00 00 00                                # RTA_TABLE 254
                14 00 01 00  20 01 0d b8 00 20 00 00 00 00 00 00 00 00 00 00   # RTA_DST 2001:db8:20::
                08 00 06 00  00 04 00 00                                # RTA_PRIORITY 1024
                14 00 05 00  20 01 0d b8 00 19 00 00 00 00 00 00 00 00 00 03   # RTA_GATEWAY 2001:db8:19::3
                """, 12, FibRoute.via(Prefix.parse("2001:db8:20::/48"), address("2001:db8:19::3")), 0);
    }

    @Test
    void anIpv6NextHopOfAnIpv4RouteGoesInRtaVia() {
        assertNewRoute("""
                4c 00 00 00  18 00 01 05  0d 00 00 00  00 00 00 00   # nlmsghdr, 76 bytes, seq 13
                02 1a 00 00  fe 0c 00 01  00 00 00 00                # rtmsg
                08 00 0f 00  fe 00 00 00   # RTA_TABLE 254
                08 00 01 00  c6 13 1b 00   # RTA_DST 198.19.27.0
                08 00 06 00  00 00 00 00   # RTA_PRIORITY 0
                16 00 12 00                # RTA_VIA, 22 bytes: struct rtvia
                0a 00                      #   rtvia_family AF_INET6
                20 01 0d b8 00 19 00 00 00 00 00 00 00 00 00 03   # rtvia_addr 2001:db8:19::3
                00 00                      # padding to 4 bytes
                """, 13, FibRoute.via(Prefix.parse("198.19.27.0/26"), address("2001:db8:19::3")), 0);
    }

    @Test
    void aTablePast255IsNamedOnlyInRtaTable() {
        assertNewRoute("""
                3c 00 00 00  18 00 01 05  0e 00 00 00  00 00 00 00   # nlmsghdr, 60 bytes, seq 14
                02 1a 00 00   # AF_INET, /26
                00 0c 00 01   # rtm_table RT_TABLE_UNSPEC, RTPROT_BIRD, RT_SCOPE_UNIVERSE, RTN_UNICAST
                00 00 00 00   # rtm_flags
                08 00 0f 00  70 11 01 00   # RTA_TABLE 70000
                08 00 01 00  c6 13 15 40   # RTA_DST 198.19.21.64
                08 00 06 00  07 00 00 00   # RTA_PRIORITY 7
                08 00 05 00  c6 13 00 03   # RTA_GATEWAY 198.19.0.3
                """, 14, FibRoute.via(Prefix.parse("198.19.21.64/26"), address("198.19.0.3"))
                        .withMetric(7).withTable(70_000), 0);
    }

    @Test
    void aRemovalNamesOnlyTheKeyAndOurProtocol() {
        RouteKey key = new RouteKey(FibRoute.RT_TABLE_MAIN, Prefix.parse("198.19.21.64/26"), 0);
        MemorySegment buffer = MemorySegment.ofArray(new byte[RtMessage.delRouteLength(key)]);
        RtMessage.writeDelRoute(buffer, 0, 15, RtMessage.DEL_ROUTE_FLAGS, key, Fib.RTPROT_BIRD);
        assertEquals(Hex.format(Hex.bytes("""
                34 00 00 00   # nlmsg_len 52
                19 00         # RTM_DELROUTE
                01 00         # NLM_F_REQUEST
                0f 00 00 00   # seq 15
                00 00 00 00   # pid
                02 1a 00 00   # AF_INET, /26
                fe 0c ff 00   # main table, RTPROT_BIRD, RT_SCOPE_NOWHERE (any scope), RTN_UNSPEC (any type)
                00 00 00 00   # rtm_flags
                08 00 0f 00  fe 00 00 00   # RTA_TABLE 254
                08 00 01 00  c6 13 15 40   # RTA_DST 198.19.21.64
                08 00 06 00  00 00 00 00   # RTA_PRIORITY 0
                """)), Hex.format(buffer));
    }

    @Test
    void aRouteDumpRequestAsksForOneFamily() {
        MemorySegment buffer = MemorySegment.ofArray(new byte[RtMessage.DUMP_REQUEST_LENGTH]);
        RtMessage.writeRouteDumpRequest(buffer, 0, 16, RtMessage.AF_INET6);
        assertEquals(Hex.format(Hex.bytes("""
                1c 00 00 00   # nlmsg_len 28
                1a 00         # RTM_GETROUTE
                01 03         # NLM_F_REQUEST | NLM_F_DUMP
                10 00 00 00   # seq 16
                00 00 00 00   # pid
                0a 00 00 00  00 00 00 00  00 00 00 00   # struct rtmsg: AF_INET6, the rest 0
                """)), Hex.format(buffer));
    }

    @Test
    void aLinkDumpRequest() {
        MemorySegment buffer = MemorySegment.ofArray(new byte[RtMessage.LINK_DUMP_REQUEST_LENGTH]);
        RtMessage.writeLinkDumpRequest(buffer, 0, 17);
        assertEquals(Hex.format(Hex.bytes("""
                20 00 00 00  12 00 01 03  11 00 00 00  00 00 00 00   # 32 bytes, RTM_GETLINK, dump, seq 17
                00 00 00 00  00 00 00 00  00 00 00 00  00 00 00 00   # struct ifinfomsg, all 0
                """)), Hex.format(buffer));
    }

    @Test
    void theBarrierIsANoopAskingForAnAcknowledgement() {
        MemorySegment buffer = MemorySegment.ofArray(new byte[NetlinkHeader.SIZE]);
        RtMessage.writeNoop(buffer, 0, 18);
        assertEquals(Hex.format(Hex.bytes("""
                10 00 00 00   # nlmsg_len 16
                01 00         # NLMSG_NOOP
                05 00         # NLM_F_REQUEST | NLM_F_ACK
                12 00 00 00   # seq 18
                00 00 00 00   # pid
                """)), Hex.format(buffer));
    }

    @Test
    void requestsFollowOneAnotherInOneBuffer() {
        FibRoute first = FibRoute.blackhole(Prefix.parse("198.19.22.128/26"));
        FibRoute second = FibRoute.via(Prefix.parse("2001:db8:20::/48"), address("2001:db8:19::3"));
        MemorySegment buffer = MemorySegment.ofArray(new byte[256]);
        int a = RtMessage.writeNewRoute(buffer, 0, 1, RtMessage.NEW_ROUTE_FLAGS, first, 12, new int[0]);
        int b = RtMessage.writeNewRoute(buffer, a, 2, RtMessage.NEW_ROUTE_FLAGS, second, 12, new int[1]);

        assertEquals(52, a);
        assertEquals(84, b);
        assertEquals(84, NetlinkHeader.length(buffer, a));
        assertEquals(2, NetlinkHeader.seq(buffer, a));
    }
}
