package dev.jbgp.rib.kernel;

import static dev.jbgp.rib.kernel.TestKernel.address;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jbgp.core.Prefix;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The calling thread goes into a named network namespace and always comes back. */
class NetworkNamespaceTest {

    @Test
    void aNamespaceThatDoesNotExistFailsAndTheThreadStaysWhereItWas() throws IOException {
        String home = TestNamespace.threadNamespace();

        IOException e = assertThrows(IOException.class,
                () -> NetworkNamespace.call("jbgp-fib-no-such-namespace", () -> "never"));

        assertEquals("cannot open /var/run/netns/jbgp-fib-no-such-namespace: No such file or directory",
                e.getMessage());
        assertEquals(home, TestNamespace.threadNamespace());
    }

    @Test
    void aNameThatIsAPathIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> NetworkNamespace.call("../../proc/1/ns/net", () -> 1));
        assertThrows(IllegalArgumentException.class, () -> NetworkNamespace.call("..", () -> 1));
        assertThrows(IllegalArgumentException.class, () -> NetworkNamespace.call("", () -> 1));
    }

    @Test
    @Tag("netns")
    void theActionRunsInTheNamespaceAndTheThreadComesBack() throws IOException {
        try (TestNamespace namespace = TestNamespace.create()) {
            String home = TestNamespace.threadNamespace();

            String inside = NetworkNamespace.call(namespace.name, TestNamespace::threadNamespace);

            assertNotEquals(home, inside);
            assertEquals(home, TestNamespace.threadNamespace());
        }
    }

    @Test
    @Tag("netns")
    void anActionThatFailsInsideStillBringsTheThreadBack() throws IOException {
        try (TestNamespace namespace = TestNamespace.create()) {
            String home = TestNamespace.threadNamespace();

            assertThrows(IOException.class, () -> NetworkNamespace.call(namespace.name, () -> {
                throw new IOException("failed inside");
            }));
            assertThrows(IllegalStateException.class, () -> NetworkNamespace.call(namespace.name, () -> {
                throw new IllegalStateException("failed inside");
            }));

            assertEquals(home, TestNamespace.threadNamespace());
        }
    }

    @Test
    @Tag("netns")
    void aFibOpenedFromAVirtualThreadWritesIntoTheNamespace() throws Exception {
        try (TestNamespace namespace = TestNamespace.create()) {
            AtomicReference<Throwable> failure = new AtomicReference<>();
            Thread.ofVirtual().start(() -> {
                try (KernelFib fib = KernelFib.openInNamespace(namespace.name, Fib.RTPROT_BIRD)) {
                    fib.install(FibRoute.via(Prefix.parse("198.19.21.64/26"), address("198.19.0.3")));
                } catch (Throwable t) {
                    failure.set(t);
                }
            }).join();

            assertEquals(null, failure.get());
            assertEquals(List.of("198.19.21.64/26 via 198.19.0.3 dev eth0 proto bird"),
                    namespace.routes("route", "show", "198.19.21.64/26"));
        }
    }

    /**
     * A virtual caller runs the action on a platform thread and waits for it. Interrupted while
     * waiting, it still gets what the action made (a socket, which nobody would close otherwise),
     * and keeps its interrupt.
     */
    @Test
    @Tag("netns")
    void aVirtualCallerInterruptedWhileTheActionRunsStillGetsItsResult() throws Exception {
        try (TestNamespace namespace = TestNamespace.create()) {
            CountDownLatch running = new CountDownLatch(1);
            CountDownLatch finish = new CountDownLatch(1);
            AtomicReference<String> result = new AtomicReference<>();
            AtomicBoolean interruptKept = new AtomicBoolean();
            AtomicReference<Throwable> failure = new AtomicReference<>();
            Thread caller = Thread.ofVirtual().start(() -> {
                try {
                    result.set(NetworkNamespace.call(namespace.name, () -> {
                        running.countDown();
                        try {
                            finish.await();
                        } catch (InterruptedException e) {
                            throw new IOException("the action itself was interrupted", e);
                        }
                        return "socket";
                    }));
                    interruptKept.set(Thread.currentThread().isInterrupted());
                } catch (Throwable t) {
                    failure.set(t);
                }
            });
            running.await();
            caller.interrupt();
            Thread.sleep(100); // time for the caller to see the interrupt
            finish.countDown();
            caller.join();

            assertEquals(null, failure.get());
            assertEquals("socket", result.get());
            assertTrue(interruptKept.get());
        }
    }
}
