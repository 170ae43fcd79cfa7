package dev.jbgp.core.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jbgp.core.AfiSafi;
import dev.jbgp.core.PrefixList;
import dev.jbgp.core.attribute.AsPath;
import dev.jbgp.core.attribute.MpReachNlri;
import dev.jbgp.core.attribute.MpUnreachNlri;
import dev.jbgp.core.attribute.PathAttribute;
import dev.jbgp.core.capability.Capability;
import dev.jbgp.core.capability.Fqdn;
import dev.jbgp.core.message.BgpMessage;
import dev.jbgp.core.message.Keepalive;
import dev.jbgp.core.message.Notification;
import dev.jbgp.core.message.Open;
import dev.jbgp.core.message.RouteRefresh;
import dev.jbgp.core.message.Update;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * The round-trip and robustness properties are only as good as what the generators make: this
 * checks that a run of seeds reaches every case the properties are meant to cover.
 */
class GeneratorsCoverageTest {
    private static final int SEEDS = 3000;

    static final List<NamedContext> CONTEXTS = NamedContext.ALL;

    @ParameterizedTest(name = "{0}")
    @FieldSource("CONTEXTS")
    void generatorsReachEveryCaseThePropertiesCover(NamedContext c) {
        CodecContext ctx = c.context();
        Set<String> seen = new TreeSet<>();
        for (int i = 0; i < SEEDS; i++) {
            Generators g = new Generators(i, ctx);
            for (Class<?> kind : Generators.MESSAGE_KINDS) {
                BgpMessage m = g.message(kind);
                observe(m, MessageEncoder.toBytes(m, ctx), ctx, seen);
            }
        }
        Set<String> expected = new TreeSet<>(Set.of(
                "OPEN without capabilities", "OPEN in RFC 4271 form", "OPEN in RFC 9072 form", "FQDN beyond ASCII",
                "KEEPALIVE", "NOTIFICATION with shutdown communication", "NOTIFICATION of unknown code",
                "ROUTE-REFRESH normal", "ROUTE-REFRESH BoRR", "ROUTE-REFRESH EoRR", "ROUTE-REFRESH reserved subtype",
                "withdrawn routes", "NLRI", "ipv4 prefix /0", "ipv4 prefix /32", "ipv6 prefix /0", "ipv6 prefix /128",
                "MP_REACH_NLRI ipv4-unicast", "MP_REACH_NLRI ipv6-unicast", "MP_REACH_NLRI ipv4-multicast",
                "MP_REACH_NLRI ipv6-multicast", "next hop of 4 octets", "ipv6 next hop of 16 octets",
                "ipv6 next hop of 32 octets", "ipv4 next hop of 32 octets",
                "MP_UNREACH_NLRI ipv4-unicast", "MP_UNREACH_NLRI ipv6-unicast", "MP_UNREACH_NLRI of a non-IP family",
                "End-of-RIB ipv4-unicast", "End-of-RIB ipv6-unicast", "AS_SET", "AS_CONFED_SEQUENCE", "AS_CONFED_SET",
                "attribute with extended length", "unknown attribute"));
        for (Class<?> kind : Generators.ATTRIBUTE_KINDS) {
            expected.add("attribute " + kind.getSimpleName());
        }
        for (Class<?> kind : Generators.CAPABILITY_KINDS) {
            expected.add("capability " + kind.getSimpleName());
        }
        if (!ctx.fourOctetAs()) {
            expected.add("AS4_PATH on the wire");
            expected.add("AS4_AGGREGATOR on the wire");
        }
        if (ctx.addPath(AfiSafi.IPV4_UNICAST)) {
            expected.add("path identifiers ipv4-unicast");
        }
        if (ctx.addPath(AfiSafi.IPV6_UNICAST)) {
            expected.add("path identifiers ipv6-unicast");
        }
        if (ctx.extendedMessage()) {
            expected.add("UPDATE over 4096 octets");
        }
        expected.removeAll(seen);
        assertEquals(Set.of(), expected, "cases no seed reached");
    }

    private static void observe(BgpMessage m, byte[] wire, CodecContext ctx, Set<String> seen) {
        switch (m) {
            case Open o -> {
                seen.add(o.capabilities().isEmpty() ? "OPEN without capabilities"
                        : wire[28] == (byte) 0xFF && wire[29] == (byte) 0xFF ? "OPEN in RFC 9072 form" : "OPEN in RFC 4271 form");
                for (Capability cap : o.capabilities()) {
                    seen.add("capability " + cap.getClass().getSimpleName());
                    if (cap instanceof Fqdn f && !(f.hostname() + f.domain()).chars().allMatch(ch -> ch < 0x80)) {
                        seen.add("FQDN beyond ASCII");
                    }
                }
            }
            case Update u -> observeUpdate(u, wire, ctx, seen);
            case Notification n -> {
                if (n.shutdownCommunication().isPresent()) {
                    seen.add("NOTIFICATION with shutdown communication");
                }
                if (n.code() == 0 || n.code() > 7) {
                    seen.add("NOTIFICATION of unknown code");
                }
            }
            case Keepalive k -> seen.add("KEEPALIVE");
            case RouteRefresh r -> seen.add("ROUTE-REFRESH " + switch (r.subtypeName()) {
                case "normal", "BoRR", "EoRR" -> r.subtypeName();
                default -> "reserved subtype";
            });
        }
    }

    private static void observeUpdate(Update u, byte[] wire, CodecContext ctx, Set<String> seen) {
        u.endOfRib().ifPresent(f -> seen.add("End-of-RIB " + f));
        if (!u.withdrawn().isEmpty()) {
            seen.add("withdrawn routes");
        }
        if (!u.nlri().isEmpty()) {
            seen.add("NLRI");
        }
        observePrefixes(u.withdrawn(), AfiSafi.IPV4_UNICAST, seen);
        observePrefixes(u.nlri(), AfiSafi.IPV4_UNICAST, seen);
        MpReachNlri reach = u.mpReach();
        if (reach != null) {
            seen.add("attribute MpReachNlri");
            seen.add("MP_REACH_NLRI " + reach.family());
            seen.add((reach.family().afi() == AfiSafi.AFI_IPV6 ? "ipv6 " : reach.nextHopLength() == 4 ? "" : "ipv4 ")
                    + "next hop of " + reach.nextHopLength() + " octets");
            observePrefixes(reach.nlri(), reach.family(), seen);
        }
        MpUnreachNlri unreach = u.mpUnreach();
        if (unreach != null) {
            seen.add("attribute MpUnreachNlri");
            seen.add("MP_UNREACH_NLRI " + (unreach.family().hasIpPrefixes() ? unreach.family() : "of a non-IP family"));
            observePrefixes(unreach.withdrawn(), unreach.family(), seen);
        }
        for (PathAttribute a : u.attributes()) {
            seen.add("attribute " + a.getClass().getSimpleName());
            if (a instanceof AsPath p) {
                p.segments().forEach(s -> seen.add(s.type().name()));
            }
        }
        for (WireLayout.Attribute a : WireLayout.attributes(wire)) {
            if (a.extendedLength()) {
                seen.add("attribute with extended length");
            }
            if (a.type() == PathAttribute.AS4_PATH || a.type() == PathAttribute.AS4_AGGREGATOR) {
                seen.add(PathAttribute.name(a.type()) + " on the wire");
            }
            if (AttributeCodec.forType(a.type()) == null) {
                seen.add("unknown attribute");
            }
        }
        if (wire.length > CodecContext.MAX_MESSAGE_LENGTH) {
            seen.add("UPDATE over 4096 octets");
        }
    }

    private static void observePrefixes(PrefixList list, AfiSafi family, Set<String> seen) {
        String afi = list.afi() == AfiSafi.AFI_IPV4 ? "ipv4" : "ipv6";
        for (int i = 0; i < list.size(); i++) {
            seen.add(afi + " prefix /" + list.length(i));
        }
        if (list.hasPathIds() && !list.isEmpty()) {
            seen.add("path identifiers " + family);
        }
    }
}
