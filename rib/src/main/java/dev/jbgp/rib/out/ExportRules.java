package dev.jbgp.rib.out;

import dev.jbgp.core.Prefix;
import dev.jbgp.core.attribute.AsPath;
import dev.jbgp.core.attribute.Communities;
import dev.jbgp.core.attribute.LocalPref;
import dev.jbgp.core.attribute.NextHop;
import dev.jbgp.core.attribute.Origin;
import dev.jbgp.core.attribute.OriginatorId;
import dev.jbgp.core.attribute.PathAttribute;
import dev.jbgp.core.attribute.PathAttributes;
import dev.jbgp.rib.Decision;
import dev.jbgp.rib.Path;
import dev.jbgp.rib.RibConfig;
import dev.jbgp.rib.RibPeer;
import dev.jbgp.rib.Route;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;

/**
 * Whether a best path goes to one peer, and with which attributes: the protocol's rules, then
 * the peer's {@link ExportFilter}.
 *
 * <p>What the rules make of a path depends only on its attribute set, the kind of peer it came
 * from (and, when reflected, its originator: the ORIGINATOR_ID it carries, else that peer's
 * router ID) and the address family, so their result is remembered per attribute set, by
 * identity: a million prefixes sharing a few interned sets cost a few computations and a few new
 * sets. The filter may look at the prefix, so it runs every time. RIB thread only.
 */
final class ExportRules {
    /** Past this many remembered input sets, forget them all: a bound, not a cache policy. */
    static final int MEMO_LIMIT = 1 << 16;

    private static final LocalPref DEFAULT_LOCAL_PREF = new LocalPref(Decision.DEFAULT_LOCAL_PREF);
    private static final int SLOTS_PER_FAMILY = RibPeer.Kind.values().length;

    private final RibPeer target;
    private final RibConfig config;
    private final ExportOptions options;
    private final ExportFilter filter;
    private final NextHop selfIpv4;
    /** Input set -> its exported forms. */
    private final IdentityHashMap<PathAttributes, Slots> memo = new IdentityHashMap<>();

    /**
     * The exported forms of one input set, one slot per family and source kind; for a reflected
     * path, the originator the slot's form was made for.
     */
    private static final class Slots {
        final PathAttributes[] out = new PathAttributes[2 * SLOTS_PER_FAMILY];
        final int[] originator = new int[2 * SLOTS_PER_FAMILY];
    }

    ExportRules(RibPeer target, RibConfig config, ExportOptions options, ExportFilter filter) {
        if (target.local()) {
            throw new IllegalArgumentException("routes are not exported to the local source");
        }
        this.target = target;
        this.config = config;
        this.options = options;
        this.filter = filter;
        this.selfIpv4 = options.localIpv4() == null ? null
                : new NextHop(ipv4Int(options.localIpv4()));
    }

    /**
     * The attributes to announce {@code best} to the peer with, or null when it is not sent. For
     * an IPv6 prefix the next hop travels apart, in MP_REACH_NLRI: see {@link #ipv6NextHop}.
     */
    PathAttributes export(Prefix prefix, Path best) {
        PathAttributes ruled = ruled(best, prefix.isIpv4());
        return ruled == null ? null : filtered(prefix, best, ruled);
    }

    /**
     * The protocol's rules alone: the attributes {@code best} goes out with before the peer's
     * filter, or null when it is not sent. They read the path's attribute set, source and next
     * hop, never its prefix, so one result serves every prefix whose best path shares those.
     */
    PathAttributes ruled(Path best, boolean ipv4) {
        RibPeer source = best.peer();
        if (!advertisable(source, best.attributes())) {
            return null;
        }
        if (ipv4) {
            return ipv4(best);
        }
        return ipv6NextHop(best) == null ? null : memoized(best.attributes(), source, false);
    }

    /** The peer's filter on one prefix, given what the rules made of its best path. */
    PathAttributes filtered(Prefix prefix, Path best, PathAttributes ruled) {
        return filter.apply(new Route(prefix, best.pathId(), ruled, best.peer()));
    }

    /** The next hop to put in MP_REACH_NLRI for an IPv6 path, or null when there is none to give. */
    InetAddress ipv6NextHop(Path best) {
        if (nextHopSelf(best.peer())) {
            return options.localIpv6();
        }
        return best.nextHop() instanceof Inet6Address a ? a : null;
    }

    /** Forgets the remembered results (the session went down). */
    void forget() {
        memo.clear();
    }

    int memoSize() {
        return memo.size();
    }

    /**
     * The rules that decide whether the path goes to this peer at all: never back to the peer
     * it came from; the well-known communities of RFC 1997; from one iBGP peer to another only
     * as the {@link dev.jbgp.rib.Reflection} says (RFC 4271 section 9.2, RFC 4456 section 6).
     */
    private boolean advertisable(RibPeer source, PathAttributes attributes) {
        if (source.id() == target.id()) {
            return false;
        }
        Communities communities = attributes.communities();
        if (communities != null) {
            if (communities.contains(Communities.NO_ADVERTISE)) {
                return false;
            }
            // Without confederations NO_EXPORT_SUBCONFED stops at the same border as NO_EXPORT.
            if (target.external() && (communities.contains(Communities.NO_EXPORT)
                    || communities.contains(Communities.NO_EXPORT_SUBCONFED))) {
                return false;
            }
        }
        return !reflected(source) || config.reflection().reflects(source, target);
    }

    private PathAttributes ipv4(Path best) {
        RibPeer source = best.peer();
        PathAttributes in = best.attributes();
        if (nextHopSelf(source)) {
            return selfIpv4 == null ? null : memoized(in, source, true);
        }
        InetAddress mpNextHop = best.nextHop();
        if (mpNextHop != null) {
            // Learnt in MP_REACH_NLRI: the next hop is the path's, not its attribute set's, so the
            // result is the path's own. One that is an IPv6 address (RFC 8950) cannot ride in NEXT_HOP.
            return mpNextHop instanceof Inet4Address a
                    ? rules(in, source, true).with(new NextHop(ipv4Int(a))) : null;
        }
        return in.nextHop() == null ? null : memoized(in, source, true);
    }

    private PathAttributes memoized(PathAttributes in, RibPeer source, boolean ipv4) {
        Slots slots = memo.get(in);
        if (slots == null) {
            if (memo.size() >= MEMO_LIMIT) {
                memo.clear();
            }
            slots = new Slots();
            memo.put(in, slots);
        }
        int slot = (ipv4 ? 0 : SLOTS_PER_FAMILY) + source.kind().ordinal();
        PathAttributes out = slots.out[slot];
        boolean byReflection = reflected(source);
        int originator = byReflection ? originator(in, source) : 0;
        if (out == null || (byReflection && slots.originator[slot] != originator)) {
            out = rules(in, source, ipv4);
            slots.out[slot] = out;
            slots.originator[slot] = originator;
        }
        return out;
    }

    /**
     * The attribute rules of RFC 4271 section 5.1, and those of the {@link dev.jbgp.rib.Reflection}
     * for a reflected path, for a path already known to go to this peer. Locally originated routes
     * get ORIGIN IGP and an empty AS_PATH when they have none.
     */
    private PathAttributes rules(PathAttributes in, RibPeer source, boolean ipv4) {
        PathAttributes a = in;
        if (source.local()) {
            if (a.origin() == null) {
                a = a.with(Origin.IGP);
            }
            if (a.asPath() == null) {
                a = a.with(AsPath.EMPTY);
            }
        }
        if (target.external()) {
            // 5.1.2: prepend our AS; 5.1.5: no LOCAL_PREF to an external peer; 5.1.4: a MED
            // learnt from another AS goes no further; RFC 4456 attributes stay inside the AS.
            a = a.with(prepend(a.asPath(), config.localAs()));
            a = a.without(PathAttribute.LOCAL_PREF).without(PathAttribute.ORIGINATOR_ID)
                    .without(PathAttribute.CLUSTER_LIST);
            if (!source.local()) {
                a = a.without(PathAttribute.MULTI_EXIT_DISC);
            }
        } else {
            if (a.localPref() == null) {
                a = a.with(DEFAULT_LOCAL_PREF);   // 5.1.5: LOCAL_PREF in every UPDATE to an internal peer
            }
            if (reflected(source)) {
                a = config.reflection().reflect(a, source.routerId());
            }
        }
        if (options.med() != null) {
            a = a.with(options.med());
        }
        if (!ipv4) {
            return a.without(PathAttribute.NEXT_HOP);   // the IPv6 next hop travels in MP_REACH_NLRI
        }
        return nextHopSelf(source) ? a.with(selfIpv4) : a;
    }

    /** 5.1.3: to an eBGP peer the next hop is ourselves, unless told to keep it; likewise for our own routes. */
    private boolean nextHopSelf(RibPeer source) {
        return source.local() || options.nextHopSelf() || (target.external() && !options.keepOriginalNextHop());
    }

    /** From one iBGP peer to another: sent only by reflection. */
    private boolean reflected(RibPeer source) {
        return source.internal() && target.internal();
    }

    private static int ipv4Int(InetAddress a) {
        byte[] b = a.getAddress();
        return (b[0] & 0xFF) << 24 | (b[1] & 0xFF) << 16 | (b[2] & 0xFF) << 8 | (b[3] & 0xFF);
    }

    /** The originator of a reflected path: besides the attributes, all that {@code Reflection.reflect} may read. */
    private static int originator(PathAttributes in, RibPeer source) {
        OriginatorId o = in.originatorId();
        return o != null ? o.id() : source.routerId();
    }

    /**
     * RFC 4271 section 5.1.2 b: our AS goes first, into the leading AS_SEQUENCE when it has room
     * (255 ASes), else in a new one. Confederation segments go: we belong to no confederation,
     * so none may leave it (RFC 5065 section 5.3).
     */
    static AsPath prepend(AsPath path, long asn) {
        List<AsPath.Segment> segments = new ArrayList<>();
        if (path != null) {
            for (AsPath.Segment s : path.segments()) {
                if (!s.type().isConfederation()) {
                    segments.add(s);
                }
            }
        }
        if (!segments.isEmpty() && segments.getFirst().type() == AsPath.SegmentType.AS_SEQUENCE
                && segments.getFirst().size() < 255) {
            long[] old = segments.getFirst().asns();
            long[] asns = new long[old.length + 1];
            asns[0] = asn;
            System.arraycopy(old, 0, asns, 1, old.length);
            segments.set(0, new AsPath.Segment(AsPath.SegmentType.AS_SEQUENCE, asns));
        } else {
            segments.addFirst(new AsPath.Segment(AsPath.SegmentType.AS_SEQUENCE, new long[] {asn}));
        }
        return new AsPath(segments);
    }
}
