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
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The prefixes of one pull, worked out and sorted into buckets: one per attribute set (and, for
 * IPv6, next hop) to announce, one per family to withdraw. Each bucket becomes as few UPDATEs
 * as the session's maximum message length allows, withdrawals first. A bucket keeps its prefixes
 * packed (one long per IPv4 prefix, three per IPv6 one) with the destination identifier each
 * was worked out from, and is emptied as the session takes messages.
 *
 * <p>A prefix that changes again after it was put here is skipped when its turn comes (the
 * {@link Ledger} says so): it waits in the pending set and goes out once, in its latest form.
 */
final class OutboundBatch {
    /** What the Adj-RIB-Out knows of each prefix as its message is built. */
    interface Ledger {
        /** The prefix changed after it was put in the batch: leave it to the next one. */
        boolean superseded(Bucket bucket, int i);

        /** The prefix is in a message the session is taking. */
        void sent(Bucket bucket, int i);
    }

    private final CodecContext context;
    private final Bucket withdrawn4 = new Bucket(AfiSafi.IPV4_UNICAST, null, null);
    private final Bucket withdrawn6 = new Bucket(AfiSafi.IPV6_UNICAST, null, null);
    private final Map<PathAttributes, Bucket> announced4 = new LinkedHashMap<>();
    private final Map<Ipv6Group, Bucket> announced6 = new LinkedHashMap<>();
    private List<Bucket> order;
    private int current;

    private record Ipv6Group(PathAttributes attributes, InetAddress nextHop) {
    }

    OutboundBatch(CodecContext context) {
        this.context = context;
    }

    /**
     * Puts {@code prefix} among those announced with {@code attributes} (and {@code nextHop} for
     * IPv6). False when no UPDATE can carry it: the attributes alone fill the maximum length.
     */
    boolean announce(Prefix prefix, PathAttributes attributes, InetAddress nextHop, int destinationId) {
        Bucket b;
        if (prefix.isIpv4()) {
            b = announced4.get(attributes);
            if (b == null) {
                b = new Bucket(AfiSafi.IPV4_UNICAST, attributes, null);
                announced4.put(attributes, b);
            }
        } else {
            Ipv6Group key = new Ipv6Group(attributes, nextHop);
            b = announced6.get(key);
            if (b == null) {
                b = new Bucket(AfiSafi.IPV6_UNICAST, attributes, nextHop);
                announced6.put(key, b);
            }
        }
        if (!b.fits(prefix.length(), context)) {
            return false;
        }
        b.add(prefix, destinationId);
        return true;
    }

    /** Puts {@code prefix} among the withdrawals; {@code destinationId} is -1 when no destination holds it any more. */
    void withdraw(Prefix prefix, int destinationId) {
        (prefix.isIpv4() ? withdrawn4 : withdrawn6).add(prefix, destinationId);
    }

    /** The next UPDATE, or null when nothing is left to send (what remained was superseded). */
    Update next(Ledger ledger) {
        if (order == null) {
            order = new ArrayList<>(2 + announced4.size() + announced6.size());
            order.add(withdrawn4);
            order.add(withdrawn6);
            order.addAll(announced4.values());
            order.addAll(announced6.values());
            announced4.clear();
            announced6.clear();
        }
        while (current < order.size()) {
            Bucket b = order.get(current);
            Update u = b.take(context, ledger);
            if (b.done()) {
                order.set(current, null);   // its arrays can go
                current++;
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

    /** Bytes of the buckets' arrays. */
    long footprint() {
        long bytes = withdrawn4.footprint() + withdrawn6.footprint();
        if (order == null) {
            for (Bucket b : announced4.values()) {
                bytes += b.footprint();
            }
            for (Bucket b : announced6.values()) {
                bytes += b.footprint();
            }
        } else {
            for (int i = current; i < order.size(); i++) {
                bytes += order.get(i).footprint();
            }
        }
        return bytes;
    }

    /** The prefixes that go out together: one attribute set (and next hop), or the withdrawals of one family. */
    static final class Bucket {
        private static final long[] NO_WORDS = new long[0];
        private static final int[] NO_IDS = new int[0];

        private final AfiSafi family;
        private final PathAttributes attributes;   // null: withdrawals
        private final InetAddress nextHop;          // IPv6 announcements only
        private final int stride;
        private final int mpValueBase;              // the MP attribute's value without prefixes; 0 for IPv4
        private long[] words = NO_WORDS;            // PrefixList's layout
        private int[] ids = NO_IDS;
        private int count;
        private int next;
        private int baseLength = -1;                // the UPDATE without prefixes, for one context

        Bucket(AfiSafi family, PathAttributes attributes, InetAddress nextHop) {
            this.family = family;
            this.attributes = attributes;
            this.nextHop = nextHop;
            this.stride = family.afi() == AfiSafi.AFI_IPV4 ? 1 : 3;
            // RFC 4760: AFI, SAFI, next hop length, next hop and a reserved octet (section 3),
            // or AFI and SAFI (section 4).
            this.mpValueBase = stride == 1 ? 0 : attributes == null ? 3 : 5 + nextHop.getAddress().length;
        }

        boolean ipv4() {
            return stride == 1;
        }

        boolean withdrawals() {
            return attributes == null;
        }

        int destinationId(int i) {
            return ids[i];
        }

        /** The packed form ({@link PrefixList#packIpv4}) of IPv4 prefix {@code i}. */
        long packedIpv4(int i) {
            return words[i];
        }

        Prefix prefix(int i) {
            return ipv4() ? Prefix.ipv4((int) (words[i] >>> 8), (int) (words[i] & 0xFF))
                    : Prefix.ipv6(words[i * 3], words[i * 3 + 1], (int) words[i * 3 + 2]);
        }

        void add(Prefix p, int destinationId) {
            if (count == ids.length) {
                int capacity = Math.max(16, count + (count >> 1));
                words = Arrays.copyOf(words, capacity * stride);
                ids = Arrays.copyOf(ids, capacity);
            }
            if (ipv4()) {
                words[count] = PrefixSet.packed(p);
            } else {
                words[count * 3] = p.hi();
                words[count * 3 + 1] = p.lo();
                words[count * 3 + 2] = p.length();
            }
            ids[count++] = destinationId;
        }

        boolean fits(int prefixLength, CodecContext ctx) {
            return base(ctx) + prefixBytes(prefixLength, ctx) + extendedLength(prefixBytes(prefixLength, ctx))
                    <= ctx.maxMessageLength();
        }

        boolean done() {
            return next == count;
        }

        /**
         * One UPDATE of as many of the remaining prefixes, in order, as fit the maximum length:
         * the size of the message without them ({@link MessageEncoder#updateLength}) plus what
         * each adds. Null when every remaining prefix was superseded.
         */
        Update take(CodecContext ctx, Ledger ledger) {
            if (done()) {
                return null;   // nothing was put here, or an attribute set too large for any UPDATE left it empty
            }
            int max = ctx.maxMessageLength();
            int base = base(ctx);
            long[] out = new long[Math.min(count - next, max - base) * stride];
            int n = 0;
            int bytes = 0;
            while (next < count) {
                if (ledger.superseded(this, next)) {
                    next++;
                    continue;
                }
                int more = prefixBytes(length(next), ctx);
                if (base + bytes + more + extendedLength(bytes + more) > max) {
                    break;
                }
                System.arraycopy(words, next * stride, out, n * stride, stride);
                n++;
                bytes += more;
                ledger.sent(this, next);
                next++;
            }
            if (done()) {
                words = NO_WORDS;
                ids = NO_IDS;
                count = 0;
                next = 0;
            }
            if (n == 0) {
                return null;
            }
            Update u = update(PrefixList.wrap(family.afi(), n * stride == out.length ? out : Arrays.copyOf(out, n * stride), null));
            int expected = base + bytes + extendedLength(bytes);
            if (MessageEncoder.updateLength(u, ctx) != expected) {
                throw new IllegalStateException("UPDATE sized " + expected + " octets encodes to "
                        + MessageEncoder.updateLength(u, ctx));
            }
            return u;
        }

        long footprint() {
            return 32L + 8L * words.length + 4L * ids.length;
        }

        private int length(int i) {
            return ipv4() ? (int) (words[i] & 0xFF) : (int) words[i * 3 + 2];
        }

        private int base(CodecContext ctx) {
            if (baseLength < 0) {
                baseLength = MessageEncoder.updateLength(update(PrefixList.empty(family.afi())), ctx);
            }
            return baseLength;
        }

        private Update update(PrefixList prefixes) {
            if (ipv4()) {
                return withdrawals() ? Update.withdraw(prefixes) : Update.announce(attributes, prefixes);
            }
            return withdrawals() ? Update.withdraw(new MpUnreachNlri(family, prefixes))
                    : Update.announce(attributes, MpReachNlri.of(family, prefixes, nextHop));
        }

        /** RFC 4271 section 4.3 (RFC 7911 section 3 adds the 4-octet path identifier). */
        private int prefixBytes(int length, CodecContext ctx) {
            return (ctx.addPath(family) ? 5 : 1) + ((length + 7) >>> 3);
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
