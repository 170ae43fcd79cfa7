package dev.jbgp.peering.interop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * gobgpd running in a lab node's namespace, its gRPC API on 127.0.0.1:{@value #API_PORT} inside
 * that namespace, queried with the {@code gobgp} CLI.
 */
final class GobgpNode {

    static final int API_PORT = 50051;
    static final Duration STARTUP = Duration.ofSeconds(15);
    private static final Duration CLI_TIMEOUT = Duration.ofSeconds(10);

    final Lab lab;
    final Lab.Node node;
    final long asNumber;
    final Path configFile;
    private Lab.Daemon daemon;

    private GobgpNode(Lab lab, Lab.Node node, long asNumber) {
        this.lab = lab;
        this.node = node;
        this.asNumber = asNumber;
        this.configFile = node.dir().resolve("gobgpd.toml");
    }

    /** Writes the configuration (router id the node's IPv4 address), starts gobgpd and waits until its API answers. */
    static GobgpNode start(Lab lab, Lab.Node node, long asNumber, List<GobgpNeighbor> neighbors) {
        GobgpNode gobgp = new GobgpNode(lab, node, asNumber);
        try {
            Files.writeString(gobgp.configFile, config(node.ipv4(), asNumber, neighbors));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> check = List.of(Command.find("gobgpd"), "-d", "-f", gobgp.configFile.toString(), "-t", "toml");
        Command.Result checked = lab.exec(node, check.toArray(String[]::new));
        if (!checked.ok()) {
            throw new AssertionError("gobgpd refuses its configuration: " + checked.output().strip());
        }
        gobgp.daemon = lab.start(node, "gobgpd", List.of(Command.find("gobgpd"), "-f", gobgp.configFile.toString(),
                "-t", "toml", "-p", "--api-hosts", "127.0.0.1:" + API_PORT, "--pprof-disable"));
        Lab.Daemon started = gobgp.daemon;
        Await.until("gobgpd in " + node.name() + " to answer on its API", STARTUP, () -> {
            if (!started.alive()) {
                throw new Await.Hopeless("gobgpd in " + node.name() + " exited: " + started.logTail(20));
            }
            return gobgp.cli(false, "global").ok();
        }, () -> started.logTail(40));
        lab.describe(node.name() + ": gobgp neighbor", () -> gobgp.gobgp("neighbor"));
        lab.describe(node.name() + ": gobgp global rib", () -> gobgp.gobgp("global", "rib", "-a", "ipv4")
                + gobgp.gobgp("global", "rib", "-a", "ipv6"));
        lab.describe(node.name() + ": gobgpd log", () -> started.logTail(40));
        return gobgp;
    }

    /** The gobgpd TOML: global AS and router id, then the neighbors. */
    static String config(String routerId, long asNumber, List<GobgpNeighbor> neighbors) {
        StringBuilder out = new StringBuilder("""
                [global.config]
                  as = %d
                  router-id = "%s"
                  port = 179

                """.formatted(asNumber, routerId));
        for (GobgpNeighbor neighbor : neighbors) {
            out.append(neighbor.toml()).append('\n');
        }
        return out.toString();
    }

    Lab.Daemon daemon() {
        return daemon;
    }

    /** {@code gobgp -u 127.0.0.1 -p <port> args...}: its output, or an AssertionError when it fails. */
    String gobgp(String... args) {
        return cli(true, args).output();
    }

    /** Originates {@code prefix} ({@code gobgp global rib add}); next hop gobgpd's own address. */
    void announce(String prefix) {
        gobgp("global", "rib", "add", "-a", family(prefix), prefix);
    }

    void withdraw(String prefix) {
        gobgp("global", "rib", "del", "-a", family(prefix), prefix);
    }

    List<GobgpOutput.Neighbor> neighbors() {
        return GobgpOutput.neighbors(gobgp("neighbor", "-j"));
    }

    /** The neighbor at {@code address}; fails when gobgpd has none. */
    GobgpOutput.Neighbor neighbor(String address) {
        return neighbors().stream().filter(n -> n.address().equals(address)).findFirst()
                .orElseThrow(() -> new AssertionError("gobgpd in " + node.name() + " has no neighbor " + address));
    }

    boolean established(String address) {
        return neighbor(address).established();
    }

    /** The global RIB of {@code ipv4} or {@code ipv6}. */
    List<GobgpOutput.Path> rib(String family) {
        return GobgpOutput.rib(gobgp("global", "rib", "-a", family, "-j"));
    }

    /** The paths for exactly {@code prefix}. */
    List<GobgpOutput.Path> paths(String prefix) {
        return rib(family(prefix)).stream().filter(p -> p.prefix().equals(prefix)).toList();
    }

    /** gobgpd has a best path for {@code prefix} learned from {@code neighbor}. */
    boolean hasBestPath(String prefix, String neighbor) {
        return paths(prefix).stream().anyMatch(p -> p.best() && p.neighbor().equals(neighbor));
    }

    void stop() {
        lab.stop(daemon);
    }

    private Command.Result cli(boolean mustSucceed, String... args) {
        List<String> full = new ArrayList<>(List.of(Command.find("gobgp"), "-u", "127.0.0.1", "-p",
                String.valueOf(API_PORT)));
        full.addAll(List.of(args));
        Command.Result result = lab.exec(node, CLI_TIMEOUT, full.toArray(String[]::new));
        if (mustSucceed) {
            result.orFail(full);
        }
        return result;
    }

    private static String family(String prefix) {
        return prefix.contains(":") ? "ipv6" : "ipv4";
    }
}
