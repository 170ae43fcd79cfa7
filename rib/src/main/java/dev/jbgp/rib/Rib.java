package dev.jbgp.rib;

import dev.jbgp.core.AfiSafi;
import dev.jbgp.core.Prefix;
import dev.jbgp.core.PrefixList;
import dev.jbgp.core.attribute.MpReachNlri;
import dev.jbgp.core.attribute.PathAttribute;
import dev.jbgp.core.attribute.PathAttributes;
import dev.jbgp.core.message.Update;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiConsumer;

/**
 * The routing tables of one speaker: every peer's Adj-RIB-In (as received and after import
 * policy, both in {@link Path}), and the Loc-RIB (each {@link Destination}'s best path and
 * multipath set). Changes to the Loc-RIB go to {@link LocRibListener}s: the kernel FIB and
 * the peers' Adj-RIB-Out.
 *
 * <p>Not thread-safe by design: one thread, the RIB thread, owns it, so it needs no locks; sessions hand
 * it parsed UPDATEs through a queue.
 */
public final class Rib {
    /** Told of one IPv4 destination and its prefix in the packed form of {@link PrefixList#packIpv4}. */
    @FunctionalInterface
    public interface PackedIpv4Action {
        void accept(long packedPrefix, Destination destination);
    }

    private static final class PeerEntry {
        final RibPeer peer;
        final int allowOwnAs;
        ImportFilter filter;

        PeerEntry(RibPeer peer, ImportFilter filter, int allowOwnAs) {
            this.peer = peer;
            this.filter = filter;
            this.allowOwnAs = allowOwnAs;
        }
    }

    private final RibConfig config;
    private final Decision decision;
    private final RibPeer local;
    private final PrefixTable table = new PrefixTable();
    private final AttributeTable attributes = new AttributeTable();
    private final ImportChecks checks;
    private final Map<Integer, PeerEntry> peers = new HashMap<>();
    private final List<LocRibListener> listeners = new ArrayList<>();
    private long arrivals;
    private long pathCount;

    /** @param local the source of the routes this speaker originates ({@link RibPeer#local}) */
    public Rib(RibConfig config, RibPeer local) {
        if (!local.local()) {
            throw new IllegalArgumentException("the RIB's own source must be the local one: " + local);
        }
        this.config = config;
        this.decision = new Decision(config.decision());
        this.checks = new ImportChecks(config);
        this.local = local;
        peers.put(0, new PeerEntry(local, ImportFilter.ACCEPT_ALL, config.allowOwnAs()));
    }

    public RibConfig config() {
        return config;
    }

    public RibPeer localSource() {
        return local;
    }

    public void addListener(LocRibListener listener) {
        listeners.add(listener);
    }

    public void removeListener(LocRibListener listener) {
        listeners.remove(listener);
    }

    /**
     * Calls {@code action} with each path of {@code peer} and its prefix. The paths are collected
     * first, so the action may change the tables (withdraw a restarting peer's stale routes).
     */
    public void forEachPathOf(RibPeer peer, BiConsumer<Prefix, Path> action) {
        for (PeerPath pp : pathsOf(peer)) {
            action.accept(pp.prefix(), pp.path());
        }
    }

    /** A peer whose session came up; its routes go through {@code filter}. */
    public void addPeer(RibPeer peer, ImportFilter filter) {
        addPeer(peer, filter, config.allowOwnAs());
    }

    /**
     * A peer whose session came up, whose routes may carry our AS up to {@code allowOwnAs}
     * times before they count as a loop (BIRD's {@code allow local as}, Calico's
     * {@code numAllowedLocalASNumbers}).
     */
    public void addPeer(RibPeer peer, ImportFilter filter, int allowOwnAs) {
        if (allowOwnAs < 0) {
            throw new IllegalArgumentException("allowOwnAs must be 0 or more: " + allowOwnAs);
        }
        PeerEntry existing = peers.get(peer.id());
        if (existing != null && !existing.peer.equals(peer)) {
            throw new IllegalArgumentException("peer id " + peer.id() + " is already " + existing.peer);
        }
        peers.put(peer.id(), new PeerEntry(peer, filter, allowOwnAs));
    }

    /** The peer's session went down: every path it announced is withdrawn. */
    public void removePeer(RibPeer peer) {
        if (peer.local()) {
            throw new IllegalArgumentException("the local source cannot be removed");
        }
        withdrawAll(peer);
        peers.remove(peer.id());
    }

    /** Withdraws every path of {@code peer}, keeping the peer (a route refresh will follow, or not). */
    public void withdrawAll(RibPeer peer) {
        for (PeerPath pp : pathsOf(peer)) {
            withdraw(peer, pp.prefix(), pp.path().pathId());
        }
    }

    private record PeerPath(Prefix prefix, Path path) {
    }

    /** Every path of {@code peer}, collected first so the caller may change the tables while going through them. */
    private List<PeerPath> pathsOf(RibPeer peer) {
        List<PeerPath> out = new ArrayList<>();
        table.forEach((prefix, d) -> {
            for (Path p : d.paths()) {
                if (p.peer().id() == peer.id()) {
                    out.add(new PeerPath(prefix, p));
                }
            }
        });
        return out;
    }

    /**
     * Runs a peer's paths through a new import filter, from what the peer sent (soft
     * reconfiguration inbound): no route refresh needed.
     */
    public void reimport(RibPeer peer, ImportFilter filter) {
        PeerEntry e = entry(peer);
        e.filter = filter;
        checks.forget();
        for (PeerPath pp : pathsOf(peer)) {
            Path p = pp.path();
            put(peer, pp.prefix(), p.pathId(), p.received(), p.nextHop(), p.arrival());
        }
    }

    /** Applies one UPDATE from {@code peer}: withdrawals first, then announcements (RFC 4271 section 9). */
    public void update(RibPeer peer, Update update) {
        checks.forget();
        PrefixList withdrawn = update.withdrawn();
        table.readAhead(withdrawn);
        for (int i = 0; i < withdrawn.size(); i++) {
            withdraw(peer, withdrawn.get(i), withdrawn.hasPathIds() ? withdrawn.pathId(i) : 0);
        }
        if (update.mpUnreach() != null && unicast(update.mpUnreach().family())) {
            PrefixList w = update.mpUnreach().withdrawn();
            for (int i = 0; i < w.size(); i++) {
                withdraw(peer, w.get(i), w.hasPathIds() ? w.pathId(i) : 0);
            }
        }
        PrefixList nlri = update.nlri();
        table.readAhead(nlri);
        for (int i = 0; i < nlri.size(); i++) {
            put(peer, nlri.get(i), nlri.hasPathIds() ? nlri.pathId(i) : 0, update.attributes(), null, -1);
        }
        MpReachNlri reach = update.mpReach();
        if (reach != null && unicast(reach.family())) {
            InetAddress nextHop = mpNextHop(reach);
            PrefixList n = reach.nlri();
            for (int i = 0; i < n.size(); i++) {
                put(peer, n.get(i), n.hasPathIds() ? n.pathId(i) : 0, update.attributes(), nextHop, -1);
            }
        }
    }

    /**
     * RFC 4271 section 5.1.5 and RFC 7606 sections 7.5, 7.9 and 7.10: LOCAL_PREF, ORIGINATOR_ID
     * and CLUSTER_LIST from an external peer are ignored: policy and the decision process do not
     * see them (the Adj-RIB-In keeps the attributes as received).
     */
    private static PathAttributes withoutInternalAttributes(PathAttributes a) {
        PathAttributes out = a;
        if (out.localPref() != null) {
            out = out.without(PathAttribute.LOCAL_PREF);
        }
        if (out.originatorId() != null) {
            out = out.without(PathAttribute.ORIGINATOR_ID);
        }
        if (out.clusterList() != null) {
            out = out.without(PathAttribute.CLUSTER_LIST);
        }
        return out;
    }

    /** The tables are unicast: other SAFIs (multicast, say) must not touch them. */
    private static boolean unicast(AfiSafi family) {
        return family.equals(AfiSafi.IPV4_UNICAST) || family.equals(AfiSafi.IPV6_UNICAST);
    }

    /** A route this speaker originates (a node's own block). */
    public void originate(Prefix prefix, PathAttributes attributes) {
        announce(local, prefix, 0, attributes, null);
    }

    public boolean withdrawOriginated(Prefix prefix) {
        return withdraw(local, prefix, 0);
    }

    /**
     * Puts the path of {@code peer} and {@code pathId} for {@code prefix} in the Adj-RIB-In,
     * checks it for loops, runs the import filter and the decision process.
     *
     * @param mpNextHop the MP_REACH_NLRI next hop, or null when NEXT_HOP applies
     */
    public void announce(RibPeer peer, Prefix prefix, int pathId, PathAttributes received, InetAddress mpNextHop) {
        checks.forget();
        put(peer, prefix, pathId, received, mpNextHop, -1);
    }

    /** {@link #announce}, keeping the arrival of a path that is reimported ({@code arrival} 0 or more). */
    private void put(RibPeer peer, Prefix prefix, int pathId, PathAttributes received, InetAddress mpNextHop,
            long arrival) {
        PeerEntry e = entry(peer);
        PathAttributes in = attributes.acquire(received);
        PathAttributes accepted = null;
        Ineligible why = checks.loop(peer, in, e.allowOwnAs);
        if (why == null) {
            PathAttributes usable = peer.external() ? withoutInternalAttributes(in) : in;
            PathAttributes filtered = e.filter.apply(new Route(prefix, pathId, usable, peer));
            if (filtered == null) {
                why = Ineligible.REJECTED_BY_POLICY;
            } else {
                accepted = attributes.acquire(filtered);
            }
        }
        if (why == null && !peer.local() && !checks.resolvable(accepted, mpNextHop)) {
            why = Ineligible.NEXT_HOP_UNRESOLVABLE;
        }
        Path path = new Path(peer, pathId, in, accepted, mpNextHop, why, arrival >= 0 ? arrival : arrivals++);
        Destination d = table.getOrCreate(prefix);
        Path same = d.path(peer, pathId);
        if (same != null && same.received() == in && same.attributes() == accepted
                && Objects.equals(same.nextHop(), mpNextHop) && same.ineligible() == path.ineligible()) {
            // The route again (after a route refresh, or a reimport that changed nothing): no change,
            // and not a newer route either.
            release(path);
            return;
        }
        Path best = d.best();
        Path[] before = d.multipathCount() > 1 ? d.multipathSnapshot() : null;
        Path old = d.put(path, decision);
        if (old != null) {
            release(old);
        } else {
            pathCount++;
        }
        if (!same(d, best, before)) {
            notifyChanged(prefix, d);
        }
    }

    /** Removes the path; true when there was one. */
    public boolean withdraw(RibPeer peer, Prefix prefix, int pathId) {
        Destination d = table.get(prefix);
        if (d == null) {
            return false;
        }
        Path best = d.best();
        Path[] before = d.multipathCount() > 1 ? d.multipathSnapshot() : null;
        Path old = d.remove(peer, pathId, decision);
        if (old == null) {
            return false;
        }
        release(old);
        pathCount--;
        boolean changed = !same(d, best, before);
        if (d.isEmpty()) {
            table.remove(prefix);
        }
        if (changed) {
            notifyChanged(prefix, d);
        }
        return true;
    }

    public Destination destination(Prefix prefix) {
        return table.get(prefix);
    }

    /** The destination of an IPv4 prefix packed as {@link PrefixList#packIpv4} does, or null. */
    public Destination ipv4Destination(long packedPrefix) {
        return table.getIpv4(packedPrefix);
    }

    /** Every destination, in no particular order. */
    public void forEach(BiConsumer<Prefix, Destination> action) {
        table.forEach(action);
    }

    /**
     * Every IPv4 destination, in no particular order, with its prefix packed as
     * {@link PrefixList#packIpv4} does: a walk over a full table creates no object per prefix.
     * The action must not change the RIB.
     */
    public void forEachIpv4(PackedIpv4Action action) {
        table.forEachIpv4(action);
    }

    /** Every IPv6 destination, in no particular order. */
    public void forEachIpv6(BiConsumer<Prefix, Destination> action) {
        table.forEachIpv6(action);
    }

    public int prefixCount() {
        return table.size();
    }

    public long pathCount() {
        return pathCount;
    }

    public int attributeSetCount() {
        return attributes.size();
    }

    /** One past the largest {@link Destination#id()} in use: the size a per-destination bit set needs. */
    public int destinationIdLimit() {
        return table.idLimit();
    }

    public MemoryReport memory() {
        int prefixes = table.size();
        // Destination: 12-byte header, id, reference, byte -> 24. Path: header and 7 fields -> 48.
        // A destination with several paths also holds an array of them.
        long[] arrays = {0};
        table.forEach((p, d) -> {
            if (d.size() > 1) {
                arrays[0] += 16 + 4L * d.size();
            }
        });
        return new MemoryReport(prefixes, pathCount, attributes.size(), table.footprint(), 24L * prefixes + arrays[0],
                48L * pathCount, attributes.footprint());
    }

    private PeerEntry entry(RibPeer peer) {
        PeerEntry e = peers.get(peer.id());
        if (e == null || !e.peer.equals(peer)) {
            throw new IllegalArgumentException("not a peer of this RIB: " + peer);
        }
        return e;
    }

    private void release(Path p) {
        attributes.release(p.received());
        if (p.attributes() != null) {
            attributes.release(p.attributes());
        }
    }

    private static boolean same(Destination d, Path best, Path[] multipathBefore) {
        if (multipathBefore == null) {
            return d.best() == best && d.multipathCount() <= 1 && (best != null || d.multipathCount() == 0);
        }
        return d.sameSelection(best, multipathBefore);
    }

    private void notifyChanged(Prefix prefix, Destination d) {
        for (LocRibListener l : listeners) {
            l.changed(prefix, d);
        }
    }

    /** The global address of an MP_REACH_NLRI next hop (the first 4 or 16 octets; RFC 2545 adds a link-local one). */
    private static InetAddress mpNextHop(MpReachNlri reach) {
        byte[] hop = reach.nextHop();
        int length = hop.length >= 16 ? 16 : hop.length == 4 ? 4 : 0;
        if (length == 0) {
            return null;
        }
        try {
            return InetAddress.getByAddress(Arrays.copyOf(hop, length));
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
