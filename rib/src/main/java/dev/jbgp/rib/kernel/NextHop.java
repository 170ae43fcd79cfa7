package dev.jbgp.rib.kernel;

import dev.jbgp.core.Prefix;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Objects;
import java.util.Optional;

/**
 * One way out of a route: {@code via <gateway> [dev <device> [onlink]]}.
 *
 * <p>Without a device the kernel picks the interface whose subnet holds the gateway; a route
 * read back from the kernel always names it. {@code onlink} (RTNH_F_ONLINK) tells the kernel to
 * take the gateway as directly reachable on the device even though no subnet there holds it, as
 * Calico does for IPIP routes ({@code via 198.19.0.3 dev tunl0 onlink}); the kernel then needs
 * the device, so an onlink next hop must name one.
 *
 * <p>An IPv4 route may have an IPv6 gateway (RFC 8950; sent as RTA_VIA), an IPv6 route only an
 * IPv6 one.
 */
public record NextHop(InetAddress gateway, Optional<String> device, boolean onlink) {

    /** IFNAMSIZ (linux/if.h) less the terminating NUL. */
    static final int MAX_DEVICE_NAME = 15;

    public NextHop {
        Objects.requireNonNull(gateway, "gateway");
        Objects.requireNonNull(device, "device");
        device.ifPresent(name -> {
            if (name.isEmpty() || name.length() > MAX_DEVICE_NAME || name.indexOf('/') >= 0
                    || name.chars().anyMatch(Character::isWhitespace)) {
                throw new IllegalArgumentException("not an interface name: \"" + name + "\"");
            }
        });
        if (onlink && device.isEmpty()) {
            throw new IllegalArgumentException("onlink next hop via " + text(gateway) + " needs a device");
        }
        if (gateway instanceof Inet6Address v6 && v6.getScopeId() != 0) {
            // Equality must not depend on a scope the kernel does not store: the device carries it.
            gateway = withoutScope(v6);
        }
    }

    /** {@code via gateway}: the kernel finds the device. */
    public static NextHop via(InetAddress gateway) {
        return new NextHop(gateway, Optional.empty(), false);
    }

    /** {@code via gateway dev device}. */
    public static NextHop via(InetAddress gateway, String device) {
        return new NextHop(gateway, Optional.of(device), false);
    }

    /** {@code via gateway dev device onlink}. */
    public static NextHop onlink(InetAddress gateway, String device) {
        return new NextHop(gateway, Optional.of(device), true);
    }

    /**
     * True when the kernel's next hop {@code installed} does what this one asks: the same
     * gateway and onlink flag, and the same device unless this one leaves the device open.
     */
    boolean satisfiedBy(NextHop installed) {
        return gateway.equals(installed.gateway)
                && onlink == installed.onlink
                && (device.isEmpty() || device.equals(installed.device));
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("via ").append(text(gateway));
        device.ifPresent(d -> s.append(" dev ").append(d));
        if (onlink) {
            s.append(" onlink");
        }
        return s.toString();
    }

    /** The address as {@code ip} prints it (RFC 5952 for IPv6: {@code 2001:db8:19::3}). */
    static String text(InetAddress address) {
        String prefix = Prefix.of(address, address instanceof Inet6Address ? 128 : 32).toString();
        return prefix.substring(0, prefix.indexOf('/'));
    }

    private static InetAddress withoutScope(Inet6Address address) {
        try {
            return Inet6Address.getByAddress(null, address.getAddress(), -1);
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError("16 bytes are always an IPv6 address", e);
        }
    }
}
