package dev.jbgp.rib.kernel;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs an action with the calling thread inside a named network namespace
 * ({@code /var/run/netns/<name>}, as {@code ip netns add} makes them), then puts the thread back
 * where it was. A socket stays in the namespace it was created in, so creating one here is all
 * it takes to talk to another namespace's kernel tables from this process.
 *
 * <p>setns(2) moves one kernel thread. A virtual thread may change carriers between two calls,
 * so for a virtual caller the work is done on a short-lived platform thread instead, which the
 * caller waits for even when interrupted.
 */
final class NetworkNamespace {

    /** Where iproute2 binds named namespaces. */
    static final String NETNS_RUN_DIR = "/var/run/netns/";
    private static final String THREAD_NAMESPACE = "/proc/thread-self/ns/net";

    @FunctionalInterface
    interface Action<T> {
        T run() throws IOException;
    }

    private NetworkNamespace() {}

    static <T> T call(String name, Action<T> action) throws IOException {
        if (name.isEmpty() || name.indexOf('/') >= 0 || name.equals(".") || name.equals("..")) {
            throw new IllegalArgumentException("not a network namespace name: \"" + name + "\"");
        }
        if (Thread.currentThread().isVirtual()) {
            return onPlatformThread(name, action);
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = Libc.newCallState(arena);
            // Opened first: without a way back the thread must not leave.
            int home = openForReading(arena, state, THREAD_NAMESPACE);
            try {
                int target = openForReading(arena, state, NETNS_RUN_DIR + name);
                try {
                    if (Libc.setns(state, target, Libc.CLONE_NEWNET) != 0) {
                        int errno = Libc.errno(state);
                        throw new IOException("cannot enter network namespace " + name + ": " + Errno.text(errno));
                    }
                } finally {
                    Libc.close(state, target);
                }
                try {
                    return action.run();
                } finally {
                    if (Libc.setns(state, home, Libc.CLONE_NEWNET) != 0) {
                        int errno = Libc.errno(state);
                        throw new IllegalStateException("thread " + Thread.currentThread().getName()
                                + " could not return from network namespace " + name + ": " + Errno.text(errno));
                    }
                }
            } finally {
                Libc.close(state, home);
            }
        }
    }

    private static int openForReading(Arena arena, MemorySegment state, String path) throws IOException {
        int fd = Libc.open(state, arena.allocateFrom(path), Libc.O_RDONLY | Libc.O_CLOEXEC);
        if (fd < 0) {
            throw new IOException("cannot open " + path + ": " + Errno.text(Libc.errno(state)));
        }
        return fd;
    }

    private static <T> T onPlatformThread(String name, Action<T> action) throws IOException {
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread thread = Thread.ofPlatform().name("netns-" + name).start(() -> {
            try {
                result.set(call(name, action));
            } catch (Throwable t) {
                failure.set(t);
            }
        });
        // Waits even when interrupted: the action goes on regardless, and what it makes (a
        // socket) is the caller's to close. The interrupt is kept for the caller to see.
        boolean interrupted = false;
        while (true) {
            try {
                thread.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        Throwable t = failure.get();
        if (t instanceof IOException e) {
            throw e;
        } else if (t instanceof RuntimeException e) {
            throw e;
        } else if (t instanceof Error e) {
            throw e;
        }
        return result.get();
    }
}
