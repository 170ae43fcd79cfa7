package dev.jbgp.rib.kernel;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;

import dev.jbgp.core.Prefix;
import java.lang.foreign.MemorySegment;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.IntFunction;

/**
 * One route of a RTM_GETROUTE dump (an RTM_NEWROUTE message from the kernel), as read: the
 * struct rtmsg fields and the attributes the FIB looks at (see {@link RtMessage} for the layout).
 *
 * @param flags rtm_flags; for a route with one next hop its RTNH_F_* flags are here
 * @param nexthopObject the route points at a nexthop object (RTA_NH_ID), which we never create
 */
record RouteMessage(int family, int table, int protocol, int type, int tos, int sourceLength, int flags,
        Prefix prefix, int metric, List<Hop> hops, boolean nexthopObject) {

    /** A next hop as the kernel reports it; {@code ifindex} 0 when it names no device. */
    record Hop(Optional<InetAddress> gateway, int ifindex, int flags) {}

    RouteKey key() {
        return new RouteKey(table, prefix, metric);
    }

    /**
     * The route as a {@link FibRoute}, or empty when it is something we never install: another
     * type (unreachable, local...), a source or TOS selector, a nexthop object, a next hop with
     * no gateway.
     */
    Optional<FibRoute> toFibRoute(IntFunction<Optional<String>> deviceName) {
        if (tos != 0 || sourceLength != 0 || nexthopObject) {
            return Optional.empty();
        }
        if (type == RtMessage.RTN_BLACKHOLE) {
            return Optional.of(new FibRoute(prefix, FibRoute.Type.BLACKHOLE, List.of(), metric, table));
        }
        if (type != RtMessage.RTN_UNICAST || hops.isEmpty()) {
            return Optional.empty();
        }
        List<NextHop> nextHops = new ArrayList<>(hops.size());
        for (Hop hop : hops) {
            if (hop.gateway.isEmpty() || (!prefix.isIpv4() && !(hop.gateway.get() instanceof Inet6Address))) {
                return Optional.empty();
            }
            Optional<String> device = hop.ifindex == 0 ? Optional.empty() : deviceName.apply(hop.ifindex);
            boolean onlink = (hop.flags & RtMessage.RTNH_F_ONLINK) != 0;
            if (onlink && device.isEmpty()) {
                return Optional.empty();
            }
            NextHop nextHop = new NextHop(hop.gateway.get(), device, onlink);
            if (nextHops.contains(nextHop)) {
                return Optional.empty();
            }
            nextHops.add(nextHop);
        }
        return Optional.of(new FibRoute(prefix, FibRoute.Type.UNICAST, nextHops, metric, table));
    }

    /**
     * Reads the RTM_NEWROUTE message at {@code offset}, bounded by its own length.
     *
     * @throws IllegalArgumentException when the message is malformed
     */
    static RouteMessage read(MemorySegment buffer, long offset) {
        int length = NetlinkHeader.length(buffer, offset);
        if (length < NetlinkHeader.SIZE + RtMessage.SIZE || offset + length > buffer.byteSize()) {
            throw new IllegalArgumentException("route message of " + length + " bytes");
        }
        long rtm = offset + NetlinkHeader.SIZE;
        int family = u8(buffer, rtm);
        int dstLength = u8(buffer, rtm + 1);
        int sourceLength = u8(buffer, rtm + 2);
        int tos = u8(buffer, rtm + 3);
        int table = u8(buffer, rtm + 4);
        int protocol = u8(buffer, rtm + 5);
        int type = u8(buffer, rtm + 7);
        int flags = buffer.get(NetlinkHeader.U32, rtm + 8);
        if (family != RtMessage.AF_INET && family != RtMessage.AF_INET6) {
            throw new IllegalArgumentException("route of address family " + family);
        }
        boolean ipv4 = family == RtMessage.AF_INET;
        byte[] destination = new byte[ipv4 ? 4 : 16];
        int metric = 0;
        Optional<InetAddress> gateway = Optional.empty();
        int ifindex = 0;
        List<Hop> multipath = null;
        boolean nexthopObject = false;

        long end = offset + length;
        long at = rtm + RtMessage.SIZE;
        while (at + RouteAttribute.HEADER <= end) {
            int attributeLength = Short.toUnsignedInt(buffer.get(NetlinkHeader.U16, at));
            int attributeType = Short.toUnsignedInt(buffer.get(NetlinkHeader.U16, at + 2)) & RouteAttribute.TYPE_MASK;
            if (attributeLength < RouteAttribute.HEADER || at + attributeLength > end) {
                throw new IllegalArgumentException("route attribute " + attributeType + " of " + attributeLength
                        + " bytes overruns its message");
            }
            long value = at + RouteAttribute.HEADER;
            int valueLength = attributeLength - RouteAttribute.HEADER;
            switch (attributeType) {
                case RouteAttribute.RTA_DST -> {
                    requireLength(attributeType, valueLength, destination.length);
                    MemorySegment.copy(buffer, JAVA_BYTE, value, destination, 0, destination.length);
                }
                case RouteAttribute.RTA_TABLE -> {
                    requireLength(attributeType, valueLength, 4);
                    table = buffer.get(NetlinkHeader.U32, value);
                }
                case RouteAttribute.RTA_PRIORITY -> {
                    requireLength(attributeType, valueLength, 4);
                    metric = buffer.get(NetlinkHeader.U32, value);
                }
                case RouteAttribute.RTA_OIF -> {
                    requireLength(attributeType, valueLength, 4);
                    ifindex = buffer.get(NetlinkHeader.U32, value);
                }
                case RouteAttribute.RTA_GATEWAY -> gateway = Optional.of(address(buffer, value, valueLength));
                case RouteAttribute.RTA_VIA -> gateway = Optional.of(via(buffer, value, valueLength));
                case RouteAttribute.RTA_MULTIPATH -> multipath = readMultipath(buffer, value, value + valueLength);
                case RouteAttribute.RTA_NH_ID -> nexthopObject = true;
                default -> { }
            }
            at += NetlinkHeader.align(attributeLength);
        }
        Prefix prefix = Prefix.of(address(destination), dstLength);
        List<Hop> hops;
        if (multipath != null) {
            hops = multipath;
        } else if (gateway.isPresent() || ifindex != 0) {
            hops = List.of(new Hop(gateway, ifindex, flags & 0xFF));
        } else {
            hops = List.of();
        }
        return new RouteMessage(family, table, protocol, type, tos, sourceLength, flags, prefix, metric, hops,
                nexthopObject);
    }

    private static List<Hop> readMultipath(MemorySegment buffer, long at, long end) {
        List<Hop> hops = new ArrayList<>(2);
        while (at + RtMessage.RTNEXTHOP_SIZE <= end) {
            int hopLength = Short.toUnsignedInt(buffer.get(NetlinkHeader.U16, at));
            if (hopLength < RtMessage.RTNEXTHOP_SIZE || at + hopLength > end) {
                throw new IllegalArgumentException("rtnexthop of " + hopLength + " bytes overruns RTA_MULTIPATH");
            }
            int flags = u8(buffer, at + 2);
            int ifindex = buffer.get(NetlinkHeader.U32, at + 4);
            Optional<InetAddress> gateway = Optional.empty();
            long attribute = at + RtMessage.RTNEXTHOP_SIZE;
            long hopEnd = at + hopLength;
            while (attribute + RouteAttribute.HEADER <= hopEnd) {
                int attributeLength = Short.toUnsignedInt(buffer.get(NetlinkHeader.U16, attribute));
                int attributeType = Short.toUnsignedInt(buffer.get(NetlinkHeader.U16, attribute + 2))
                        & RouteAttribute.TYPE_MASK;
                if (attributeLength < RouteAttribute.HEADER || attribute + attributeLength > hopEnd) {
                    throw new IllegalArgumentException("next hop attribute overruns its rtnexthop");
                }
                long value = attribute + RouteAttribute.HEADER;
                int valueLength = attributeLength - RouteAttribute.HEADER;
                if (attributeType == RouteAttribute.RTA_GATEWAY) {
                    gateway = Optional.of(address(buffer, value, valueLength));
                } else if (attributeType == RouteAttribute.RTA_VIA) {
                    gateway = Optional.of(via(buffer, value, valueLength));
                }
                attribute += NetlinkHeader.align(attributeLength);
            }
            hops.add(new Hop(gateway, ifindex, flags));
            at += NetlinkHeader.align(hopLength);
        }
        return hops;
    }

    /** struct rtvia: u16 family, then the address. */
    private static InetAddress via(MemorySegment buffer, long value, int valueLength) {
        if (valueLength < 2) {
            throw new IllegalArgumentException("RTA_VIA of " + valueLength + " bytes");
        }
        int family = Short.toUnsignedInt(buffer.get(NetlinkHeader.U16, value));
        int expected = family == RtMessage.AF_INET ? 4 : family == RtMessage.AF_INET6 ? 16 : -1;
        if (expected < 0 || valueLength - 2 < expected) {
            throw new IllegalArgumentException("RTA_VIA of family " + family + " and " + valueLength + " bytes");
        }
        return address(buffer, value + 2, expected);
    }

    private static InetAddress address(MemorySegment buffer, long value, int valueLength) {
        if (valueLength != 4 && valueLength != 16) {
            throw new IllegalArgumentException("address of " + valueLength + " bytes");
        }
        byte[] bytes = new byte[valueLength];
        MemorySegment.copy(buffer, JAVA_BYTE, value, bytes, 0, valueLength);
        return address(bytes);
    }

    private static InetAddress address(byte[] bytes) {
        try {
            // Inet6Address.getByAddress keeps an IPv4-mapped IPv6 address IPv6.
            return bytes.length == 4 ? InetAddress.getByAddress(bytes) : Inet6Address.getByAddress(null, bytes, -1);
        } catch (UnknownHostException e) {
            throw new AssertionError("4 or 16 bytes are always an address", e);
        }
    }

    private static void requireLength(int attributeType, int valueLength, int expected) {
        if (valueLength < expected) {
            throw new IllegalArgumentException("route attribute " + attributeType + " of " + valueLength
                    + " bytes, expected " + expected);
        }
    }

    private static int u8(MemorySegment buffer, long offset) {
        return Byte.toUnsignedInt(buffer.get(JAVA_BYTE, offset));
    }
}
