package dev.jbgp.peering.interop;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A BIRD 2 configuration shaped like the one Calico's confd writes for its BIRD
 * ({@code bird.cfg.template}, {@code bird_aggr.cfg.template}, {@code bird_ipam.cfg.template}),
 * in BIRD 2 syntax:
 *
 * <ul>
 *   <li>each of the node's blocks a static blackhole route (Calico: {@code protocol static} of
 *       the host's blocks), exported to peers exactly, nothing beneath it ({@code calico_aggr});
 *   <li>toward peers, also anything inside an IP pool ({@code calico_export_to_bgp_peers}), the
 *       rest rejected; from peers, {@code import all};
 *   <li>a kernel protocol per family ({@code learn}, {@code persist}, {@code scan time 2},
 *       {@code graceful restart}, {@code merge paths on}) exporting every route but the
 *       interfaces' own to the namespace's main table, as {@code proto bird}; metric 0 and no
 *       {@code krt_prefsrc}, so the kernel shows the lines Calico's BIRD 1.6 leaves;
 *   <li>{@code device} and {@code direct} protocols, so next hops resolve (gateway recursive).
 * </ul>
 *
 * With no pools and one peer it is a plain router that announces its own prefixes and
 * installs what it learns: what the tests use as an external router.
 *
 * @param routerId BIRD's router id
 * @param blocks prefixes the node originates (IPv4 and IPv6)
 * @param pools IP pools (CIDRs) whose routes are passed on to peers, as Calico does
 * @param peers the BGP protocols
 */
record BirdConfig(String routerId, List<String> blocks, List<String> pools, List<BirdPeer> peers) {

    BirdConfig {
        Objects.requireNonNull(routerId, "routerId");
        blocks = List.copyOf(blocks);
        pools = List.copyOf(pools);
        peers = List.copyOf(peers);
    }

    static BirdConfig of(String routerId) {
        return new BirdConfig(routerId, List.of(), List.of(), List.of());
    }

    /**
     * A Calico node's BIRD: its blocks, the pools, and a mesh session to each other node as
     * {@link BirdPeer#calicoMesh} writes it.
     */
    static BirdConfig calicoNode(String nodeAddress, long asNumber, List<String> otherNodes, List<String> blocks,
            List<String> pools) {
        BirdConfig config = new BirdConfig(nodeAddress, blocks, pools, List.of());
        for (String other : otherNodes) {
            config = config.withPeer(BirdPeer.calicoMesh(nodeAddress, other, asNumber));
        }
        return config;
    }

    /** Also originates {@code prefix}, as a blackhole route exported to every peer. */
    BirdConfig withBlock(String prefix) {
        return new BirdConfig(routerId, append(blocks, prefix), pools, peers);
    }

    BirdConfig withPool(String cidr) {
        return new BirdConfig(routerId, blocks, append(pools, cidr), peers);
    }

    BirdConfig withPeer(BirdPeer peer) {
        if (peers.stream().anyMatch(p -> p.name().equals(peer.name()))) {
            throw new IllegalArgumentException("two BGP protocols named " + peer.name());
        }
        return new BirdConfig(routerId, blocks, pools, append(peers, peer));
    }

    /** The peer named {@code name}. */
    BirdPeer peer(String name) {
        return peers.stream().filter(p -> p.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no BGP protocol " + name));
    }

    /** The configuration file's text. */
    String render() {
        StringBuilder out = new StringBuilder();
        out.append("""
                # BIRD 2, configured the way Calico's confd configures its BIRD.
                log stderr all;
                router id %s;

                # The node's blocks, exactly; nothing beneath them (calico_aggr).
                function calico_aggr() {
                """.formatted(routerId));
        for (String block : blocks) {
            out.append("  if ( net = %s ) then { accept; }\n".formatted(block));
            out.append("  if ( net ~ %s ) then { reject; }\n".formatted(block));
        }
        out.append("""
                }

                function calico_export_to_bgp_peers() {
                  calico_aggr();
                """);
        for (String pool : pools) {
            out.append("  if ( net ~ %s ) then { accept; }\n".formatted(pool));
        }
        out.append("""
                  reject;
                }

                # BIRD 1.6, which Calico runs, never exports interface routes to the kernel; BIRD 2
                # would, so they are left out here.
                filter calico_kernel_programming {
                  if source = RTS_DEVICE then reject;
                  accept;
                }

                protocol kernel kernel4 {
                  learn;
                  persist;
                  scan time 2;
                  graceful restart;
                  merge paths on;
                  metric 0;
                  ipv4 { import all; export filter calico_kernel_programming; };
                }

                protocol kernel kernel6 {
                  learn;
                  persist;
                  scan time 2;
                  graceful restart;
                  merge paths on;
                  metric 0;
                  ipv6 { import all; export filter calico_kernel_programming; };
                }

                protocol device {
                  scan time 2;
                }

                protocol direct {
                  ipv4;
                  ipv6;
                  interface -"cali*", -"kube-ipvs*", "*";
                }
                """);
        List<String> v4 = blocks.stream().filter(b -> !b.contains(":")).toList();
        List<String> v6 = blocks.stream().filter(b -> b.contains(":")).toList();
        if (!v4.isEmpty()) {
            out.append(staticBlackholes("blocks4", "ipv4", v4));
        }
        if (!v6.isEmpty()) {
            out.append(staticBlackholes("blocks6", "ipv6", v6));
        }
        for (BirdPeer peer : peers) {
            out.append('\n').append(protocol(peer));
        }
        return out.toString();
    }

    private static String staticBlackholes(String name, String channel, List<String> prefixes) {
        StringBuilder out = new StringBuilder("\nprotocol static %s {\n  %s;\n".formatted(name, channel));
        for (String prefix : prefixes) {
            out.append("  route %s blackhole;\n".formatted(prefix));
        }
        return out.append("}\n").toString();
    }

    private static String protocol(BirdPeer peer) {
        StringBuilder out = new StringBuilder("protocol bgp %s {\n".formatted(peer.name()));
        out.append("  description \"Connection to BGP peer\";\n");
        out.append("  debug { states, events };\n");
        out.append("  local as %d;\n".formatted(peer.localAs()));
        out.append("  neighbor %s port %d as %d;\n".formatted(peer.neighbor(), peer.port(), peer.peerAs()));
        if (peer.sourceAddress() != null) {
            out.append("  source address %s;\n".formatted(peer.sourceAddress()));
        }
        if (peer.multihop()) {
            out.append("  multihop;\n");
        }
        if (peer.passive()) {
            out.append("  passive on;\n");
        }
        if (peer.password() != null) {
            out.append("  password \"%s\";\n".formatted(peer.password()));
        }
        if (peer.gracefulRestart()) {
            out.append("  graceful restart on;\n");
            if (peer.gracefulRestartTime() > 0) {
                out.append("  graceful restart time %d;\n".formatted(peer.gracefulRestartTime()));
            }
        }
        if (peer.holdTime() > 0) {
            out.append("  hold time %d;\n".formatted(peer.holdTime()));
        }
        if (peer.rrClusterId() != null) {
            out.append("  rr client;\n  rr cluster id %s;\n".formatted(peer.rrClusterId()));
        }
        if (peer.calicoTimers()) {
            out.append("  connect delay time 1;\n  connect retry time 3;\n  error wait time 5,60;\n");
        } else {
            out.append("  connect delay time 1;\n  connect retry time 2;\n  error wait time 1,5;\n");
        }
        out.append("  %s {\n".formatted(peer.ipv6() ? "ipv6" : "ipv4"));
        if (peer.multihop()) {
            out.append("    gateway recursive;\n");
        }
        out.append("    import all;\n");
        out.append("    export filter { calico_export_to_bgp_peers(); };\n");
        if (peer.addPaths() != BirdPeer.AddPaths.OFF) {
            out.append("    add paths %s;\n".formatted(peer.addPaths().keyword));
        }
        out.append("  };\n}\n");
        return out.toString();
    }

    private static <T> List<T> append(List<T> list, T item) {
        List<T> out = new ArrayList<>(list);
        out.add(item);
        return out;
    }
}
