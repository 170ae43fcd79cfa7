package dev.jbgp.peering.interop;

import java.util.Objects;

/**
 * One BGP protocol in a BIRD 2 configuration: a session with one neighbor, with one channel,
 * of the neighbor's address family (Calico too runs IPv4 and IPv6 sessions apart).
 *
 * @param name the protocol name ({@code Mesh_198_19_0_2}, {@code jbgp})
 * @param neighbor the neighbor's address
 * @param peerAs the neighbor's AS
 * @param localAs our AS on this session
 * @param port the neighbor's TCP port
 * @param sourceAddress the address BIRD connects from, or null for the kernel's choice
 * @param passive wait for the neighbor to connect
 * @param password the TCP MD5 key, or null
 * @param addPaths ADD-PATH (RFC 7911) in the channel
 * @param gracefulRestart offer graceful restart (RFC 4724); BIRD's default is "aware" only
 * @param gracefulRestartTime the restart time to advertise, seconds; 0 for BIRD's default (120)
 * @param multihop a multihop session (TTL 64): what Calico sets on every session
 * @param holdTime the hold time to offer, seconds; 0 for BIRD's default (240)
 * @param calicoTimers Calico's connect delay 1 s, connect retry 3 s, error wait 5-60 s; else
 *     quicker ones for tests (connect delay 1 s, retry 2 s, error wait 1-5 s)
 * @param rrClusterId when not null, the neighbor is our route-reflector client and this is our
 *     cluster ID ({@code rr client; rr cluster id <id>;}, as Calico writes both for a reflector)
 */
record BirdPeer(
        String name,
        String neighbor,
        long peerAs,
        long localAs,
        int port,
        String sourceAddress,
        boolean passive,
        String password,
        AddPaths addPaths,
        boolean gracefulRestart,
        int gracefulRestartTime,
        boolean multihop,
        int holdTime,
        boolean calicoTimers,
        String rrClusterId) {

    /** BIRD's {@code add paths} channel option. */
    enum AddPaths {
        OFF("off"), RX("rx"), TX("tx"), ON("on");

        final String keyword;

        AddPaths(String keyword) {
            this.keyword = keyword;
        }
    }

    BirdPeer {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(neighbor, "neighbor");
        Objects.requireNonNull(addPaths, "addPaths");
        if (!name.matches("[A-Za-z][A-Za-z0-9_]*")) {
            throw new IllegalArgumentException("not a BIRD protocol name: " + name);
        }
        if (password != null && password.contains("\"")) {
            throw new IllegalArgumentException("a password with a quote cannot be written in bird.conf");
        }
    }

    /** A plain session: active, no MD5, no ADD-PATH, graceful restart off, direct (not multihop). */
    static BirdPeer of(String name, String neighbor, long peerAs, long localAs) {
        return new BirdPeer(name, neighbor, peerAs, localAs, 179, null, false, null, AddPaths.OFF, false, 0, false, 0,
                false, null);
    }

    /**
     * A mesh session as Calico's {@code bird.cfg.template} writes it ({@code Mesh_<ip> from
     * bgp_template}): multihop, source address the node's, ADD-PATH on, graceful restart with
     * time 120, Calico's timers, and passive when the neighbor's address sorts higher as a string
     * (the mesh is one-directional: the higher address connects, the lower one waits).
     */
    static BirdPeer calicoMesh(String ownAddress, String neighbor, long asNumber) {
        String name = "Mesh_" + neighbor.replace('.', '_').replace(':', '_');
        return new BirdPeer(name, neighbor, asNumber, asNumber, 179, ownAddress, neighbor.compareTo(ownAddress) > 0,
                null, AddPaths.ON, true, 120, true, 0, true, null);
    }

    /**
     * A node-specific peering as Calico's {@code bird.cfg.template} writes it ({@code
     * Node_<ip> from bgp_template}): multihop, ADD-PATH on, graceful restart (BIRD's time, 120 s),
     * Calico's timers, source address the node's ({@code sourceAddress: UseNodeIP}, the BGPPeer
     * default). Calico's template writes no {@code passive} here, unlike the mesh: both ends
     * connect and BGP's collision detection keeps one session.
     */
    static BirdPeer calicoNodeSpecific(String ownAddress, String neighbor, long asNumber) {
        String name = "Node_" + neighbor.replace('.', '_').replace(':', '_');
        return new BirdPeer(name, neighbor, asNumber, asNumber, 179, ownAddress, false, null, AddPaths.ON, true, 0,
                true, 0, true, null);
    }

    boolean ipv6() {
        return neighbor.contains(":");
    }

    boolean internal() {
        return peerAs == localAs;
    }

    BirdPeer withPassive(boolean value) {
        return new BirdPeer(name, neighbor, peerAs, localAs, port, sourceAddress, value, password, addPaths,
                gracefulRestart, gracefulRestartTime, multihop, holdTime, calicoTimers, rrClusterId);
    }

    BirdPeer withPassword(String value) {
        return new BirdPeer(name, neighbor, peerAs, localAs, port, sourceAddress, passive, value, addPaths,
                gracefulRestart, gracefulRestartTime, multihop, holdTime, calicoTimers, rrClusterId);
    }

    BirdPeer withAddPaths(AddPaths value) {
        return new BirdPeer(name, neighbor, peerAs, localAs, port, sourceAddress, passive, password, value,
                gracefulRestart, gracefulRestartTime, multihop, holdTime, calicoTimers, rrClusterId);
    }

    /** Graceful restart on, advertising {@code restartTime} seconds (0: BIRD's default). */
    BirdPeer withGracefulRestart(int restartTime) {
        return new BirdPeer(name, neighbor, peerAs, localAs, port, sourceAddress, passive, password, addPaths, true,
                restartTime, multihop, holdTime, calicoTimers, rrClusterId);
    }

    BirdPeer withMultihop(boolean value) {
        return new BirdPeer(name, neighbor, peerAs, localAs, port, sourceAddress, passive, password, addPaths,
                gracefulRestart, gracefulRestartTime, value, holdTime, calicoTimers, rrClusterId);
    }

    BirdPeer withSourceAddress(String value) {
        return new BirdPeer(name, neighbor, peerAs, localAs, port, value, passive, password, addPaths,
                gracefulRestart, gracefulRestartTime, multihop, holdTime, calicoTimers, rrClusterId);
    }

    BirdPeer withPort(int value) {
        return new BirdPeer(name, neighbor, peerAs, localAs, value, sourceAddress, passive, password, addPaths,
                gracefulRestart, gracefulRestartTime, multihop, holdTime, calicoTimers, rrClusterId);
    }

    /** The neighbor as our route-reflector client, in cluster {@code clusterId} (a dotted quad). */
    BirdPeer withRouteReflectorClient(String clusterId) {
        return new BirdPeer(name, neighbor, peerAs, localAs, port, sourceAddress, passive, password, addPaths,
                gracefulRestart, gracefulRestartTime, multihop, holdTime, calicoTimers, clusterId);
    }

    BirdPeer withHoldTime(int value) {
        return new BirdPeer(name, neighbor, peerAs, localAs, port, sourceAddress, passive, password, addPaths,
                gracefulRestart, gracefulRestartTime, multihop, value, calicoTimers, rrClusterId);
    }
}
