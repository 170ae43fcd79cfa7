package dev.jbgp.peering.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.net.InetAddresses;
import dev.jbgp.core.Prefix;
import dev.jbgp.peering.NextHopMode;
import dev.jbgp.peering.calico.Selector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ResourceLoaderTest {

    private static Resources load(String yaml) throws ConfigException {
        return ResourceLoader.parse(yaml, "test.yaml");
    }

    private static List<String> errors(String yaml) {
        ConfigException e = assertThrows(ConfigException.class, () -> load(yaml));
        for (ResourceError error : e.errors()) {
            assertTrue(e.getMessage().contains(error.toString()), e.getMessage());
        }
        return e.errors().stream().map(ResourceError::toString).toList();
    }

    private static String doc(String kind, String name, String spec) {
        return "apiVersion: projectcalico.org/v3\nkind: " + kind + "\nmetadata:\n  name: " + name + "\nspec:\n"
                + spec.indent(2) + "---\n";
    }

    private static String peer(String spec) {
        return doc("BGPPeer", "tor1", spec);
    }

    private static String config(String spec) {
        return doc("BGPConfiguration", "default", spec);
    }

    private static String node(String spec) {
        return doc("Node", "node1", spec);
    }

    private static String pool(String spec) {
        return doc("IPPool", "p", spec);
    }

    private static final String TOR = "peerIP: 198.19.15.254\nasNumber: 64512\n";

    @Test
    void everyKindIsReadWithCalicoFieldNamesAndDefaults() throws Exception {
        Resources r = load("""
                apiVersion: projectcalico.org/v3
                kind: BGPConfiguration
                metadata: {name: default}
                spec:
                  asNumber: 64513
                  nodeToNodeMeshEnabled: false
                  listenPort: 1179
                  logSeverityScreen: Warning
                  serviceClusterIPs: [{cidr: 10.96.0.0/12}]
                  serviceExternalIPs: [{cidr: 203.0.113.0/24}, {}]
                  bindMode: NodeIP
                  nodeMeshMaxRestartTime: 2m30s
                  nodeMeshPassword: {secretKeyRef: {name: s, key: mesh}}
                  communities: [{name: pods, value: "64512:100"}]
                  prefixAdvertisements:
                  - cidr: 10.48.0.0/16
                    communities: [pods, "1:2:3", pods]
                ---
                apiVersion: v1
                kind: Secret
                metadata: {name: s, namespace: calico-system}
                data: {mesh: bWVzaA==, both: ZnJvbS1kYXRh}
                stringData: {both: from-stringData}
                ---
                apiVersion: projectcalico.org/v3
                kind: Node
                metadata:
                  name: node1
                  labels: {rack: r1, route-reflector: true, count: 3}
                spec:
                  bgp:
                    ipv4Address: 198.19.0.2/20
                    ipv6Address: fd00::2
                    asNumber: "1.10"
                    routeReflectorClusterID: 224.0.0.1
                ---
                apiVersion: projectcalico.org/v3
                kind: BGPPeer
                metadata: {name: tor1}
                spec:
                  nodeSelector: rack == 'r1'
                  peerIP: "[fd00::fe]:1179"
                  asNumber: 65000
                  localASNumber: 65100
                  keepOriginalNextHop: true
                  maxRestartTime: 90s
                  keepaliveTime: 20s
                  numAllowedLocalASNumbers: 1
                  ttlSecurity: 2
                  sourceAddress: None
                  reversePeering: Manual
                ---
                apiVersion: projectcalico.org/v3
                kind: IPPool
                metadata: {name: p}
                spec: {cidr: 10.48.0.0/16, ipipMode: CrossSubnet, disableBGPExport: true}
                ---
                apiVersion: projectcalico.org/v3
                kind: IPAMBlock
                metadata: {name: 10-48-3-0-26}
                spec: {cidr: 10.48.3.0/26, affinity: "host:node1", allocations: [0, null]}
                """);
        BgpConfiguration c = r.defaultConfiguration().orElseThrow();
        assertEquals(64513L, c.asNumber());
        assertEquals(false, c.nodeToNodeMeshEnabled());
        assertEquals(1179, c.listenPort());
        assertEquals("Warning", c.logSeverityScreen());
        assertEquals(List.of(Prefix.parse("10.96.0.0/12")), c.serviceClusterIPs());
        assertEquals(List.of(Prefix.parse("203.0.113.0/24")), c.serviceExternalIPs());
        assertEquals(BgpConfiguration.BindMode.NODE_IP, c.bindMode());
        assertEquals(Duration.ofSeconds(150), c.nodeMeshMaxRestartTime());
        assertEquals(new SecretKeyRef("s", "mesh"), c.nodeMeshPassword());
        assertEquals("[10.48.0.0/16 [1:2:3, 64512:100]]", c.prefixAdvertisements().stream()
                .map(a -> a.cidr() + " " + a.communities()).toList().toString());

        Secret s = r.secrets().getFirst();
        assertEquals(Map.of("mesh", "mesh", "both", "from-stringData"), s.data());
        assertFalse(s.toString().contains("from-stringData"), "a Secret never prints its values");
        assertEquals("mesh", r.secretValue(new SecretKeyRef("s", "mesh")).orElseThrow());

        Node n = r.node("node1").orElseThrow();
        assertEquals(Map.of("rack", "r1", "route-reflector", "true", "count", "3"), n.labels());
        assertEquals("198.19.0.2/20", n.ipv4().toString());
        assertEquals(Prefix.parse("198.19.0.0/20"), n.ipv4().subnet());
        assertEquals("fd00::2/128", n.ipv6().toString());
        assertEquals(65546L, n.asNumber());
        assertEquals(0xE000_0001, n.clusterId());

        BgpPeer p = r.bgpPeers().getFirst();
        assertTrue(p.nodeSelector().matches(Map.of("rack", "r1")));
        assertEquals("[fd00::fe]:1179", p.peerIP().toString());
        assertEquals(65000, p.asNumber());
        assertEquals(65100L, p.localASNumber());
        assertTrue(p.keepOriginalNextHop());
        assertNull(p.nextHopMode());
        assertEquals(Duration.ofSeconds(90), p.maxRestartTime());
        assertEquals(Duration.ofSeconds(20), p.keepaliveTime());
        assertEquals(1, p.numAllowedLocalASNumbers());
        assertEquals(2, p.ttlSecurity());
        assertEquals(BgpPeer.SourceAddress.NONE, p.sourceAddress());
        assertTrue(p.reversePeeringManual());

        IpPool pool = r.ipPools().getFirst();
        assertEquals(26, pool.blockSize());
        assertEquals(EncapMode.CROSS_SUBNET, pool.ipipMode());
        assertEquals(EncapMode.NEVER, pool.vxlanMode());
        assertTrue(pool.disableBGPExport());
        assertEquals("node1", r.ipamBlocks().getFirst().affineHost());
    }

    @Test
    void unknownFieldsAreIgnoredAndUnknownKindsSkipped() throws Exception {
        Resources r = load(peer(TOR + "filters: [f1]\nsomethingNew: {a: 1}") + """
                apiVersion: projectcalico.org/v3
                kind: FelixConfiguration
                metadata: {name: default}
                spec: {bpfEnabled: true}
                ---
                apiVersion: apps/v1
                kind: DaemonSet
                metadata: {name: calico-node}
                ---
                """);
        assertEquals(1, r.size());
        assertEquals("tor1", r.bgpPeers().getFirst().name());
    }

    @Test
    void aPeerDefaultsAreCalicos() throws Exception {
        BgpPeer p = load(peer(TOR)).bgpPeers().getFirst();
        assertTrue(p.global());
        assertEquals(BgpPeer.SourceAddress.USE_NODE_IP, p.sourceAddress());
        assertEquals(0, p.peerIP().port());
        assertFalse(p.reversePeeringManual());
        assertNull(p.maxRestartTime());
    }

    @Test
    void aBlankPeerSelectorIsAllAsInCalicoWhereOnlyTheEmptyStringIsUnset() throws Exception {
        BgpPeer p = load(peer("peerSelector: \"  \"")).bgpPeers().getFirst();
        assertInstanceOf(Selector.All.class, p.peerSelector());
        assertNull(p.peerIP());
    }

    @Test
    void anEmptyPeerSelectorBesideAPeerIpIsUnset() throws Exception {
        BgpPeer p = load(peer(TOR + "peerSelector: \"\"")).bgpPeers().getFirst();
        assertNull(p.peerSelector());
        assertEquals(64512, p.asNumber());
    }

    @Test
    void filtersReachableByAndProgramClusterRoutesAreRead() throws Exception {
        BgpPeer p = load(peer(TOR + "filters: [a, b]\nreachableBy: 198.19.15.1")).bgpPeers().getFirst();
        assertEquals(List.of("a", "b"), p.filters());
        assertEquals(InetAddresses.forString("198.19.15.1"), p.reachableBy());
        BgpPeer plain = load(peer(TOR + "reachableBy: \"\"")).bgpPeers().getFirst();
        assertEquals(List.of(), plain.filters());
        assertNull(plain.reachableBy());
        assertEquals(BgpConfiguration.ClusterRoutes.ENABLED_NO_ENCAP_ONLY,
                load(config("programClusterRoutes: EnabledNoEncapOnly")).defaultConfiguration().orElseThrow()
                        .programClusterRoutes());
        assertNull(load(config("asNumber: 64512")).defaultConfiguration().orElseThrow().programClusterRoutes());
    }

    @Test
    void aBgpPeerWithoutAnyPeerCannotBeMade() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new BgpPeer("p", null, null,
                null, 64512, null, null, null, null, false, null, null, null, null, null, false, null, null, null));
        assertEquals("BGPPeer p has no peer: neither peerIP nor peerSelector (nor localWorkloadSelector)",
                e.getMessage());
    }

    @Test
    void aSelectorNestedTooDeeplyIsRefusedWithItsColumn() {
        String deep = "(".repeat(20_000) + "a == 'b'" + ")".repeat(20_000);
        List<String> errors = errors(peer("peerSelector: \"" + deep + "\""));
        assertEquals(List.of("BGPPeer \"tor1\": spec.peerSelector: \"" + "(".repeat(59)
                + "... is not a selector: column 101: parentheses nested deeper than 100"), errors);
    }

    @Test
    void nextHopModeIsReadAsTheSpeakersMode() throws Exception {
        assertEquals(NextHopMode.SELF, load(peer(TOR + "nextHopMode: Self")).bgpPeers().getFirst().nextHopMode());
        assertEquals(NextHopMode.KEEP, load(peer(TOR + "nextHopMode: Keep")).bgpPeers().getFirst().nextHopMode());
        assertEquals(NextHopMode.AUTO, load(peer(TOR + "nextHopMode: Auto")).bgpPeers().getFirst().nextHopMode());
    }

    @Test
    void listsAsKubectlAndCalicoctlPrintThemAreOpenedUp() throws Exception {
        Resources r = load("""
                apiVersion: v1
                kind: List
                items:
                - apiVersion: projectcalico.org/v3
                  kind: BGPPeer
                  metadata: {name: a}
                  spec: {peerIP: 192.0.2.1, asNumber: 64512}
                ---
                apiVersion: projectcalico.org/v3
                kind: BGPPeerList
                items:
                - metadata: {name: b}
                  spec: {peerIP: 192.0.2.2, asNumber: 64512}
                """);
        assertEquals(List.of("a", "b"), r.bgpPeers().stream().map(BgpPeer::name).toList());
    }

    @Test
    void theCrdApiVersionIsReadToo() throws Exception {
        Resources r = load(peer(TOR).replace("projectcalico.org/v3", "crd.projectcalico.org/v1"));
        assertEquals(1, r.bgpPeers().size());
    }

    @Test
    void resourcesAlreadyReadAsMapsAreCheckedTheSameWay() throws Exception {
        Map<String, Object> peer = Map.of("apiVersion", "projectcalico.org/v3", "kind", "BGPPeer",
                "metadata", Map.of("name", "tor1"), "spec", Map.of("peerIP", "192.0.2.1", "asNumber", 64512));
        assertEquals(64512, ResourceLoader.fromMaps(List.of(peer), "api").bgpPeers().getFirst().asNumber());
        Map<String, Object> bad = Map.of("apiVersion", "projectcalico.org/v3", "kind", "BGPPeer",
                "metadata", Map.of("name", "tor1"), "spec", Map.of("peerIP", "192.0.2.1", "asNumber", "x"));
        ConfigException e = assertThrows(ConfigException.class, () -> ResourceLoader.fromMaps(List.of(bad), "api"));
        assertEquals("BGPPeer \"tor1\": spec.asNumber: \"x\" is not an AS number", e.getMessage());
    }

    @Test
    void anEmptyFileIsAnEmptyConfiguration() throws Exception {
        assertEquals(Resources.EMPTY, load(""));
        assertEquals(Resources.EMPTY, load("---\n# nothing yet\n---\n"));
    }

    static Stream<Arguments> badFields() {
        return Stream.of(
                Arguments.of(peer("peerIP: 198.19.15.254\nasNumber: abc"),
                        "BGPPeer \"tor1\": spec.asNumber: \"abc\" is not an AS number"),
                Arguments.of(peer("peerIP: 198.19.15.254\nasNumber: 4294967296"),
                        "BGPPeer \"tor1\": spec.asNumber: 4294967296 is not an AS number (1 to 4294967295)"),
                Arguments.of(peer("peerIP: 198.19.15.254\nasNumber: 0"),
                        "BGPPeer \"tor1\": spec.asNumber: 0 is not an AS number (1 to 4294967295)"),
                Arguments.of(peer("peerIP: 198.19.15.254\nasNumber: 64512\nlocalASNumber: 65536.1"),
                        "BGPPeer \"tor1\": spec.localASNumber: 65536.1 is not an AS number"),
                Arguments.of(peer("peerIP: 198.19.15.300\nasNumber: 64512"),
                        "BGPPeer \"tor1\": spec.peerIP: \"198.19.15.300\" is not an IP address, <IPv4>:<port> or [<IPv6>]:<port>"),
                Arguments.of(peer("peerIP: 198.19.15.254:70000\nasNumber: 64512"),
                        "BGPPeer \"tor1\": spec.peerIP: \"198.19.15.254:70000\" is not an IP address, <IPv4>:<port> or [<IPv6>]:<port>"),
                Arguments.of(peer(TOR + "nodeSelector: rack = 'a'"),
                        "BGPPeer \"tor1\": spec.nodeSelector: \"rack = 'a'\" is not a selector: column 6: expected == after label \"rack\", found a single ="),
                Arguments.of(peer(TOR + "keepaliveTime: 10"),
                        "BGPPeer \"tor1\": spec.keepaliveTime: 10 is not a duration (such as \"90s\" or \"2m\")"),
                Arguments.of(peer(TOR + "keepaliveTime: 30000s"),
                        "BGPPeer \"tor1\": spec.keepaliveTime: \"30000s\" is out of range (1s to 21845s)"),
                Arguments.of(peer(TOR + "maxRestartTime: 2h"),
                        "BGPPeer \"tor1\": spec.maxRestartTime: \"2h\" is longer than 4095s, the most graceful restart can announce"),
                Arguments.of(peer(TOR + "ttlSecurity: 255"),
                        "BGPPeer \"tor1\": spec.ttlSecurity: 255 is out of range (0 to 254)"),
                Arguments.of(peer(TOR + "numAllowedLocalASNumbers: 11"),
                        "BGPPeer \"tor1\": spec.numAllowedLocalASNumbers: 11 is out of range (0 to 10)"),
                Arguments.of(peer(TOR + "sourceAddress: NodeIP"),
                        "BGPPeer \"tor1\": spec.sourceAddress: \"NodeIP\" is neither UseNodeIP nor None"),
                Arguments.of(peer(TOR + "nextHopMode: Other"),
                        "BGPPeer \"tor1\": spec.nextHopMode: \"Other\" is not Auto, Self or Keep"),
                Arguments.of(peer(TOR + "reversePeering: Sometimes"),
                        "BGPPeer \"tor1\": spec.reversePeering: \"Sometimes\" is neither Auto nor Manual"),
                Arguments.of(peer(TOR + "keepOriginalNextHop: maybe"),
                        "BGPPeer \"tor1\": spec.keepOriginalNextHop: \"maybe\" is not true or false"),
                Arguments.of(peer(TOR + "keepOriginalNextHop: true\nnextHopMode: Self"),
                        "BGPPeer \"tor1\": spec.keepOriginalNextHop: true cannot be set together with spec.nextHopMode"),
                Arguments.of(peer(TOR + "node: node1\nnodeSelector: all()"),
                        "BGPPeer \"tor1\": spec.nodeSelector: \"all()\" cannot be set together with spec.node"),
                Arguments.of(peer("peerIP: 198.19.15.254\npeerSelector: all()"),
                        "BGPPeer \"tor1\": spec.peerSelector: \"all()\" cannot be set together with spec.peerIP"),
                Arguments.of(peer("peerSelector: all()\nasNumber: 64512"),
                        "BGPPeer \"tor1\": spec.asNumber: 64512 cannot be set together with spec.peerSelector: each selected node's own AS is used"),
                Arguments.of(peer("asNumber: 64512"), "BGPPeer \"tor1\": spec: needs spec.peerIP or spec.peerSelector"),
                Arguments.of(peer("peerSelector: \"\""),
                        "BGPPeer \"tor1\": spec.peerSelector: \"\" is empty, which is no selector, and spec.peerIP is not set:"
                                + " the peering has no peer (all() selects every node)"),
                Arguments.of(peer("peerIP: 198.19.15.254\npeerSelector: \"\""),
                        "BGPPeer \"tor1\": spec.asNumber: is required with spec.peerIP"),
                Arguments.of(peer(TOR + "reachableBy: gateway"),
                        "BGPPeer \"tor1\": spec.reachableBy: \"gateway\" is not an IP address"),
                Arguments.of(peer(TOR + "reachableBy: fd00::1"),
                        "BGPPeer \"tor1\": spec.reachableBy: \"fd00::1\" is not of the address family of spec.peerIP"),
                Arguments.of(peer("peerSelector: all()\nreachableBy: 198.19.15.1"),
                        "BGPPeer \"tor1\": spec.reachableBy: \"198.19.15.1\" needs spec.peerIP: it is the gateway to that address"),
                Arguments.of(peer(TOR + "filters: export-only"),
                        "BGPPeer \"tor1\": spec.filters: \"export-only\" is not a list"),
                Arguments.of(peer(TOR + "filters: [export-only, 7]"),
                        "BGPPeer \"tor1\": spec.filters[1]: 7 is not the name of a BGPFilter"),
                Arguments.of(config("programClusterRoutes: Sometimes"),
                        "BGPConfiguration \"default\": spec.programClusterRoutes: \"Sometimes\" is not Enabled, Disabled,"
                                + " EnabledIPIPOnly or EnabledNoEncapOnly"),
                Arguments.of(doc("BGPConfiguration", "node.node1", "programClusterRoutes: Disabled"),
                        "BGPConfiguration \"node.node1\": spec.programClusterRoutes: \"Disabled\" can only be set in the"
                                + " BGPConfiguration named \"default\""),
                Arguments.of(peer("peerIP: 198.19.15.254"), "BGPPeer \"tor1\": spec.asNumber: is required with spec.peerIP"),
                Arguments.of(peer(TOR + "password: {}"),
                        "BGPPeer \"tor1\": spec.password.secretKeyRef: is required: a password is read from a Secret"),
                Arguments.of(peer(TOR + "password: {secretKeyRef: {name: bgp}}"),
                        "BGPPeer \"tor1\": spec.password.secretKeyRef.key: is required"),
                Arguments.of(peer(TOR + "password: {secretKeyRef: {name: bgp, key: tor1}}"),
                        "BGPPeer \"tor1\": spec.password.secretKeyRef: {\"name\":\"bgp\",\"key\":\"tor1\"} names a Secret \"bgp\" that the configuration does not hold"),
                Arguments.of(peer(TOR + "password: {secretKeyRef: {name: bgp, key: tor2}}")
                                + "apiVersion: v1\nkind: Secret\nmetadata: {name: bgp}\nstringData: {tor1: x}\n",
                        "BGPPeer \"tor1\": spec.password.secretKeyRef: {\"name\":\"bgp\",\"key\":\"tor2\"} names a key \"tor2\" that Secret \"bgp\" does not have"),
                Arguments.of(config("listenPort: 70000"),
                        "BGPConfiguration \"default\": spec.listenPort: 70000 is out of range (1 to 65535)"),
                Arguments.of(config("nodeToNodeMeshEnabled: \"on\""),
                        "BGPConfiguration \"default\": spec.nodeToNodeMeshEnabled: \"on\" is not true or false"),
                Arguments.of(doc("BGPConfiguration", "global", "listenPort: 179"),
                        "BGPConfiguration \"global\": metadata.name: \"global\" is neither \"default\" nor \"node.<node name>\""),
                Arguments.of(doc("BGPConfiguration", "node.node1", "asNumber: 65000"),
                        "BGPConfiguration \"node.node1\": spec.asNumber: 65000 can only be set in the BGPConfiguration named \"default\""),
                Arguments.of(config("serviceClusterIPs: [{cidr: 10.96.0.0}]"),
                        "BGPConfiguration \"default\": spec.serviceClusterIPs[0].cidr: \"10.96.0.0\" is not a CIDR (such as \"10.0.0.0/16\")"),
                Arguments.of(config("serviceLoadBalancerIPs: 10.96.0.0/12"),
                        "BGPConfiguration \"default\": spec.serviceLoadBalancerIPs: \"10.96.0.0/12\" is not a list"),
                Arguments.of(config("bindMode: All"),
                        "BGPConfiguration \"default\": spec.bindMode: \"All\" is neither None nor NodeIP"),
                Arguments.of(config("nodeMeshMaxRestartTime: 5000s"),
                        "BGPConfiguration \"default\": spec.nodeMeshMaxRestartTime: \"5000s\" is longer than 4095s, the most graceful restart can announce"),
                Arguments.of(config("communities: [{name: c, value: \"70000:1\"}]"),
                        "BGPConfiguration \"default\": spec.communities[0].value: \"70000:1\" is not a community (aa:nn with 16-bit numbers, or aa:nn:mm with 32-bit ones)"),
                Arguments.of(config("prefixAdvertisements: [{cidr: 10.0.0.0/8, communities: [nosuch]}]"),
                        "BGPConfiguration \"default\": spec.prefixAdvertisements[0].communities[0]: \"nosuch\" is neither a community (aa:nn, aa:nn:mm) nor the name of one in spec.communities"),
                Arguments.of(node("bgp: {ipv4Address: fd00::1/64}"),
                        "Node \"node1\": spec.bgp.ipv4Address: \"fd00::1/64\" is not an IPv4 address (such as \"198.19.0.2/20\")"),
                Arguments.of(node("bgp: {ipv4Address: 198.19.0.2/33}"),
                        "Node \"node1\": spec.bgp.ipv4Address: \"198.19.0.2/33\" is not an IPv4 address (such as \"198.19.0.2/20\")"),
                Arguments.of(node("bgp: {ipv6Address: 198.19.0.2/20}"),
                        "Node \"node1\": spec.bgp.ipv6Address: \"198.19.0.2/20\" is not an IPv6 address (such as \"fd00:198:19::2/64\")"),
                Arguments.of(node("bgp: {ipv4Address: 198.19.0.2/20, asNumber: -5}"),
                        "Node \"node1\": spec.bgp.asNumber: -5 is not an AS number"),
                Arguments.of(node("bgp: {ipv4Address: 198.19.0.2/20, routeReflectorClusterID: 0.0.0.0}"),
                        "Node \"node1\": spec.bgp.routeReflectorClusterID: \"0.0.0.0\" is not a cluster ID (a non-zero dotted quad such as \"224.0.0.1\")"),
                Arguments.of(node("bgp: {}"),
                        "Node \"node1\": spec.bgp: {} is empty: give the node an ipv4Address or ipv6Address, or leave out spec.bgp"),
                Arguments.of("apiVersion: projectcalico.org/v3\nkind: Node\nmetadata:\n  name: node1\n  labels: {rack: {a: 1}}\n",
                        "Node \"node1\": metadata.labels.rack: {\"a\":1} is not a string"),
                Arguments.of(pool("cidr: 10.0.0.1/8"),
                        "IPPool \"p\": spec.cidr: \"10.0.0.1/8\" has bits set past its length: the network is 10.0.0.0/8"),
                Arguments.of(pool("ipipMode: Always"), "IPPool \"p\": spec.cidr: is required"),
                Arguments.of(pool("cidr: 10.0.0.0/8\nblockSize: 19"),
                        "IPPool \"p\": spec.blockSize: 19 is out of range for an IPv4 pool (20 to 32)"),
                Arguments.of(pool("cidr: 10.0.0.0/24\nblockSize: 22"),
                        "IPPool \"p\": spec.blockSize: 22 makes blocks larger than the pool 10.0.0.0/24 itself"),
                Arguments.of(pool("cidr: fd00::/48\nblockSize: 26"),
                        "IPPool \"p\": spec.blockSize: 26 is out of range for an IPv6 pool (116 to 128)"),
                Arguments.of(pool("cidr: 10.0.0.0/8\nipipMode: Sometimes"),
                        "IPPool \"p\": spec.ipipMode: \"Sometimes\" is not Never, Always or CrossSubnet"),
                Arguments.of(pool("cidr: 10.0.0.0/8\nipipMode: Always\nvxlanMode: CrossSubnet"),
                        "IPPool \"p\": spec.vxlanMode: \"CrossSubnet\" cannot be used together with ipipMode Always: a pool has one encapsulation"),
                Arguments.of(pool("cidr: fd00::/48\nipipMode: Always"), "IPPool \"p\": spec.ipipMode: \"Always\" is for IPv4 pools only"),
                Arguments.of(pool("cidr: 10.0.0.0/8") + doc("IPPool", "q", "cidr: 10.1.0.0/16"),
                        "IPPool \"q\": spec.cidr: \"10.1.0.0/16\" overlaps IPPool \"p\" (10.0.0.0/8)"),
                Arguments.of(doc("IPAMBlock", "b", "cidr: 10.0.0.0/26\naffinity: node1"),
                        "IPAMBlock \"b\": spec.affinity: \"node1\" is not host:<node name> or virtual:<node name>"),
                Arguments.of(doc("IPAMBlock", "b", "cidr: 10.0.0.0/26") + doc("IPAMBlock", "c", "cidr: 10.0.0.0/26"),
                        "IPAMBlock \"c\": spec.cidr: \"10.0.0.0/26\" is also the CIDR of IPAMBlock \"b\""),
                Arguments.of("apiVersion: v1\nkind: Secret\nmetadata: {name: s}\nstringData: {k: [1]}\n",
                        "Secret \"s\": stringData.k: is not a string"),
                Arguments.of(peer(TOR).replace("projectcalico.org/v3", "projectcalico.org/v2"),
                        "BGPPeer \"tor1\": apiVersion: \"projectcalico.org/v2\" is not projectcalico.org/v3"),
                Arguments.of(peer(TOR).replace("apiVersion: projectcalico.org/v3\n", ""),
                        "BGPPeer \"tor1\": apiVersion: is required (projectcalico.org/v3)"),
                Arguments.of("apiVersion: projectcalico.org/v3\nkind: BGPPeer\nspec: {}\n",
                        "BGPPeer: metadata.name: is required (document 1 of test.yaml)"),
                Arguments.of("apiVersion: projectcalico.org/v3\nmetadata: {name: x}\n",
                        "kind: is required (document 1 of test.yaml)"),
                Arguments.of("- a\n- b\n", "[\"a\",\"b\"] is not a resource (document 1 of test.yaml)"),
                Arguments.of(peer(TOR) + peer(TOR), "BGPPeer \"tor1\": metadata.name: \"tor1\" is used by another BGPPeer"),
                Arguments.of(node("bgp: {ipv4Address: 198.19.0.2/20}")
                                + doc("Node", "node2", "bgp: {ipv4Address: 198.19.0.2/24}"),
                        "Node \"node2\": spec.bgp.ipv4Address: \"198.19.0.2/24\" is also the address of Node \"node1\""));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("badFields")
    void aBadFieldIsRefusedWithItsKindNameFieldAndValue(String yaml, String expected) {
        assertEquals(List.of(expected), errors(yaml));
    }

    @Test
    void aBase64ErrorNamesTheKeyButNeverShowsTheValue() {
        List<String> errors = errors("apiVersion: v1\nkind: Secret\nmetadata: {name: s}\ndata: {k: \"not*base64!\"}\n");
        assertEquals(1, errors.size());
        assertTrue(errors.getFirst().startsWith("Secret \"s\": data.k: is not base64"), errors.getFirst());
        assertFalse(errors.getFirst().contains("not*base64!"), errors.getFirst());
    }

    @Test
    void everyErrorOfEveryResourceIsReportedAtOnce() {
        ConfigException e = assertThrows(ConfigException.class, () -> load(
                peer("peerIP: 198.19.15.999\nasNumber: abc\nttlSecurity: 300")
                        + pool("cidr: 10.0.0.0/8\nipipMode: Sometimes")
                        + doc("BGPPeer", "tor2", "peerIP: 198.19.15.253\nasNumber: 64512\nkeepaliveTime: soon")));
        assertEquals(List.of(
                "BGPPeer \"tor1\": spec.peerIP: \"198.19.15.999\" is not an IP address, <IPv4>:<port> or [<IPv6>]:<port>",
                "BGPPeer \"tor1\": spec.asNumber: \"abc\" is not an AS number",
                "BGPPeer \"tor1\": spec.ttlSecurity: 300 is out of range (0 to 254)",
                "IPPool \"p\": spec.ipipMode: \"Sometimes\" is not Never, Always or CrossSubnet",
                "BGPPeer \"tor2\": spec.keepaliveTime: \"soon\" is not a duration (such as \"90s\" or \"2m\")"),
                e.errors().stream().map(ResourceError::toString).toList());
        assertTrue(e.getMessage().startsWith("5 errors in the configuration:\n  BGPPeer \"tor1\": spec.peerIP:"),
                e.getMessage());
    }

    @Test
    void aYamlSyntaxErrorNamesTheFileLineAndColumn() {
        List<String> errors = errors("apiVersion: projectcalico.org/v3\nkind: BGPPeer\nmetadata: {name: [x}\n");
        assertEquals(List.of("test.yaml: line 3, column 20: while parsing a flow sequence; expected ',' or ']', but got }"),
                errors);
    }

    @Test
    void aKeyGivenTwiceIsAnError() {
        assertEquals(List.of("test.yaml: line 8, column 11: Duplicate field 'asNumber'"),
                errors(peer(TOR + "asNumber: 64513")));
    }

    @Test
    void aFileIsReadFromDiskAndAMissingOneIsAnError(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("calico.yaml");
        Files.writeString(file, peer(TOR));
        assertEquals(1, ResourceLoader.load(file).bgpPeers().size());
        ConfigException e = assertThrows(ConfigException.class, () -> ResourceLoader.load(dir.resolve("nope.yaml")));
        assertEquals("cannot read " + dir.resolve("nope.yaml") + ": no such file", e.getMessage());
    }

    @Test
    void goDurationsAreRead() {
        assertEquals(Duration.ofSeconds(90), FieldReader.parseDuration("1m30s"));
        assertEquals(Duration.ofMinutes(90), FieldReader.parseDuration("1.5h"));
        assertEquals(Duration.ofMillis(1500), FieldReader.parseDuration("1s500ms"));
        assertEquals(Duration.ofNanos(2_000), FieldReader.parseDuration("2µs"));
        assertEquals(Duration.ZERO, FieldReader.parseDuration("0"));
        assertNull(FieldReader.parseDuration("90"));
        assertNull(FieldReader.parseDuration("-1s"));
        assertNull(FieldReader.parseDuration("1d"));
        assertNull(FieldReader.parseDuration("1..5s"));
        assertNull(FieldReader.parseDuration(""));
    }
}
