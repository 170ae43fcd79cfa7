package dev.jbgp.rib.kernel;

import dev.jbgp.core.Prefix;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.net.Inet4Address;
import java.net.InetAddress;

/**
 * Route attributes (enum rtattr_type_t, linux/rtnetlink.h) and how one is written: a 4-byte
 * header {@code rta_len, rta_type} then the value, padded to 4 bytes (RTA_ALIGN).
 */
final class RouteAttribute {

    static final int RTA_DST = 1;
    static final int RTA_OIF = 4;
    static final int RTA_GATEWAY = 5;
    static final int RTA_PRIORITY = 6;
    static final int RTA_MULTIPATH = 9;
    static final int RTA_TABLE = 15;
    static final int RTA_VIA = 18;
    static final int RTA_NH_ID = 30;

    /** Strips NLA_F_NESTED and NLA_F_NET_BYTEORDER from a type (linux/netlink.h NLA_TYPE_MASK). */
    static final int TYPE_MASK = 0x3FFF;

    static final int HEADER = 4;
    static final int U32_LENGTH = HEADER + 4;

    private static final ValueLayout.OfInt BIG_ENDIAN_U32 =
            ValueLayout.JAVA_INT_UNALIGNED.withOrder(java.nio.ByteOrder.BIG_ENDIAN);
    private static final ValueLayout.OfLong BIG_ENDIAN_U64 =
            ValueLayout.JAVA_LONG_UNALIGNED.withOrder(java.nio.ByteOrder.BIG_ENDIAN);

    private RouteAttribute() {}

    static int addressLength(InetAddress address) {
        return address instanceof Inet4Address ? 4 : 16;
    }

    static int addressLength(Prefix prefix) {
        return prefix.isIpv4() ? 4 : 16;
    }

    /** A u32 attribute, in host byte order; returns the offset after it. */
    static long writeU32(MemorySegment buffer, long offset, int type, int value) {
        writeHeader(buffer, offset, U32_LENGTH, type);
        buffer.set(NetlinkHeader.U32, offset + HEADER, value);
        return offset + U32_LENGTH;
    }

    /** The prefix's address, in network byte order; returns the offset after it. */
    static long writePrefixAddress(MemorySegment buffer, long offset, int type, Prefix prefix) {
        if (prefix.isIpv4()) {
            writeHeader(buffer, offset, HEADER + 4, type);
            buffer.set(BIG_ENDIAN_U32, offset + HEADER, prefix.ipv4Address());
            return offset + HEADER + 4;
        }
        writeHeader(buffer, offset, HEADER + 16, type);
        buffer.set(BIG_ENDIAN_U64, offset + HEADER, prefix.hi());
        buffer.set(BIG_ENDIAN_U64, offset + HEADER + 8, prefix.lo());
        return offset + HEADER + 16;
    }

    /** An address attribute (RTA_GATEWAY); returns the offset after it. */
    static long writeAddress(MemorySegment buffer, long offset, int type, InetAddress address) {
        byte[] bytes = address.getAddress();
        writeHeader(buffer, offset, HEADER + bytes.length, type);
        MemorySegment.copy(bytes, 0, buffer, ValueLayout.JAVA_BYTE, offset + HEADER, bytes.length);
        return offset + HEADER + bytes.length;
    }

    /** Length of RTA_VIA: struct rtvia is a u16 address family then the address. */
    static int viaLength(InetAddress address) {
        return NetlinkHeader.align(HEADER + 2 + addressLength(address));
    }

    /** RTA_VIA, for a gateway of the other family (an IPv6 next hop of an IPv4 route). */
    static long writeVia(MemorySegment buffer, long offset, InetAddress address) {
        byte[] bytes = address.getAddress();
        int length = HEADER + 2 + bytes.length;
        writeHeader(buffer, offset, length, RTA_VIA);
        buffer.set(NetlinkHeader.U16, offset + HEADER,
                (short) (bytes.length == 4 ? RtMessage.AF_INET : RtMessage.AF_INET6));
        MemorySegment.copy(bytes, 0, buffer, ValueLayout.JAVA_BYTE, offset + HEADER + 2, bytes.length);
        long end = offset + length;
        long aligned = offset + NetlinkHeader.align(length);
        buffer.asSlice(end, aligned - end).fill((byte) 0);
        return aligned;
    }

    static void writeHeader(MemorySegment buffer, long offset, int length, int type) {
        buffer.set(NetlinkHeader.U16, offset, (short) length);
        buffer.set(NetlinkHeader.U16, offset + 2, (short) type);
    }
}
