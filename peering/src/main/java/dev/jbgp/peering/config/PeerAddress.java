package dev.jbgp.peering.config;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Objects;

/**
 * BGPPeer {@code peerIP}: an address and, when the text gives one, a port
 * ({@code 198.19.15.254}, {@code 198.19.15.254:1179}, {@code [fd00::1]:1179}).
 *
 * @param port the port, or 0 when the text names none
 */
public record PeerAddress(InetAddress address, int port) {
    public PeerAddress {
        Objects.requireNonNull(address, "address");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("not a port: " + port);
        }
    }

    /** The address as Calico compares it with node addresses. */
    public String text() {
        return new NodeAddress(address, 0).text();
    }

    @Override
    public String toString() {
        if (port == 0) {
            return text();
        }
        return (address instanceof Inet6Address ? "[" + text() + "]" : text()) + ":" + port;
    }
}
