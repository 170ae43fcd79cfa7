package dev.jbgp.core.codec;

import dev.jbgp.core.AfiSafi;
import dev.jbgp.core.Prefix;
import dev.jbgp.core.PrefixList;
import dev.jbgp.core.attribute.Aggregator;
import dev.jbgp.core.attribute.AsPath;
import dev.jbgp.core.attribute.AsPath.Segment;
import dev.jbgp.core.attribute.AsPath.SegmentType;
import dev.jbgp.core.attribute.AtomicAggregate;
import dev.jbgp.core.attribute.ClusterList;
import dev.jbgp.core.attribute.Communities;
import dev.jbgp.core.attribute.ExtendedCommunities;
import dev.jbgp.core.attribute.LargeCommunities;
import dev.jbgp.core.attribute.LargeCommunities.LargeCommunity;
import dev.jbgp.core.attribute.LocalPref;
import dev.jbgp.core.attribute.MpReachNlri;
import dev.jbgp.core.attribute.MpUnreachNlri;
import dev.jbgp.core.attribute.MultiExitDisc;
import dev.jbgp.core.attribute.NextHop;
import dev.jbgp.core.attribute.Origin;
import dev.jbgp.core.attribute.OriginatorId;
import dev.jbgp.core.attribute.PathAttribute;
import dev.jbgp.core.attribute.PathAttributes;
import dev.jbgp.core.attribute.UnknownAttribute;
import dev.jbgp.core.capability.AddPath;
import dev.jbgp.core.capability.Capability;
import dev.jbgp.core.capability.EnhancedRouteRefresh;
import dev.jbgp.core.capability.ExtendedMessage;
import dev.jbgp.core.capability.ExtendedNextHop;
import dev.jbgp.core.capability.FourOctetAs;
import dev.jbgp.core.capability.Fqdn;
import dev.jbgp.core.capability.GracefulRestart;
import dev.jbgp.core.capability.LongLivedGracefulRestart;
import dev.jbgp.core.capability.Multiprotocol;
import dev.jbgp.core.capability.RouteRefreshSupport;
import dev.jbgp.core.capability.UnknownCapability;
import dev.jbgp.core.message.BgpMessage;
import dev.jbgp.core.message.Keepalive;
import dev.jbgp.core.message.Notification;
import dev.jbgp.core.message.NotificationError;
import dev.jbgp.core.message.Open;
import dev.jbgp.core.message.RouteRefresh;
import dev.jbgp.core.message.Update;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * Seeded generators of every message, capability, path attribute and prefix. They make only
 * values with one canonical encoding under their context, so decoding what the encoder writes
 * must give the value back:
 * <ul>
 * <li>prefix lists carry ADD-PATH path identifiers exactly when the context has their family,
 *     and an empty list is {@link PrefixList#empty} (what the decoder builds);
 * <li>an {@link UnknownAttribute} is optional transitive with Partial already set (the encoder
 *     sets it, RFC 4271 section 5) and has a type code the codec does not interpret;
 * <li>on a 2-octet AS session, confederation segments lead the path and hold 2-octet AS numbers:
 *     the only paths RFC 6793 section 4.2.3 rebuilds unchanged from AS_PATH and AS4_PATH;
 * <li>an UPDATE that announces carries ORIGIN, AS_PATH and, for the NLRI field, a NEXT_HOP that
 *     is a host address (RFC 7606 3 (d), RFC 4271 6.3), else it is rightly treat-as-withdraw;
 *     NEXT_HOP appears only with NLRI-field prefixes, as beside MP_REACH_NLRI alone the
 *     receiver ignores it (RFC 4760 section 3);
 * <li>every message fits the context's maximum length (UPDATEs are sized with
 *     {@link MessageEncoder#updateLength} and made again, smaller, when they do not fit).
 * </ul>
 * The same seed and context give the same value, so a failure report's seed reproduces it.
 */
final class Generators {
    static final List<Class<?>> MESSAGE_KINDS = List.of(BgpMessage.class.getPermittedSubclasses());
    static final List<Class<?>> CAPABILITY_KINDS = List.of(Capability.class.getPermittedSubclasses());
    static final List<Class<?>> ATTRIBUTE_KINDS = List.of(PathAttribute.class.getPermittedSubclasses());

    /** The attributes of a route: every kind but the two that carry prefixes and the unknown one. */
    private static final List<Class<?>> ROUTE_ATTRIBUTE_KINDS = ATTRIBUTE_KINDS.stream()
            .filter(k -> k != MpReachNlri.class && k != MpUnreachNlri.class && k != UnknownAttribute.class)
            .toList();
    private static final Set<Integer> KNOWN_CAPABILITY_CODES = Set.of(Capability.MULTIPROTOCOL,
            Capability.ROUTE_REFRESH, Capability.EXTENDED_NEXT_HOP, Capability.EXTENDED_MESSAGE,
            Capability.GRACEFUL_RESTART, Capability.FOUR_OCTET_AS, Capability.ADD_PATH,
            Capability.ENHANCED_ROUTE_REFRESH, Capability.LONG_LIVED_GRACEFUL_RESTART, Capability.FQDN);
    private static final List<NotificationError> ERRORS = Arrays.stream(NotificationError.class.getPermittedSubclasses())
            .flatMap(c -> Arrays.stream((NotificationError[]) c.getEnumConstants())).toList();

    private static final AfiSafi IPV4_MULTICAST = new AfiSafi(AfiSafi.AFI_IPV4, AfiSafi.SAFI_MULTICAST);
    private static final AfiSafi IPV6_MULTICAST = new AfiSafi(AfiSafi.AFI_IPV6, AfiSafi.SAFI_MULTICAST);
    /** Families without IP prefixes (L2VPN EVPN, IPv4 flowspec, IPv6 MPLS VPN): only their End-of-RIB travels. */
    private static final List<AfiSafi> OTHER_FAMILIES = List.of(new AfiSafi(25, 70), new AfiSafi(1, 133), new AfiSafi(2, 128));
    private static final long[] SPECIAL_U32 = {0, 1, 0x7FFF_FFFFL, 0x8000_0000L, 0xFFFF_FFFFL};
    private static final long[] SPECIAL_ASNS = {0, 1, Open.AS_TRANS, 64512, 65535, 65536, 4_200_000_000L, 0xFFFF_FFFFL};
    /** Text pieces for hostnames and shutdown communications: ASCII, 2-, 3- and 4-octet UTF-8. */
    private static final String[] WIDE_PIECES = {"é", "ß", "ж", "日", "本", "\u00a0", "😀", "🛑"};
    private static final String ASCII = "abcdefghijklmnopqrstuvwxyz0123456789-. ";

    final SplittableRandom random;
    private final CodecContext ctx;
    /** The largest count or size the current message may draw: shrunk when a message does not fit. */
    private int scale;
    /** The scale of the rare large message. */
    private int largeScale;

    Generators(long seed, CodecContext ctx) {
        this.random = new SplittableRandom(seed);
        this.ctx = ctx;
        this.scale = 8;
        this.largeScale = ctx.extendedMessage() ? 20_000 : 2_000;
    }

    /** Keeps even the rare large message to counts and sizes of at most {@code largest}. */
    Generators capped(int largest) {
        largeScale = Math.min(largeScale, largest);
        return this;
    }

    // ---- messages ------------------------------------------------------------------------

    BgpMessage message() {
        return message(random.nextInt(3) == 0 ? Update.class : MESSAGE_KINDS.get(random.nextInt(MESSAGE_KINDS.size())));
    }

    BgpMessage message(Class<?> kind) {
        if (kind == Open.class) {
            return open();
        } else if (kind == Update.class) {
            return update();
        } else if (kind == Notification.class) {
            return notification();
        } else if (kind == Keepalive.class) {
            return Keepalive.INSTANCE;
        } else if (kind == RouteRefresh.class) {
            return routeRefresh();
        }
        throw new IllegalArgumentException("no generator for " + kind);
    }

    /** An OPEN of up to 4096 octets, often with capabilities past 255 octets (RFC 9072 form). */
    Open open() {
        scale = initialScale();
        // 4096 less header (19), fixed fields (10), RFC 9072 headers (6), and 6 for a FourOctetAs Open.of may add.
        int budget = CodecContext.MAX_MESSAGE_LENGTH - 19 - 10 - 6 - 6;
        List<Capability> caps = new ArrayList<>();
        int count = random.nextInt(6) == 0 ? 0 : n(300);
        for (int i = 0; i < count; i++) {
            Capability c = capability();
            int length = 2 + valueLength(c);
            if (length <= budget) {
                caps.add(c);
                budget -= length;
            }
        }
        int holdTime = random.nextInt(5) == 0 ? 0 : random.nextInt(3, 0x10000);
        int identifier = nonZero();
        if (random.nextBoolean()) {
            return Open.of(asn(), holdTime, identifier, caps);
        }
        return new Open(random.nextInt(0x10000), holdTime, identifier, caps);
    }

    Update update() {
        return fit(this::anyUpdate);
    }

    private Update anyUpdate() {
        PrefixList none = PrefixList.empty(AfiSafi.AFI_IPV4);
        PrefixList withdrawn = random.nextInt(3) == 0 ? prefixes(AfiSafi.IPV4_UNICAST, n(20_000)) : none;
        PrefixList nlri = random.nextInt(5) < 2 ? prefixes(AfiSafi.IPV4_UNICAST, n(20_000)) : none;
        MpUnreachNlri unreach = random.nextInt(4) == 0 ? mpUnreach() : null;
        MpReachNlri reach = random.nextInt(3) == 0 ? mpReach() : null;
        boolean mpAnnounces = reach != null && !reach.nlri().isEmpty();
        boolean bare = nlri.isEmpty() && !mpAnnounces && random.nextInt(3) == 0;
        PathAttributes attributes = bare ? PathAttributes.EMPTY : attributes(!nlri.isEmpty(), mpAnnounces);
        return new Update(withdrawn, attributes, nlri, reach, unreach);
    }

    /** The smallest UPDATE that carries an attribute of {@code kind} (ORIGIN and AS_PATH too when it announces). */
    Update minimalUpdateWith(Class<?> kind) {
        return fit(() -> {
            PrefixList none = PrefixList.empty(AfiSafi.AFI_IPV4);
            PathAttribute a = attribute(kind);
            return switch (a) {
                case MpReachNlri reach -> new Update(none, reach.nlri().isEmpty() ? PathAttributes.EMPTY
                        : PathAttributes.of(Origin.IGP, AsPath.EMPTY), none, reach, null);
                case MpUnreachNlri unreach -> Update.withdraw(unreach);
                // NEXT_HOP is read only beside NLRI-field prefixes (RFC 4760 section 3).
                case NextHop nextHop -> new Update(none, PathAttributes.of(Origin.IGP, AsPath.EMPTY, nextHop),
                        prefixes(AfiSafi.IPV4_UNICAST, 1), null, null);
                default -> new Update(none, PathAttributes.of(a), none, null, null);
            };
        });
    }

    Notification notification() {
        int maxData = ctx.maxMessageLength() - MessageDecoder.HEADER_LENGTH - 2;
        return switch (random.nextInt(10)) {
            case 0, 1, 2 -> Notification.cease(random.nextBoolean() ? NotificationError.Cease.ADMINISTRATIVE_SHUTDOWN
                    : NotificationError.Cease.ADMINISTRATIVE_RESET, text(random.nextInt(4) == 0 ? 400 : 60));
            case 3, 4, 5, 6, 7 -> Notification.of(ERRORS.get(random.nextInt(ERRORS.size())), bytes(dataLength(maxData)));
            default -> new Notification(random.nextInt(256), random.nextInt(256), bytes(dataLength(maxData)));
        };
    }

    RouteRefresh routeRefresh() {
        int subtype = random.nextInt(4) == 0 ? random.nextInt(256) : random.nextInt(3);
        return new RouteRefresh(family(), subtype);
    }

    // ---- capabilities --------------------------------------------------------------------

    /** An OPEN carrying one capability of the given kind and nothing else. */
    Open openWith(Class<?> kind) {
        scale = initialScale();
        return new Open(random.nextInt(0x10000), 90, nonZero(), List.of(capability(kind)));
    }

    Capability capability() {
        return capability(CAPABILITY_KINDS.get(random.nextInt(CAPABILITY_KINDS.size())));
    }

    /** A capability of the given kind; every value fits the 1-octet capability length. */
    Capability capability(Class<?> kind) {
        if (kind == Multiprotocol.class) {
            return new Multiprotocol(family());
        } else if (kind == RouteRefreshSupport.class) {
            return RouteRefreshSupport.INSTANCE;
        } else if (kind == EnhancedRouteRefresh.class) {
            return EnhancedRouteRefresh.INSTANCE;
        } else if (kind == ExtendedMessage.class) {
            return ExtendedMessage.INSTANCE;
        } else if (kind == FourOctetAs.class) {
            return new FourOctetAs(asn());
        } else if (kind == ExtendedNextHop.class) {
            List<ExtendedNextHop.Entry> entries = new ArrayList<>();
            for (int i = countOrZero(255 / 6); i > 0; i--) {
                entries.add(new ExtendedNextHop.Entry(u16Mostly(AfiSafi.AFI_IPV4), u16Mostly(AfiSafi.SAFI_UNICAST),
                        u16Mostly(AfiSafi.AFI_IPV6)));
            }
            return new ExtendedNextHop(entries);
        } else if (kind == GracefulRestart.class) {
            List<GracefulRestart.Family> families = new ArrayList<>();
            for (int i = countOrZero((255 - 2) / 4); i > 0; i--) {
                families.add(new GracefulRestart.Family(family(), random.nextBoolean() ? 0x80 : random.nextInt(256)));
            }
            return new GracefulRestart(random.nextInt(16), random.nextInt(0x1000), families);
        } else if (kind == AddPath.class) {
            List<AddPath.Family> families = new ArrayList<>();
            for (int i = countOrZero(255 / 4); i > 0; i--) {
                families.add(new AddPath.Family(family(), random.nextInt(4) == 0 ? random.nextInt(256) : random.nextInt(1, 4)));
            }
            return new AddPath(families);
        } else if (kind == LongLivedGracefulRestart.class) {
            List<LongLivedGracefulRestart.Family> families = new ArrayList<>();
            for (int i = countOrZero(255 / 7); i > 0; i--) {
                families.add(new LongLivedGracefulRestart.Family(family(), random.nextInt(256), random.nextInt(0x100_0000)));
            }
            return new LongLivedGracefulRestart(families);
        } else if (kind == Fqdn.class) {
            String host = text(random.nextInt(4) == 0 ? 253 : 24);
            return new Fqdn(host, text(random.nextInt(4) == 0 ? 253 - utf8Length(host) : Math.min(24, 253 - utf8Length(host))));
        } else if (kind == UnknownCapability.class) {
            int code;
            do {
                code = random.nextInt(256);
            } while (KNOWN_CAPABILITY_CODES.contains(code));
            return new UnknownCapability(code, bytes(countOrZero(255)));
        }
        throw new IllegalArgumentException("no generator for " + kind);
    }

    /** The octets of a capability's value (RFC 5492 section 4). */
    static int valueLength(Capability c) {
        return switch (c) {
            case Multiprotocol m -> 4;
            case RouteRefreshSupport r -> 0;
            case ExtendedNextHop e -> 6 * e.entries().size();
            case ExtendedMessage e -> 0;
            case GracefulRestart g -> 2 + 4 * g.families().size();
            case FourOctetAs f -> 4;
            case AddPath a -> 4 * a.families().size();
            case EnhancedRouteRefresh e -> 0;
            case LongLivedGracefulRestart l -> 7 * l.families().size();
            case Fqdn f -> 2 + utf8Length(f.hostname()) + utf8Length(f.domain());
            case UnknownCapability u -> u.value().length;
        };
    }

    // ---- path attributes -----------------------------------------------------------------

    PathAttribute attribute(Class<?> kind) {
        if (kind == Origin.class) {
            return Origin.values()[random.nextInt(3)];
        } else if (kind == AsPath.class) {
            return asPath();
        } else if (kind == NextHop.class) {
            return new NextHop(hostAddress());
        } else if (kind == MultiExitDisc.class) {
            return new MultiExitDisc(u32());
        } else if (kind == LocalPref.class) {
            return new LocalPref(u32());
        } else if (kind == AtomicAggregate.class) {
            return AtomicAggregate.INSTANCE;
        } else if (kind == Aggregator.class) {
            return new Aggregator(asn(), random.nextInt());
        } else if (kind == Communities.class) {
            int[] values = new int[n(0xFFFF / 4)];
            for (int i = 0; i < values.length; i++) {
                values[i] = random.nextInt(4) == 0 ? Communities.NO_EXPORT - random.nextInt(3) : random.nextInt();
            }
            return new Communities(values);
        } else if (kind == OriginatorId.class) {
            return new OriginatorId(random.nextInt());
        } else if (kind == ClusterList.class) {
            int[] ids = new int[n(0xFFFF / 4)];
            Arrays.setAll(ids, i -> random.nextInt());
            return new ClusterList(ids);
        } else if (kind == MpReachNlri.class) {
            return mpReach();
        } else if (kind == MpUnreachNlri.class) {
            return mpUnreach();
        } else if (kind == ExtendedCommunities.class) {
            long[] values = new long[n(0xFFFF / 8)];
            Arrays.setAll(values, i -> random.nextBoolean()
                    ? ExtendedCommunities.routeTarget(random.nextInt(0x10000), random.nextInt()) : random.nextLong());
            return new ExtendedCommunities(values);
        } else if (kind == LargeCommunities.class) {
            List<LargeCommunity> values = new ArrayList<>();
            for (int i = n(0xFFFF / 12); i > 0; i--) {
                values.add(new LargeCommunity(random.nextInt(), random.nextInt(), random.nextInt()));
            }
            return new LargeCommunities(values);
        } else if (kind == UnknownAttribute.class) {
            return unknownAttribute(unknownTypeCode());
        }
        throw new IllegalArgumentException("no generator for " + kind);
    }

    /** A route's attribute set: each kind by chance, the well-known mandatory ones when the UPDATE announces. */
    PathAttributes attributes(boolean announcesNlri, boolean announcesMp) {
        List<PathAttribute> list = new ArrayList<>();
        for (Class<?> kind : ROUTE_ATTRIBUTE_KINDS) {
            boolean mandatory = (kind == Origin.class || kind == AsPath.class) && (announcesNlri || announcesMp)
                    || kind == NextHop.class && announcesNlri;
            // NEXT_HOP travels only with NLRI-field prefixes: beside MP_REACH_NLRI alone the
            // receiver ignores it (RFC 4760 section 3).
            boolean allowed = kind != NextHop.class || announcesNlri;
            if (mandatory || allowed && random.nextInt(3) == 0) {
                list.add(attribute(kind));
            }
        }
        Set<Integer> codes = new HashSet<>();
        for (int i = random.nextInt(4) == 0 ? random.nextInt(1, 4) : 0; i > 0; i--) {
            int code = unknownTypeCode();
            if (codes.add(code)) {
                list.add(unknownAttribute(code));
            }
        }
        return PathAttributes.of(list);
    }

    AsPath asPath() {
        if (random.nextInt(8) == 0) {
            return AsPath.EMPTY;
        }
        List<Segment> segments = new ArrayList<>();
        if (ctx.fourOctetAs()) {
            for (int i = random.nextInt(1, 5); i > 0; i--) {
                segments.add(segment(SegmentType.values()[random.nextInt(4)], false));
            }
        } else {
            // RFC 6793 4.2.3 keeps the leading confederation segments of AS_PATH; AS4_PATH has none.
            for (int i = random.nextInt(4) == 0 ? random.nextInt(1, 3) : 0; i > 0; i--) {
                segments.add(segment(random.nextBoolean() ? SegmentType.AS_CONFED_SEQUENCE : SegmentType.AS_CONFED_SET, true));
            }
            for (int i = random.nextInt(4); i > 0; i--) {
                segments.add(segment(random.nextInt(4) == 0 ? SegmentType.AS_SET : SegmentType.AS_SEQUENCE, false));
            }
        }
        return segments.isEmpty() ? AsPath.EMPTY : new AsPath(segments);
    }

    private Segment segment(SegmentType type, boolean twoOctet) {
        long[] asns = new long[n(255)];
        for (int i = 0; i < asns.length; i++) {
            asns[i] = twoOctet ? random.nextLong(0x10000) : asn();
        }
        return new Segment(type, asns);
    }

    MpReachNlri mpReach() {
        AfiSafi family = ipFamily();
        int[] lengths = family.afi() == AfiSafi.AFI_IPV4 ? new int[] {4, 4, 16, 32} : new int[] {16, 32};
        byte[] nextHop = bytes(lengths[random.nextInt(lengths.length)]);
        int count = random.nextInt(8) == 0 ? 0 : n(family.afi() == AfiSafi.AFI_IPV4 ? 20_000 : 5_000);
        return new MpReachNlri(family, nextHop, prefixes(family, count));
    }

    MpUnreachNlri mpUnreach() {
        if (random.nextInt(8) == 0) {
            return new MpUnreachNlri(OTHER_FAMILIES.get(random.nextInt(OTHER_FAMILIES.size())),
                    PrefixList.empty(AfiSafi.AFI_IPV4));
        }
        AfiSafi family = ipFamily();
        int count = random.nextInt(6) == 0 ? 0 : n(family.afi() == AfiSafi.AFI_IPV4 ? 20_000 : 5_000);
        return new MpUnreachNlri(family, prefixes(family, count));
    }

    /** Optional transitive with Partial set: what the encoder writes and so what comes back. */
    UnknownAttribute unknownAttribute(int typeCode) {
        int length = switch (random.nextInt(16)) {
            case 0 -> 0;
            case 1 -> 255 + random.nextInt(2); // either side of the extended-length threshold
            default -> n(0xFFFF);
        };
        int flags = PathAttribute.FLAG_OPTIONAL | PathAttribute.FLAG_TRANSITIVE | PathAttribute.FLAG_PARTIAL;
        return new UnknownAttribute(flags, typeCode, bytes(length));
    }

    int unknownTypeCode() {
        int code;
        do {
            code = random.nextInt(256);
        } while (AttributeCodec.forType(code) != null);
        return code;
    }

    // ---- prefixes ------------------------------------------------------------------------

    /** A prefix of any length 0..32 or 0..128, the ends drawn often, host bits zeroed by the record. */
    Prefix prefix(int afi) {
        int max = afi == AfiSafi.AFI_IPV4 ? 32 : 128;
        int length = switch (random.nextInt(8)) {
            case 0 -> 0;
            case 1 -> max;
            default -> random.nextInt(max + 1);
        };
        return afi == AfiSafi.AFI_IPV4 ? Prefix.ipv4(random.nextInt(), length)
                : Prefix.ipv6(random.nextLong(), random.nextLong(), length);
    }

    /** {@code count} prefixes of the family, with path identifiers when the context has ADD-PATH for it. */
    PrefixList prefixes(AfiSafi family, int count) {
        if (count == 0) {
            return PrefixList.empty(family.afi());
        }
        boolean ids = ctx.addPath(family);
        PrefixList.Builder b = PrefixList.builder(family.afi(), count, ids);
        for (int i = 0; i < count; i++) {
            b.add(prefix(family.afi()), ids ? (random.nextInt(4) == 0 ? random.nextInt() : random.nextInt(1, 10)) : 0);
        }
        return b.build();
    }

    // ---- numbers, bytes, text ------------------------------------------------------------

    long asn() {
        return switch (random.nextInt(6)) {
            case 0 -> SPECIAL_ASNS[random.nextInt(SPECIAL_ASNS.length)];
            case 1, 2 -> random.nextLong(1, 0x10000);
            default -> random.nextLong(0x10000, 0x1_0000_0000L);
        };
    }

    byte[] bytes(int length) {
        byte[] b = new byte[length];
        for (int i = 0; i < length; i++) {
            b[i] = (byte) random.nextInt(256);
        }
        return b;
    }

    /** Text of at most {@code maxOctets} UTF-8 octets, mostly ASCII, sometimes wider characters. */
    String text(int maxOctets) {
        int target = random.nextInt(3) == 0 ? maxOctets : random.nextInt(Math.max(1, maxOctets + 1));
        StringBuilder sb = new StringBuilder();
        int octets = 0;
        while (true) {
            String piece = random.nextInt(5) == 0 ? WIDE_PIECES[random.nextInt(WIDE_PIECES.length)]
                    : String.valueOf(ASCII.charAt(random.nextInt(ASCII.length())));
            int length = utf8Length(piece);
            if (octets + length > target) {
                return sb.toString();
            }
            sb.append(piece);
            octets += length;
        }
    }

    static int utf8Length(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }

    private Update fit(Supplier<Update> make) {
        scale = initialScale();
        while (true) {
            Update u = make.get();
            if (MessageEncoder.updateLength(u, ctx) <= ctx.maxMessageLength()) {
                return u;
            }
            scale = Math.max(1, scale / 4);
        }
    }

    /** Mostly small messages; one in twenty as large as the context allows. */
    private int initialScale() {
        int r = random.nextInt(20);
        return r < 14 ? 8 : r < 19 ? 64 : largeScale;
    }

    /** A count in 1..min(max, scale), small ones most often. */
    private int n(int max) {
        int cap = Math.max(1, Math.min(max, scale));
        return switch (random.nextInt(4)) {
            case 0, 1 -> random.nextInt(1, Math.min(3, cap) + 1);
            case 2 -> random.nextInt(1, Math.min(16, cap) + 1);
            default -> random.nextInt(1, cap + 1);
        };
    }

    private int countOrZero(int max) {
        return random.nextInt(5) == 0 ? 0 : n(max);
    }

    /** NOTIFICATION data: often none, mostly short, now and then up to the whole message. */
    private int dataLength(int max) {
        return switch (random.nextInt(12)) {
            case 0, 1, 2 -> 0;
            case 3 -> random.nextInt(max + 1);
            case 4, 5 -> random.nextInt(Math.min(max, 300) + 1);
            default -> random.nextInt(Math.min(max, 40) + 1);
        };
    }

    private AfiSafi ipFamily() {
        return switch (random.nextInt(10)) {
            case 0 -> IPV4_MULTICAST;
            case 1 -> IPV6_MULTICAST;
            case 2, 3, 4, 5 -> AfiSafi.IPV4_UNICAST;
            default -> AfiSafi.IPV6_UNICAST;
        };
    }

    /** Any family: the common ones most often, any AFI and SAFI number sometimes. */
    private AfiSafi family() {
        return switch (random.nextInt(10)) {
            case 0, 1 -> new AfiSafi(random.nextInt(0x10000), random.nextInt(256));
            case 2 -> OTHER_FAMILIES.get(random.nextInt(OTHER_FAMILIES.size()));
            default -> ipFamily();
        };
    }

    private int u16Mostly(int common) {
        return random.nextInt(3) == 0 ? random.nextInt(0x10000) : common;
    }

    private long u32() {
        return random.nextInt(4) == 0 ? SPECIAL_U32[random.nextInt(SPECIAL_U32.length)] : random.nextLong(0x1_0000_0000L);
    }

    private int nonZero() {
        int v;
        do {
            v = random.nextInt();
        } while (v == 0);
        return v;
    }

    /** An IPv4 address the decoder accepts as NEXT_HOP: not 0.0.0.0, broadcast or multicast. */
    private int hostAddress() {
        int a;
        do {
            a = random.nextInt();
        } while (a == 0 || a == -1 || ((a >>> 24) >= 224 && (a >>> 24) <= 239));
        return a;
    }
}
