package dev.jbgp.rib;

import com.google.common.net.InetAddresses;
import java.net.InetAddress;

/** Route sources for the RIB's tests, in AS 64512 like the lab. */
final class Peers {
    static final long OUR_AS = 64512;

    private Peers() {
    }

    static RibPeer ebgp(int id, String address, long as, String routerId) {
        return new RibPeer(id, RibPeer.Kind.EXTERNAL, address(address), as, id(routerId), false);
    }

    static RibPeer ibgp(int id, String address, String routerId) {
        return new RibPeer(id, RibPeer.Kind.INTERNAL, address(address), OUR_AS, id(routerId), false);
    }

    static InetAddress address(String text) {
        return InetAddresses.forString(text);
    }

    /** A dotted-quad router ID or cluster ID as the 32-bit number BGP carries. */
    static int id(String dotted) {
        return InetAddresses.coerceToInteger(InetAddresses.forString(dotted));
    }
}
