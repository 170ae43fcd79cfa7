package dev.jbgp.rib.out;

import dev.jbgp.core.attribute.MultiExitDisc;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;

/**
 * How routes are sent to one peer, beside its {@link ExportFilter}.
 *
 * @param localIpv4 our address toward the peer, the NEXT_HOP of IPv4 routes when the next hop
 *     is ourselves; null when the session carries no IPv4 routes with us as next hop
 * @param localIpv6 the same for IPv6 routes (the MP_REACH_NLRI next hop); null likewise
 * @param nextHopSelf set the next hop to ourselves for iBGP peers too (BIRD's {@code next hop self});
 *     eBGP peers always get it unless {@code keepOriginalNextHop}
 * @param keepOriginalNextHop to an eBGP peer, pass the route's next hop on instead of ours
 *     (Calico's BGPPeer {@code keepOriginalNextHop})
 * @param med the MULTI_EXIT_DISC to send to this peer, or null: a MED received from another AS
 *     is never passed on to an eBGP peer (RFC 4271 section 5.1.4), so this is the way to send one
 */
public record ExportOptions(InetAddress localIpv4, InetAddress localIpv6, boolean nextHopSelf,
        boolean keepOriginalNextHop, MultiExitDisc med) {

    public ExportOptions {
        if (localIpv4 == null && localIpv6 == null) {
            throw new IllegalArgumentException("a local address is needed to be the next hop");
        }
        if (localIpv4 != null && !(localIpv4 instanceof Inet4Address)) {
            throw new IllegalArgumentException("not an IPv4 address: " + localIpv4);
        }
        if (localIpv6 != null && !(localIpv6 instanceof Inet6Address)) {
            throw new IllegalArgumentException("not an IPv6 address: " + localIpv6);
        }
        if (nextHopSelf && keepOriginalNextHop) {
            throw new IllegalArgumentException("nextHopSelf and keepOriginalNextHop contradict each other");
        }
    }

    /** Our address or addresses toward the peer (an IPv4 one, an IPv6 one, or one of each); the usual next hops. */
    public static ExportOptions of(InetAddress... localAddresses) {
        InetAddress v4 = null;
        InetAddress v6 = null;
        for (InetAddress a : localAddresses) {
            if (a instanceof Inet4Address) {
                v4 = a;
            } else {
                v6 = a;
            }
        }
        return new ExportOptions(v4, v6, false, false, null);
    }

    public ExportOptions withNextHopSelf(boolean value) {
        return new ExportOptions(localIpv4, localIpv6, value, keepOriginalNextHop, med);
    }

    public ExportOptions withKeepOriginalNextHop(boolean value) {
        return new ExportOptions(localIpv4, localIpv6, nextHopSelf, value, med);
    }

    public ExportOptions withMed(MultiExitDisc value) {
        return new ExportOptions(localIpv4, localIpv6, nextHopSelf, keepOriginalNextHop, value);
    }
}
