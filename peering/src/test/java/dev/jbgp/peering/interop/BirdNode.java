package dev.jbgp.peering.interop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * BIRD 2 running in a lab node's namespace: {@code bird -f -c <cfg> -s <sock>}, queried through
 * {@code birdc -s <sock>}.
 */
final class BirdNode {

    static final Duration STARTUP = Duration.ofSeconds(15);
    private static final Duration BIRDC_TIMEOUT = Duration.ofSeconds(10);

    final Lab lab;
    final Lab.Node node;
    final Path configFile;
    final Path socket;
    private BirdConfig config;
    private Lab.Daemon daemon;

    private BirdNode(Lab lab, Lab.Node node, BirdConfig config) {
        this.lab = lab;
        this.node = node;
        this.config = config;
        this.configFile = node.dir().resolve("bird.conf");
        this.socket = node.dir().resolve("bird.ctl");
    }

    /** Writes {@code config}, checks it with {@code bird -p}, starts BIRD and waits until birdc answers. */
    static BirdNode start(Lab lab, Lab.Node node, BirdConfig config) {
        BirdNode bird = new BirdNode(lab, node, config);
        bird.writeConfig();
        bird.launch(false);
        lab.describe(node.name() + ": birdc show protocols all", () -> bird.birdc("show", "protocols", "all"));
        lab.describe(node.name() + ": birdc show route all", () -> bird.birdc("show", "route", "all"));
        lab.describe(node.name() + ": BIRD log", () -> bird.daemon.logTail(40));
        return bird;
    }

    BirdConfig config() {
        return config;
    }

    Lab.Daemon daemon() {
        return daemon;
    }

    /** {@code birdc -s <sock> command...}: its output, or an AssertionError when birdc fails. */
    String birdc(String... command) {
        List<String> full = new ArrayList<>(List.of(Command.find("birdc"), "-s", socket.toString()));
        full.addAll(List.of(command));
        String output = lab.exec(node, BIRDC_TIMEOUT, full.toArray(String[]::new)).orFail(full);
        if (output.contains("Unable to connect to server control socket")) {
            throw new AssertionError("BIRD is not answering on " + socket + ": " + output.strip());
        }
        return output;
    }

    List<BirdcOutput.Protocol> protocols() {
        return BirdcOutput.protocols(birdc("show", "protocols"));
    }

    /** The protocol named {@code name}; fails when there is none. */
    BirdcOutput.Protocol protocol(String name) {
        return protocols().stream().filter(p -> p.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("BIRD in " + node.name() + " has no protocol " + name));
    }

    boolean established(String protocolName) {
        return protocol(protocolName).established();
    }

    /** Every route in every table, with attributes ({@code show route all}). */
    List<BirdcOutput.Route> routes() {
        return BirdcOutput.routes(birdc("show", "route", "all"));
    }

    /** The routes for exactly {@code prefix}, best first, with attributes. */
    List<BirdcOutput.Route> routes(String prefix) {
        return routes().stream().filter(r -> r.prefix().equals(prefix))
                .sorted((a, b) -> Boolean.compare(b.primary(), a.primary())).toList();
    }

    /** The best route for {@code prefix} from protocol {@code protocol}, if BIRD has one. */
    boolean hasRoute(String prefix, String protocol) {
        return routes(prefix).stream().anyMatch(r -> r.primary() && r.protocol().equals(protocol));
    }

    /**
     * {@code birdc graceful restart}: BIRD exits keeping its kernel routes and telling nothing to
     * its peers (they see the TCP connection close); then BIRD starts again with {@code -R}
     * (graceful restart recovery, as calico-node runs it) and announces the restart to its peers.
     */
    void gracefulRestart() {
        birdc("graceful", "restart");
        int status = lab.awaitExit(daemon, Duration.ofSeconds(10));
        if (status != 0) {
            throw new AssertionError("BIRD exited with " + status + " on graceful restart: " + daemon.logTail(20));
        }
        launch(true);
    }

    /** Kills BIRD (SIGKILL, as a crash) and starts it again with {@code -R}. */
    void crashAndRestart() {
        lab.kill(daemon);
        launch(true);
    }

    /** Writes {@code newConfig} and has BIRD read it ({@code birdc configure}). */
    void reconfigure(BirdConfig newConfig) {
        this.config = newConfig;
        writeConfig();
        String output = birdc("configure");
        if (!output.contains("Reconfigured") && !output.contains("Reconfiguration in progress")) {
            throw new AssertionError("birdc configure: " + output.strip());
        }
    }

    /** Stops BIRD with SIGTERM (peers get a Cease); its kernel routes stay ({@code persist}). */
    void stop() {
        lab.stop(daemon);
    }

    private void writeConfig() {
        try {
            Files.writeString(configFile, config.render());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> check = List.of(Command.find("bird"), "-p", "-c", configFile.toString());
        Command.Result parsed = lab.exec(node, check.toArray(String[]::new));
        if (!parsed.ok()) {
            throw new AssertionError("BIRD refuses its configuration: " + parsed.output().strip()
                    + "\n" + numbered(config.render()));
        }
    }

    private void launch(boolean recovery) {
        List<String> command = new ArrayList<>(List.of(Command.find("bird"), "-f", "-c", configFile.toString(),
                "-s", socket.toString()));
        if (recovery) {
            command.add("-R");
        }
        daemon = lab.start(node, "bird", command);
        Lab.Daemon started = daemon;
        Await.until("BIRD in " + node.name() + " to answer on " + socket, STARTUP, () -> {
            if (!started.alive()) {
                throw new Await.Hopeless("BIRD in " + node.name() + " exited: " + started.logTail(20));
            }
            // "Daemon is up and running", or "Graceful restart recovery in progress" after -R
            return birdc("show", "status").contains("Router ID is");
        }, () -> started.logTail(40));
    }

    private static String numbered(String text) {
        List<String> lines = text.lines().toList();
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            out.append("%3d  %s%n".formatted(i + 1, lines.get(i)));
        }
        return out.toString();
    }
}
