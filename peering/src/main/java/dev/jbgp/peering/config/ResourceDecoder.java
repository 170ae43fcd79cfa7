package dev.jbgp.peering.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.jbgp.core.Prefix;
import dev.jbgp.peering.NextHopMode;
import dev.jbgp.peering.calico.Selector;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Turns one resource's YAML tree into its record, field by field, with Calico's field names
 * and defaults. Each bad field becomes an error and the record is still built from the
 * good ones (a bad field reads as absent), so one pass reports every mistake; the caller
 * throws the record away when there was any.
 */
final class ResourceDecoder {
    /** The longest restart time the graceful restart capability can carry (RFC 4724: 12 bits). */
    static final long MAX_RESTART_SECONDS = 4095;
    /** The longest keepalive interval: a third of the longest hold time (RFC 4271 section 4.2). */
    static final long MAX_KEEPALIVE_SECONDS = 21845;

    private ResourceDecoder() {
    }

    static BgpConfiguration bgpConfiguration(String name, JsonNode spec, FieldReader r) {
        boolean isDefault = BgpConfiguration.DEFAULT_NAME.equals(name);
        if (!isDefault && !(name.startsWith(BgpConfiguration.NODE_PREFIX)
                && name.length() > BgpConfiguration.NODE_PREFIX.length())) {
            r.error("metadata.name", TextNode.valueOf(name),
                    "is neither \"default\" nor \"node.<node name>\"");
        }
        if (!isDefault) {
            // Calico reads these only from the default configuration; a node's copy would be ignored silently.
            for (String field : List.of("asNumber", "nodeToNodeMeshEnabled", "serviceClusterIPs", "serviceExternalIPs",
                    "serviceLoadBalancerIPs", "serviceLoadBalancerAggregation", "bindMode", "nodeMeshPassword",
                    "nodeMeshMaxRestartTime", "programClusterRoutes")) {
                if (FieldReader.child(spec, field) != null) {
                    r.error("spec." + field, FieldReader.child(spec, field),
                            "can only be set in the BGPConfiguration named \"default\"");
                }
            }
        }
        Long asNumber = r.asNumber(spec, "asNumber", "spec.asNumber");
        Boolean mesh = r.bool(spec, "nodeToNodeMeshEnabled", "spec.nodeToNodeMeshEnabled");
        Integer listenPort = r.integer(spec, "listenPort", "spec.listenPort", 1, 65535);
        String logSeverity = r.string(spec, "logSeverityScreen", "spec.logSeverityScreen");
        List<Prefix> clusterIps = serviceBlocks(spec, "serviceClusterIPs", r);
        List<Prefix> externalIps = serviceBlocks(spec, "serviceExternalIPs", r);
        List<Prefix> loadBalancerIps = serviceBlocks(spec, "serviceLoadBalancerIPs", r);
        boolean aggregation = true;
        String aggregationText = r.string(spec, "serviceLoadBalancerAggregation", "spec.serviceLoadBalancerAggregation");
        if ("Disabled".equals(aggregationText)) {
            aggregation = false;
        } else if (aggregationText != null && !aggregationText.equals("Enabled")) {
            r.error("spec.serviceLoadBalancerAggregation", FieldReader.child(spec, "serviceLoadBalancerAggregation"),
                    "is neither Enabled nor Disabled");
        }
        BgpConfiguration.BindMode bindMode = null;
        String bindText = r.string(spec, "bindMode", "spec.bindMode");
        if (bindText != null) {
            bindMode = BgpConfiguration.BindMode.fromText(bindText);
            if (bindMode == null) {
                r.error("spec.bindMode", FieldReader.child(spec, "bindMode"), "is neither None nor NodeIP");
            }
        }
        BgpConfiguration.ClusterRoutes clusterRoutes = null;
        String clusterRoutesText = r.string(spec, "programClusterRoutes", "spec.programClusterRoutes");
        if (clusterRoutesText != null) {
            clusterRoutes = BgpConfiguration.ClusterRoutes.fromText(clusterRoutesText);
            if (clusterRoutes == null) {
                r.error("spec.programClusterRoutes", FieldReader.child(spec, "programClusterRoutes"),
                        "is not Enabled, Disabled, EnabledIPIPOnly or EnabledNoEncapOnly");
            }
        }
        Duration meshRestart = restartTime(spec, "nodeMeshMaxRestartTime", r);
        SecretKeyRef meshPassword = r.secretKeyRef(spec, "nodeMeshPassword", "spec.nodeMeshPassword");
        List<PrefixAdvertisement> advertisements = prefixAdvertisements(spec, r);
        return new BgpConfiguration(name, asNumber, mesh, listenPort == null ? 0 : listenPort, logSeverity,
                clusterIps, externalIps, loadBalancerIps, aggregation, bindMode, meshRestart, meshPassword,
                advertisements, clusterRoutes);
    }

    /** {@code serviceClusterIPs: [{cidr: 10.96.0.0/12}]}; entries without a CIDR are skipped, as Calico does. */
    private static List<Prefix> serviceBlocks(JsonNode spec, String key, FieldReader r) {
        List<Prefix> out = new ArrayList<>();
        List<JsonNode> items = r.array(spec, key, "spec." + key);
        for (int i = 0; i < items.size(); i++) {
            String path = "spec." + key + "[" + i + "]";
            JsonNode item = items.get(i);
            if (!item.isObject()) {
                r.error(path, item, "is not a mapping with a cidr");
                continue;
            }
            Prefix p = r.cidr(item, "cidr", path + ".cidr", false);
            if (p != null) {
                out.add(p);
            }
        }
        return out;
    }

    private static List<PrefixAdvertisement> prefixAdvertisements(JsonNode spec, FieldReader r) {
        Map<String, Community> named = new LinkedHashMap<>();
        List<JsonNode> defined = r.array(spec, "communities", "spec.communities");
        for (int i = 0; i < defined.size(); i++) {
            String path = "spec.communities[" + i + "]";
            String communityName = r.requiredString(defined.get(i), "name", path + ".name");
            String value = r.requiredString(defined.get(i), "value", path + ".value");
            if (value != null) {
                Community c = Community.parse(value);
                if (c == null) {
                    r.error(path + ".value", FieldReader.child(defined.get(i), "value"),
                            "is not a community (aa:nn with 16-bit numbers, or aa:nn:mm with 32-bit ones)");
                } else if (communityName != null) {
                    named.put(communityName, c);
                }
            }
        }
        if (FieldReader.child(spec, "prefixAdvertisements") == null) {
            return null;
        }
        List<PrefixAdvertisement> out = new ArrayList<>();
        List<JsonNode> items = r.array(spec, "prefixAdvertisements", "spec.prefixAdvertisements");
        for (int i = 0; i < items.size(); i++) {
            String path = "spec.prefixAdvertisements[" + i + "]";
            JsonNode item = items.get(i);
            Prefix cidr = FieldReader.child(item, "cidr") == null ? null : r.cidr(item, "cidr", path + ".cidr", false);
            if (FieldReader.child(item, "cidr") == null) {
                r.error(path + ".cidr", "is required");
            }
            TreeSet<Community> communities = new TreeSet<>();
            List<JsonNode> values = r.array(item, "communities", path + ".communities");
            for (int j = 0; j < values.size(); j++) {
                JsonNode v = values.get(j);
                Community c = v.isTextual() ? Community.parse(v.textValue()) : null;
                if (c == null && v.isTextual()) {
                    c = named.get(v.textValue());
                }
                if (c == null) {
                    r.error(path + ".communities[" + j + "]", v,
                            "is neither a community (aa:nn, aa:nn:mm) nor the name of one in spec.communities");
                } else {
                    communities.add(c);
                }
            }
            if (cidr != null) {
                out.add(new PrefixAdvertisement(cidr, new ArrayList<>(communities)));
            }
        }
        return out;
    }

    static Node node(String name, Map<String, String> labels, JsonNode spec, FieldReader r) {
        JsonNode bgp = r.object(spec, "bgp", "spec.bgp");
        if (bgp == null) {
            return new Node(name, labels, null);
        }
        NodeAddress v4 = r.nodeAddress(bgp, "ipv4Address", "spec.bgp.ipv4Address", false);
        NodeAddress v6 = r.nodeAddress(bgp, "ipv6Address", "spec.bgp.ipv6Address", true);
        Long as = r.asNumber(bgp, "asNumber", "spec.bgp.asNumber");
        Inet4Address clusterId = null;
        String clusterText = r.string(bgp, "routeReflectorClusterID", "spec.bgp.routeReflectorClusterID");
        if (clusterText != null) {
            InetAddress a = FieldReader.parseAddress(clusterText);
            if (a instanceof Inet4Address v4Id && !v4Id.isAnyLocalAddress()) {
                clusterId = v4Id;
            } else {
                r.error("spec.bgp.routeReflectorClusterID", FieldReader.child(bgp, "routeReflectorClusterID"),
                        "is not a cluster ID (a non-zero dotted quad such as \"224.0.0.1\")");
            }
        }
        if (bgp.isEmpty()) {
            r.error("spec.bgp", bgp, "is empty: give the node an ipv4Address or ipv6Address, or leave out spec.bgp");
        }
        return new Node(name, labels, new Node.Bgp(v4, v6, as, clusterId));
    }

    static BgpPeer bgpPeer(String name, JsonNode spec, FieldReader r) {
        String node = r.string(spec, "node", "spec.node");
        Selector nodeSelector = r.selector(spec, "nodeSelector", "spec.nodeSelector");
        PeerAddress peerIp = peerAddress(spec, r);
        Long asNumber = r.asNumber(spec, "asNumber", "spec.asNumber");
        Selector peerSelector = r.selector(spec, "peerSelector", "spec.peerSelector");
        Long localAs = r.asNumber(spec, "localASNumber", "spec.localASNumber");
        SecretKeyRef password = r.secretKeyRef(spec, "password", "spec.password");
        BgpPeer.SourceAddress source = null;
        String sourceText = r.string(spec, "sourceAddress", "spec.sourceAddress");
        if (sourceText != null && !sourceText.isEmpty()) {
            source = BgpPeer.SourceAddress.fromText(sourceText);
            if (source == null) {
                r.error("spec.sourceAddress", FieldReader.child(spec, "sourceAddress"), "is neither UseNodeIP nor None");
            }
        }
        Boolean keepNextHop = r.bool(spec, "keepOriginalNextHop", "spec.keepOriginalNextHop");
        NextHopMode nextHopMode = null;
        String modeText = r.string(spec, "nextHopMode", "spec.nextHopMode");
        if (modeText != null) {
            nextHopMode = switch (modeText) {
                case "Auto" -> NextHopMode.AUTO;
                case "Self" -> NextHopMode.SELF;
                case "Keep" -> NextHopMode.KEEP;
                default -> {
                    r.error("spec.nextHopMode", FieldReader.child(spec, "nextHopMode"), "is not Auto, Self or Keep");
                    yield null;
                }
            };
        }
        Duration restart = restartTime(spec, "maxRestartTime", r);
        Duration keepalive = r.duration(spec, "keepaliveTime", "spec.keepaliveTime");
        if (keepalive != null && (keepalive.toSeconds() > MAX_KEEPALIVE_SECONDS || roundedSeconds(keepalive) < 1)) {
            r.error("spec.keepaliveTime", FieldReader.child(spec, "keepaliveTime"),
                    "is out of range (1s to " + MAX_KEEPALIVE_SECONDS + "s)");
            keepalive = null;
        }
        Integer allowedLocalAs = r.integer(spec, "numAllowedLocalASNumbers", "spec.numAllowedLocalASNumbers", 0, 10);
        Integer ttlSecurity = r.integer(spec, "ttlSecurity", "spec.ttlSecurity", 0, 254);
        boolean manual = false;
        String reverse = r.string(spec, "reversePeering", "spec.reversePeering");
        if ("Manual".equals(reverse)) {
            manual = true;
        } else if (reverse != null && !reverse.equals("Auto")) {
            r.error("spec.reversePeering", FieldReader.child(spec, "reversePeering"), "is neither Auto nor Manual");
        }
        String workloads = r.string(spec, "localWorkloadSelector", "spec.localWorkloadSelector");
        workloads = workloads == null || workloads.isBlank() ? null : workloads;
        List<String> filters = new ArrayList<>();
        List<JsonNode> filterItems = r.array(spec, "filters", "spec.filters");
        for (int i = 0; i < filterItems.size(); i++) {
            JsonNode item = filterItems.get(i);
            if (item.isTextual() && !item.textValue().isEmpty()) {
                filters.add(item.textValue());
            } else {
                r.error("spec.filters[" + i + "]", item, "is not the name of a BGPFilter");
            }
        }
        InetAddress reachableBy = null;
        String reachableText = r.string(spec, "reachableBy", "spec.reachableBy");
        if (reachableText != null && !reachableText.isEmpty()) {
            reachableBy = FieldReader.parseAddress(reachableText);
            if (reachableBy == null) {
                r.error("spec.reachableBy", FieldReader.child(spec, "reachableBy"), "is not an IP address");
            } else if (!given(spec, "peerIP")) {
                r.error("spec.reachableBy", FieldReader.child(spec, "reachableBy"),
                        "needs spec.peerIP: it is the gateway to that address");
            } else if (peerIp != null && peerIp.address().getClass() != reachableBy.getClass()) {
                r.error("spec.reachableBy", FieldReader.child(spec, "reachableBy"),
                        "is not of the address family of spec.peerIP");
            }
        }

        // The combinations Calico's API refuses.
        if (node != null && nodeSelector != null) {
            r.error("spec.nodeSelector", FieldReader.child(spec, "nodeSelector"), "cannot be set together with spec.node");
        }
        if (peerIp != null && peerSelector != null) {
            r.error("spec.peerSelector", FieldReader.child(spec, "peerSelector"), "cannot be set together with spec.peerIP");
        }
        if (peerSelector != null && asNumber != null) {
            r.error("spec.asNumber", FieldReader.child(spec, "asNumber"),
                    "cannot be set together with spec.peerSelector: each selected node's own AS is used");
        }
        // Calico takes an empty string as unset. A field that is set but bad has its own error.
        if (!given(spec, "peerIP") && !given(spec, "peerSelector") && workloads == null) {
            if (FieldReader.child(spec, "peerSelector") != null) {
                r.error("spec.peerSelector", FieldReader.child(spec, "peerSelector"),
                        "is empty, which is no selector, and spec.peerIP is not set: the peering has no peer"
                                + " (all() selects every node)");
            } else {
                r.error("spec", "needs spec.peerIP or spec.peerSelector");
            }
        }
        if (given(spec, "peerIP") && !given(spec, "peerSelector") && FieldReader.child(spec, "asNumber") == null) {
            r.error("spec.asNumber", "is required with spec.peerIP");
        }
        if (keepNextHop != null && keepNextHop && nextHopMode != null) {
            r.error("spec.keepOriginalNextHop", FieldReader.child(spec, "keepOriginalNextHop"),
                    "cannot be set together with spec.nextHopMode");
        }
        if (peerIp == null && peerSelector == null && workloads == null) {
            return null; // a bad peerIP or peerSelector, reported above
        }
        return new BgpPeer(name, node, nodeSelector, peerIp, asNumber == null ? 0 : asNumber, peerSelector, localAs,
                password, source, keepNextHop != null && keepNextHop, nextHopMode, restart, keepalive, allowedLocalAs,
                ttlSecurity, manual, workloads, filters, reachableBy);
    }

    /** The field is there and not the empty string, which Calico takes as unset. */
    private static boolean given(JsonNode spec, String key) {
        JsonNode v = FieldReader.child(spec, key);
        return v != null && !(v.isTextual() && v.textValue().isEmpty());
    }

    /** {@code 198.19.15.254}, {@code 198.19.15.254:1179}, {@code fd00::1} or {@code [fd00::1]:1179}. */
    private static PeerAddress peerAddress(JsonNode spec, FieldReader r) {
        String text = r.string(spec, "peerIP", "spec.peerIP");
        if (text == null || text.isEmpty()) {
            return null; // an empty string is unset, as in Calico
        }
        String host = text;
        int port = 0;
        String portText = null;
        if (text.startsWith("[")) {
            int close = text.indexOf(']');
            if (close > 0 && text.startsWith("]:", close)) {
                host = text.substring(1, close);
                portText = text.substring(close + 2);
            } else if (close == text.length() - 1) {
                host = text.substring(1, close);
            }
        } else if (text.indexOf(':') >= 0 && text.indexOf(':') == text.lastIndexOf(':')) {
            host = text.substring(0, text.indexOf(':'));
            portText = text.substring(text.indexOf(':') + 1);
        }
        InetAddress address = FieldReader.parseAddress(host);
        if (portText != null) {
            port = portText.matches("[0-9]{1,5}") ? Integer.parseInt(portText) : -1;
        }
        if (address == null || port < 0 || port > 65535 || (portText != null && port == 0)) {
            r.error("spec.peerIP", FieldReader.child(spec, "peerIP"),
                    "is not an IP address, <IPv4>:<port> or [<IPv6>]:<port>");
            return null;
        }
        return new PeerAddress(address, port);
    }

    private static Duration restartTime(JsonNode spec, String key, FieldReader r) {
        Duration d = r.duration(spec, key, "spec." + key);
        if (d != null && d.toSeconds() > MAX_RESTART_SECONDS) {
            r.error("spec." + key, FieldReader.child(spec, key),
                    "is longer than " + MAX_RESTART_SECONDS + "s, the most graceful restart can announce");
            return null;
        }
        return d;
    }

    /** Seconds, rounded as Calico rounds durations for BIRD. */
    static long roundedSeconds(Duration d) {
        return Math.round(d.toNanos() / 1e9);
    }

    static IpPool ipPool(String name, JsonNode spec, FieldReader r) {
        if (FieldReader.child(spec, "cidr") == null) {
            r.error("spec.cidr", "is required");
        }
        Prefix cidr = r.cidr(spec, "cidr", "spec.cidr", true);
        Integer blockSize = r.integer(spec, "blockSize", "spec.blockSize", 0, 128);
        EncapMode ipip = encapMode(spec, "ipipMode", r);
        EncapMode vxlan = encapMode(spec, "vxlanMode", r);
        Boolean nat = r.bool(spec, "natOutgoing", "spec.natOutgoing");
        Boolean disabled = r.bool(spec, "disabled", "spec.disabled");
        Boolean noExport = r.bool(spec, "disableBGPExport", "spec.disableBGPExport");
        Selector nodeSelector = r.selector(spec, "nodeSelector", "spec.nodeSelector");
        if (cidr == null) {
            return null;
        }
        int size = blockSize == null || blockSize == 0 ? IpPool.defaultBlockSize(cidr) : blockSize;
        int min = cidr.isIpv4() ? 20 : 116;
        int max = cidr.isIpv4() ? 32 : 128;
        if (blockSize != null && blockSize != 0 && (size < min || size > max)) {
            r.error("spec.blockSize", FieldReader.child(spec, "blockSize"),
                    "is out of range for an " + (cidr.isIpv4() ? "IPv4" : "IPv6") + " pool (" + min + " to " + max + ")");
        } else if (size < cidr.length()) {
            r.error("spec.blockSize", FieldReader.child(spec, "blockSize"),
                    "makes blocks larger than the pool " + cidr + " itself");
        }
        ipip = ipip == null ? EncapMode.NEVER : ipip;
        vxlan = vxlan == null ? EncapMode.NEVER : vxlan;
        if (ipip.encapsulates() && vxlan.encapsulates()) {
            r.error("spec.vxlanMode", FieldReader.child(spec, "vxlanMode"),
                    "cannot be used together with ipipMode " + ipip + ": a pool has one encapsulation");
        }
        if (ipip.encapsulates() && !cidr.isIpv4()) {
            r.error("spec.ipipMode", FieldReader.child(spec, "ipipMode"), "is for IPv4 pools only");
        }
        return new IpPool(name, cidr, size, ipip, vxlan, nat != null && nat, disabled != null && disabled,
                noExport != null && noExport, nodeSelector);
    }

    private static EncapMode encapMode(JsonNode spec, String key, FieldReader r) {
        String text = r.string(spec, key, "spec." + key);
        if (text == null) {
            return null;
        }
        EncapMode mode = EncapMode.fromText(text);
        if (mode == null) {
            r.error("spec." + key, FieldReader.child(spec, key), "is not Never, Always or CrossSubnet");
        }
        return mode;
    }

    static IpamBlock ipamBlock(String name, JsonNode spec, FieldReader r) {
        if (FieldReader.child(spec, "cidr") == null) {
            r.error("spec.cidr", "is required");
        }
        Prefix cidr = r.cidr(spec, "cidr", "spec.cidr", true);
        String affinity = r.string(spec, "affinity", "spec.affinity");
        if (affinity != null && !affinity.matches("(host|virtual):[a-zA-Z0-9.\\-_]+")) {
            r.error("spec.affinity", FieldReader.child(spec, "affinity"), "is not host:<node name> or virtual:<node name>");
            affinity = null;
        }
        return cidr == null ? null : new IpamBlock(name, cidr, affinity);
    }

    static Secret secret(String name, String namespace, JsonNode document, FieldReader r) {
        Map<String, String> data = new LinkedHashMap<>();
        JsonNode encoded = r.object(document, "data", "data");
        if (encoded != null) {
            for (Map.Entry<String, JsonNode> e : encoded.properties()) {
                String path = "data." + e.getKey();
                if (!e.getValue().isTextual()) {
                    r.error(path, "is not a base64 string");
                    continue;
                }
                try {
                    byte[] bytes = Base64.getMimeDecoder().decode(e.getValue().textValue());
                    data.put(e.getKey(), new String(bytes, StandardCharsets.UTF_8));
                } catch (IllegalArgumentException bad) {
                    // The value is a secret: say what is wrong, never show it.
                    r.error(path, "is not base64 (" + bad.getMessage() + ")");
                }
            }
        }
        JsonNode plain = r.object(document, "stringData", "stringData");
        if (plain != null) {
            for (Map.Entry<String, JsonNode> e : plain.properties()) {
                if (!e.getValue().isValueNode() || e.getValue().isNull()) {
                    r.error("stringData." + e.getKey(), "is not a string");
                    continue;
                }
                data.put(e.getKey(), e.getValue().asText());
            }
        }
        return new Secret(name, namespace, data);
    }
}
