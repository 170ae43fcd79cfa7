package dev.jbgp.peering;

import com.google.common.net.InetAddresses;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Objects;

/**
 * One peer the speaker keeps a session with: what the planner makes of Calico's resources, or
 * what an embedder passes in. Two specs with the same {@link #name()} are the same peer; when
 * any other field differs, the session restarts with the new values.
 *
 * @param name the session name, unique per speaker ({@code Mesh_198_19_0_3}, {@code Global_198_19_15_254})
 * @param type where the peer comes from (PEER TYPE in the status table)
 * @param address the peer's address; IPv4 peers are listed under "IPv4 BGP status", IPv6 under "IPv6"
 * @param port the peer's TCP port (179)
 * @param peerAs the peer's AS
 * @param localAs our AS on this session (Calico's {@code localASNumber}, else the node's AS)
 * @param passive wait for the peer to connect (Calico's one-directional mesh rule)
 * @param sourceAddress the address to connect from and to put in NEXT_HOP, or null for the kernel's choice
 * @param password the TCP MD5 key (RFC 2385), or null
 * @param holdTime the hold time we offer, seconds (0 or 3-65535)
 * @param keepaliveTime the keepalive interval, seconds; 0 for a third of the negotiated hold time
 * @param ttlSecurityHops GTSM (RFC 5082): 0 for off (TTL 64, multihop); else send with TTL 255 and
 *     accept only packets that arrive with TTL of at least 256 minus this many hops
 * @param gracefulRestartTime how long a restarting peer's routes are kept, at most
 *     (BGPPeer {@code maxRestartTime}); also the restart time we advertise
 * @param allowedLocalAs how many times our AS may appear in a received AS_PATH ({@code numAllowedLocalASNumbers})
 * @param nextHopMode the NEXT_HOP of routes sent to this peer
 * @param routeReflectorClient the peer is our route-reflector client (RFC 4456)
 */
public record PeerSpec(
        String name,
        PeerType type,
        InetAddress address,
        int port,
        long peerAs,
        long localAs,
        boolean passive,
        InetAddress sourceAddress,
        String password,
        int holdTime,
        int keepaliveTime,
        int ttlSecurityHops,
        Duration gracefulRestartTime,
        int allowedLocalAs,
        NextHopMode nextHopMode,
        boolean routeReflectorClient) {

    public static final int DEFAULT_HOLD_TIME = 240;
    public static final Duration DEFAULT_GRACEFUL_RESTART_TIME = Duration.ofSeconds(120);

    public PeerSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(gracefulRestartTime, "gracefulRestartTime");
        Objects.requireNonNull(nextHopMode, "nextHopMode");
        if (name.isBlank()) {
            throw new IllegalArgumentException("a peer needs a name");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is not a TCP port");
        }
        if (peerAs < 1 || peerAs > 0xFFFF_FFFFL || localAs < 1 || localAs > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("AS numbers are 1 to 4294967295: peer " + peerAs + ", local " + localAs);
        }
        if (holdTime != 0 && (holdTime < 3 || holdTime > 65535)) {
            throw new IllegalArgumentException("hold time is 0 or 3 to 65535 seconds: " + holdTime);
        }
        if (keepaliveTime < 0 || keepaliveTime > 21845) {
            throw new IllegalArgumentException("keepalive time out of range: " + keepaliveTime);
        }
        if (ttlSecurityHops < 0 || ttlSecurityHops > 254) {
            throw new IllegalArgumentException("ttlSecurity hops are 0 to 254: " + ttlSecurityHops);
        }
        if (allowedLocalAs < 0 || allowedLocalAs > 10) {
            throw new IllegalArgumentException("numAllowedLocalASNumbers is 0 to 10: " + allowedLocalAs);
        }
        if (sourceAddress != null && (sourceAddress instanceof Inet6Address) != (address instanceof Inet6Address)) {
            throw new IllegalArgumentException("source address " + sourceAddress.getHostAddress()
                    + " is not of the family of " + address.getHostAddress());
        }
        if (password != null && password.isEmpty()) {
            password = null;
        }
    }

    /** A peer with BIRD's defaults as Calico sets them: active, hold 240 s, GR 120 s, no MD5, no GTSM. */
    public static PeerSpec of(String name, PeerType type, InetAddress address, long peerAs, long localAs) {
        return new PeerSpec(name, type, address, 179, peerAs, localAs, false, null, null, DEFAULT_HOLD_TIME, 0, 0,
                DEFAULT_GRACEFUL_RESTART_TIME, 0, NextHopMode.AUTO, false);
    }

    /** Every field but the password, which shows only as set or not: specs reach log lines. */
    @Override
    public String toString() {
        return "PeerSpec[name=" + name + ", type=" + type + ", address=" + address.getHostAddress() + ", port=" + port
                + ", peerAs=" + peerAs + ", localAs=" + localAs + ", passive=" + passive + ", sourceAddress="
                + (sourceAddress == null ? "none" : sourceAddress.getHostAddress()) + ", password="
                + (password == null ? "none" : "set") + ", holdTime=" + holdTime + ", keepaliveTime=" + keepaliveTime
                + ", ttlSecurityHops=" + ttlSecurityHops + ", gracefulRestartTime=" + gracefulRestartTime
                + ", allowedLocalAs=" + allowedLocalAs + ", nextHopMode=" + nextHopMode + ", routeReflectorClient="
                + routeReflectorClient + "]";
    }

    /** iBGP: both ends in one AS. */
    public boolean internal() {
        return peerAs == localAs;
    }

    public boolean ipv6() {
        return address instanceof Inet6Address;
    }

    /**
     * BIRD's session name for a peer of {@code type} at {@code address}: dots and colons become
     * {@code _}, {@code _port_<n>} when not 179. IPv6 addresses are written short (RFC 5952), as
     * Calico writes them: {@code Mesh_fd00__3}.
     */
    public static String sessionName(PeerType type, InetAddress address, int port) {
        String ip = InetAddresses.toAddrString(address).replace('.', '_').replace(':', '_');
        return type.sessionPrefix() + ip + (port == 179 ? "" : "_port_" + port);
    }

    public PeerSpec withPassive(boolean value) {
        return new PeerSpec(name, type, address, port, peerAs, localAs, value, sourceAddress, password, holdTime,
                keepaliveTime, ttlSecurityHops, gracefulRestartTime, allowedLocalAs, nextHopMode, routeReflectorClient);
    }

    public PeerSpec withPort(int value) {
        return new PeerSpec(name, type, address, value, peerAs, localAs, passive, sourceAddress, password, holdTime,
                keepaliveTime, ttlSecurityHops, gracefulRestartTime, allowedLocalAs, nextHopMode, routeReflectorClient);
    }

    public PeerSpec withPassword(String value) {
        return new PeerSpec(name, type, address, port, peerAs, localAs, passive, sourceAddress, value, holdTime,
                keepaliveTime, ttlSecurityHops, gracefulRestartTime, allowedLocalAs, nextHopMode, routeReflectorClient);
    }

    public PeerSpec withTimers(int hold, int keepalive) {
        return new PeerSpec(name, type, address, port, peerAs, localAs, passive, sourceAddress, password, hold,
                keepalive, ttlSecurityHops, gracefulRestartTime, allowedLocalAs, nextHopMode, routeReflectorClient);
    }

    public PeerSpec withRouteReflectorClient(boolean value) {
        return new PeerSpec(name, type, address, port, peerAs, localAs, passive, sourceAddress, password, holdTime,
                keepaliveTime, ttlSecurityHops, gracefulRestartTime, allowedLocalAs, nextHopMode, value);
    }

    public PeerSpec withSourceAddress(InetAddress value) {
        return new PeerSpec(name, type, address, port, peerAs, localAs, passive, value, password, holdTime,
                keepaliveTime, ttlSecurityHops, gracefulRestartTime, allowedLocalAs, nextHopMode, routeReflectorClient);
    }
}
