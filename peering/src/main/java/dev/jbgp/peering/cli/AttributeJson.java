package dev.jbgp.peering.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.common.net.InetAddresses;
import dev.jbgp.core.PrefixList;
import dev.jbgp.core.attribute.Aggregator;
import dev.jbgp.core.attribute.AsPath;
import dev.jbgp.core.attribute.AtomicAggregate;
import dev.jbgp.core.attribute.ClusterList;
import dev.jbgp.core.attribute.Communities;
import dev.jbgp.core.attribute.ExtendedCommunities;
import dev.jbgp.core.attribute.LargeCommunities;
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
import java.util.HexFormat;
import java.util.Locale;

/**
 * Path attributes, prefixes and the MP_REACH_NLRI / MP_UNREACH_NLRI attributes as JSON, in the
 * words operators read in BIRD and GoBGP output: {@code "origin": "igp"},
 * {@code "asPath": "64512 65000 {1 2}"}, {@code "communities": ["no-export", "64512:100"]}.
 */
final class AttributeJson {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private AttributeJson() {
    }

    /** The attribute set as one object keyed by attribute; unknown attributes go in {@code "unknown"}. */
    static ObjectNode attributes(PathAttributes attributes) {
        ObjectNode o = JSON.objectNode();
        ArrayNode unknown = null;
        for (PathAttribute a : attributes) {
            switch (a) {
                case Origin origin -> o.put("origin", origin.name().toLowerCase(Locale.ROOT));
                case AsPath path -> {
                    o.put("asPath", path.toString());
                    ArrayNode segments = o.putArray("asPathSegments");
                    for (AsPath.Segment s : path.segments()) {
                        ObjectNode seg = segments.addObject();
                        seg.put("type", s.type().name().toLowerCase(Locale.ROOT).replace('_', '-'));
                        ArrayNode asns = seg.putArray("asns");
                        for (long asn : s.asns()) {
                            asns.add(asn);
                        }
                    }
                }
                case NextHop nh -> o.put("nextHop", ipv4(nh.address()));
                case MultiExitDisc med -> o.put("med", med.value());
                case LocalPref lp -> o.put("localPref", lp.value());
                case AtomicAggregate aa -> o.put("atomicAggregate", true);
                case Aggregator ag -> o.putObject("aggregator").put("asNumber", ag.asNumber())
                        .put("address", ipv4(ag.address()));
                case Communities c -> {
                    ArrayNode list = o.putArray("communities");
                    for (int v : c.values()) {
                        list.add(Communities.name(v));
                    }
                }
                case OriginatorId id -> o.put("originatorId", ipv4(id.id()));
                case ClusterList cl -> {
                    ArrayNode list = o.putArray("clusterList");
                    for (int id : cl.ids()) {
                        list.add(ipv4(id));
                    }
                }
                case ExtendedCommunities ec -> {
                    ArrayNode list = o.putArray("extendedCommunities");
                    for (long v : ec.values()) {
                        list.add(ExtendedCommunities.name(v));
                    }
                }
                case LargeCommunities lc -> {
                    ArrayNode list = o.putArray("largeCommunities");
                    lc.values().forEach(v -> list.add(v.toString()));
                }
                case UnknownAttribute u -> {
                    if (unknown == null) {
                        unknown = JSON.arrayNode();
                    }
                    unknown.add(unknown(u));
                }
                // Kept beside the set by the decoder, never in it; rendered by the UPDATE.
                case MpReachNlri r -> o.set("mpReach", mpReach(r));
                case MpUnreachNlri u -> o.set("mpUnreach", mpUnreach(u));
            }
        }
        if (unknown != null) {
            o.set("unknown", unknown);
        }
        return o;
    }

    static ObjectNode mpReach(MpReachNlri reach) {
        ObjectNode o = JSON.objectNode();
        o.put("family", reach.family().toString());
        o.put("nextHop", InetAddresses.toAddrString(reach.globalNextHop()));
        reach.linkLocalNextHop().ifPresent(a -> o.put("linkLocalNextHop", InetAddresses.toAddrString(a)));
        o.set("nlri", prefixes(reach.nlri()));
        return o;
    }

    static ObjectNode mpUnreach(MpUnreachNlri unreach) {
        ObjectNode o = JSON.objectNode();
        o.put("family", unreach.family().toString());
        o.set("withdrawn", prefixes(unreach.withdrawn()));
        return o;
    }

    /** Prefixes as strings; with ADD-PATH (RFC 7911) as {@code {"prefix": ..., "pathId": ...}}. */
    static ArrayNode prefixes(PrefixList prefixes) {
        ArrayNode a = JSON.arrayNode(prefixes.size());
        for (int i = 0; i < prefixes.size(); i++) {
            String prefix = prefixes.get(i).toString();
            if (prefixes.hasPathIds()) {
                a.addObject().put("prefix", prefix).put("pathId", Integer.toUnsignedLong(prefixes.pathId(i)));
            } else {
                a.add(prefix);
            }
        }
        return a;
    }

    private static ObjectNode unknown(UnknownAttribute u) {
        ObjectNode o = JSON.objectNode();
        o.put("typeCode", u.typeCode());
        o.put("name", PathAttribute.name(u.typeCode()));
        ArrayNode flags = o.putArray("flags");
        flags.add("optional");
        if (u.transitive()) {
            flags.add("transitive");
        }
        if (u.partial()) {
            flags.add("partial");
        }
        o.put("hex", HexFormat.of().formatHex(u.value()));
        return o;
    }

    static String ipv4(int address) {
        return InetAddresses.fromInteger(address).getHostAddress();
    }
}
