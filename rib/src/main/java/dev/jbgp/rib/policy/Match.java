package dev.jbgp.rib.policy;

import dev.jbgp.core.Prefix;
import dev.jbgp.core.attribute.AsPath;
import dev.jbgp.core.attribute.Communities;
import dev.jbgp.core.attribute.LargeCommunities;
import dev.jbgp.core.attribute.LargeCommunities.LargeCommunity;
import dev.jbgp.rib.RibPeer;
import dev.jbgp.rib.Route;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.StringJoiner;

/**
 * The condition of a {@link Rule}: a test on a route's prefix, source or attributes. Each kind
 * prints itself as the BIRD filter expression that means the same, so an operator can read
 * what was built from configuration.
 *
 * <p>{@link #matches} runs for every route a filter sees: it reads the packed prefix fields
 * and walks attribute arrays by index, and allocates nothing.
 */
public sealed interface Match {

    /** Only this prefix: BIRD's {@code net = 10.0.0.0/26}. */
    static Exact exact(Prefix prefix) {
        return new Exact(prefix);
    }

    /** The prefix itself or any more specific one: BIRD's {@code 10.0.0.0/8+}. */
    static Within within(Prefix prefix) {
        return new Within(prefix);
    }

    /** Within {@code prefix} and {@code minLength..maxLength} long: BIRD's {@code 10.0.0.0/8{24,32}}. */
    static WithinLengths withinLengths(Prefix prefix, int minLength, int maxLength) {
        return new WithinLengths(prefix, minLength, maxLength);
    }

    /** Routes this speaker originates. */
    static SourceIs local() {
        return new SourceIs(SourceType.LOCAL);
    }

    /** Routes learnt from any BGP peer. */
    static SourceIs fromAnyPeer() {
        return new SourceIs(SourceType.BGP);
    }

    static SourceIs ibgp() {
        return new SourceIs(SourceType.IBGP);
    }

    static SourceIs ebgp() {
        return new SourceIs(SourceType.EBGP);
    }

    /** Routes learnt from the peer at {@code address}. */
    static FromPeer fromPeer(InetAddress address) {
        return new FromPeer(address);
    }

    /** The route carries the standard community (RFC 1997), e.g. {@code Communities.community(64512, 100)}. */
    static HasCommunity hasCommunity(int community) {
        return new HasCommunity(community);
    }

    /** The route carries the large community (RFC 8092); the numbers are unsigned 32-bit. */
    static HasLargeCommunity hasLargeCommunity(long globalAdministrator, long localData1, long localData2) {
        return new HasLargeCommunity(LargeCommunityValues.of(globalAdministrator, localData1, localData2));
    }

    /** The AS path starts with these AS numbers, in an AS_SEQUENCE. */
    static AsPathStartsWith asPathStartsWith(long... asns) {
        return new AsPathStartsWith(asns);
    }

    static All all(Match... matches) {
        return new All(List.of(matches));
    }

    static Any any(Match... matches) {
        return new Any(List.of(matches));
    }

    static Not not(Match match) {
        return new Not(match);
    }

    static Always always() {
        return Always.INSTANCE;
    }

    /** True when the route meets this condition. */
    default boolean matches(Route route) {
        return switch (this) {
            case Exact m -> m.prefix.equals(route.prefix());
            case Within m -> m.prefix.contains(route.prefix());
            case WithinLengths m -> {
                Prefix p = route.prefix();
                yield p.length() >= m.minLength && p.length() <= m.maxLength && m.prefix.contains(p);
            }
            case SourceIs m -> m.type.includes(route.source());
            case FromPeer m -> !route.source().local() && m.address.equals(route.source().address());
            case HasCommunity m -> {
                Communities c = route.attributes().communities();
                yield c != null && c.contains(m.community);
            }
            case HasLargeCommunity m -> {
                LargeCommunities c = route.attributes().largeCommunities();
                yield c != null && LargeCommunityValues.contains(c, m.community);
            }
            case AsPathStartsWith m -> m.matchesPath(route.attributes().asPath());
            case All m -> {
                for (int i = 0; i < m.matches.size(); i++) {
                    if (!m.matches.get(i).matches(route)) {
                        yield false;
                    }
                }
                yield true;
            }
            case Any m -> {
                for (int i = 0; i < m.matches.size(); i++) {
                    if (m.matches.get(i).matches(route)) {
                        yield true;
                    }
                }
                yield false;
            }
            case Not m -> !m.match.matches(route);
            case Always m -> true;
        };
    }

    record Exact(Prefix prefix) implements Match {
        public Exact {
            Objects.requireNonNull(prefix, "prefix");
        }

        @Override
        public String toString() {
            return "net = " + prefix;
        }
    }

    record Within(Prefix prefix) implements Match {
        public Within {
            Objects.requireNonNull(prefix, "prefix");
        }

        @Override
        public String toString() {
            return "net ~ " + prefix + "+";
        }
    }

    /**
     * Within {@code prefix}, {@code minLength} to {@code maxLength} bits long. A range starting
     * shorter than the prefix could never match its shorter part, so it is refused rather than
     * silently narrowed: the configuration that built it is wrong.
     */
    record WithinLengths(Prefix prefix, int minLength, int maxLength) implements Match {
        public WithinLengths {
            Objects.requireNonNull(prefix, "prefix");
            int maxBits = prefix.isIpv4() ? 32 : 128;
            if (minLength < prefix.length() || minLength > maxLength || maxLength > maxBits) {
                throw new IllegalArgumentException("length range " + minLength + ".." + maxLength + " does not fit " + prefix
                        + ": it must lie within " + prefix.length() + ".." + maxBits);
            }
        }

        @Override
        public String toString() {
            return "net ~ " + prefix + "{" + minLength + "," + maxLength + "}";
        }
    }

    /** The kinds of route source a filter tells apart. */
    enum SourceType {
        /** Originated by this speaker. */
        LOCAL("local"),
        /** Learnt from any BGP peer. */
        BGP("bgp"),
        IBGP("ibgp"),
        EBGP("ebgp");

        private final String text;

        SourceType(String text) {
            this.text = text;
        }

        boolean includes(RibPeer source) {
            return switch (this) {
                case LOCAL -> source.local();
                case BGP -> !source.local();
                case IBGP -> source.internal();
                case EBGP -> source.external();
            };
        }

        @Override
        public String toString() {
            return text;
        }
    }

    record SourceIs(SourceType type) implements Match {
        public SourceIs {
            Objects.requireNonNull(type, "type");
        }

        @Override
        public String toString() {
            return "source = " + type;
        }
    }

    /** Learnt from the peer at this address; a local route never matches, whatever our own address. */
    record FromPeer(InetAddress address) implements Match {
        public FromPeer {
            Objects.requireNonNull(address, "address");
        }

        @Override
        public String toString() {
            return "from = " + BirdSyntax.address(address);
        }
    }

    record HasCommunity(int community) implements Match {
        @Override
        public String toString() {
            return BirdSyntax.community(community) + " ~ bgp_community";
        }
    }

    record HasLargeCommunity(LargeCommunity community) implements Match {
        public HasLargeCommunity {
            Objects.requireNonNull(community, "community");
        }

        @Override
        public String toString() {
            return BirdSyntax.largeCommunity(community) + " ~ bgp_large_community";
        }
    }

    /**
     * The path begins with {@code asns}, read through the leading AS_SEQUENCE segments (a long
     * sequence may be split over several). An AS_SET or a confederation segment before the
     * last of them ends the match: the order of its members means nothing, and a
     * confederation segment is not the neighbour AS a filter on the path's start looks for.
     */
    record AsPathStartsWith(long[] asns) implements Match {
        public AsPathStartsWith {
            if (asns.length == 0) {
                throw new IllegalArgumentException("an AS path prefix needs at least one AS number");
            }
            asns = asns.clone();
            for (long a : asns) {
                if (a < 0 || a > 0xFFFF_FFFFL) {
                    throw new IllegalArgumentException("AS number out of range: " + a);
                }
            }
        }

        @Override
        public long[] asns() {
            return asns.clone();
        }

        boolean matchesPath(AsPath path) {
            if (path == null) {
                return false;
            }
            List<AsPath.Segment> segments = path.segments();
            int matched = 0;
            for (int s = 0; s < segments.size() && matched < asns.length; s++) {
                AsPath.Segment segment = segments.get(s);
                if (segment.type() != AsPath.SegmentType.AS_SEQUENCE) {
                    return false;
                }
                for (int i = 0; i < segment.size() && matched < asns.length; i++, matched++) {
                    if (segment.asn(i) != asns[matched]) {
                        return false;
                    }
                }
            }
            return matched == asns.length;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof AsPathStartsWith m && Arrays.equals(m.asns, asns);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(asns);
        }

        @Override
        public String toString() {
            StringJoiner j = new StringJoiner(" ", "bgp_path ~ [= ", " * =]");
            for (long a : asns) {
                j.add(Long.toString(a));
            }
            return j.toString();
        }
    }

    /** Every one of {@code matches}; none at all is true. */
    record All(List<Match> matches) implements Match {
        public All {
            matches = List.copyOf(matches);
        }

        @Override
        public String toString() {
            return matches.isEmpty() ? "true" : BirdSyntax.joined(matches, " && ");
        }
    }

    /** At least one of {@code matches}; none at all is false. */
    record Any(List<Match> matches) implements Match {
        public Any {
            matches = List.copyOf(matches);
        }

        @Override
        public String toString() {
            return matches.isEmpty() ? "false" : BirdSyntax.joined(matches, " || ");
        }
    }

    record Not(Match match) implements Match {
        public Not {
            Objects.requireNonNull(match, "match");
        }

        @Override
        public String toString() {
            return "!(" + match + ")";
        }
    }

    record Always() implements Match {
        static final Always INSTANCE = new Always();

        @Override
        public String toString() {
            return "true";
        }
    }
}
