package dev.jbgp.peering.interop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A LAN of network namespaces, the test's own: a switch namespace holding a Linux bridge, and
 * one namespace per node whose {@code eth0} is a veth into that bridge, with an address in
 * 198.19.0.0/20 and one in fd00:198:19::/64. {@code lo} is up, there is no default route, and
 * nothing is added to the root namespace: every link is created inside the switch namespace and
 * one end moved into the node's.
 *
 * <p>Namespace names are {@code jbgp-it-<pid>-<n>-<node>}, so parallel runs and leftovers of a
 * killed run never clash; a lab sweeps leftovers whose JVM is gone before it builds. {@link
 * #close()} stops every process the lab started (by PID: SIGTERM, then SIGKILL, each wait
 * bounded) and deletes every namespace, also when the test failed; a JVM shutdown hook closes
 * labs a killed test left open.
 */
final class Lab implements AutoCloseable {

    static final String NAME_PREFIX = "jbgp-it-";
    static final int IPV4_PREFIX_LENGTH = 20;
    static final int IPV6_PREFIX_LENGTH = 64;
    static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(20);
    static final Duration STOP_WAIT = Duration.ofSeconds(5);

    private static final Pattern NODE_NAME = Pattern.compile("[a-z][a-z0-9]{0,15}");
    private static final Pattern LAB_IPV4 = Pattern.compile("198\\.19\\.(\\d{1,2})\\.(\\d{1,3})");
    private static final Pattern OUR_NAMESPACE = Pattern.compile(Pattern.quote(NAME_PREFIX) + "(\\d+)-.*");
    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private static final Set<Lab> OPEN = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            for (Lab lab : OPEN) {
                try {
                    lab.close();
                } catch (RuntimeException | AssertionError e) {
                    System.err.println("lab " + lab.base + ": " + e.getMessage());
                }
            }
        }, "jbgp-interop-lab-cleanup"));
    }

    /**
     * A node of the lab.
     *
     * @param name the node's name in the test ({@code bird}, {@code node1})
     * @param namespace its network namespace
     * @param ipv4 its address on {@code eth0}, in 198.19.0.0/20
     * @param ipv6 its address on {@code eth0}, in fd00:198:19::/64
     * @param dir a directory for its configuration, logs and sockets
     */
    record Node(String name, String namespace, String ipv4, String ipv6, Path dir) {

        /** {@code 198.19.0.2/20}, as a Calico Node's {@code spec.bgp.ipv4Address}. */
        String ipv4Cidr() {
            return ipv4 + "/" + IPV4_PREFIX_LENGTH;
        }

        String ipv6Cidr() {
            return ipv6 + "/" + IPV6_PREFIX_LENGTH;
        }
    }

    /** A long-running process the lab started in a node's namespace, writing to {@code log}. */
    static final class Daemon {
        final String label;
        final Node node;
        final Process process;
        final Path log;

        private Daemon(String label, Node node, Process process, Path log) {
            this.label = label;
            this.node = node;
            this.process = process;
            this.log = log;
        }

        long pid() {
            return process.pid();
        }

        boolean alive() {
            return process.isAlive();
        }

        /** The last {@code lines} lines of its log. */
        String logTail(int lines) {
            try {
                List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
                return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
            } catch (IOException e) {
                return "(cannot read " + log + ": " + e.getMessage() + ")";
            }
        }

        @Override
        public String toString() {
            return label + " in " + node.name() + " (pid " + pid() + (alive() ? "" : ", exited " + process.exitValue())
                    + ")";
        }
    }

    final String base;
    final Path dir;
    private final String switchNamespace;
    private final List<String> namespaces = new ArrayList<>();
    private final Map<String, Node> nodes = new LinkedHashMap<>();
    private final List<Daemon> daemons = new ArrayList<>();
    private final Map<String, Supplier<String>> states = new LinkedHashMap<>();
    private boolean closed;

    private Lab(String base, Path dir) {
        this.base = base;
        this.dir = dir;
        this.switchNamespace = base + "-sw";
    }

    /**
     * Builds the switch (a namespace with bridge {@code br0}); skips the test when namespaces
     * cannot be made here, or fails it when {@value Prerequisites#REQUIRE_INTEROP}=1.
     */
    static Lab create() {
        Prerequisites.require();
        sweepLeftovers();
        String base = NAME_PREFIX + ProcessHandle.current().pid() + "-" + SEQUENCE.incrementAndGet();
        Path dir;
        try {
            dir = Files.createTempDirectory(base + "-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Lab lab = new Lab(base, dir);
        OPEN.add(lab);
        try {
            Command.Result added = Command.run(COMMAND_TIMEOUT, List.of(ip(), "netns", "add", lab.switchNamespace));
            if (!added.ok()) {
                Prerequisites.unavailable("cannot create a network namespace: " + added.output().strip());
            }
            lab.namespaces.add(lab.switchNamespace);
            lab.ip(lab.switchNamespace, "link", "set", "lo", "up");
            Command.Result bridge = Command.run(COMMAND_TIMEOUT,
                    List.of(ip(), "-n", lab.switchNamespace, "link", "add", "br0", "type", "bridge"));
            if (!bridge.ok()) {
                Prerequisites.unavailable("cannot create a Linux bridge: " + bridge.output().strip());
            }
            lab.ip(lab.switchNamespace, "link", "set", "br0", "up");
            return lab;
        } catch (RuntimeException | Error e) {
            lab.close();
            throw e;
        }
    }

    /**
     * Adds a node with {@code ipv4} (in 198.19.0.0/20) and the IPv6 address written with the same
     * numbers: 198.19.0.2 gets fd00:198:19::2, 198.19.15.254 gets fd00:198:19::15:254.
     */
    Node addNode(String name, String ipv4) {
        Matcher m = LAB_IPV4.matcher(ipv4);
        if (!m.matches() || Integer.parseInt(m.group(1)) > 15 || Integer.parseInt(m.group(2)) > 255) {
            throw new IllegalArgumentException(ipv4 + " is not in the lab's 198.19.0.0/20");
        }
        String third = m.group(1).equals("0") ? "" : m.group(1) + ":";
        return addNode(name, ipv4, "fd00:198:19::" + third + m.group(2));
    }

    Node addNode(String name, String ipv4, String ipv6) {
        if (!NODE_NAME.matcher(name).matches() || name.equals("sw") || nodes.containsKey(name)) {
            throw new IllegalArgumentException("node name " + name + " is taken or not [a-z][a-z0-9]*");
        }
        if (!ipv6.startsWith("fd00:198:19::")) {
            throw new IllegalArgumentException(ipv6 + " is not in the lab's fd00:198:19::/64");
        }
        String namespace = base + "-" + name;
        ip(null, "netns", "add", namespace);
        namespaces.add(namespace);
        Path nodeDir = dir.resolve(name);
        try {
            Files.createDirectories(nodeDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Node node = new Node(name, namespace, ipv4, ipv6, nodeDir);
        String port = "port" + (nodes.size() + 1);
        // Both ends are made in the switch namespace and one is moved: the root namespace never sees them.
        ip(switchNamespace, "link", "add", port, "type", "veth", "peer", "name", "eth0", "netns", namespace);
        ip(switchNamespace, "link", "set", port, "master", "br0");
        ip(switchNamespace, "link", "set", port, "up");
        ip(namespace, "link", "set", "lo", "up");
        ip(namespace, "link", "set", "eth0", "up");
        ip(namespace, "addr", "add", node.ipv4Cidr(), "dev", "eth0");
        // nodad: the address is usable at once, instead of after duplicate address detection.
        ip(namespace, "-6", "addr", "add", node.ipv6Cidr(), "dev", "eth0", "nodad");
        nodes.put(name, node);
        describe(name + ": ip route", () -> String.join("\n", ipRoute(node)) + "\n" + String.join("\n", ipRoute6(node)));
        return node;
    }

    List<Node> nodes() {
        return List.copyOf(nodes.values());
    }

    /** Runs {@code command} in {@code node}'s namespace ({@code ip netns exec}) and waits, at most {@code timeout}. */
    Command.Result exec(Node node, Duration timeout, String... command) {
        return Command.run(timeout, inNamespace(node, command));
    }

    Command.Result exec(Node node, String... command) {
        return exec(node, COMMAND_TIMEOUT, command);
    }

    /** Like {@link #exec(Node, String...)}, failing the test when the command fails; returns its output. */
    String execOk(Node node, String... command) {
        return exec(node, command).orFail(inNamespace(node, command));
    }

    /** The lines of {@code ip route} in {@code node}'s namespace, trailing spaces removed. */
    List<String> ipRoute(Node node) {
        return lines(ip(node.namespace(), "route"));
    }

    /** The lines of {@code ip -6 route} in {@code node}'s namespace, trailing spaces removed. */
    List<String> ipRoute6(Node node) {
        return lines(ip(node.namespace(), "-6", "route"));
    }

    /**
     * Starts {@code command} in {@code node}'s namespace; its output is appended to {@code
     * <node>/<label>.log}. {@code ip netns exec} execs the command in place, so the process the
     * lab holds is the daemon itself and can be stopped by its PID.
     */
    Daemon start(Node node, String label, List<String> command) {
        Path log = node.dir().resolve(label + ".log");
        List<String> full = inNamespace(node, command.toArray(String[]::new));
        try {
            Files.writeString(log, "# " + String.join(" ", full) + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            Process process = new ProcessBuilder(full)
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .redirectErrorStream(true)
                    .start();
            Daemon daemon = new Daemon(label, node, process, log);
            synchronized (daemons) {
                daemons.add(daemon);
            }
            return daemon;
        } catch (IOException e) {
            throw new AssertionError("cannot start " + String.join(" ", full), e);
        }
    }

    /**
     * Stops {@code daemon}: SIGTERM, up to {@link #STOP_WAIT} for it to exit, then SIGKILL.
     * Returns its exit status.
     */
    int stop(Daemon daemon) {
        daemon.process.destroy();
        return awaitExit(daemon, STOP_WAIT);
    }

    /** Kills {@code daemon} with SIGKILL, as a crash would, and returns its exit status. */
    int kill(Daemon daemon) {
        daemon.process.destroyForcibly();
        return awaitExit(daemon, STOP_WAIT);
    }

    /** Waits for {@code daemon} to exit by itself, at most {@code timeout}, then kills it. */
    int awaitExit(Daemon daemon, Duration timeout) {
        try {
            if (!daemon.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                daemon.process.destroyForcibly();
                if (!daemon.process.waitFor(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                    throw new AssertionError(daemon + " did not exit after SIGKILL");
                }
            }
            return daemon.process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted stopping " + daemon, e);
        }
    }

    /** Adds {@code state} to what a failed {@link #await} prints, under {@code title}. */
    void describe(String title, Supplier<String> state) {
        synchronized (states) {
            states.put(title, state);
        }
    }

    /** Everything registered with {@link #describe}, each part read now; a part that fails says why. */
    String state() {
        List<Map.Entry<String, Supplier<String>>> parts;
        synchronized (states) {
            parts = List.copyOf(states.entrySet());
        }
        StringBuilder out = new StringBuilder();
        for (Map.Entry<String, Supplier<String>> part : parts) {
            out.append("---- ").append(part.getKey()).append('\n');
            try {
                out.append(part.getValue().get().stripTrailing()).append('\n');
            } catch (RuntimeException | AssertionError e) {
                out.append("(cannot read: ").append(e.getMessage()).append(")\n");
            }
        }
        return out.toString();
    }

    /** Polls {@code condition} until it holds, at most {@code timeout}; fails with {@link #state()}. */
    void await(String description, Duration timeout, BooleanSupplier condition) {
        Await.until(description, timeout, condition, this::state);
    }

    /** Polls {@code condition} for {@code duration}; fails with {@link #state()} at the first poll where it does not hold. */
    void holds(String description, Duration duration, BooleanSupplier condition) {
        Await.during(description, duration, condition, this::state);
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        List<String> problems = new ArrayList<>();
        List<Daemon> started;
        synchronized (daemons) {
            started = new ArrayList<>(daemons);
        }
        for (Daemon daemon : started.reversed()) {
            try {
                if (daemon.alive()) {
                    stop(daemon);
                }
            } catch (RuntimeException | AssertionError e) {
                problems.add(e.getMessage());
            }
        }
        try {
            // Each namespace on its own: trouble with one must not leave the others behind.
            for (String namespace : namespaces.reversed()) {
                try {
                    problems.addAll(killRemaining(namespace));
                } catch (RuntimeException | AssertionError e) {
                    problems.add("killing what runs in " + namespace + ": " + e.getMessage());
                }
                try {
                    Command.Result deleted = Command.run(COMMAND_TIMEOUT, List.of(ip(), "netns", "del", namespace));
                    if (!deleted.ok()) {
                        problems.add("ip netns del " + namespace + ": " + deleted.output().strip());
                    }
                } catch (RuntimeException | AssertionError e) {
                    problems.add("ip netns del " + namespace + ": " + e.getMessage());
                }
            }
        } finally {
            deleteTree(dir);
            OPEN.remove(this);
        }
        if (!problems.isEmpty()) {
            throw new AssertionError("lab " + base + " did not clean up: " + String.join("; ", problems));
        }
    }

    /**
     * Kills, by PID, what still runs in {@code namespace}: only the lab puts processes there
     * (a {@code birdc} left behind, a child of a daemon).
     */
    private static List<String> killRemaining(String namespace) {
        List<String> problems = new ArrayList<>();
        Command.Result pids = Command.run(COMMAND_TIMEOUT, List.of(ip(), "netns", "pids", namespace));
        if (!pids.ok()) {
            return problems;
        }
        for (String line : lines(pids.output())) {
            if (line.isBlank()) {
                continue;
            }
            long pid = Long.parseLong(line.strip());
            ProcessHandle.of(pid).ifPresent(process -> {
                process.destroyForcibly();
                try {
                    process.onExit().get(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS);
                } catch (Exception e) {
                    problems.add("pid " + pid + " in " + namespace + " did not exit: " + e);
                }
            });
        }
        return problems;
    }

    /** Deletes namespaces of earlier runs whose JVM no longer exists (killed before it could clean up). */
    private static void sweepLeftovers() {
        Command.Result list = Command.run(COMMAND_TIMEOUT, List.of(ip(), "netns", "list"));
        if (!list.ok()) {
            return;
        }
        for (String line : lines(list.output())) {
            String name = line.split("\\s+")[0];
            Matcher m = OUR_NAMESPACE.matcher(name);
            if (!m.matches()) {
                continue;
            }
            long pid = Long.parseLong(m.group(1));
            if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                continue;
            }
            System.err.println("deleting network namespace " + name + ", left by a test run that is gone");
            killRemaining(name);
            Command.run(COMMAND_TIMEOUT, List.of(ip(), "netns", "del", name));
        }
    }

    /** {@code ip [-n namespace] args...}; fails the test when ip does. */
    private String ip(String namespace, String... args) {
        List<String> command = new ArrayList<>();
        command.add(ip());
        if (namespace != null) {
            command.add("-n");
            command.add(namespace);
        }
        command.addAll(Arrays.asList(args));
        return Command.run(COMMAND_TIMEOUT, command).orFail(command);
    }

    private static List<String> inNamespace(Node node, String... command) {
        List<String> full = new ArrayList<>(List.of(ip(), "netns", "exec", node.namespace()));
        full.addAll(Arrays.asList(command));
        return full;
    }

    static String ip() {
        String ip = Command.find("ip");
        if (ip == null) {
            throw new AssertionError("iproute2's ip is not installed");
        }
        return ip;
    }

    /** {@code ip route} lines sorted by their prefix ({@code blackhole} set aside), as a person reads the table. */
    static List<String> byDestination(List<String> routeLines) {
        return routeLines.stream().sorted(Comparator.comparing(Lab::destination)).toList();
    }

    private static String destination(String routeLine) {
        String rest = routeLine.startsWith("blackhole ") ? routeLine.substring("blackhole ".length()) : routeLine;
        return rest.split(" ")[0];
    }

    static List<String> lines(String output) {
        return output.lines().map(String::stripTrailing).toList();
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    // a leftover temporary file harms nothing
                }
            });
        } catch (IOException e) {
            // as above
        }
    }
}
