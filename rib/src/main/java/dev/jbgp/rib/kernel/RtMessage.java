package dev.jbgp.rib.kernel;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;

import java.lang.foreign.MemorySegment;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.List;

/**
 * The route requests we send, each a netlink header, a struct rtmsg and route attributes
 * (linux/rtnetlink.h):
 *
 * <pre>
 * struct rtmsg (12 bytes)
 * 0        1         2         3     4          5           6          7         8
 * +--------+---------+---------+-----+----------+-----------+----------+---------+-----------+
 * | family | dst_len | src_len | tos | table u8 | protocol  | scope    | type    | flags u32 |
 * +--------+---------+---------+-----+----------+-----------+----------+---------+-----------+
 * </pre>
 *
 * RTM_NEWROUTE carries RTA_TABLE, RTA_DST, RTA_PRIORITY, then either RTA_GATEWAY (RTA_VIA for an
 * IPv6 gateway of an IPv4 route) and RTA_OIF for one next hop, or RTA_MULTIPATH holding one
 * struct rtnexthop per next hop. RTM_DELROUTE carries only the key: table, destination,
 * priority, protocol; the kernel then deletes our route there whatever its next hops.
 */
final class RtMessage {

    static final int RTM_NEWLINK = 16;
    static final int RTM_GETLINK = 18;
    static final int RTM_NEWROUTE = 24;
    static final int RTM_DELROUTE = 25;
    static final int RTM_GETROUTE = 26;

    static final int SIZE = 12;
    static final int AF_UNSPEC = 0;
    static final int AF_INET = 2;
    static final int AF_INET6 = 10;

    static final int RTN_UNSPEC = 0;
    static final int RTN_UNICAST = 1;
    static final int RTN_BLACKHOLE = 6;

    static final int RT_SCOPE_UNIVERSE = 0;
    /** In a delete, "any scope" (iproute2 sends it for {@code ip route del}). */
    static final int RT_SCOPE_NOWHERE = 255;
    static final int RT_TABLE_UNSPEC = 0;

    /** struct rtnexthop: u16 rtnh_len, u8 rtnh_flags, u8 rtnh_hops, s32 rtnh_ifindex. */
    static final int RTNEXTHOP_SIZE = 8;
    static final int RTNH_F_ONLINK = 4;

    /** struct ifinfomsg (linux/rtnetlink.h): family, pad, type, index, flags, change. */
    static final int IFINFOMSG_SIZE = 16;

    /** Create or replace. The kernel answers a refused request whether or not NLM_F_ACK is set. */
    static final int NEW_ROUTE_FLAGS = NetlinkHeader.NLM_F_REQUEST | NetlinkHeader.NLM_F_CREATE
            | NetlinkHeader.NLM_F_REPLACE;
    static final int DEL_ROUTE_FLAGS = NetlinkHeader.NLM_F_REQUEST;

    private RtMessage() {}

    static int family(boolean ipv4) {
        return ipv4 ? AF_INET : AF_INET6;
    }

    /** Bytes RTM_NEWROUTE for {@code route} takes. */
    static int newRouteLength(FibRoute route) {
        int length = NetlinkHeader.SIZE + SIZE + RouteAttribute.U32_LENGTH
                + RouteAttribute.HEADER + RouteAttribute.addressLength(route.prefix())
                + RouteAttribute.U32_LENGTH;
        List<NextHop> hops = route.nextHops();
        if (hops.size() == 1) {
            NextHop hop = hops.getFirst();
            length += gatewayLength(route, hop.gateway());
            if (hop.device().isPresent()) {
                length += RouteAttribute.U32_LENGTH;
            }
        } else if (hops.size() > 1) {
            length += RouteAttribute.HEADER;
            for (NextHop hop : hops) {
                length += RTNEXTHOP_SIZE + gatewayLength(route, hop.gateway());
            }
        }
        return length;
    }

    /**
     * Writes RTM_NEWROUTE for {@code route} at {@code offset}.
     *
     * @param ifindex the interface index of each next hop's device, 0 where it names none
     * @return the message's length
     */
    static int writeNewRoute(MemorySegment buffer, long offset, int seq, int nlFlags, FibRoute route,
            int protocol, int[] ifindex) {
        int length = newRouteLength(route);
        List<NextHop> hops = route.nextHops();
        boolean blackhole = route.type() == FibRoute.Type.BLACKHOLE;
        int rtmFlags = hops.size() == 1 && hops.getFirst().onlink() ? RTNH_F_ONLINK : 0;
        NetlinkHeader.write(buffer, offset, length, RTM_NEWROUTE, nlFlags, seq);
        long at = writeRtmsg(buffer, offset + NetlinkHeader.SIZE, route.key(), protocol,
                RT_SCOPE_UNIVERSE, blackhole ? RTN_BLACKHOLE : RTN_UNICAST, rtmFlags);
        at = writeKey(buffer, at, route.key());
        if (hops.size() == 1) {
            at = writeGateway(buffer, at, route, hops.getFirst().gateway());
            if (ifindex[0] != 0) {
                at = RouteAttribute.writeU32(buffer, at, RouteAttribute.RTA_OIF, ifindex[0]);
            }
        } else if (hops.size() > 1) {
            long multipath = at;
            at += RouteAttribute.HEADER;
            for (int i = 0; i < hops.size(); i++) {
                NextHop hop = hops.get(i);
                long nexthop = at;
                at = writeGateway(buffer, at + RTNEXTHOP_SIZE, route, hop.gateway());
                buffer.set(NetlinkHeader.U16, nexthop, (short) (at - nexthop));
                buffer.set(JAVA_BYTE, nexthop + 2,
                        (byte) (hop.onlink() ? RTNH_F_ONLINK : 0));
                buffer.set(JAVA_BYTE, nexthop + 3, (byte) 0); // weight 1
                buffer.set(NetlinkHeader.U32, nexthop + 4, ifindex[i]);
            }
            RouteAttribute.writeHeader(buffer, multipath, (int) (at - multipath), RouteAttribute.RTA_MULTIPATH);
        }
        assert at - offset == length : "RTM_NEWROUTE wrote " + (at - offset) + " of " + length + " bytes";
        return length;
    }

    /** Bytes RTM_DELROUTE for a route of this family takes. */
    static int delRouteLength(RouteKey key) {
        return NetlinkHeader.SIZE + SIZE + RouteAttribute.U32_LENGTH
                + RouteAttribute.HEADER + RouteAttribute.addressLength(key.prefix())
                + RouteAttribute.U32_LENGTH;
    }

    /** Writes RTM_DELROUTE for our route at {@code key}; returns the message's length. */
    static int writeDelRoute(MemorySegment buffer, long offset, int seq, int nlFlags, RouteKey key, int protocol) {
        int length = delRouteLength(key);
        NetlinkHeader.write(buffer, offset, length, RTM_DELROUTE, nlFlags, seq);
        long at = writeRtmsg(buffer, offset + NetlinkHeader.SIZE, key, protocol, RT_SCOPE_NOWHERE, RTN_UNSPEC, 0);
        writeKey(buffer, at, key);
        return length;
    }

    static final int DUMP_REQUEST_LENGTH = NetlinkHeader.SIZE + SIZE;

    /** RTM_GETROUTE with NLM_F_DUMP for one address family: every route of every table. */
    static int writeRouteDumpRequest(MemorySegment buffer, long offset, int seq, int family) {
        NetlinkHeader.write(buffer, offset, DUMP_REQUEST_LENGTH, RTM_GETROUTE,
                NetlinkHeader.NLM_F_REQUEST | NetlinkHeader.NLM_F_DUMP, seq);
        buffer.asSlice(offset + NetlinkHeader.SIZE, SIZE).fill((byte) 0);
        buffer.set(JAVA_BYTE, offset + NetlinkHeader.SIZE, (byte) family);
        return DUMP_REQUEST_LENGTH;
    }

    static final int LINK_DUMP_REQUEST_LENGTH = NetlinkHeader.SIZE + IFINFOMSG_SIZE;

    /** RTM_GETLINK with NLM_F_DUMP: every interface of the socket's namespace. */
    static int writeLinkDumpRequest(MemorySegment buffer, long offset, int seq) {
        NetlinkHeader.write(buffer, offset, LINK_DUMP_REQUEST_LENGTH, RTM_GETLINK,
                NetlinkHeader.NLM_F_REQUEST | NetlinkHeader.NLM_F_DUMP, seq);
        buffer.asSlice(offset + NetlinkHeader.SIZE, IFINFOMSG_SIZE).fill((byte) 0);
        return LINK_DUMP_REQUEST_LENGTH;
    }

    /** A barrier: NLMSG_NOOP with NLM_F_ACK is acknowledged after every request before it. */
    static int writeNoop(MemorySegment buffer, long offset, int seq) {
        NetlinkHeader.write(buffer, offset, NetlinkHeader.SIZE, NetlinkHeader.NLMSG_NOOP,
                NetlinkHeader.NLM_F_REQUEST | NetlinkHeader.NLM_F_ACK, seq);
        return NetlinkHeader.SIZE;
    }

    private static int gatewayLength(FibRoute route, InetAddress gateway) {
        return sameFamily(route, gateway)
                ? RouteAttribute.HEADER + RouteAttribute.addressLength(gateway)
                : RouteAttribute.viaLength(gateway);
    }

    private static long writeGateway(MemorySegment buffer, long at, FibRoute route, InetAddress gateway) {
        return sameFamily(route, gateway)
                ? RouteAttribute.writeAddress(buffer, at, RouteAttribute.RTA_GATEWAY, gateway)
                : RouteAttribute.writeVia(buffer, at, gateway);
    }

    private static boolean sameFamily(FibRoute route, InetAddress gateway) {
        return route.prefix().isIpv4() == (gateway instanceof Inet4Address);
    }

    private static long writeRtmsg(MemorySegment buffer, long at, RouteKey key, int protocol, int scope, int type,
            int flags) {
        int table = key.table();
        // rtm_table is a u8; tables past 255 go only in RTA_TABLE, which the kernel prefers anyway.
        int table8 = Integer.compareUnsigned(table, 256) < 0 ? table : RT_TABLE_UNSPEC;
        buffer.set(JAVA_BYTE, at, (byte) family(key.prefix().isIpv4()));
        buffer.set(JAVA_BYTE, at + 1, (byte) key.prefix().length());
        buffer.set(JAVA_BYTE, at + 2, (byte) 0); // src_len
        buffer.set(JAVA_BYTE, at + 3, (byte) 0); // tos
        buffer.set(JAVA_BYTE, at + 4, (byte) table8);
        buffer.set(JAVA_BYTE, at + 5, (byte) protocol);
        buffer.set(JAVA_BYTE, at + 6, (byte) scope);
        buffer.set(JAVA_BYTE, at + 7, (byte) type);
        buffer.set(NetlinkHeader.U32, at + 8, flags);
        return at + SIZE;
    }

    private static long writeKey(MemorySegment buffer, long at, RouteKey key) {
        at = RouteAttribute.writeU32(buffer, at, RouteAttribute.RTA_TABLE, key.table());
        at = RouteAttribute.writePrefixAddress(buffer, at, RouteAttribute.RTA_DST, key.prefix());
        return RouteAttribute.writeU32(buffer, at, RouteAttribute.RTA_PRIORITY, key.metric());
    }
}
