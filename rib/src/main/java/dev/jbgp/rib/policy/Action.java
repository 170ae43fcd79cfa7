package dev.jbgp.rib.policy;

import dev.jbgp.core.attribute.AsPath;
import dev.jbgp.core.attribute.Communities;
import dev.jbgp.core.attribute.LargeCommunities;
import dev.jbgp.core.attribute.LargeCommunities.LargeCommunity;
import dev.jbgp.core.attribute.LocalPref;
import dev.jbgp.core.attribute.PathAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.StringJoiner;

/**
 * What a {@link Rule} does when its match holds. {@link Accept} and {@link Reject} end the
 * filter; {@link SetPriority} sets the verdict's priority; the others edit the route's
 * attributes. An edit never changes the set it is given: it returns a new one, or the same
 * instance when the route already is as the edit would make it (the local preference already
 * has that value, the community is already there), so a filter that changes nothing hands the
 * RIB back its interned set.
 */
public sealed interface Action {

    static Accept accept() {
        return Accept.INSTANCE;
    }

    static Reject reject() {
        return Reject.INSTANCE;
    }

    static SetLocalPref setLocalPref(long localPref) {
        return new SetLocalPref(localPref);
    }

    /** Adds a standard community (RFC 1997), e.g. {@code Communities.community(64512, 100)}. */
    static AddCommunity addCommunity(int community) {
        return new AddCommunity(community);
    }

    /** Adds a large community (RFC 8092); the numbers are unsigned 32-bit. */
    static AddLargeCommunity addLargeCommunity(long globalAdministrator, long localData1, long localData2) {
        return new AddLargeCommunity(LargeCommunityValues.of(globalAdministrator, localData1, localData2));
    }

    /** Puts {@code asn} {@code count} times in front of the AS path. */
    static PrependAs prependAs(long asn, int count) {
        return new PrependAs(asn, count);
    }

    /** Sets the verdict's priority: a preference among routes, or a kernel metric, as the caller reads it. */
    static SetPriority setPriority(int priority) {
        return new SetPriority(priority);
    }

    /** Ends the filter: the route is accepted as it now stands. */
    record Accept() implements Action {
        static final Accept INSTANCE = new Accept();

        @Override
        public String toString() {
            return "accept";
        }
    }

    /** Ends the filter: the route is rejected. */
    record Reject() implements Action {
        static final Reject INSTANCE = new Reject();

        @Override
        public String toString() {
            return "reject";
        }
    }

    record SetLocalPref(long localPref) implements Action {
        public SetLocalPref {
            if (localPref < 0 || localPref > 0xFFFF_FFFFL) {
                throw new IllegalArgumentException("LOCAL_PREF is unsigned 32-bit, not " + localPref);
            }
        }

        PathAttributes applyTo(PathAttributes attributes) {
            LocalPref current = attributes.localPref();
            if (current != null && current.value() == localPref) {
                return attributes;
            }
            return attributes.with(new LocalPref(localPref));
        }

        @Override
        public String toString() {
            return "bgp_local_pref = " + localPref;
        }
    }

    /** Adds the community at the end of the list, unless the route carries it already. */
    record AddCommunity(int community) implements Action {
        PathAttributes applyTo(PathAttributes attributes) {
            Communities current = attributes.communities();
            if (current == null) {
                return attributes.with(Communities.of(community));
            }
            if (current.contains(community)) {
                return attributes;
            }
            int[] values = Arrays.copyOf(current.values(), current.size() + 1);
            values[current.size()] = community;
            return attributes.with(new Communities(values));
        }

        @Override
        public String toString() {
            return "bgp_community.add(" + BirdSyntax.community(community) + ")";
        }
    }

    /** Adds the large community at the end of the list, unless the route carries it already. */
    record AddLargeCommunity(LargeCommunity community) implements Action {
        public AddLargeCommunity {
            Objects.requireNonNull(community, "community");
        }

        PathAttributes applyTo(PathAttributes attributes) {
            LargeCommunities current = attributes.largeCommunities();
            if (current == null) {
                return attributes.with(LargeCommunities.of(community));
            }
            if (LargeCommunityValues.contains(current, community)) {
                return attributes;
            }
            List<LargeCommunity> values = new ArrayList<>(current.values().size() + 1);
            values.addAll(current.values());
            values.add(community);
            return attributes.with(new LargeCommunities(values));
        }

        @Override
        public String toString() {
            return "bgp_large_community.add(" + BirdSyntax.largeCommunity(community) + ")";
        }
    }

    /**
     * Prepends {@code asn} {@code count} times. The copies join a leading AS_SEQUENCE when they
     * fit its 255 AS numbers, and otherwise open a new one in front; either way the path
     * reads the same (RFC 4271 section 5.1.2). A route without an AS path (a local one) gets
     * a path of the prepended AS numbers alone. Confederation segments are left where they
     * are: taking them off for a peer outside the confederation (RFC 5065 section 5.3) is the
     * sender's work, not the filter's.
     *
     * @param count 1 to 255, one segment's worth; more is never a useful prepend
     */
    record PrependAs(long asn, int count) implements Action {
        private static final int SEGMENT_MAX = 255;

        public PrependAs {
            // AS 0 never appears in a path (RFC 7607 section 2).
            if (asn <= 0 || asn > 0xFFFF_FFFFL) {
                throw new IllegalArgumentException("cannot prepend AS " + asn);
            }
            if (count < 1 || count > SEGMENT_MAX) {
                throw new IllegalArgumentException("prepend count must be 1 to " + SEGMENT_MAX + ", not " + count);
            }
        }

        PathAttributes applyTo(PathAttributes attributes) {
            AsPath path = attributes.asPath();
            List<AsPath.Segment> segments = path == null ? List.of() : path.segments();
            List<AsPath.Segment> prepended = new ArrayList<>(segments.size() + 1);
            AsPath.Segment first = segments.isEmpty() ? null : segments.getFirst();
            if (first != null && first.type() == AsPath.SegmentType.AS_SEQUENCE && first.size() + count <= SEGMENT_MAX) {
                long[] asns = new long[count + first.size()];
                Arrays.fill(asns, 0, count, asn);
                System.arraycopy(first.asns(), 0, asns, count, first.size());
                prepended.add(new AsPath.Segment(AsPath.SegmentType.AS_SEQUENCE, asns));
                prepended.addAll(segments.subList(1, segments.size()));
            } else {
                long[] asns = new long[count];
                Arrays.fill(asns, asn);
                prepended.add(new AsPath.Segment(AsPath.SegmentType.AS_SEQUENCE, asns));
                prepended.addAll(segments);
            }
            return attributes.with(new AsPath(prepended));
        }

        @Override
        public String toString() {
            StringJoiner j = new StringJoiner("; ");
            for (int i = 0; i < count; i++) {
                j.add("bgp_path.prepend(" + asn + ")");
            }
            return j.toString();
        }
    }

    record SetPriority(int priority) implements Action {
        @Override
        public String toString() {
            return "priority = " + priority;
        }
    }
}
