package dev.jbgp.rib.kernel;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * A kernel routing table a test drives through a {@link Fib}, and reaches behind the Fib's back
 * the way an operator would with {@code ip route}. One implementation is {@link FakeFib}'s
 * in-memory kernel, the other a network namespace: the same contract tests run on both.
 */
interface TestKernel extends AutoCloseable {

    /** RTPROT_STATIC (linux/rtnetlink.h): {@code proto static}. */
    int RTPROT_STATIC = 4;

    /** A gateway no subnet of the lab holds: the kernel refuses routes through it (ENETUNREACH). */
    InetAddress UNREACHABLE_GATEWAY = address("198.19.99.1");
    int ENETUNREACH = 101;

    /** A new Fib on this kernel, {@code proto bird}. Opening a second one plays a daemon restart. */
    Fib open() throws IOException;

    /** {@code ip route replace <route> proto <protocol>}. */
    void addByHand(FibRoute route, int protocol);

    /** {@code ip route del <key> [proto <protocol>]}. */
    void deleteByHand(RouteKey key, int protocol);

    /** Gives the lab a subnet holding {@link #UNREACHABLE_GATEWAY}, which then is reachable. */
    void makeUnreachableGatewayReachable();

    @Override
    void close();

    static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal); // a literal: no name lookup
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(literal, e);
        }
    }

    /** The in-memory kernel: refuses routes via {@link #UNREACHABLE_GATEWAY} until told not to. */
    final class Fake implements TestKernel {
        private final FakeFib.Kernel kernel = new FakeFib.Kernel();
        private boolean reachable;

        Fake() {
            kernel.refuse(route -> !reachable && route.nextHops().stream()
                    .anyMatch(hop -> hop.gateway().equals(UNREACHABLE_GATEWAY)), ENETUNREACH);
        }

        @Override
        public Fib open() {
            return new FakeFib(kernel, Fib.RTPROT_BIRD);
        }

        @Override
        public void addByHand(FibRoute route, int protocol) {
            kernel.addByHand(route, protocol);
        }

        @Override
        public void deleteByHand(RouteKey key, int protocol) {
            if (kernel.protocolAt(key).orElse(-1) == protocol) {
                kernel.deleteByHand(key);
            }
        }

        @Override
        public void makeUnreachableGatewayReachable() {
            reachable = true;
        }

        @Override
        public void close() {}
    }

    /** A network namespace of the test's own ({@link TestNamespace}). */
    final class Namespace implements TestKernel {
        final TestNamespace namespace;

        Namespace() {
            this.namespace = TestNamespace.create();
        }

        @Override
        public Fib open() throws IOException {
            return KernelFib.openInNamespace(namespace.name, Fib.RTPROT_BIRD);
        }

        @Override
        public void addByHand(FibRoute route, int protocol) {
            namespace.ip(IpRoute.replace(route, protocol));
        }

        @Override
        public void deleteByHand(RouteKey key, int protocol) {
            namespace.ip(IpRoute.delete(key, protocol));
        }

        @Override
        public void makeUnreachableGatewayReachable() {
            namespace.ip("addr", "add", "198.19.99.2/24", "dev", "eth0");
        }

        @Override
        public void close() {
            namespace.close();
        }
    }
}
