package dev.jbgp.rib.kernel;

import dev.jbgp.core.Prefix;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Kernel FIB throughput, in a network namespace of its own (figures, not a test):
 * <pre>
 *   mvn -B -ntp -pl rib -am -Pfib-bench process-test-classes
 * </pre>
 * Installs 1,000,000 IPv4 /32 routes {@code via 198.19.0.3} through {@link KernelFib}, then
 * deletes them, and prints routes per second for each; then the same for 100,000 routes through
 * {@code ip -n <ns> -batch -} in the same run, for reference. Needs root and iproute2.
 *
 * <p>Every address stays in 198.19.0.0/16, which holds 65,536 /32s: the million routes are
 * spread over 16 tables (1000-1015) of 62,500 each.
 */
public final class FibBenchmark {

    static final int ROUTES = 1_000_000;
    static final int IP_BATCH_ROUTES = 100_000;
    static final int TABLES = 16;
    static final int FIRST_TABLE = 1000;
    static final int WARM_UP_ROUTES = 100_000;
    static final int BASE = 198 << 24 | 19 << 16;

    private FibBenchmark() {}

    public static void main(String[] args) throws Exception {
        int routes = args.length > 0 ? Integer.parseInt(args[0]) : ROUTES;
        System.out.printf("machine: %d CPUs (nproc), %s, Linux %s, %s %s%n", Runtime.getRuntime().availableProcessors(),
                cpuModel(), read("/proc/sys/kernel/osrelease"), System.getProperty("java.vm.name"),
                System.getProperty("java.runtime.version"));
        System.out.println("load average before: " + read("/proc/loadavg"));
        TestNamespace.requireNetns();
        try (TestNamespace namespace = TestNamespace.create()) {
            System.out.println("namespace: " + namespace.name);
            InetAddress gateway = InetAddress.getByName("198.19.0.3");
            measure(namespace, gateway, routes, false, "KernelFib");
            measure(namespace, gateway, routes, true, "KernelFib, NLM_F_ACK on every request");
            ipBatch(namespace, Math.min(routes, IP_BATCH_ROUTES));
        }
    }

    private static void measure(TestNamespace namespace, InetAddress gateway, int routes, boolean acknowledgeEach,
            String label) throws IOException {
        try (KernelFib fib = KernelFib.openInNamespace(namespace.name, Fib.RTPROT_BIRD,
                new KernelFib.Tuning(acknowledgeEach, NetlinkSocket.RECEIVE_BUFFER, 0))) {
            // Warm-up: JIT, and the kernel's allocators.
            install(fib, gateway, WARM_UP_ROUTES, FIRST_TABLE + TABLES);
            remove(fib, WARM_UP_ROUTES, FIRST_TABLE + TABLES);

            long start = System.nanoTime();
            install(fib, gateway, routes, FIRST_TABLE);
            long installed = System.nanoTime() - start;
            int inOneTable = fib.dump(FIRST_TABLE).size();
            start = System.nanoTime();
            remove(fib, routes, FIRST_TABLE);
            long removed = System.nanoTime() - start;
            FibCounters counters = fib.counters();
            System.out.printf("%s:%n", label);
            System.out.printf("  install: %,d routes in %.3f s = %,.0f routes/s%n", routes, seconds(installed),
                    routes / seconds(installed));
            System.out.printf("  delete:  %,d routes in %.3f s = %,.0f routes/s%n", routes, seconds(removed),
                    routes / seconds(removed));
            if (counters.refused() != 0 || inOneTable != Math.min(routes, ROUTES / TABLES)
                    || !fib.dump(FIRST_TABLE).isEmpty()) {
                throw new AssertionError("the kernel refused routes, lost some or kept some: " + counters
                        + ", table " + FIRST_TABLE + " held " + inOneTable);
            }
        }
    }

    private static void install(Fib fib, InetAddress gateway, int routes, int firstTable) {
        List<NextHop> via = List.of(NextHop.via(gateway));
        for (int i = 0; i < routes; i++) {
            fib.install(new FibRoute(host(i), FibRoute.Type.UNICAST, via, 0, table(i, firstTable)));
        }
        fib.flush();
    }

    private static void remove(Fib fib, int routes, int firstTable) {
        for (int i = 0; i < routes; i++) {
            fib.remove(new RouteKey(table(i, firstTable), host(i), 0));
        }
        fib.flush();
    }

    private static void ipBatch(TestNamespace namespace, int routes) {
        StringBuilder add = new StringBuilder(routes * 64);
        StringBuilder del = new StringBuilder(routes * 48);
        for (int i = 0; i < routes; i++) {
            Prefix host = host(i);
            int table = table(i, FIRST_TABLE);
            add.append("route add ").append(host).append(" via 198.19.0.3 proto bird table ").append(table).append('\n');
            del.append("route del ").append(host).append(" proto bird table ").append(table).append('\n');
        }
        long start = System.nanoTime();
        namespace.ipBatch(add.toString());
        long added = System.nanoTime() - start;
        start = System.nanoTime();
        namespace.ipBatch(del.toString());
        long deleted = System.nanoTime() - start;
        System.out.printf("ip -n %s -batch -:%n", namespace.name);
        System.out.printf("  install: %,d routes in %.3f s = %,.0f routes/s%n", routes, seconds(added),
                routes / seconds(added));
        System.out.printf("  delete:  %,d routes in %.3f s = %,.0f routes/s%n", routes, seconds(deleted),
                routes / seconds(deleted));
    }

    /** The i-th route: a /32 in 198.19.0.0/16, each table taking the next 62,500. */
    private static Prefix host(int i) {
        return Prefix.ipv4(BASE | (i % (ROUTES / TABLES)), 32);
    }

    private static int table(int i, int firstTable) {
        return firstTable + i / (ROUTES / TABLES);
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    private static String cpuModel() throws IOException {
        return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                .filter(line -> line.toLowerCase(Locale.ROOT).startsWith("model name"))
                .map(line -> line.substring(line.indexOf(':') + 1).strip())
                .findFirst().orElse("unknown CPU");
    }

    private static String read(String path) throws IOException {
        return Files.readString(Path.of(path)).strip();
    }
}
