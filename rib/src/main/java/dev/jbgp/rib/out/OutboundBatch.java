package dev.jbgp.rib.out;

import dev.jbgp.core.AfiSafi;
import dev.jbgp.core.Prefix;
import dev.jbgp.core.PrefixList;
import dev.jbgp.core.attribute.MpReachNlri;
import dev.jbgp.core.attribute.MpUnreachNlri;
import dev.jbgp.core.attribute.PathAttributes;
import dev.jbgp.core.codec.CodecContext;
import dev.jbgp.core.codec.MessageEncoder;
import dev.jbgp.core.message.Update;
import dev.jbgp.rib.Path;
import dev.jbgp.rib.RibPeer;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The prefixes of one pull, worked out and sorted into buckets: one per attribute set (and, for
 * IPv6, next hop) to announce, one per family to withdraw. Each bucket becomes as few UPDATEs
 * as the session's maximum message length allows, withdrawals first.
 *
 * <p>An initial table is a million prefixes, so each costs as little as can be. The export
 * rules read a best path's attribute set, source and next hop, never its prefix, and a table has
 * a few thousand such groups: the rules run once per group and pull ({@link Export}), and a
 * prefix costs a lookup by attribute set, the peer's filter, and three array slots written in
 * turn (its packed form, its destination identifier, its bucket). When the session first takes
 * a message, a counting sort puts each family's prefixes in bucket order, in arrays of just the
 * size needed; a bucket is a range of them, and no bucket grows an array of its own.
 *
 * <p>A prefix that changes again after it was put here is skipped when its turn comes (the
 * {@link Ledger} says so): it waits in the pending set and goes out once, in its latest form.
 */
final class OutboundBatch {
    /** What the Adj-RIB-Out knows of each prefix as its message is built. */
    interface Ledger {
        /** Prefix {@code i} of the bucket changed after it was put in the batch: leave it to the next one. */
        boolean superseded(Bucket bucket, int i);

        /** Prefix {@code i} of the bucket is in a message the session is taking. */
        void sent(Bucket bucket, int i);
    }

    private final CodecContext context;
    private final ExportRules rules;
    private final Staged ipv4;
    private final Staged ipv6;
    /** Input attribute set -> the groups of best paths holding it, by family. */
    private final IdentityHashMap<PathAttributes, Export> exports4 = new IdentityHashMap<>();
    private final IdentityHashMap<PathAttributes, Export> exports6 = new IdentityHashMap<>();
    private List<Bucket> order;
    private int current;

    private record Ipv6Group(PathAttributes attributes, InetAddress nextHop) {
    }

    /**
     * What the rules make of the best paths that share an attribute set, a source and a next
     * hop (by identity: the RIB interns attribute sets), and the bucket they go to when the
     * peer's filter leaves that result as it is.
     */
    private static final class Export {
        final PathAttributes in;
        final RibPeer source;
        final InetAddress pathNextHop;
        final PathAttributes ruled;          // null: not sent
        final InetAddress nextHop;           // IPv6: the MP_REACH_NLRI next hop
        final Export next;                   // the same set from another source or next hop
        // The bucket of `ruled`, and its longest prefix, copied here: one object read per prefix, not two.
        int bucket = -1;
        int longestFitting;

        Export(Path best, PathAttributes ruled, InetAddress nextHop, Export next) {
            this.in = best.attributes();
            this.source = best.peer();
            this.pathNextHop = best.nextHop();
            this.ruled = ruled;
            this.nextHop = nextHop;
            this.next = next;
        }

        void resolve(Bucket b) {
            bucket = b.index;
            longestFitting = b.longestFitting;
        }

        boolean holds(Path p) {
            return p.attributes() == in && p.peer() == source && Objects.equals(p.nextHop(), pathNextHop);
        }
    }

    /** @param expected about how many prefixes will be put in (a hint for the first arrays) */
    OutboundBatch(CodecContext context, ExportRules rules, int expected) {
        this.context = context;
        this.rules = rules;
        this.ipv4 = new Staged(AfiSafi.IPV4_UNICAST, context, expected);
        this.ipv6 = new Staged(AfiSafi.IPV6_UNICAST, context, 16);
    }

    /**
     * Puts an IPv4 prefix ({@link PrefixList#packIpv4}) among those announced with the export of
     * {@code best}. False when it is not announced: the rules or the filter keep it from the peer,
     * or no UPDATE can carry it (the attributes alone fill the maximum length).
     */
    boolean announceIpv4(long packed, Path best, int destinationId) {
        int length = (int) (packed & 0xFF);
        Export e = export(exports4, best, true);
        PathAttributes sent = e.ruled == null ? null
                : rules.filtered(Prefix.ipv4((int) (packed >>> 8), length), best, e.ruled);
        int bucket = bucket(ipv4, e, sent, length);
        if (bucket < 0) {
            return false;
        }
        ipv4.addIpv4(packed, destinationId, bucket);
        return true;
    }

    /** {@link #announceIpv4} for an IPv6 prefix, whose bucket is also chosen by the next hop. */
    boolean announceIpv6(Prefix prefix, Path best, int destinationId) {
        Export e = export(exports6, best, false);
        PathAttributes sent = e.ruled == null ? null : rules.filtered(prefix, best, e.ruled);
        int bucket = bucket(ipv6, e, sent, prefix.length());
        if (bucket < 0) {
            return false;
        }
        ipv6.addIpv6(prefix, destinationId, bucket);
        return true;
    }

    /** Puts an IPv4 prefix among the withdrawals; {@code destinationId} is -1 when no destination holds it any more. */
    void withdrawIpv4(long packed, int destinationId) {
        ipv4.addIpv4(packed, destinationId, Staged.WITHDRAWALS);
    }

    /** {@link #withdrawIpv4} for an IPv6 prefix. */
    void withdrawIpv6(Prefix prefix, int destinationId) {
        ipv6.addIpv6(prefix, destinationId, Staged.WITHDRAWALS);
    }

    /** The next UPDATE, or null when nothing is left to send (what remained was superseded). */
    Update next(Ledger ledger) {
        if (order == null) {
            ipv4.sort();
            ipv6.sort();
            // Withdrawals first, then announcements (see AdjRibOut#pull).
            order = new ArrayList<>(ipv4.buckets.size() + ipv6.buckets.size());
            order.add(ipv4.buckets.getFirst());
            order.add(ipv6.buckets.getFirst());
            order.addAll(ipv4.buckets.subList(1, ipv4.buckets.size()));
            order.addAll(ipv6.buckets.subList(1, ipv6.buckets.size()));
            exports4.clear();
            exports6.clear();
        }
        while (current < order.size()) {
            Bucket b = order.get(current);
            Update u = b.take(ledger);
            if (b.done()) {
                current++;
                b.staged.finished();
            }
            if (u != null) {
                return u;
            }
        }
        return null;
    }

    boolean exhausted() {
        return order != null && current == order.size();
    }

    /** Bytes of the arrays that hold the prefixes. */
    long footprint() {
        return ipv4.footprint() + ipv6.footprint();
    }

    private Export export(IdentityHashMap<PathAttributes, Export> exports, Path best, boolean v4) {
        Export first = exports.get(best.attributes());
        for (Export e = first; e != null; e = e.next) {
            if (e.holds(best)) {
                return e;
            }
        }
        Export e = new Export(best, rules.ruled(best, v4), v4 ? null : rules.ipv6NextHop(best), first);
        exports.put(e.in, e);
        return e;
    }

    /**
     * The number of the bucket a prefix of {@code length} goes to when the filter lets it out
     * with {@code sent}; -1 when it does not, or when no UPDATE with those attributes has room.
     */
    private static int bucket(Staged staged, Export e, PathAttributes sent, int length) {
        if (sent == null) {
            return -1;
        }
        if (sent != e.ruled) {
            // The filter changed this prefix's attributes: a bucket of their own, found by equality.
            Bucket b = staged.bucket(sent, e.nextHop);
            return length <= b.longestFitting ? b.index : -1;
        }
        if (e.bucket < 0) {
            e.resolve(staged.bucket(sent, e.nextHop));
        }
        return length <= e.longestFitting ? e.bucket : -1;
    }

    /**
     * One family's prefixes in the batch: first in the order they are put in, each with its
     * bucket number; then, once sorted, in bucket order. Packed as in {@link PrefixList}: one
     * long per IPv4 prefix, three per IPv6 one.
     */
    private static final class Staged {
        static final int WITHDRAWALS = 0;
        private static final long[] NO_WORDS = new long[0];
        private static final int[] NO_INTS = new int[0];

        final AfiSafi family;
        final int stride;
        final CodecContext context;
        final List<Bucket> buckets = new ArrayList<>();
        private final Map<Object, Bucket> byKey = new HashMap<>();   // attribute set, or Ipv6Group
        private final int expected;
        long[] words = NO_WORDS;
        int[] ids = NO_INTS;
        private int[] bucketOf = NO_INTS;     // until sorted
        private int count;
        private int unfinished;

        Staged(AfiSafi family, CodecContext context, int expected) {
            this.family = family;
            this.stride = family.afi() == AfiSafi.AFI_IPV4 ? 1 : 3;
            this.context = context;
            this.expected = Math.max(16, expected);
            buckets.add(new Bucket(this, WITHDRAWALS, null, null));
        }

        Bucket bucket(PathAttributes attributes, InetAddress nextHop) {
            Object key = stride == 1 ? attributes : new Ipv6Group(attributes, nextHop);
            Bucket b = byKey.get(key);
            if (b == null) {
                b = new Bucket(this, buckets.size(), attributes, nextHop);
                buckets.add(b);
                byKey.put(key, b);
            }
            return b;
        }

        void addIpv4(long packed, int destinationId, int bucket) {
            makeRoom();
            words[count] = packed;
            ids[count] = destinationId;
            bucketOf[count++] = bucket;
        }

        void addIpv6(Prefix p, int destinationId, int bucket) {
            makeRoom();
            words[count * 3] = p.hi();
            words[count * 3 + 1] = p.lo();
            words[count * 3 + 2] = p.length();
            ids[count] = destinationId;
            bucketOf[count++] = bucket;
        }

        private void makeRoom() {
            if (count == ids.length) {
                int capacity = ids.length == 0 ? expected : ids.length * 2;
                words = Arrays.copyOf(words, capacity * stride);
                ids = Arrays.copyOf(ids, capacity);
                bucketOf = Arrays.copyOf(bucketOf, capacity);
            }
        }

        /** A counting sort by bucket: each bucket gets the range of its prefixes, in the order they came. */
        void sort() {
            int[] start = new int[buckets.size() + 1];
            for (int i = 0; i < count; i++) {
                start[bucketOf[i] + 1]++;
            }
            for (int b = 0; b < buckets.size(); b++) {
                start[b + 1] += start[b];
                buckets.get(b).range(start[b], start[b + 1]);
            }
            long[] sortedWords = new long[count * stride];
            int[] sortedIds = new int[count];
            for (int i = 0; i < count; i++) {
                int to = start[bucketOf[i]]++;
                if (stride == 1) {
                    sortedWords[to] = words[i];
                } else {
                    System.arraycopy(words, i * 3, sortedWords, to * 3, 3);
                }
                sortedIds[to] = ids[i];
            }
            words = sortedWords;
            ids = sortedIds;
            bucketOf = NO_INTS;
            unfinished = buckets.size();
            byKey.clear();
        }

        /** A bucket is sent: once all are, the arrays can go. */
        void finished() {
            if (--unfinished == 0) {
                words = NO_WORDS;
                ids = NO_INTS;
                count = 0;
            }
        }

        long footprint() {
            return 48L + 8L * words.length + 4L * ids.length + 4L * bucketOf.length;
        }

        int length(int i) {
            return stride == 1 ? (int) (words[i] & 0xFF) : (int) words[i * 3 + 2];
        }
    }

    /**
     * The prefixes that go out together, a range of their family's sorted prefixes: one
     * attribute set (and next hop), or the withdrawals of one family.
     */
    static final class Bucket {
        private final Staged staged;
        private final int index;
        private final PathAttributes attributes;   // null: withdrawals
        private final InetAddress nextHop;          // IPv6 announcements only
        private final int maxLength;
        private final int base;                     // the UPDATE without prefixes
        private final int perPrefix;                // octets each prefix takes besides its address
        private final int mpValueBase;              // the MP attribute's value without prefixes; 0 for IPv4
        /** The longest prefix one UPDATE can carry with these attributes; -1 when none can. */
        private final int longestFitting;
        private int next;
        private int end;

        Bucket(Staged staged, int index, PathAttributes attributes, InetAddress nextHop) {
            this.staged = staged;
            this.index = index;
            this.attributes = attributes;
            this.nextHop = nextHop;
            CodecContext ctx = staged.context;
            this.maxLength = ctx.maxMessageLength();
            this.base = MessageEncoder.updateLength(update(PrefixList.empty(staged.family.afi())), ctx);
            // RFC 4271 section 4.3: a length octet, then the address; RFC 7911 section 3 adds a
            // 4-octet path identifier.
            this.perPrefix = ctx.addPath(staged.family) ? 5 : 1;
            // RFC 4760: AFI, SAFI, next hop length, next hop and a reserved octet (section 3),
            // or AFI and SAFI (section 4).
            this.mpValueBase = ipv4() ? 0 : attributes == null ? 3 : 5 + nextHop.getAddress().length;
            int longest = ipv4() ? 32 : 128;
            while (longest >= 0 && !fits(prefixBytes(longest))) {
                longest -= 8;   // a byte less of address: the next length that changes the size
            }
            this.longestFitting = longest < 0 ? -1 : longest;
        }

        boolean ipv4() {
            return staged.stride == 1;
        }

        boolean withdrawals() {
            return attributes == null;
        }

        int destinationId(int i) {
            return staged.ids[i];
        }

        /** The packed form ({@link PrefixList#packIpv4}) of IPv4 prefix {@code i}. */
        long packedIpv4(int i) {
            return staged.words[i];
        }

        Prefix prefix(int i) {
            long[] w = staged.words;
            return ipv4() ? Prefix.ipv4((int) (w[i] >>> 8), (int) (w[i] & 0xFF))
                    : Prefix.ipv6(w[i * 3], w[i * 3 + 1], (int) w[i * 3 + 2]);
        }

        void range(int from, int to) {
            next = from;
            end = to;
        }

        boolean done() {
            return next == end;
        }

        /**
         * One UPDATE of as many of the remaining prefixes, in order, as fit the maximum length:
         * the size of the message without them plus what each adds, counted, not encoded. Null
         * when every remaining prefix was superseded, or none was put here.
         */
        Update take(Ledger ledger) {
            if (done()) {
                return null;
            }
            int stride = staged.stride;
            long[] words = staged.words;
            long[] out = new long[Math.min(end - next, maxLength - base) * stride];
            int n = 0;
            int bytes = 0;
            while (next < end) {
                if (ledger.superseded(this, next)) {
                    next++;
                    continue;
                }
                int more = prefixBytes(staged.length(next));
                if (!fits(bytes + more)) {
                    break;
                }
                if (stride == 1) {
                    out[n] = words[next];
                } else {
                    System.arraycopy(words, next * stride, out, n * stride, stride);
                }
                n++;
                bytes += more;
                ledger.sent(this, next);
                next++;
            }
            if (n == 0) {
                return null;
            }
            Update u = update(PrefixList.wrap(staged.family.afi(),
                    n * stride == out.length ? out : Arrays.copyOf(out, n * stride), null));
            assert MessageEncoder.updateLength(u, staged.context) == base + bytes + extendedLength(bytes)
                    : "UPDATE sized " + (base + bytes + extendedLength(bytes)) + " octets encodes to "
                    + MessageEncoder.updateLength(u, staged.context);
            return u;
        }

        private boolean fits(int prefixBytes) {
            return base + prefixBytes + extendedLength(prefixBytes) <= maxLength;
        }

        private int prefixBytes(int length) {
            return perPrefix + ((length + 7) >>> 3);
        }

        private Update update(PrefixList prefixes) {
            if (ipv4()) {
                return withdrawals() ? Update.withdraw(prefixes) : Update.announce(attributes, prefixes);
            }
            return withdrawals() ? Update.withdraw(new MpUnreachNlri(staged.family, prefixes))
                    : Update.announce(attributes, MpReachNlri.of(staged.family, prefixes, nextHop));
        }

        /**
         * The octet an MP_REACH_NLRI or MP_UNREACH_NLRI header grows by once its value passes
         * 255 octets (RFC 4271 section 4.3, Extended Length). The IPv4 fields have 2-octet
         * lengths of their own.
         */
        private int extendedLength(int prefixBytes) {
            return !ipv4() && mpValueBase + prefixBytes > 255 ? 1 : 0;
        }
    }
}
