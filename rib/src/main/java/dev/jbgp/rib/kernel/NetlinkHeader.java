package dev.jbgp.rib.kernel;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * struct nlmsghdr and the netlink framing rules of linux/netlink.h. Netlink numbers are in the
 * host's byte order; addresses inside attributes are in network order.
 *
 * <pre>
 * 0               4       6       8              12              16
 * +---------------+-------+-------+---------------+---------------+
 * | nlmsg_len     | type  | flags | nlmsg_seq     | nlmsg_pid     |
 * +---------------+-------+-------+---------------+---------------+
 * </pre>
 */
final class NetlinkHeader {

    static final int SIZE = 16;

    static final int NLMSG_NOOP = 1;
    static final int NLMSG_ERROR = 2;
    static final int NLMSG_DONE = 3;
    static final int NLMSG_OVERRUN = 4;

    static final int NLM_F_REQUEST = 0x01;
    static final int NLM_F_MULTI = 0x02;
    static final int NLM_F_ACK = 0x04;
    static final int NLM_F_DUMP_INTR = 0x10;
    // Modifiers to GET requests.
    static final int NLM_F_DUMP = 0x300;
    // Modifiers to NEW requests.
    static final int NLM_F_REPLACE = 0x100;
    static final int NLM_F_EXCL = 0x200;
    static final int NLM_F_CREATE = 0x400;
    // Flags on an NLMSG_ERROR message: the request was not echoed, extended-ack TLVs follow.
    static final int NLM_F_CAPPED = 0x100;
    static final int NLM_F_ACK_TLVS = 0x200;

    static final ValueLayout.OfInt U32 = ValueLayout.JAVA_INT_UNALIGNED;
    static final ValueLayout.OfShort U16 = ValueLayout.JAVA_SHORT_UNALIGNED;

    private NetlinkHeader() {}

    /** NLMSG_ALIGN: messages and attributes start on 4-byte boundaries. */
    static int align(int length) {
        return (length + 3) & ~3;
    }

    static void write(MemorySegment buffer, long offset, int length, int type, int flags, int seq) {
        buffer.set(U32, offset, length);
        buffer.set(U16, offset + 4, (short) type);
        buffer.set(U16, offset + 6, (short) flags);
        buffer.set(U32, offset + 8, seq);
        buffer.set(U32, offset + 12, 0); // port id 0: addressed to the kernel
    }

    static int length(MemorySegment buffer, long offset) {
        return buffer.get(U32, offset);
    }

    static int type(MemorySegment buffer, long offset) {
        return Short.toUnsignedInt(buffer.get(U16, offset + 4));
    }

    static int flags(MemorySegment buffer, long offset) {
        return Short.toUnsignedInt(buffer.get(U16, offset + 6));
    }

    static int seq(MemorySegment buffer, long offset) {
        return buffer.get(U32, offset + 8);
    }
}
