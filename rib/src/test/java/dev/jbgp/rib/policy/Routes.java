package dev.jbgp.rib.policy;

import dev.jbgp.core.Prefix;
import dev.jbgp.core.attribute.AsPath;
import dev.jbgp.core.attribute.Origin;
import dev.jbgp.core.attribute.PathAttributes;
import dev.jbgp.rib.RibPeer;
import dev.jbgp.rib.Route;
import java.net.InetAddress;

/** Route sources and routes for policy tests: a node in AS 64512 with one iBGP and one eBGP peer. */
final class Routes {
    static final long OUR_AS = 64512;
    static final long EXTERNAL_AS = 65001;

    static final RibPeer LOCAL = RibPeer.local(InetAddress.ofLiteral("192.0.2.10"), OUR_AS, 0xC000_020A);
    static final RibPeer IBGP_PEER =
            new RibPeer(1, RibPeer.Kind.INTERNAL, InetAddress.ofLiteral("192.0.2.11"), OUR_AS, 0xC000_020B, false);
    static final RibPeer EBGP_PEER =
            new RibPeer(2, RibPeer.Kind.EXTERNAL, InetAddress.ofLiteral("198.51.100.1"), EXTERNAL_AS, 0xC633_6401, false);

    /** What a peer's route typically carries: ORIGIN and an AS path. */
    static final PathAttributes PEER_ATTRIBUTES = PathAttributes.of(Origin.IGP, AsPath.sequence(EXTERNAL_AS));

    private Routes() {
    }

    /** A route for {@code prefix} from the eBGP peer. */
    static Route route(String prefix) {
        return new Route(Prefix.parse(prefix), 0, PEER_ATTRIBUTES, EBGP_PEER);
    }

    static Route route(Prefix prefix) {
        return new Route(prefix, 0, PEER_ATTRIBUTES, EBGP_PEER);
    }

    static Route route(String prefix, PathAttributes attributes) {
        return new Route(Prefix.parse(prefix), 0, attributes, EBGP_PEER);
    }

    static Route route(String prefix, RibPeer source) {
        return new Route(Prefix.parse(prefix), 0, PEER_ATTRIBUTES, source);
    }
}
