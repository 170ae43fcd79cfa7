package dev.jbgp.rib.out;

import dev.jbgp.core.AfiSafi;
import dev.jbgp.core.Prefix;
import dev.jbgp.core.PrefixList;
import dev.jbgp.core.codec.CodecContext;
import dev.jbgp.core.message.Update;
import dev.jbgp.rib.Destination;
import dev.jbgp.rib.LocRibListener;
import dev.jbgp.rib.Path;
import dev.jbgp.rib.Rib;
import dev.jbgp.rib.RibPeer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * What one peer is sent: the Adj-RIB-Out of RFC 4271 section 3.2, kept small. Register it with
 * {@link Rib#addListener}; the peer's session calls {@link #start} when it reaches Established,
 * {@link #pull} while its channel can take data, and {@link #reset} when it goes down.
 *
 * <p>Outbound updates are pulled, not pushed, so a slow peer never makes memory grow. A
 * Loc-RIB change only marks the
 * prefix pending; export rules and policy run when the session pulls, on the current best path,
 * so a prefix that changed ten times meanwhile is worked out and sent once, and one that came
 * and went unseen is not sent at all. Pending prefixes are sorted by the attribute set they go
 * out with, so one UPDATE carries every prefix that shares it, up to the maximum message length.
 *
 * <p>No copy of the routes sent is kept: one bit per {@link Destination#id()} says whether the
 * peer holds the prefix. A destination's identifier can pass to another prefix once it becomes
 * unreachable, so a prefix the peer holds is moved, at that moment, to the withdrawals owed,
 * kept by prefix. Memory is about one bit per prefix plus the pending prefixes.
 *
 * <p>RIB thread only, like the {@link Rib}: the session asks that thread to pull and receives
 * immutable UPDATEs.
 */
public final class AdjRibOut implements LocRibListener {
    private static final long[] NO_BITS = new long[0];
    private static final Runnable NOTHING = () -> { };

    private final Rib rib;
    private final RibPeer peer;
    private final ExportRules rules;
    private final PrefixSet pending = new PrefixSet();
    /** Prefixes the peer holds whose destination is gone or was handed to another prefix. */
    private final PrefixSet withdrawalsOwed = new PrefixSet();
    private final ArrayDeque<AfiSafi> endOfRibOwed = new ArrayDeque<>(2);
    private final OutboundBatch.Ledger ledger = new Bookkeeping();
    private Runnable onPending = NOTHING;

    private boolean up;
    private CodecContext context;
    private boolean ipv4;
    private boolean ipv6;
    private boolean dumpDue;
    private OutboundBatch batch;
    /** Bit {@code id} set: the peer holds the route of the destination with that identifier. */
    private long[] advertised = NO_BITS;
    private int advertisedCount;

    /**
     * @param peer the peer routes are sent to, as the RIB knows it (routes it sent are not sent back)
     * @param filter the peer's export policy, applied after the protocol's rules
     */
    public AdjRibOut(Rib rib, RibPeer peer, ExportOptions options, ExportFilter filter) {
        this.rib = rib;
        this.peer = peer;
        this.rules = new ExportRules(peer, rib.config(), options, filter);
    }

    public RibPeer peer() {
        return peer;
    }

    /**
     * Called on the RIB thread each time this Adj-RIB-Out goes from nothing to send to something
     * to send, so the session can schedule a pull.
     */
    public void onPending(Runnable wakeUp) {
        this.onPending = wakeUp == null ? NOTHING : wakeUp;
    }

    /**
     * The session is Established: every current best path is pending, and once all of them have
     * been pulled an End-of-RIB follows for each family (RFC 4724 section 2).
     *
     * @param context what the session negotiated for what we send (4-octet AS, ADD-PATH, maximum length)
     * @param families the families the session carries, of IPv4 and IPv6 unicast
     */
    public void start(CodecContext context, Set<AfiSafi> families) {
        if (up) {
            throw new IllegalStateException("the session to " + peer + " is already up");
        }
        for (AfiSafi f : families) {
            if (!f.equals(AfiSafi.IPV4_UNICAST) && !f.equals(AfiSafi.IPV6_UNICAST)) {
                throw new IllegalArgumentException("routes of " + f + " are not held by the RIB");
            }
        }
        this.context = context;
        this.ipv4 = families.contains(AfiSafi.IPV4_UNICAST);
        this.ipv6 = families.contains(AfiSafi.IPV6_UNICAST);
        this.up = true;
        // The table is read when the session first pulls: until then a change needs no note.
        this.dumpDue = true;
        onPending.run();
    }

    /** The session went down: the peer holds nothing of ours any more, and nothing is pending. */
    public void reset() {
        up = false;
        context = null;
        dumpDue = false;
        batch = null;
        pending.clear();
        withdrawalsOwed.clear();
        endOfRibOwed.clear();
        advertised = NO_BITS;
        advertisedCount = 0;
        rules.forget();
    }

    /**
     * Sends every prefix again as the rules and policy now have it: the answer to a ROUTE-REFRESH
     * (RFC 2918) and the way a changed export policy reaches a peer. Prefixes that are exported
     * go out again; ones the peer holds that are no longer exported are withdrawn.
     */
    public void resendAll() {
        if (!up || dumpDue) {
            return;
        }
        boolean idle = !hasPending();
        if (ipv4) {
            rib.forEachIpv4((packed, d) -> pending.addIpv4(packed));
        }
        if (ipv6) {
            rib.forEachIpv6((prefix, d) -> pending.add(prefix));
        }
        if (idle && hasPending()) {
            onPending.run();
        }
    }

    public boolean isUp() {
        return up;
    }

    /** Whether a pull may return UPDATEs. */
    public boolean hasPending() {
        return up && (dumpDue || !pending.isEmpty() || !endOfRibOwed.isEmpty() || (batch != null && !batch.exhausted()));
    }

    /** How many prefixes the peer holds from us. */
    public int advertisedCount() {
        return advertisedCount;
    }

    @Override
    public void changed(Prefix prefix, Destination destination) {
        if (!up || dumpDue || !(prefix.isIpv4() ? ipv4 : ipv6)) {
            return;
        }
        boolean idle = !hasPending();
        int id = destination.id();
        if (destination.best() == null && isAdvertised(id)) {
            // The identifier may belong to another prefix right after this call.
            clearAdvertised(id);
            withdrawalsOwed.add(prefix);
        }
        pending.add(prefix);
        if (idle) {
            onPending.run();
        }
    }

    /**
     * Up to {@code maxMessages} UPDATEs for the session to send, in order: withdrawals, then
     * announcements, each UPDATE carrying every pending prefix that shares its attribute set as
     * far as the maximum message length allows; End-of-RIB markers after the initial table. An
     * empty list when nothing is pending. The peer is taken to hold what the UPDATEs say.
     */
    public List<Update> pull(int maxMessages) {
        if (maxMessages < 1) {
            throw new IllegalArgumentException("maxMessages must be 1 or more: " + maxMessages);
        }
        List<Update> out = new ArrayList<>();
        if (!up) {
            return out;
        }
        while (out.size() < maxMessages) {
            if (batch == null || batch.exhausted()) {
                batch = null;
                if (!endOfRibOwed.isEmpty()) {
                    out.add(Update.endOfRib(endOfRibOwed.removeFirst()));
                } else if (dumpDue) {
                    batch = dump();
                } else if (!pending.isEmpty()) {
                    batch = drainPending();
                } else {
                    break;
                }
                continue;
            }
            Update u = batch.next(ledger);
            if (u != null) {
                out.add(u);
            }
        }
        return out;
    }

    /** Bytes held by this Adj-RIB-Out's own arrays (the bits, the pending sets, a batch being sent). */
    public long footprint() {
        return 16L + 8L * advertised.length + pending.footprint() + withdrawalsOwed.footprint()
                + (batch == null ? 0 : batch.footprint());
    }

    /** Every prefix of the families the session carries; nothing is advertised yet. */
    private OutboundBatch dump() {
        dumpDue = false;
        pending.clear();
        OutboundBatch b = new OutboundBatch(context, rules, rib.prefixCount());
        if (ipv4) {
            rib.forEachIpv4((packed, d) -> stageIpv4(b, packed, d));
            endOfRibOwed.add(AfiSafi.IPV4_UNICAST);
        }
        if (ipv6) {
            rib.forEachIpv6((prefix, d) -> stageIpv6(b, prefix, d));
            endOfRibOwed.add(AfiSafi.IPV6_UNICAST);
        }
        return b;
    }

    private OutboundBatch drainPending() {
        OutboundBatch b = new OutboundBatch(context, rules, pending.size());
        pending.forEachIpv4(packed -> stageIpv4(b, packed, rib.ipv4Destination(packed)));
        pending.forEachIpv6(p -> stageIpv6(b, p, rib.destination(p)));
        pending.clear();
        return b;
    }

    /**
     * Works out what the peer is to be told of an IPv4 prefix ({@link PrefixList#packIpv4}): its
     * best path's export, a withdrawal, or nothing.
     */
    private void stageIpv4(OutboundBatch b, long packed, Destination d) {
        Path best = d == null ? null : d.best();
        if (best != null && b.announceIpv4(packed, best, d.id())) {
            return;
        }
        if (d != null && isAdvertised(d.id())) {
            b.withdrawIpv4(packed, d.id());
        } else if (withdrawalsOwed.containsIpv4(packed)) {
            b.withdrawIpv4(packed, -1);
        }
    }

    /** {@link #stageIpv4} for an IPv6 prefix. */
    private void stageIpv6(OutboundBatch b, Prefix prefix, Destination d) {
        Path best = d == null ? null : d.best();
        if (best != null && b.announceIpv6(prefix, best, d.id())) {
            return;
        }
        if (d != null && isAdvertised(d.id())) {
            b.withdrawIpv6(prefix, d.id());
        } else if (withdrawalsOwed.contains(prefix)) {
            b.withdrawIpv6(prefix, -1);
        }
    }

    private boolean isAdvertised(int id) {
        int word = id >>> 6;
        return word < advertised.length && (advertised[word] & (1L << id)) != 0;
    }

    private void setAdvertised(int id) {
        int word = id >>> 6;
        if (word >= advertised.length) {
            int limit = Math.max(id + 1, rib.destinationIdLimit());
            advertised = Arrays.copyOf(advertised, Math.max((limit + 63) >>> 6, advertised.length * 5 / 4));
        }
        if ((advertised[word] & (1L << id)) == 0) {
            advertised[word] |= 1L << id;
            advertisedCount++;
        }
    }

    private void clearAdvertised(int id) {
        if (isAdvertised(id)) {
            advertised[id >>> 6] &= ~(1L << id);
            advertisedCount--;
        }
    }

    /** Keeps the bits and the withdrawals owed in step with what goes out. */
    private final class Bookkeeping implements OutboundBatch.Ledger {
        @Override
        public boolean superseded(OutboundBatch.Bucket bucket, int i) {
            if (pending.isEmpty()) {
                return false;
            }
            return bucket.ipv4() ? pending.containsIpv4(bucket.packedIpv4(i)) : pending.contains(bucket.prefix(i));
        }

        @Override
        public void sent(OutboundBatch.Bucket bucket, int i) {
            int id = bucket.destinationId(i);
            if (id >= 0) {
                if (bucket.withdrawals()) {
                    clearAdvertised(id);
                } else {
                    setAdvertised(id);
                }
            }
            if (!withdrawalsOwed.isEmpty()) {
                if (bucket.ipv4()) {
                    withdrawalsOwed.removeIpv4(bucket.packedIpv4(i));
                } else {
                    withdrawalsOwed.remove(bucket.prefix(i));
                }
            }
        }
    }
}
