package dev.jbgp.peering.interop;

import java.util.Objects;

/**
 * One {@code [[neighbors]]} entry of a gobgpd configuration, with the afi-safi of the neighbor's
 * address family.
 *
 * @param address the neighbor's address
 * @param peerAs the neighbor's AS (iBGP when it is gobgpd's own)
 * @param passive wait for the neighbor to connect ({@code transport.config.passive-mode})
 * @param password the TCP MD5 key ({@code config.auth-password}), or null
 * @param gracefulRestartTime graceful restart with this restart time, seconds; 0 for off
 * @param multihopTtl eBGP multihop with this TTL; 0 for a directly connected eBGP neighbor
 * @param addPathsReceive accept ADD-PATH (RFC 7911) from the neighbor
 * @param rrClusterId when not null, the neighbor is gobgpd's route-reflector client and this is
 *     gobgpd's cluster ID ({@code [neighbors.route-reflector.config]})
 */
record GobgpNeighbor(String address, long peerAs, boolean passive, String password, int gracefulRestartTime,
        int multihopTtl, boolean addPathsReceive, String rrClusterId) {

    GobgpNeighbor {
        Objects.requireNonNull(address, "address");
        if (password != null && (password.contains("\"") || password.contains("\\"))) {
            throw new IllegalArgumentException("a password with a quote or backslash is not written to TOML here");
        }
    }

    static GobgpNeighbor of(String address, long peerAs) {
        return new GobgpNeighbor(address, peerAs, false, null, 0, 0, false, null);
    }

    boolean ipv6() {
        return address.contains(":");
    }

    /** gobgp's name of the family. */
    String afiSafi() {
        return ipv6() ? "ipv6-unicast" : "ipv4-unicast";
    }

    GobgpNeighbor withPassive(boolean value) {
        return new GobgpNeighbor(address, peerAs, value, password, gracefulRestartTime, multihopTtl,
                addPathsReceive, rrClusterId);
    }

    GobgpNeighbor withPassword(String value) {
        return new GobgpNeighbor(address, peerAs, passive, value, gracefulRestartTime, multihopTtl,
                addPathsReceive, rrClusterId);
    }

    GobgpNeighbor withGracefulRestart(int restartTime) {
        return new GobgpNeighbor(address, peerAs, passive, password, restartTime, multihopTtl,
                addPathsReceive, rrClusterId);
    }

    GobgpNeighbor withMultihop(int ttl) {
        return new GobgpNeighbor(address, peerAs, passive, password, gracefulRestartTime, ttl,
                addPathsReceive, rrClusterId);
    }

    GobgpNeighbor withAddPathsReceive(boolean value) {
        return new GobgpNeighbor(address, peerAs, passive, password, gracefulRestartTime, multihopTtl, value,
                rrClusterId);
    }

    /** The neighbor as gobgpd's route-reflector client, gobgpd in cluster {@code clusterId} (a dotted quad). */
    GobgpNeighbor withRouteReflectorClient(String clusterId) {
        return new GobgpNeighbor(address, peerAs, passive, password, gracefulRestartTime, multihopTtl, addPathsReceive,
                clusterId);
    }

    /** The TOML of this neighbor. */
    String toml() {
        StringBuilder out = new StringBuilder("""
                [[neighbors]]
                  [neighbors.config]
                    neighbor-address = "%s"
                    peer-as = %d
                """.formatted(address, peerAs));
        if (password != null) {
            out.append("    auth-password = \"%s\"\n".formatted(password));
        }
        out.append("""
                  [neighbors.timers.config]
                    connect-retry = 2
                    hold-time = 30
                    keepalive-interval = 10
                """);
        if (passive) {
            out.append("""
                  [neighbors.transport.config]
                    passive-mode = true
                """);
        }
        if (multihopTtl > 0) {
            out.append("""
                  [neighbors.ebgp-multihop.config]
                    enabled = true
                    multihop-ttl = %d
                """.formatted(multihopTtl));
        }
        if (rrClusterId != null) {
            out.append("""
                  [neighbors.route-reflector.config]
                    route-reflector-client = true
                    route-reflector-cluster-id = "%s"
                """.formatted(rrClusterId));
        }
        if (gracefulRestartTime > 0) {
            out.append("""
                  [neighbors.graceful-restart.config]
                    enabled = true
                    restart-time = %d
                """.formatted(gracefulRestartTime));
        }
        out.append("""
                  [[neighbors.afi-safis]]
                    [neighbors.afi-safis.config]
                      afi-safi-name = "%s"
                """.formatted(afiSafi()));
        if (gracefulRestartTime > 0) {
            out.append("""
                    [neighbors.afi-safis.mp-graceful-restart.config]
                      enabled = true
                """);
        }
        if (addPathsReceive) {
            out.append("""
                    [neighbors.afi-safis.add-paths.config]
                      receive = true
                """);
        }
        return out.toString();
    }
}
