package dev.jbgp.peering;

import io.netty.channel.unix.IntegerUnixChannelOption;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The IP TTL socket options of a session (epoll only): TTL 64 as Calico's BIRD sets on every
 * session (multihop), or GTSM (RFC 5082, {@code ttlSecurity}): send with TTL 255 and accept only
 * packets that arrive with at least 256 minus the allowed hops. The same for the connections we
 * open and the ones we accept.
 */
final class TtlOptions {
    private static final int IPPROTO_IP = 0;
    private static final int IP_TTL = 2;
    private static final int IP_MINTTL = 21;
    private static final int IPPROTO_IPV6 = 41;
    private static final int IPV6_UNICAST_HOPS = 16;
    private static final int IPV6_MINHOPCOUNT = 73;
    /** Calico's BIRD makes every session multihop with this TTL unless GTSM is on. */
    private static final int MULTIHOP_TTL = 64;

    private TtlOptions() {
    }

    /** The options and their values for a session with {@code spec}, in the order to set them. */
    static Map<IntegerUnixChannelOption, Integer> of(PeerSpec spec) {
        boolean v6 = spec.ipv6();
        int level = v6 ? IPPROTO_IPV6 : IPPROTO_IP;
        Map<IntegerUnixChannelOption, Integer> out = new LinkedHashMap<>();
        int hops = spec.ttlSecurityHops();
        out.put(new IntegerUnixChannelOption("TTL", level, v6 ? IPV6_UNICAST_HOPS : IP_TTL), hops > 0 ? 255 : MULTIHOP_TTL);
        if (hops > 0) {
            out.put(new IntegerUnixChannelOption("MINTTL", level, v6 ? IPV6_MINHOPCOUNT : IP_MINTTL), 256 - hops);
        }
        return out;
    }
}
