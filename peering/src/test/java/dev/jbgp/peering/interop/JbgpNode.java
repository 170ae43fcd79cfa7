package dev.jbgp.peering.interop;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The jbgp daemon in a lab node's namespace, a child process of the test's JVM: {@code jbgp run
 * --config <file> --node <name> --admin 127.0.0.1:<port>}, on the test's own class path. Its admin
 * API listens on the namespace's loopback, so it is read by running {@code jbgp status} in the
 * same namespace.
 */
final class JbgpNode {

    /** The admin port; each node has its own loopback, so every node can use the same one. */
    static final int ADMIN_PORT = 9179;
    private static final Duration CLI_TIMEOUT = Duration.ofSeconds(30);
    private static final String MAIN = "dev.jbgp.peering.cli.Jbgp";

    final Lab lab;
    final Lab.Node node;
    final String nodeName;
    final Path config;
    private final List<String> runOptions;
    private Lab.Daemon daemon;

    private JbgpNode(Lab lab, Lab.Node node, String nodeName, Path config, List<String> runOptions) {
        this.lab = lab;
        this.node = node;
        this.nodeName = nodeName;
        this.config = config;
        this.runOptions = List.copyOf(runOptions);
    }

    /**
     * Starts {@code jbgp run} in {@code node}'s namespace with {@code config}, as the Calico node
     * of the lab node's name; {@code runOptions} go on its command line after the others ({@code
     * --no-fib}).
     */
    static JbgpNode start(Lab lab, Lab.Node node, Path config, String... runOptions) {
        JbgpNode jbgp = new JbgpNode(lab, node, node.name(), config, List.of(runOptions));
        jbgp.launch();
        lab.describe(node.name() + ": jbgp status", () -> jbgp.jbgp("status", "--admin", jbgp.admin()).output());
        lab.describe(node.name() + ": jbgp log", () -> jbgp.daemon.logTail(60));
        return jbgp;
    }

    /** Writes {@code resources} to the node's directory and starts jbgp on them. */
    static JbgpNode start(Lab lab, Lab.Node node, CalicoResources resources, String... runOptions) {
        return start(lab, node, resources.write(node.dir().resolve("calico.yaml")), runOptions);
    }

    String admin() {
        return "127.0.0.1:" + ADMIN_PORT;
    }

    Lab.Daemon daemon() {
        return daemon;
    }

    /** {@code jbgp status}, read; fails when the command does (the daemon not answering yet, for one). */
    JbgpStatus status() {
        List<String> command = javaCommand("status", "--admin", admin());
        Command.Result result = lab.exec(node, CLI_TIMEOUT, command.toArray(String[]::new));
        if (!daemon.alive()) {
            throw new Await.Hopeless("jbgp in " + node.name() + " exited with " + daemon.process.exitValue()
                    + ":\n" + daemon.logTail(60));
        }
        return JbgpStatus.parse(result.orFail(command));
    }

    /** Any {@code jbgp} command run in the node's namespace ({@code routes --admin ...}). */
    Command.Result jbgp(String... args) {
        return lab.exec(node, CLI_TIMEOUT, javaCommand(args).toArray(String[]::new));
    }

    /** SIGTERM: jbgp closes its sessions with a Cease and leaves its kernel routes. */
    int stop() {
        return lab.stop(daemon);
    }

    /** SIGKILL, as a crash. */
    int kill() {
        return lab.kill(daemon);
    }

    /** Starts jbgp again on the same configuration, in the same namespace. */
    void restart() {
        if (daemon.alive()) {
            stop();
        }
        launch();
    }

    private void launch() {
        // No BIRD control socket: /var/run is the host's inside a namespace, and the host may run
        // Calico's BIRD there.
        List<String> command = javaCommand("run", "--config", config.toString(), "--node", nodeName, "--admin",
                admin(), "--bird-socket", "none");
        command.addAll(runOptions);
        daemon = lab.start(node, "jbgp", command);
    }

    /** {@code <java> ... dev.jbgp.peering.cli.Jbgp args...} with this JVM's java and class path. */
    static List<String> javaCommand(String... args) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED",
                "-Xmx256m",
                "-XX:TieredStopAtLevel=1",
                "-cp", classPath(),
                MAIN));
        command.addAll(List.of(args));
        return command;
    }

    /**
     * The test's class path. Surefire may run the tests from a manifest-only jar; the real class
     * path is then in {@code surefire.test.class.path}.
     */
    static String classPath() {
        String surefire = System.getProperty("surefire.test.class.path");
        return surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
    }
}
