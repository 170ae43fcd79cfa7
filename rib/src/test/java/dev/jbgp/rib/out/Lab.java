package dev.jbgp.rib.out;

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
import dev.jbgp.core.message.Update;
import dev.jbgp.rib.ImportFilter;
import dev.jbgp.rib.Rib;
import dev.jbgp.rib.RibConfig;
import dev.jbgp.rib.RibPeer;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The test lab (nodes in 198.19.0.0/16) as the RIB of node1 sees it: node1 (198.19.0.2) in AS 64512, the other
 * nodes as iBGP peers, host1 (198.19.15.254, AS 65000) and a second router (AS 65001) as eBGP
 * peers. Every Adj-RIB-Out under test is fed by a real {@link Rib}.
 */
final class Lab {
    static final long AS = 64512;

    static final RibPeer LOCAL = RibPeer.local(address("198.19.0.2"), AS, ipv4("198.19.0.2"));
    static final RibPeer CONTROL = internal(1, "198.19.0.1", false);
    static final RibPeer NODE2 = internal(2, "198.19.0.3", false);
    static final RibPeer NODE3 = internal(3, "198.19.0.4", false);
    static final RibPeer HOST1 = external(4, "198.19.15.254", 65000);
    static final RibPeer ROUTER2 = external(5, "198.19.15.253", 65001);
    static final RibPeer NODE4 = internal(6, "198.19.0.5", false);

    static final Set<AfiSafi> IPV4 = Set.of(AfiSafi.IPV4_UNICAST);
    static final Set<AfiSafi> BOTH = Set.of(AfiSafi.IPV4_UNICAST, AfiSafi.IPV6_UNICAST);
    static final ExportOptions NODE1_ADDRESSES = ExportOptions.of(address("198.19.0.2"), address("fd00:198:19::2"));

    private Lab() {
    }

    /** node1's RIB with every lab peer up. */
    static Rib rib() {
        return withPeers(new Rib(RibConfig.of(AS, LOCAL.routerId()), LOCAL), CONTROL, NODE2, NODE3, NODE4, HOST1, ROUTER2);
    }

    private static Rib withPeers(Rib rib, RibPeer... peers) {
        for (RibPeer p : peers) {
            rib.addPeer(p, ImportFilter.ACCEPT_ALL);
        }
        return rib;
    }

    static RibPeer internal(int id, String address, boolean client) {
        return new RibPeer(id, RibPeer.Kind.INTERNAL, address(address), AS, ipv4(address), client);
    }

    static RibPeer external(int id, String address, long as) {
        return new RibPeer(id, RibPeer.Kind.EXTERNAL, address(address), as, ipv4(address), false);
    }

    /** An Adj-RIB-Out toward {@code peer}, listening to {@code rib}, its session up with {@code context}. */
    static AdjRibOut adjRibOut(Rib rib, RibPeer peer, ExportOptions options, ExportFilter filter,
            CodecContext context, Set<AfiSafi> families) {
        AdjRibOut out = new AdjRibOut(rib, peer, options, filter);
        rib.addListener(out);
        out.start(context, families);
        return out;
    }

    static AdjRibOut adjRibOut(Rib rib, RibPeer peer) {
        return adjRibOut(rib, peer, NODE1_ADDRESSES, ExportFilter.ACCEPT_ALL, CodecContext.DEFAULT, BOTH);
    }

    /** What an eBGP peer in {@code as} sends: ORIGIN IGP, AS_PATH {@code as}, NEXT_HOP its address. */
    static PathAttributes fromExternal(RibPeer peer, PathAttribute... more) {
        return attributes(List.of(Origin.IGP, AsPath.sequence(peer.asNumber()),
                NextHop.of(peer.address().getHostAddress())), more);
    }

    /** What an iBGP peer sends of a route it originates: ORIGIN IGP, empty AS_PATH, NEXT_HOP its address. */
    static PathAttributes fromInternal(RibPeer peer, PathAttribute... more) {
        return attributes(List.of(Origin.IGP, AsPath.EMPTY, NextHop.of(peer.address().getHostAddress()),
                new LocalPref(100)), more);
    }

    static PathAttributes attributes(List<PathAttribute> base, PathAttribute... more) {
        List<PathAttribute> all = new ArrayList<>(base);
        for (PathAttribute m : more) {
            all.removeIf(a -> a.typeCode() == m.typeCode());
            all.add(m);
        }
        return PathAttributes.of(all);
    }

    /** {@code peer} announces IPv4 {@code prefixes} with {@code attributes}, in one UPDATE. */
    static void announce(Rib rib, RibPeer peer, PathAttributes attributes, List<Prefix> prefixes) {
        rib.update(peer, Update.announce(attributes, PrefixList.of(prefixes, null)));
    }

    static void announce(Rib rib, RibPeer peer, PathAttributes attributes, Prefix... prefixes) {
        announce(rib, peer, attributes, List.of(prefixes));
    }

    /** {@code peer} announces IPv6 {@code prefixes} in MP_REACH_NLRI with next hop {@code nextHop}. */
    static void announce6(Rib rib, RibPeer peer, PathAttributes attributes, String nextHop, List<Prefix> prefixes) {
        rib.update(peer, Update.announce(attributes.without(PathAttribute.NEXT_HOP),
                MpReachNlri.of(AfiSafi.IPV6_UNICAST, PrefixList.of(prefixes, null), address(nextHop))));
    }

    static void withdraw(Rib rib, RibPeer peer, Prefix... prefixes) {
        for (Prefix p : prefixes) {
            rib.withdraw(peer, p, 0);
        }
    }

    static Prefix prefix(String text) {
        return Prefix.parse(text);
    }

    /** {@code count} consecutive /24s from {@code first}. */
    static List<Prefix> slash24s(String first, int count) {
        int base = ipv4(first);
        List<Prefix> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(Prefix.ipv4(base + (i << 8), 24));
        }
        return out;
    }

    /** {@code count} consecutive /48s from {@code fd00:1::/48}. */
    static List<Prefix> slash48s(int count) {
        List<Prefix> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(Prefix.ipv6(0xFD00_0001_0000_0000L + ((long) i << 16), 0, 48));
        }
        return out;
    }

    static InetAddress address(String text) {
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    static int ipv4(String text) {
        byte[] b = address(text).getAddress();
        return (b[0] & 0xFF) << 24 | (b[1] & 0xFF) << 16 | (b[2] & 0xFF) << 8 | (b[3] & 0xFF);
    }
}
