package dev.jbgp.examples.scale;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The route reflector under test: a separate process, so that its memory and CPU time are its
 * own. Each kind writes its configuration for a {@link ScaleLayout} and gives the command line
 * that runs it in the foreground until SIGTERM.
 */
public sealed interface Reflector {

    /** How the table names it. */
    String name();

    /** Writes the configuration into {@code work} and returns the command that runs the reflector. */
    List<String> prepare(Path work, ScaleLayout layout) throws IOException;

    /**
     * jbgp as a standalone reflector: {@code jbgp run --no-fib} on a Calico configuration of
     * one reflector Node and a Node per client, the mesh off, and one BGPPeer that peers the
     * reflector with every other node, as Calico's documentation sets up dedicated reflectors.
     *
     * @param jbgp the command that runs the {@code jbgp} CLI, such as {@code java -Xmx64m -jar jbgp.jar}
     */
    record Jbgp(List<String> jbgp) implements Reflector {
        public Jbgp {
            jbgp = List.copyOf(jbgp);
        }

        @Override
        public String name() {
            return "jbgp";
        }

        @Override
        public List<String> prepare(Path work, ScaleLayout layout) throws IOException {
            Path config = work.resolve("jbgp-rr.yaml");
            Files.writeString(config, calicoResources(layout), StandardCharsets.UTF_8);
            List<String> command = new ArrayList<>(jbgp);
            command.addAll(List.of("run", "--config", config.toString(), "--node", "rr", "--no-fib",
                    "--admin", "127.0.0.1:" + freePort(), "--bird-socket", "none"));
            return command;
        }

        /** The multi-document YAML that {@code jbgp run --config} reads. */
        static String calicoResources(ScaleLayout layout) {
            StringBuilder out = new StringBuilder();
            out.append("""
                    # One route reflector (Node rr) for %d clients, every node on loopback; written by RrScale.
                    apiVersion: projectcalico.org/v3
                    kind: BGPConfiguration
                    metadata:
                      name: default
                    spec:
                      logSeverityScreen: Info
                      nodeToNodeMeshEnabled: false
                      asNumber: %d
                      listenPort: %d
                      bindMode: NodeIP
                    ---
                    apiVersion: projectcalico.org/v3
                    kind: Node
                    metadata:
                      name: rr
                      labels:
                        route-reflector: "true"
                    spec:
                      bgp:
                        ipv4Address: %s/8
                        routeReflectorClusterID: %s
                    ---
                    # Every node that is not a reflector peers with every reflector (and so the reverse).
                    apiVersion: projectcalico.org/v3
                    kind: BGPPeer
                    metadata:
                      name: peer-with-route-reflectors
                    spec:
                      nodeSelector: has(route-reflector)
                      peerSelector: "!has(route-reflector)"
                    ---
                    apiVersion: projectcalico.org/v3
                    kind: IPPool
                    metadata:
                      name: scale-pool
                    spec:
                      cidr: %s
                      blockSize: 26
                      ipipMode: Never
                      vxlanMode: Never
                    """.formatted(layout.clients().size(), ScaleLayout.AS, layout.port(),
                    layout.reflector().getHostAddress(), layout.clusterId(), layout.pool()));
            for (ScaleLayout.Client c : layout.clients()) {
                out.append("""
                        ---
                        apiVersion: projectcalico.org/v3
                        kind: Node
                        metadata:
                          name: %s
                        spec:
                          bgp:
                            ipv4Address: %s/8
                        """.formatted(c.name(), c.address().getHostAddress()));
            }
            return out.toString();
        }
    }

    /**
     * BIRD 2 as the reflector, configured as Calico's confd configures a reflector's BIRD
     * ({@code bird.cfg}: the {@code bgp_template} timers, {@code rr client} and {@code rr cluster
     * id} per client, only pool routes exported), with no kernel protocol: like {@code jbgp run
     * --no-fib}, it programs nothing.
     *
     * @param bird the {@code bird} binary, such as {@code /usr/sbin/bird}
     */
    record Bird(String bird) implements Reflector {
        @Override
        public String name() {
            return "BIRD 2";
        }

        @Override
        public List<String> prepare(Path work, ScaleLayout layout) throws IOException {
            Path config = work.resolve("bird-rr.conf");
            Files.writeString(config, configuration(layout), StandardCharsets.UTF_8);
            return List.of(bird, "-f", "-c", config.toString(), "-s", work.resolve("bird-rr.ctl").toString(),
                    "-P", work.resolve("bird-rr.pid").toString());
        }

        /** The BIRD 2 configuration file. */
        static String configuration(ScaleLayout layout) {
            String rr = layout.reflector().getHostAddress();
            StringBuilder out = new StringBuilder();
            out.append("""
                    # One route reflector for %d clients, every node on loopback; written by RrScale.
                    log stderr all;
                    router id %s;

                    protocol device {
                      scan time 60;
                    }

                    # The clients' next hops are on loopback, which 'protocol direct' does not import
                    # (host scope): this route lets 'gateway recursive' resolve them. Nothing leaves
                    # BIRD's own table: there is no kernel protocol.
                    protocol static loopback {
                      ipv4;
                      route 127.0.0.0/8 via "lo";
                    }

                    filter calico_export_to_bgp_peers {
                      if ( net ~ %s ) then { accept; }
                      reject;
                    }

                    # Calico's bgp_template, in BIRD 2 words, for a reflector's clients.
                    template bgp rr_client {
                      debug { states };
                      description "Connection to BGP peer";
                      local %s port %d as %d;
                      strict bind yes;
                      multihop;
                      passive on;
                      rr client;
                      rr cluster id %s;
                      graceful restart;
                      connect delay time 2;
                      connect retry time 5;
                      error wait time 5,30;
                      ipv4 {
                        gateway recursive;
                        import all;
                        export filter calico_export_to_bgp_peers;
                        add paths on;
                      };
                    }
                    """.formatted(layout.clients().size(), rr, layout.pool(), rr, layout.port(), ScaleLayout.AS,
                    layout.clusterId()));
            for (ScaleLayout.Client c : layout.clients()) {
                String ip = c.address().getHostAddress();
                out.append("\nprotocol bgp Node_%s from rr_client {\n  neighbor %s port %d as %d;\n}\n"
                        .formatted(ip.replace('.', '_'), ip, layout.port(), ScaleLayout.AS));
            }
            return out.toString();
        }
    }

    /** A TCP port on 127.0.0.1 that nothing listens on now. */
    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
