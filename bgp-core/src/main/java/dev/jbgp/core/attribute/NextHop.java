package dev.jbgp.core.attribute;

import com.google.common.net.InetAddresses;
import java.net.InetAddress;

/** NEXT_HOP (RFC 4271 section 5.1.3): the IPv4 next hop of the NLRI field's prefixes. */
public record NextHop(int address) implements PathAttribute {
    public static NextHop of(String address) {
        return new NextHop(InetAddresses.coerceToInteger(InetAddresses.forString(address)));
    }

    public InetAddress inetAddress() {
        return InetAddresses.fromInteger(address);
    }

    @Override
    public int typeCode() {
        return NEXT_HOP;
    }

    @Override
    public String toString() {
        return "NextHop[" + inetAddress().getHostAddress() + "]";
    }
}
