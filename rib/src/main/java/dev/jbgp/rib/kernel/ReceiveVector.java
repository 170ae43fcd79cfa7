package dev.jbgp.rib.kernel;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Slots for recvmmsg(2): many datagrams taken in one system call. A batch of route requests is
 * answered by one small datagram per request; reading them one recv(2) at a time would cost as
 * much as the kernel's work on the routes themselves.
 *
 * <p>The kernel structures (x86-64 and arm64 LP64 layout, linux/socket.h and bits/socket.h):
 * <pre>
 * struct mmsghdr { struct msghdr msg_hdr; unsigned int msg_len; }            64 bytes, padded
 * struct msghdr  { void *msg_name; socklen_t msg_namelen; struct iovec *msg_iov;
 *                  size_t msg_iovlen; void *msg_control; size_t msg_controllen;
 *                  int msg_flags; }                                           56 bytes
 * struct iovec   { void *iov_base; size_t iov_len; }                         16 bytes
 * </pre>
 */
final class ReceiveVector {

    private static final int MMSGHDR_SIZE = 64;
    private static final int MSG_IOV = 16;
    private static final int MSG_IOVLEN = 24;
    private static final int MSG_FLAGS = 48;
    private static final int MSG_LEN = 56;
    private static final int IOVEC_SIZE = 16;

    private final int slots;
    private final int slotSize;
    private final MemorySegment headers;
    private final MemorySegment data;

    /** {@code slots} datagrams of at most {@code slotSize} bytes each; a longer one is truncated. */
    ReceiveVector(Arena arena, int slots, int slotSize) {
        this.slots = slots;
        this.slotSize = slotSize;
        this.headers = arena.allocate((long) slots * MMSGHDR_SIZE, 8);
        MemorySegment iovecs = arena.allocate((long) slots * IOVEC_SIZE, 8);
        this.data = arena.allocate((long) slots * slotSize, 8);
        for (int i = 0; i < slots; i++) {
            MemorySegment iovec = iovecs.asSlice((long) i * IOVEC_SIZE, IOVEC_SIZE);
            iovec.set(ValueLayout.ADDRESS, 0, data.asSlice((long) i * slotSize, slotSize));
            iovec.set(ValueLayout.JAVA_LONG, 8, slotSize);
            long header = (long) i * MMSGHDR_SIZE;
            headers.set(ValueLayout.ADDRESS, header + MSG_IOV, iovec);
            headers.set(ValueLayout.JAVA_LONG, header + MSG_IOVLEN, 1);
        }
    }

    int slots() {
        return slots;
    }

    MemorySegment headers() {
        return headers;
    }

    /** The {@code i}-th datagram of the last receive, as much of it as fitted its slot. */
    MemorySegment datagram(int i) {
        long header = (long) i * MMSGHDR_SIZE;
        int length = Math.min(headers.get(ValueLayout.JAVA_INT, header + MSG_LEN), slotSize);
        return data.asSlice((long) i * slotSize, length);
    }

    /** True when the {@code i}-th datagram was longer than its slot. */
    boolean truncated(int i) {
        return (headers.get(ValueLayout.JAVA_INT, (long) i * MMSGHDR_SIZE + MSG_FLAGS) & Libc.MSG_TRUNC) != 0;
    }
}
