package dev.jbgp.rr;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.jbgp.core.AfiSafi;
import dev.jbgp.core.Prefix;
import dev.jbgp.core.PrefixList;
import dev.jbgp.core.attribute.AsPath;
import dev.jbgp.core.attribute.LocalPref;
import dev.jbgp.core.attribute.MpReachNlri;
import dev.jbgp.core.attribute.NextHop;
import dev.jbgp.core.attribute.Origin;
import dev.jbgp.core.attribute.PathAttribute;
import dev.jbgp.core.attribute.PathAttributes;
import dev.jbgp.core.codec.CodecContext;
import dev.jbgp.core.codec.DecodeResult;
import dev.jbgp.core.codec.MessageDecoder;
import dev.jbgp.core.codec.MessageEncoder;
import dev.jbgp.core.message.Update;
import dev.jbgp.rib.ImportFilter;
import dev.jbgp.rib.Reflection;
import dev.jbgp.rib.Rib;
import dev.jbgp.rib.RibConfig;
import dev.jbgp.rib.RibPeer;
import dev.jbgp.rib.out.AdjRibOut;
import dev.jbgp.rib.out.ExportFilter;
import dev.jbgp.rib.out.ExportOptions;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The seeds' lab in AS 64512 with {@code control} (198.19.0.1) as the route reflector of cluster
 * 244.0.0.1, as control's RIB sees it: node1 to node3 are its clients, two other reflectors (rr2,
 * rr3, of other clusters) are non-clients, host1 (198.19.15.254, AS 65000) an eBGP peer. Every
 * route a test reads was pulled from a real {@link AdjRibOut} and decoded from the bytes a peer
 * would receive.
 */
final class Cluster {
    static final long AS = 64512;
    static final int CLUSTER_ID = id("244.0.0.1");

    static final RibPeer SELF = RibPeer.local(address("198.19.0.1"), AS, id("198.19.0.1"));
    static final RibPeer NODE1 = internal(1, "198.19.0.2", true);
    static final RibPeer NODE2 = internal(2, "198.19.0.3", true);
    static final RibPeer NODE3 = internal(3, "198.19.0.4", true);
    static final RibPeer RR2 = internal(4, "198.19.0.5", false);
    static final RibPeer RR3 = internal(5, "198.19.0.6", false);
    static final RibPeer HOST1 = new RibPeer(6, RibPeer.Kind.EXTERNAL, address("198.19.15.254"), 65000,
            id("198.19.15.254"), false);
    static final List<RibPeer> CLIENTS = List.of(NODE1, NODE2, NODE3);
    static final List<RibPeer> NON_CLIENTS = List.of(RR2, RR3);

    static final Prefix BLOCK1 = Prefix.parse("198.19.21.0/26");
    static final Prefix BLOCK2 = Prefix.parse("198.19.21.64/26");
    static final Prefix BLOCK6 = Prefix.parse("fd00:198:19:21::/64");

    private static final ExportOptions CONTROL_ADDRESSES =
            ExportOptions.of(address("198.19.0.1"), address("fd00:198:19::1"));
    private static final Set<AfiSafi> BOTH = Set.of(AfiSafi.IPV4_UNICAST, AfiSafi.IPV6_UNICAST);

    private Cluster() {
    }

    /** control's RIB as a reflector of cluster 244.0.0.1 that reflects between clients too. */
    static Rib reflector() {
        return rib(RouteReflector.of(CLUSTER_ID));
    }

    /** control's RIB with every lab peer up, applying {@code reflection}. */
    static Rib rib(Reflection reflection) {
        Rib rib = new Rib(RibConfig.of(AS, SELF.routerId(), reflection), SELF);
        for (RibPeer p : List.of(NODE1, NODE2, NODE3, RR2, RR3, HOST1)) {
            rib.addPeer(p, ImportFilter.ACCEPT_ALL);
        }
        return rib;
    }

    static RibPeer internal(int id, String address, boolean client) {
        return new RibPeer(id, RibPeer.Kind.INTERNAL, address(address), AS, id(address), client);
    }

    /** What an iBGP peer sends of a route it originates: ORIGIN IGP, empty AS_PATH, NEXT_HOP its address, LOCAL_PREF 100. */
    static PathAttributes fromInternal(RibPeer peer, PathAttribute... more) {
        return with(List.of(Origin.IGP, AsPath.EMPTY, NextHop.of(peer.address().getHostAddress()), new LocalPref(100)),
                more);
    }

    /** What an eBGP peer sends: ORIGIN IGP, AS_PATH its AS, NEXT_HOP its address. */
    static PathAttributes fromExternal(RibPeer peer, PathAttribute... more) {
        return with(List.of(Origin.IGP, AsPath.sequence(peer.asNumber()), NextHop.of(peer.address().getHostAddress())),
                more);
    }

    /** {@code base} with {@code more} added, each replacing an attribute of its type. */
    static PathAttributes with(List<PathAttribute> base, PathAttribute... more) {
        List<PathAttribute> all = new ArrayList<>(base);
        for (PathAttribute m : more) {
            all.removeIf(a -> a.typeCode() == m.typeCode());
            all.add(m);
        }
        return PathAttributes.of(all);
    }

    /** {@code peer} announces IPv4 {@code prefixes} with {@code attributes} in one UPDATE. */
    static void announce(Rib rib, RibPeer peer, PathAttributes attributes, Prefix... prefixes) {
        rib.update(peer, Update.announce(attributes, PrefixList.of(prefixes)));
    }

    /** {@code peer} announces IPv6 {@code prefix} in MP_REACH_NLRI with {@code nextHop}. */
    static void announce6(Rib rib, RibPeer peer, PathAttributes attributes, String nextHop, Prefix prefix) {
        rib.update(peer, Update.announce(attributes.without(PathAttribute.NEXT_HOP),
                MpReachNlri.of(AfiSafi.IPV6_UNICAST, PrefixList.of(prefix), address(nextHop))));
    }

    /** What {@code peer} would be sent from {@code rib} if its session came up now. */
    static Received sentTo(Rib rib, RibPeer peer) {
        AdjRibOut out = new AdjRibOut(rib, peer, CONTROL_ADDRESSES, ExportFilter.ACCEPT_ALL);
        rib.addListener(out);
        out.start(CodecContext.DEFAULT, BOTH);
        List<Update> sent = out.pull(Integer.MAX_VALUE);
        rib.removeListener(out);
        return Received.of(sent);
    }

    /**
     * The routes one peer holds after the UPDATEs it was sent, each read back from its encoded
     * bytes, and those UPDATEs as decoded.
     */
    record Received(Map<Prefix, PathAttributes> routes, Map<Prefix, InetAddress> ipv6NextHops, List<Update> updates) {
        static Received of(List<Update> sent) {
            MessageDecoder decoder = new MessageDecoder(CodecContext.DEFAULT);
            Map<Prefix, PathAttributes> routes = new HashMap<>();
            Map<Prefix, InetAddress> ipv6NextHops = new HashMap<>();
            List<Update> decoded = new ArrayList<>();
            for (Update u : sent) {
                DecodeResult r = decoder.decode(MessageEncoder.toBytes(u, CodecContext.DEFAULT));
                Update d = (Update) assertInstanceOf(DecodeResult.Decoded.class, r, () -> u + ": " + r).message();
                decoded.add(d);
                for (Prefix p : d.nlri()) {
                    routes.put(p, d.attributes());
                }
                if (d.mpReach() != null) {
                    for (Prefix p : d.mpReach().nlri()) {
                        routes.put(p, d.attributes());
                        ipv6NextHops.put(p, d.mpReach().globalNextHop());
                    }
                }
            }
            return new Received(routes, ipv6NextHops, decoded);
        }

        PathAttributes route(Prefix prefix) {
            return routes.get(prefix);
        }
    }

    static InetAddress address(String text) {
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    /** A dotted-quad router ID or cluster ID as the 32-bit number BGP carries. */
    static int id(String dotted) {
        byte[] b = address(dotted).getAddress();
        return (b[0] & 0xFF) << 24 | (b[1] & 0xFF) << 16 | (b[2] & 0xFF) << 8 | (b[3] & 0xFF);
    }
}
