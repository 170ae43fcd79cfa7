package dev.jbgp.rib.kernel;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * A network namespace of the test's own, {@code jbgp-fib-<random>}, with a lab in it:
 * {@code eth0} carrying 198.19.0.1/24 and 2001:db8:19::1/64, and {@code tunl0} (each one end
 * of a veth pair whose other end stays in the namespace too, so nothing leads out of it). Closing
 * deletes the namespace; a JVM shutdown hook deletes any a failed test left behind.
 *
 * <p>Needs root and iproute2's {@code ip}. Without them the test is skipped, unless the
 * environment sets {@value #REQUIRE_NETNS}=1: then it fails, so CI cannot skip it silently.
 */
final class TestNamespace implements AutoCloseable {

    static final String REQUIRE_NETNS = "JBGP_REQUIRE_NETNS";
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(20);
    private static final Set<String> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            for (String name : LIVE) {
                try {
                    new ProcessBuilder(ipCommand(), "netns", "del", name).inheritIO().start().waitFor(5, TimeUnit.SECONDS);
                } catch (IOException | InterruptedException e) {
                    // the JVM is going away; nothing more to do
                }
            }
        }, "jbgp-fib-netns-cleanup"));
    }

    final String name;

    private TestNamespace(String name) {
        this.name = name;
    }

    /** Creates the namespace and its lab, or skips (or fails, when required) the test. */
    static TestNamespace create() {
        requireNetns();
        String name = "jbgp-fib-" + Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xFFFF_FFFFL);
        Result added = run(ipCommand(), "netns", "add", name);
        if (added.status != 0) {
            unavailable("cannot create a network namespace: " + added.output.strip());
        }
        LIVE.add(name);
        TestNamespace namespace = new TestNamespace(name);
        try {
            namespace.ip("link", "set", "lo", "up");
            namespace.ip("link", "add", "eth0", "type", "veth", "peer", "name", "eth0p");
            namespace.ip("link", "add", "tunl0", "type", "veth", "peer", "name", "tunl0p");
            for (String device : List.of("eth0", "eth0p", "tunl0", "tunl0p")) {
                namespace.ip("link", "set", device, "up");
            }
            namespace.ip("addr", "add", "198.19.0.1/24", "dev", "eth0");
            namespace.ip("-6", "addr", "add", "2001:db8:19::1/64", "dev", "eth0", "nodad");
            return namespace;
        } catch (RuntimeException | Error e) {
            namespace.close();
            throw e;
        }
    }

    /** Skips the test when it cannot create namespaces, or fails it when they are required. */
    static void requireNetns() {
        if (!isRoot()) {
            unavailable("kernel tests need root");
        }
        if (ipCommand() == null) {
            unavailable("kernel tests need iproute2's ip");
        }
    }

    /** {@code ip -n <name> args...}; fails the test when ip does. */
    String ip(String... args) {
        List<String> command = new ArrayList<>(List.of(ipCommand(), "-n", name));
        command.addAll(Arrays.asList(args));
        Result result = run(command.toArray(String[]::new));
        if (result.status != 0) {
            throw new AssertionError(String.join(" ", command) + " failed (" + result.status + "): "
                    + result.output.strip());
        }
        return result.output;
    }

    /** {@code ip -n <name> -batch -}, each line a command. */
    String ipBatch(String commands) {
        Result result = run(COMMAND_TIMEOUT, commands, ipCommand(), "-n", name, "-batch", "-");
        if (result.status != 0) {
            throw new AssertionError("ip -batch failed (" + result.status + "): " + result.output.strip());
        }
        return result.output;
    }

    /** The lines of {@code ip -n <name> [args...] route show <selector...>}, trailing spaces trimmed. */
    List<String> routes(String... args) {
        List<String> command = new ArrayList<>(Arrays.asList(args));
        if (!command.contains("route")) {
            command.add("route");
        }
        return ip(command.toArray(String[]::new)).lines().map(String::stripTrailing).toList();
    }

    /** Inode of the calling thread's network namespace: tells whether the thread moved. */
    static String threadNamespace() throws IOException {
        return Files.readSymbolicLink(Path.of("/proc/thread-self/ns/net")).toString();
    }

    @Override
    public void close() {
        run(ipCommand(), "netns", "del", name);
        LIVE.remove(name);
    }

    private static void unavailable(String reason) {
        if ("1".equals(System.getenv(REQUIRE_NETNS))) {
            fail(reason + ", and " + REQUIRE_NETNS + "=1");
        }
        assumeTrue(false, reason);
    }

    private static boolean isRoot() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:")) {
                    return line.split("\\s+")[2].equals("0"); // effective uid
                }
            }
        } catch (IOException e) {
            return false;
        }
        return false;
    }

    static String ipCommand() {
        for (String dir : List.of("/usr/sbin", "/sbin", "/usr/bin", "/bin")) {
            Path ip = Path.of(dir, "ip");
            if (Files.isExecutable(ip)) {
                return ip.toString();
            }
        }
        return null;
    }

    /** @param output what the command wrote, to its standard output and error */
    record Result(int status, String output) {}

    private static Result run(String... command) {
        return run(COMMAND_TIMEOUT, null, command);
    }

    /**
     * Runs {@code command} with {@code input} (null: none); fails when it takes past {@code
     * timeout}, and kills it. Input and output go through files: a pipe nobody drains or fills
     * would let a hanging command hang the test past its timeout.
     */
    static Result run(Duration timeout, String input, String... command) {
        Path in = null;
        Path out = null;
        try {
            in = Files.createTempFile("jbgp-fib-cmd", ".in");
            out = Files.createTempFile("jbgp-fib-cmd", ".out");
            if (input != null) {
                Files.writeString(in, input, StandardCharsets.UTF_8);
            }
            Process process = new ProcessBuilder(command)
                    .redirectInput(in.toFile())
                    .redirectOutput(out.toFile())
                    .redirectErrorStream(true)
                    .start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                throw new AssertionError(String.join(" ", command) + " did not finish within " + timeout);
            }
            return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AssertionError("cannot run " + String.join(" ", command), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted running " + String.join(" ", command), e);
        } finally {
            deleteQuietly(in);
            deleteQuietly(out);
        }
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // a temporary file left behind harms nothing
            }
        }
    }
}
