package dev.jbgp.peering.cli;

import dev.jbgp.core.Prefix;
import dev.jbgp.peering.Speaker;
import dev.jbgp.peering.admin.AdminServer;
import dev.jbgp.peering.admin.BirdControlSocket;
import dev.jbgp.peering.calico.CalicoPlan;
import dev.jbgp.peering.calico.CalicoPlanner;
import dev.jbgp.peering.config.ConfigException;
import dev.jbgp.peering.config.ConfigWatcher;
import dev.jbgp.peering.config.ResourceLoader;
import dev.jbgp.peering.config.Resources;
import dev.jbgp.rib.kernel.KernelFib;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/**
 * {@code jbgp run}: the daemon. Reads Calico's resources from a YAML file, plans this node's
 * peers and routes as Calico's confd would for BIRD, runs the speaker, programs the kernel,
 * serves the admin API and BIRD's control socket, and applies changes to the file as they come.
 */
final class RunCommand {
    private static final Logger LOG = System.getLogger(RunCommand.class.getName());

    static final String USAGE = """
            usage: jbgp run --config FILE [--node NAME] [--admin ADDRESS:PORT] [--bird-socket PATH|none] [--no-fib|--fib]

            Runs the BGP daemon for one Calico node: peers from the node-to-node mesh and the
            BGPPeers of FILE (projectcalico.org/v3 BGPConfiguration, Node, BGPPeer, IPPool,
            IPAMBlock, in one multi-document YAML file), the node's blocks announced, the
            blocks learned programmed into the kernel as 'proto bird' routes, its own blocks as
            blackholes. FILE is watched: a change is applied without restarting sessions that
            did not change; an invalid change is logged and the running configuration kept.

              --config FILE          Calico's resources (required)
              --node NAME            this node's Node name (default: the NODENAME environment variable)
              --admin ADDRESS:PORT   the read-only admin API on loopback (default %s; 'none' for off)
              --bird-socket PATH     serve BIRD's control protocol there for calicoctl and calico-node
                                     (default %s when its directory exists; 'none' for off)
              --no-fib               program no kernel routes (no root needed)
              --fib                  program kernel routes even on a standalone route reflector

            A standalone route reflector (a Node with routeReflectorClusterID and no IPAM blocks
            of its own) reflects routes with their original next hops and forwards nothing, so
            it programs no kernel routes unless --fib is given.

            Stops on SIGTERM or SIGINT: Cease / Administrative Shutdown to every peer, kernel
            routes left in place for the next start to adopt.
            """.formatted(AdminServer.DEFAULT_ADDRESS, BirdControlSocket.CALICO_PATH);

    private static final Duration WATCH_INTERVAL = Duration.ofSeconds(1);

    private RunCommand() {
    }

    /** @param fib true, false, or null to decide from the plan (off on a standalone reflector) */
    private record Options(Path config, String node, String admin, String birdSocket, Boolean fib) {
    }

    static int run(List<String> args, PrintStream out, PrintStream err, Map<String, String> env) {
        Options o;
        try {
            o = parse(args, env);
        } catch (IllegalArgumentException e) {
            err.println("jbgp run: " + e.getMessage());
            err.println("Try 'jbgp run --help'.");
            return Jbgp.USAGE_ERROR;
        }
        if (o == null) {
            out.print(USAGE);
            return 0;
        }
        // The watcher first, so an edit made while the daemon starts is applied, not lost.
        EarlyChanges early = new EarlyChanges();
        ConfigWatcher watcher = ConfigWatcher.start(o.config(), WATCH_INTERVAL, early::changed, e -> { });
        CalicoPlan plan;
        try {
            plan = CalicoPlanner.plan(ResourceLoader.load(o.config()), o.node());
        } catch (ConfigException e) {
            watcher.close();
            err.println("jbgp run: " + o.config() + " is not a valid configuration:");
            err.println(e.getMessage());
            return 1;
        } catch (RuntimeException e) {
            watcher.close();
            err.println("jbgp run: cannot plan the sessions from " + o.config() + ": " + e);
            return 1;
        }
        applyLogLevel(plan.logSeverity());
        for (String note : plan.notes()) {
            LOG.log(Level.WARNING, note);
        }
        Daemon daemon = new Daemon(o);
        try {
            daemon.startSpeaker(plan);
            daemon.startAdmin();
        } catch (IOException | RuntimeException e) {
            watcher.close();
            err.println("jbgp run: " + (e instanceof java.io.UncheckedIOException u ? u.getCause().getMessage()
                    : e.getMessage()));
            daemon.stop();
            return 1;
        }
        daemon.watcher = watcher;
        early.handTo(daemon);
        out.printf("jbgp running: node %s, AS %d, router ID %s, %d peers, %d blocks%s%n", plan.nodeName(),
                plan.localAs(), plan.routerId().getHostAddress(), plan.peers().size(), plan.blocks().size(),
                daemon.admin == null ? "" : ", admin API on 127.0.0.1:" + daemon.admin.port());
        out.flush();
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = Thread.ofPlatform().unstarted(() -> {
            daemon.stop();
            stopped.countDown();
        });
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    /**
     * Changes the watcher reports before the daemon runs are kept, the latest only, and handed
     * over. The lock is the one place the watcher's thread and the starting thread meet: it makes
     * the hand-over race-free and applies every later change one at a time. Config changes are
     * rare; no session or route work waits on it.
     */
    private static final class EarlyChanges {
        private Daemon daemon;
        private Resources pending;

        synchronized void changed(Resources resources) {
            if (daemon == null) {
                pending = resources;
            } else {
                daemon.changed(resources);
            }
        }

        synchronized void handTo(Daemon d) {
            daemon = d;
            if (pending != null) {
                Resources r = pending;
                pending = null;
                d.changed(r);
            }
        }
    }

    /**
     * Whether the daemon writes kernel routes: as {@code --fib} / {@code --no-fib} say, else
     * unless the node is a standalone route reflector (a cluster ID and no blocks of its own),
     * which reflects routes with their original next hops and forwards none itself.
     */
    static boolean programsKernel(CalicoPlan plan, Boolean fibOption) {
        if (fibOption != null) {
            return fibOption;
        }
        return !(plan.clusterId() != 0 && plan.blocks().isEmpty());
    }

    /** The running parts, and how a changed file reaches them. */
    private static final class Daemon {
        private final Options options;
        private volatile Speaker speaker;
        private CalicoPlan plan;
        private AdminServer admin;
        private BirdControlSocket birdSocket;
        private ConfigWatcher watcher;

        Daemon(Options options) {
            this.options = options;
        }

        /** Starts the speaker for {@code next}: its kernel table, listener and sessions. */
        void startSpeaker(CalicoPlan next) throws IOException {
            boolean programKernel = programsKernel(next, options.fib());
            if (!programKernel && options.fib() == null) {
                LOG.log(Level.INFO, "standalone route reflector (no blocks of its own): no kernel routes; --fib programs them");
            }
            KernelFib fib = null;
            if (programKernel) {
                try {
                    fib = KernelFib.open();
                } catch (IOException | RuntimeException e) {
                    throw new IOException("cannot open the kernel routing table (" + e.getMessage()
                            + "); run as root or with CAP_NET_ADMIN, or pass --no-fib", e);
                }
            }
            speaker = Speaker.start(next.speakerConfig().fib(fib).build(), next.peers());
            plan = next;
        }

        void startAdmin() throws IOException {
            if (!options.admin().equals("none")) {
                InetSocketAddress at = AdminServer.parseAddress(options.admin());
                admin = AdminServer.start(at, () -> speaker.status(), () -> speaker.routes(),
                        (Prefix p) -> Optional.ofNullable(speaker.route(p)));
            }
            Path socket = options.birdSocket() == null
                    ? (Files.isDirectory(BirdControlSocket.CALICO_PATH.getParent()) ? BirdControlSocket.CALICO_PATH : null)
                    : options.birdSocket().equals("none") ? null : Path.of(options.birdSocket());
            if (socket != null) {
                birdSocket = BirdControlSocket.open(socket, () -> speaker.status());
                LOG.log(Level.INFO, "BIRD control socket at {0}", socket);
            }
        }

        /** The file changed and parses; called under {@link EarlyChanges}'s lock, one change at a time. */
        void changed(Resources resources) {
            CalicoPlan next;
            try {
                next = CalicoPlanner.plan(resources, options.node());
            } catch (ConfigException e) {
                LOG.log(Level.ERROR, "{0} changed but is not valid; the running configuration is kept:\n{1}",
                        options.config(), e.getMessage());
                return;
            } catch (RuntimeException e) {
                LOG.log(Level.ERROR, "{0} changed but cannot be planned; the running configuration is kept: {1}",
                        options.config(), e.toString());
                return;
            }
            applyLogLevel(next.logSeverity());
            for (String note : next.notes()) {
                LOG.log(Level.WARNING, note);
            }
            if (next.localAs() != plan.localAs() || !next.routerId().equals(plan.routerId())
                    || next.listenPort() != plan.listenPort() || !Objects.equals(next.listenAddress(), plan.listenAddress())
                    || next.clusterId() != plan.clusterId() || !Objects.equals(next.nodeIpv4(), plan.nodeIpv4())
                    || !Objects.equals(next.nodeIpv6(), plan.nodeIpv6())
                    || programsKernel(next, options.fib()) != programsKernel(plan, options.fib())) {
                restart(next);
                return;
            }
            Speaker s = speaker;
            Speaker.Applied applied = s.setPeers(next.peers());
            s.setOriginated(next.originate());
            if (!next.samePolicies(plan)) {
                s.setPolicy(next.importFilter(), next.exportFilter(), next.kernelRule());
                LOG.log(Level.INFO, "policy changed and applied");
            }
            LOG.log(Level.INFO, "configuration applied: peers added {0}, removed {1}, restarted {2}; {3} blocks",
                    applied.added(), applied.removed(), applied.restarted(), Integer.toString(next.blocks().size()));
            plan = next;
        }

        /**
         * The node's AS, router ID, addresses, listener or cluster ID changed: what every session
         * and the RIB are built on. The speaker starts again with the new plan, as BIRD does on
         * such a change: Cease to every peer, kernel routes kept and adopted by the new speaker.
         */
        private void restart(CalicoPlan next) {
            LOG.log(Level.WARNING, "the node's AS, router ID, addresses, listener or cluster ID changed:"
                    + " restarting every session");
            speaker.close("configuration changed");
            try {
                startSpeaker(next);
            } catch (IOException | RuntimeException e) {
                LOG.log(Level.ERROR, "cannot start with the changed configuration ({0}); starting again with the"
                        + " previous one", e.toString());
                try {
                    startSpeaker(plan);
                } catch (IOException | RuntimeException again) {
                    LOG.log(Level.ERROR, "cannot start with the previous configuration either: {0}", again.toString());
                }
            }
        }

        void stop() {
            if (watcher != null) {
                watcher.close();
            }
            if (birdSocket != null) {
                try {
                    birdSocket.close();
                } catch (IOException e) {
                    LOG.log(Level.WARNING, "closing the BIRD control socket: {0}", e.toString());
                }
            }
            if (admin != null) {
                admin.close();
            }
            if (speaker != null) {
                speaker.close("jbgp shutting down");
            }
        }
    }

    private static Options parse(List<String> args, Map<String, String> env) {
        Path config = null;
        String node = env.get("NODENAME");
        String admin = AdminServer.DEFAULT_ADDRESS;
        String bird = null;
        Boolean fib = null;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            switch (a) {
                case "-h", "--help" -> {
                    return null;
                }
                case "--config" -> config = Path.of(value(args, ++i, a));
                case "--node" -> node = value(args, ++i, a);
                case "--admin" -> admin = value(args, ++i, a);
                case "--bird-socket" -> bird = value(args, ++i, a);
                case "--no-fib" -> fib = Boolean.FALSE;
                case "--fib" -> fib = Boolean.TRUE;
                default -> throw new IllegalArgumentException("unknown argument " + a);
            }
        }
        if (config == null) {
            throw new IllegalArgumentException("--config FILE is required");
        }
        if (node == null || node.isBlank()) {
            throw new IllegalArgumentException("which node is this? Give --node NAME or set NODENAME");
        }
        if (!admin.equals("none")) {
            AdminServer.parseAddress(admin); // a bad address is a usage error, before anything starts
        }
        return new Options(config, node, admin, bird, fib);
    }

    private static String value(List<String> args, int i, String option) {
        if (i >= args.size()) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args.get(i);
    }

    /** Calico's {@code logSeverityScreen} as the level of our log records. */
    static void applyLogLevel(String severity) {
        java.util.logging.Level level = switch (severity == null ? "info" : severity.toLowerCase(java.util.Locale.ROOT)) {
            case "debug", "trace" -> java.util.logging.Level.FINE;
            case "warning", "warn" -> java.util.logging.Level.WARNING;
            case "error", "fatal", "panic" -> java.util.logging.Level.SEVERE;
            default -> java.util.logging.Level.INFO;
        };
        java.util.logging.Logger root = java.util.logging.Logger.getLogger("");
        root.setLevel(level);
        for (var h : root.getHandlers()) {
            h.setLevel(level);
        }
    }
}
