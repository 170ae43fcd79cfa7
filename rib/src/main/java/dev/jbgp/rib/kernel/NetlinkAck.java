package dev.jbgp.rib.kernel;

import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The kernel's answer to one request: an NLMSG_ERROR message whose error is 0 for success or
 * a negative errno, with the extended-ack text when the kernel gave one (NETLINK_EXT_ACK).
 *
 * <pre>
 * nlmsghdr (16) | int error (4) | nlmsghdr of the request (16) | request payload, unless
 * NLM_F_CAPPED | struct nlattr TLVs when NLM_F_ACK_TLVS (NLMSGERR_ATTR_MSG = 1: a string)
 * </pre>
 *
 * @param seq the request's sequence number
 * @param errno 0 when the request succeeded, else the positive errno
 * @param message the kernel's explanation ("Nexthop has invalid gateway"), when it gave one
 */
record NetlinkAck(int seq, int errno, Optional<String> message) {

    static final int NLMSGERR_ATTR_MSG = 1;

    private static final int ERROR_OFFSET = NetlinkHeader.SIZE;
    private static final int ECHO_OFFSET = ERROR_OFFSET + 4;
    /** The header, the error and the header of the request it answers. */
    static final int MIN_LENGTH = ECHO_OFFSET + NetlinkHeader.SIZE;

    /**
     * Reads the NLMSG_ERROR message at {@code offset}. Every read stays within the message's own
     * length and within {@code buffer}, which may end before the message does (a datagram
     * truncated on receipt): attributes cut short are ignored.
     */
    static NetlinkAck read(MemorySegment buffer, long offset) {
        int length = NetlinkHeader.length(buffer, offset);
        if (length < MIN_LENGTH || offset + MIN_LENGTH > buffer.byteSize()) {
            throw new IllegalArgumentException("NLMSG_ERROR of " + length + " bytes is too short");
        }
        int error = buffer.get(NetlinkHeader.U32, offset + ERROR_OFFSET);
        int seq = NetlinkHeader.seq(buffer, offset + ECHO_OFFSET);
        int flags = NetlinkHeader.flags(buffer, offset);
        Optional<String> message = Optional.empty();
        if ((flags & NetlinkHeader.NLM_F_ACK_TLVS) != 0) {
            int echoed = (flags & NetlinkHeader.NLM_F_CAPPED) != 0
                    ? NetlinkHeader.SIZE
                    : NetlinkHeader.align(NetlinkHeader.length(buffer, offset + ECHO_OFFSET));
            message = findMessage(buffer, offset + ECHO_OFFSET + echoed, Math.min(offset + length, buffer.byteSize()));
        }
        return new NetlinkAck(seq, -error, message);
    }

    private static Optional<String> findMessage(MemorySegment buffer, long at, long end) {
        while (at + 4 <= end) {
            int attributeLength = Short.toUnsignedInt(buffer.get(NetlinkHeader.U16, at));
            int type = Short.toUnsignedInt(buffer.get(NetlinkHeader.U16, at + 2)) & RouteAttribute.TYPE_MASK;
            if (attributeLength < 4 || at + attributeLength > end) {
                return Optional.empty();
            }
            if (type == NLMSGERR_ATTR_MSG) {
                byte[] text = buffer.asSlice(at + 4, attributeLength - 4).toArray(java.lang.foreign.ValueLayout.JAVA_BYTE);
                int n = 0;
                while (n < text.length && text[n] != 0) {
                    n++;
                }
                return n == 0 ? Optional.empty() : Optional.of(new String(text, 0, n, StandardCharsets.UTF_8));
            }
            at += NetlinkHeader.align(attributeLength);
        }
        return Optional.empty();
    }
}
