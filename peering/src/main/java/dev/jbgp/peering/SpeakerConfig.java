package dev.jbgp.peering;

import dev.jbgp.core.Prefix;
import dev.jbgp.rib.DecisionConfig;
import dev.jbgp.rib.ImportFilter;
import dev.jbgp.rib.kernel.Fib;
import dev.jbgp.rib.kernel.KernelRule;
import dev.jbgp.rib.out.ExportFilter;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What a {@link Speaker} is started with; peers and prefixes can change afterwards.
 *
 * @param localAs our AS (a peer's {@link PeerSpec#localAs()} may differ)
 * @param routerId our BGP identifier (Calico: the node's IPv4 address)
 * @param listenAddress the address to listen on, or null for every address (Calico's {@code bindMode: None})
 * @param listenPort the TCP port to listen on: 179; 0 for any free port; -1 to not listen at all
 * @param nextHopIpv4 our IPv4 address as the NEXT_HOP of our routes, or null for the session's local address
 * @param nextHopIpv6 likewise for IPv6
 * @param clusterId the route-reflector cluster ID (Calico's {@code routeReflectorClusterID}), or 0 when not a reflector
 * @param clientToClientReflection whether a reflector reflects a client's routes to other clients (true unless
 *     the clients are fully meshed among themselves; BIRD's and FRR's {@code bgp client-to-client reflection});
 *     meaningless when {@code clusterId} is 0
 * @param decision the decision process's options (ECMP paths, MED rules)
 * @param importFilter import policy for every peer
 * @param exportFilter export policy for every peer, after the protocol's rules
 * @param fib the kernel table to program, or null to program none
 * @param kernelRule what the kernel holds for each Loc-RIB prefix
 * @param originate the prefixes we announce from the start (Calico: the node's blocks)
 * @param gracefulRestartTime the restart time we advertise (RFC 4724)
 * @param readinessGrace after this long the speaker is ready even if some peers never came up
 * @param fibRescan how often the kernel table is re-read so routes deleted by hand come back
 */
public record SpeakerConfig(
        long localAs,
        Inet4Address routerId,
        InetAddress listenAddress,
        int listenPort,
        Inet4Address nextHopIpv4,
        Inet6Address nextHopIpv6,
        int clusterId,
        boolean clientToClientReflection,
        DecisionConfig decision,
        ImportFilter importFilter,
        ExportFilter exportFilter,
        Fib fib,
        KernelRule kernelRule,
        List<Prefix> originate,
        Duration gracefulRestartTime,
        Duration readinessGrace,
        Duration fibRescan) {

    public SpeakerConfig {
        Objects.requireNonNull(routerId, "routerId");
        Objects.requireNonNull(decision, "decision");
        Objects.requireNonNull(importFilter, "importFilter");
        Objects.requireNonNull(exportFilter, "exportFilter");
        Objects.requireNonNull(kernelRule, "kernelRule");
        Objects.requireNonNull(gracefulRestartTime, "gracefulRestartTime");
        Objects.requireNonNull(readinessGrace, "readinessGrace");
        Objects.requireNonNull(fibRescan, "fibRescan");
        originate = List.copyOf(originate);
        if (localAs < 1 || localAs > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("AS numbers are 1 to 4294967295: " + localAs);
        }
        if (listenPort < -1 || listenPort > 65535) {
            throw new IllegalArgumentException("listen port " + listenPort + " is not a TCP port");
        }
    }

    public static Builder builder(long localAs, Inet4Address routerId) {
        return new Builder(localAs, routerId);
    }

    public Builder toBuilder() {
        Builder b = new Builder(localAs, routerId);
        b.listenAddress = listenAddress;
        b.listenPort = listenPort;
        b.nextHopIpv4 = nextHopIpv4;
        b.nextHopIpv6 = nextHopIpv6;
        b.clusterId = clusterId;
        b.clientToClientReflection = clientToClientReflection;
        b.decision = decision;
        b.importFilter = importFilter;
        b.exportFilter = exportFilter;
        b.fib = fib;
        b.kernelRule = kernelRule;
        b.originate = originate;
        b.gracefulRestartTime = gracefulRestartTime;
        b.readinessGrace = readinessGrace;
        b.fibRescan = fibRescan;
        return b;
    }

    /**
     * Defaults: listen on every address on 179, no kernel table, accept everything, ECMP up to 16 paths, not a
     * route reflector (client-to-client reflection on once a cluster ID is set).
     */
    public static final class Builder {
        private final long localAs;
        private final Inet4Address routerId;
        private InetAddress listenAddress;
        private int listenPort = 179;
        private Inet4Address nextHopIpv4;
        private Inet6Address nextHopIpv6;
        private int clusterId;
        private boolean clientToClientReflection = true;
        private DecisionConfig decision = DecisionConfig.DEFAULT;
        private ImportFilter importFilter = ImportFilter.ACCEPT_ALL;
        private ExportFilter exportFilter = ExportFilter.ACCEPT_ALL;
        private Fib fib;
        private KernelRule kernelRule = KernelRule.DEFAULT;
        private List<Prefix> originate = List.of();
        private Duration gracefulRestartTime = Duration.ofSeconds(120);
        private Duration readinessGrace = Duration.ofSeconds(60);
        private Duration fibRescan = Duration.ofSeconds(10);

        private Builder(long localAs, Inet4Address routerId) {
            this.localAs = localAs;
            this.routerId = routerId;
        }

        public Builder listen(InetAddress address, int port) { listenAddress = address; listenPort = port; return this; }
        public Builder nextHop(Inet4Address v4, Inet6Address v6) { nextHopIpv4 = v4; nextHopIpv6 = v6; return this; }
        public Builder clusterId(int value) { clusterId = value; return this; }
        public Builder clientToClientReflection(boolean value) { clientToClientReflection = value; return this; }
        public Builder decision(DecisionConfig value) { decision = value; return this; }
        public Builder importFilter(ImportFilter value) { importFilter = value; return this; }
        public Builder exportFilter(ExportFilter value) { exportFilter = value; return this; }
        public Builder fib(Fib value) { fib = value; return this; }
        public Builder kernelRule(KernelRule value) { kernelRule = value; return this; }
        public Builder originate(List<Prefix> value) { originate = value; return this; }
        public Builder gracefulRestartTime(Duration value) { gracefulRestartTime = value; return this; }
        public Builder readinessGrace(Duration value) { readinessGrace = value; return this; }
        public Builder fibRescan(Duration value) { fibRescan = value; return this; }

        public SpeakerConfig build() {
            return new SpeakerConfig(localAs, routerId, listenAddress, listenPort, nextHopIpv4, nextHopIpv6, clusterId,
                    clientToClientReflection, decision, importFilter, exportFilter, fib, kernelRule, originate, gracefulRestartTime,
                    readinessGrace, fibRescan);
        }
    }
}
