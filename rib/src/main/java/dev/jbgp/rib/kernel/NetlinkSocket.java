package dev.jbgp.rib.kernel;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.function.LongSupplier;

/**
 * A NETLINK_ROUTE socket, through libc's socket(2), bind(2), sendto(2), recv(2) and
 * recvmmsg(2). Not safe for concurrent use: one thread owns it.
 *
 * <p>The send buffer must hold a whole datagram of requests (netlink_sendmsg refuses one longer
 * than it with EMSGSIZE). The receive buffer must hold the answers the kernel queues while it
 * works through a datagram, up to one per request: past it the kernel drops them (ENOBUFS).
 * Raising the buffers past net.core.[rw]mem_max takes SO_*BUFFORCE, which needs CAP_NET_ADMIN,
 * which installing routes needs anyway.
 */
final class NetlinkSocket implements AutoCloseable {

    static final int SEND_BUFFER = 4 << 20;
    static final int RECEIVE_BUFFER = 32 << 20;
    /** How long a receive waits for the kernel's answer before giving up. */
    static final int RECEIVE_TIMEOUT_SECONDS = 10;
    /** How many times a call a signal interrupted (EINTR) is made again before it fails. */
    private static final int EINTR_RETRIES = 100;

    private final int fd;
    private final Arena arena;
    private final MemorySegment callState;
    private final MemorySegment kernel;
    private final int receiveBufferSize;
    private boolean closed;

    private NetlinkSocket(int fd, Arena arena, MemorySegment callState, int receiveBufferSize) {
        this.fd = fd;
        this.arena = arena;
        this.callState = callState;
        this.kernel = sockaddrNl(arena);
        this.receiveBufferSize = receiveBufferSize;
    }

    /** A socket in the calling thread's network namespace, asking for {@code receiveBuffer} bytes of buffer. */
    static NetlinkSocket open(int receiveBuffer) throws IOException {
        Arena arena = Arena.ofShared();
        try {
            MemorySegment state = Libc.newCallState(arena);
            int fd = Libc.socket(state, Libc.AF_NETLINK, Libc.SOCK_RAW | Libc.SOCK_CLOEXEC, Libc.NETLINK_ROUTE);
            if (fd < 0) {
                throw new IOException("cannot create a netlink socket: " + Errno.text(Libc.errno(state)));
            }
            try {
                setBuffer(arena, state, fd, Libc.SO_SNDBUFFORCE, Libc.SO_SNDBUF, SEND_BUFFER);
                setBuffer(arena, state, fd, Libc.SO_RCVBUFFORCE, Libc.SO_RCVBUF, receiveBuffer);
                // Both are optional (Linux 4.3 and 4.12): a shorter error acknowledgement without
                // the request echoed, and the kernel's text explaining an error.
                Libc.setsockopt(state, fd, Libc.SOL_NETLINK, Libc.NETLINK_CAP_ACK, arena.allocateFrom(ValueLayout.JAVA_INT, 1));
                Libc.setsockopt(state, fd, Libc.SOL_NETLINK, Libc.NETLINK_EXT_ACK, arena.allocateFrom(ValueLayout.JAVA_INT, 1));
                MemorySegment timeout = arena.allocate(16); // struct timeval: long tv_sec, long tv_usec
                timeout.set(ValueLayout.JAVA_LONG, 0, RECEIVE_TIMEOUT_SECONDS);
                timeout.set(ValueLayout.JAVA_LONG, 8, 0);
                check(state, Libc.setsockopt(state, fd, Libc.SOL_SOCKET, Libc.SO_RCVTIMEO, timeout), "SO_RCVTIMEO");
                check(state, Libc.bind(state, fd, sockaddrNl(arena)), "bind");
                int granted = getInt(arena, state, fd, Libc.SOL_SOCKET, Libc.SO_RCVBUF);
                return new NetlinkSocket(fd, arena, state, granted);
            } catch (IOException | RuntimeException e) {
                Libc.close(state, fd);
                throw e;
            }
        } catch (IOException | RuntimeException e) {
            arena.close();
            throw e;
        }
    }

    /** A socket in the named network namespace; the calling thread's own is left as it was. */
    static NetlinkSocket openInNamespace(String name, int receiveBuffer) throws IOException {
        return NetworkNamespace.call(name, () -> open(receiveBuffer));
    }

    /** The receive buffer the kernel granted, in bytes of socket memory. */
    int receiveBufferSize() {
        return receiveBufferSize;
    }

    /**
     * Sends {@code length} bytes of {@code buffer} to the kernel as one datagram.
     *
     * @return 0, or the errno of the failure (EMSGSIZE, ENOBUFS...)
     */
    int send(MemorySegment buffer, long length) {
        long sent = restartedOnSignal(() -> Libc.sendto(callState, fd, buffer, length, kernel));
        if (sent < 0) {
            return (int) -sent;
        }
        return sent == length ? 0 : Errno.EINVAL;
    }

    /**
     * Receives one datagram into {@code buffer}.
     *
     * @return its length, or {@code -EAGAIN} when nothing came within the receive timeout, or
     *     {@code -ENOBUFS} when the kernel dropped messages for want of buffer space, or the
     *     negated errno of another failure
     */
    long receive(MemorySegment buffer) {
        return restartedOnSignal(() -> Libc.recv(callState, fd, buffer, buffer.byteSize()));
    }

    /**
     * Receives up to {@code vector.slots()} datagrams in one call, waiting only for the first,
     * or not at all unless {@code wait}.
     *
     * @return how many, or {@code -EAGAIN} when nothing came (within the receive timeout), or
     *     {@code -ENOBUFS} when the kernel dropped messages for want of buffer space, or the
     *     negated errno of another failure
     */
    int receive(ReceiveVector vector, boolean wait) {
        int flags = wait ? Libc.MSG_WAITFORONE : Libc.MSG_DONTWAIT;
        return (int) restartedOnSignal(() -> Libc.recvmmsg(callState, fd, vector.headers(), vector.slots(), flags));
    }

    /**
     * Makes {@code call}, a system call that returns -1 and sets errno when it fails, and makes
     * it again when a signal interrupted it (EINTR).
     *
     * @return what the call returned, or the negated errno of its failure
     */
    private long restartedOnSignal(LongSupplier call) {
        for (int attempt = 0; ; attempt++) {
            long result = call.getAsLong();
            if (result >= 0) {
                return result;
            }
            int errno = Libc.errno(callState);
            if (errno != Errno.EINTR || attempt >= EINTR_RETRIES) {
                return -errno;
            }
        }
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            Libc.close(callState, fd);
            arena.close();
        }
    }

    /** struct sockaddr_nl for the kernel (port 0, no groups); also what we bind to. */
    private static MemorySegment sockaddrNl(Arena arena) {
        MemorySegment address = arena.allocate(Libc.SOCKADDR_NL_SIZE, 4);
        address.set(ValueLayout.JAVA_SHORT, 0, (short) Libc.AF_NETLINK);
        return address;
    }

    private static void setBuffer(Arena arena, MemorySegment state, int fd, int force, int plain, int bytes) {
        MemorySegment value = arena.allocateFrom(ValueLayout.JAVA_INT, bytes);
        if (Libc.setsockopt(state, fd, Libc.SOL_SOCKET, force, value) != 0) {
            Libc.setsockopt(state, fd, Libc.SOL_SOCKET, plain, value); // capped at net.core.*mem_max
        }
    }

    private static int getInt(Arena arena, MemorySegment state, int fd, int level, int name) throws IOException {
        MemorySegment value = arena.allocate(ValueLayout.JAVA_INT);
        MemorySegment length = arena.allocateFrom(ValueLayout.JAVA_INT, 4);
        check(state, Libc.getsockopt(state, fd, level, name, value, length), "getsockopt");
        return value.get(ValueLayout.JAVA_INT, 0);
    }

    private static void check(MemorySegment state, int result, String what) throws IOException {
        if (result != 0) {
            throw new IOException("netlink socket " + what + ": " + Errno.text(Libc.errno(state)));
        }
    }
}
