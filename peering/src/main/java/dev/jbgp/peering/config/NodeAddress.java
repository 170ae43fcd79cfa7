package dev.jbgp.peering.config;

import dev.jbgp.core.Prefix;
import java.net.InetAddress;
import java.util.Objects;

/**
 * A node's BGP address with the length of its subnet, as Node {@code spec.bgp.ipv4Address}
 * writes it: {@code 198.19.0.2/20}. The subnet decides which next hops are "cross subnet" for
 * IPIP {@code CrossSubnet} pools; a bare address is taken as a host of its own (/32, /128).
 */
public record NodeAddress(InetAddress address, int prefixLength) {
    public NodeAddress {
        Objects.requireNonNull(address, "address");
        int max = address.getAddress().length * 8;
        if (prefixLength < 0 || prefixLength > max) {
            throw new IllegalArgumentException("prefix length " + prefixLength + " does not fit " + address);
        }
    }

    /** The subnet the address lies in: {@code 198.19.0.0/20}. */
    public Prefix subnet() {
        return Prefix.of(address, prefixLength);
    }

    /** The address alone, as Calico compares node addresses ({@code 198.19.0.2}, {@code fd00::2}). */
    public String text() {
        String host = Prefix.of(address, address.getAddress().length * 8).toString();
        return host.substring(0, host.indexOf('/'));
    }

    @Override
    public String toString() {
        return text() + "/" + prefixLength;
    }
}
