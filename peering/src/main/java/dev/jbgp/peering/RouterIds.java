package dev.jbgp.peering;

import java.net.Inet4Address;

/** BGP identifiers: the 32-bit number and the dotted quad operators read. */
final class RouterIds {
    private RouterIds() {
    }

    static int of(Inet4Address address) {
        byte[] b = address.getAddress();
        return (b[0] & 0xFF) << 24 | (b[1] & 0xFF) << 16 | (b[2] & 0xFF) << 8 | (b[3] & 0xFF);
    }

    static String dotted(int id) {
        return (id >>> 24) + "." + (id >>> 16 & 0xFF) + "." + (id >>> 8 & 0xFF) + "." + (id & 0xFF);
    }
}
