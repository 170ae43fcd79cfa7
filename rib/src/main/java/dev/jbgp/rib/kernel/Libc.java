package dev.jbgp.rib.kernel;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

/**
 * The few libc calls the kernel FIB needs, bound through {@code java.lang.foreign}. Every
 * system call captures {@code errno} into a caller-supplied segment ({@link #newCallState}),
 * so a failure is read right after the call, before the JVM can overwrite it.
 *
 * <p>Constants are Linux's (x86-64 and arm64 share them: asm-generic/socket.h, linux/netlink.h,
 * linux/sched.h, asm-generic/fcntl.h).
 *
 * <p>Binding native functions is a restricted operation: the JVM must run with
 * {@code --enable-native-access} for this module (ALL-UNNAMED on the class path), or it warns.
 * This class is the only place that does it.
 */
@SuppressWarnings("restricted")
final class Libc {

    static final int AF_NETLINK = 16;
    static final int SOCK_RAW = 3;
    static final int SOCK_CLOEXEC = 0x80000;
    static final int NETLINK_ROUTE = 0;

    static final int SOL_SOCKET = 1;
    static final int SO_SNDBUF = 7;
    static final int SO_RCVBUF = 8;
    static final int SO_RCVTIMEO = 20;
    static final int SO_SNDBUFFORCE = 32;
    static final int SO_RCVBUFFORCE = 33;

    static final int SOL_NETLINK = 270;
    static final int NETLINK_CAP_ACK = 10;
    static final int NETLINK_EXT_ACK = 11;

    /** recvmmsg: block for the first datagram only, then take what is queued. */
    static final int MSG_WAITFORONE = 0x10000;
    static final int MSG_TRUNC = 0x20;
    static final int MSG_DONTWAIT = 0x40;

    static final int O_RDONLY = 0;
    static final int O_CLOEXEC = 0x80000;
    static final int CLONE_NEWNET = 0x40000000;

    /** struct sockaddr_nl (linux/netlink.h): family, pad, port id, groups. */
    static final int SOCKADDR_NL_SIZE = 12;

    private static final Linker LINKER = Linker.nativeLinker();
    private static final StructLayout CALL_STATE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO =
            CALL_STATE.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    private static final Linker.Option CAPTURE_ERRNO = Linker.Option.captureCallState("errno");

    private static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT;
    private static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG;
    private static final ValueLayout PTR = ValueLayout.ADDRESS;

    private static final MethodHandle SOCKET = syscall("socket", FunctionDescriptor.of(INT, INT, INT, INT));
    private static final MethodHandle BIND = syscall("bind", FunctionDescriptor.of(INT, INT, PTR, INT));
    private static final MethodHandle SETSOCKOPT =
            syscall("setsockopt", FunctionDescriptor.of(INT, INT, INT, INT, PTR, INT));
    private static final MethodHandle GETSOCKOPT =
            syscall("getsockopt", FunctionDescriptor.of(INT, INT, INT, INT, PTR, PTR));
    private static final MethodHandle SENDTO =
            syscall("sendto", FunctionDescriptor.of(LONG, INT, PTR, LONG, INT, PTR, INT));
    private static final MethodHandle RECV = syscall("recv", FunctionDescriptor.of(LONG, INT, PTR, LONG, INT));
    private static final MethodHandle RECVMMSG =
            syscall("recvmmsg", FunctionDescriptor.of(INT, INT, PTR, INT, INT, PTR));
    private static final MethodHandle CLOSE = syscall("close", FunctionDescriptor.of(INT, INT));
    // open(2) is variadic; the mode is passed (and ignored without O_CREAT) so the call is well-formed.
    private static final MethodHandle OPEN = LINKER.downcallHandle(
            symbol("open"), FunctionDescriptor.of(INT, PTR, INT, INT),
            CAPTURE_ERRNO, Linker.Option.firstVariadicArg(2));
    private static final MethodHandle SETNS = syscall("setns", FunctionDescriptor.of(INT, INT, INT));
    private static final MethodHandle STRERROR =
            LINKER.downcallHandle(symbol("strerror"), FunctionDescriptor.of(PTR, INT));

    private Libc() {}

    /** A segment to receive {@code errno}; one per thread that makes calls. */
    static MemorySegment newCallState(Arena arena) {
        return arena.allocate(CALL_STATE);
    }

    static int errno(MemorySegment callState) {
        return (int) ERRNO.get(callState, 0L);
    }

    static int socket(MemorySegment state, int domain, int type, int protocol) {
        try {
            return (int) SOCKET.invokeExact(state, domain, type, protocol);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static int bind(MemorySegment state, int fd, MemorySegment address) {
        try {
            return (int) BIND.invokeExact(state, fd, address, (int) address.byteSize());
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static int setsockopt(MemorySegment state, int fd, int level, int name, MemorySegment value) {
        try {
            return (int) SETSOCKOPT.invokeExact(state, fd, level, name, value, (int) value.byteSize());
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static int getsockopt(MemorySegment state, int fd, int level, int name, MemorySegment value,
            MemorySegment length) {
        try {
            return (int) GETSOCKOPT.invokeExact(state, fd, level, name, value, length);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static long sendto(MemorySegment state, int fd, MemorySegment buffer, long length, MemorySegment to) {
        try {
            return (long) SENDTO.invokeExact(state, fd, buffer, length, 0, to, (int) to.byteSize());
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static long recv(MemorySegment state, int fd, MemorySegment buffer, long length) {
        try {
            return (long) RECV.invokeExact(state, fd, buffer, length, 0);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** recvmmsg(2) with no timeout of its own (SO_RCVTIMEO still bounds the wait for the first). */
    static int recvmmsg(MemorySegment state, int fd, MemorySegment vector, int count, int flags) {
        try {
            return (int) RECVMMSG.invokeExact(state, fd, vector, count, flags, MemorySegment.NULL);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static int close(MemorySegment state, int fd) {
        try {
            return (int) CLOSE.invokeExact(state, fd);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static int open(MemorySegment state, MemorySegment path, int flags) {
        try {
            return (int) OPEN.invokeExact(state, path, flags, 0);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static int setns(MemorySegment state, int fd, int nstype) {
        try {
            return (int) SETNS.invokeExact(state, fd, nstype);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** glibc's strerror returns a static string for every errno it knows, so this is thread-safe. */
    static String strerror(int errno) {
        try {
            MemorySegment text = (MemorySegment) STRERROR.invokeExact(errno);
            return text.reinterpret(1024).getString(0);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    private static MethodHandle syscall(String name, FunctionDescriptor descriptor) {
        return LINKER.downcallHandle(symbol(name), descriptor, CAPTURE_ERRNO);
    }

    private static MemorySegment symbol(String name) {
        return LINKER.defaultLookup().find(name)
                .orElseThrow(() -> new UnsatisfiedLinkError("libc has no " + name));
    }

    private static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException r) {
            throw r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        throw new IllegalStateException(t);
    }
}
