package dev.jbgp.peering.calico;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.net.InetAddresses;
import dev.jbgp.core.Prefix;
import dev.jbgp.core.attribute.AsPath;
import dev.jbgp.core.attribute.Communities;
import dev.jbgp.core.attribute.LargeCommunities;
import dev.jbgp.core.attribute.NextHop;
import dev.jbgp.core.attribute.Origin;
import dev.jbgp.core.attribute.PathAttributes;
import dev.jbgp.peering.PeerSpec;
import dev.jbgp.peering.PeerType;
import dev.jbgp.peering.SpeakerConfig;
import dev.jbgp.peering.config.ConfigException;
import dev.jbgp.peering.config.ResourceLoader;
import dev.jbgp.peering.config.Resources;
import dev.jbgp.rib.ImportFilter;
import dev.jbgp.rib.Rib;
import dev.jbgp.rib.RibConfig;
import dev.jbgp.rib.RibPeer;
import dev.jbgp.rib.Route;
import dev.jbgp.rib.kernel.FibRoute;
import dev.jbgp.rib.out.ExportFilter;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CalicoPlannerTest {

    private static Resources resources(String name) throws IOException, ConfigException {
        try (var in = CalicoPlannerTest.class.getResourceAsStream("/plans/" + name + ".yaml")) {
            return ResourceLoader.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), name + ".yaml");
        }
    }

    private static Map<String, PeerSpec> peersByName(CalicoPlan plan) {
        return plan.peers().stream().collect(Collectors.toMap(PeerSpec::name, Function.identity()));
    }

    private static String node(String name, String address) {
        return "apiVersion: projectcalico.org/v3\nkind: Node\nmetadata: {name: " + name + "}\nspec:\n  bgp:\n    ipv4Address: "
                + address + "\n---\n";
    }

    private static InetAddress ip(String text) {
        return InetAddresses.forString(text);
    }

    @Test
    void theNodeWhoseAddressSortsLowerAsAStringWaits() throws Exception {
        // As strings "10.0.0.10" < "10.0.0.9": the .10 node waits for the .9 node to connect
        // (bird.cfg: passive when the other node's address is greater than ours).
        Resources r = ResourceLoader.parse(node("nine", "10.0.0.9/24") + node("ten", "10.0.0.10/24"));
        PeerSpec fromNine = CalicoPlanner.plan(r, "nine").peers().getFirst();
        PeerSpec fromTen = CalicoPlanner.plan(r, "ten").peers().getFirst();
        assertEquals("Mesh_10_0_0_10", fromNine.name());
        assertFalse(fromNine.passive());
        assertEquals("Mesh_10_0_0_9", fromTen.name());
        assertTrue(fromTen.passive());
    }

    private static final String DUAL_STACK_NODE_IP = """
            apiVersion: projectcalico.org/v3
            kind: BGPConfiguration
            metadata: {name: default}
            spec: {bindMode: NodeIP}
            ---
            apiVersion: projectcalico.org/v3
            kind: Node
            metadata: {name: a, labels: {peer: "yes"}}
            spec: {bgp: {ipv4Address: 10.0.0.1/24, ipv6Address: "fd00::1/64"}}
            ---
            apiVersion: projectcalico.org/v3
            kind: Node
            metadata: {name: b, labels: {peer: "yes"}}
            spec: {bgp: {ipv4Address: 10.0.0.2/24, ipv6Address: "fd00::2/64"}}
            ---
            """;

    @Test
    void withBindModeNodeIpADualStackNodeNeverWaitsForIpv6Sessions() throws Exception {
        // a sorts lower in both families, so it would wait for b on both; it listens on 10.0.0.1 alone.
        CalicoPlan a = CalicoPlanner.plan(ResourceLoader.parse(DUAL_STACK_NODE_IP), "a");
        assertEquals(ip("10.0.0.1"), a.listenAddress());
        Map<String, PeerSpec> peers = peersByName(a);
        assertTrue(peers.get("Mesh_10_0_0_2").passive(), "b reaches our IPv4 listener");
        assertFalse(peers.get("Mesh_fd00__2").passive(), "nothing listens on fd00::1: we must connect");
        assertTrue(a.notes().contains("bindMode NodeIP: listening on 10.0.0.1 only, so no IPv6 session waits to be"
                + " connected to: each connects out, and comes up only if the peer listens on its IPv6 address"),
                a.notes().toString());
    }

    @Test
    void withBindModeNodeIpAnIpv6BgpPeerToACalicoNodeIsNotPassiveEither() throws Exception {
        Resources r = ResourceLoader.parse(DUAL_STACK_NODE_IP.replace("spec: {bindMode: NodeIP}",
                "spec: {bindMode: NodeIP, nodeToNodeMeshEnabled: false}") + """
                apiVersion: projectcalico.org/v3
                kind: BGPPeer
                metadata: {name: nodes}
                spec: {peerSelector: peer == 'yes'}
                """);
        Map<String, PeerSpec> peers = peersByName(CalicoPlanner.plan(r, "a"));
        assertTrue(peers.get("Global_10_0_0_2").passive());
        assertFalse(peers.get("Global_fd00__2").passive());
    }

    @Test
    void twoPlansFromTheSameResourcesHaveEqualKernelRulesAndPolicies() throws Exception {
        CalicoPlan first = CalicoPlanner.plan(resources("pools-and-services"), "n1");
        CalicoPlan second = CalicoPlanner.plan(resources("pools-and-services"), "n1");
        assertEquals(first.kernelRule(), second.kernelRule());
        assertEquals(first.kernelRule().hashCode(), second.kernelRule().hashCode());
        assertEquals(first.importPolicy().toString(), second.importPolicy().toString());
        assertEquals(first.exportPolicy().toString(), second.exportPolicy().toString());
        assertTrue(first.samePolicies(second));
    }

    @Test
    void changingAPoolsIpipModeChangesTheKernelRule() throws Exception {
        String yaml = new String(CalicoPlannerTest.class.getResourceAsStream("/plans/pools-and-services.yaml")
                .readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(yaml.contains("ipipMode: Always"));
        CalicoPlan before = CalicoPlanner.plan(ResourceLoader.parse(yaml), "n1");
        CalicoPlan after = CalicoPlanner.plan(ResourceLoader.parse(yaml.replace("ipipMode: Always", "ipipMode: Never")),
                "n1");
        assertNotEquals(before.kernelRule(), after.kernelRule());
        assertFalse(before.samePolicies(after));
        assertEquals(before.exportPolicy().toString(), after.exportPolicy().toString(), "export does not look at encapsulation");
    }

    @Test
    void aPolicyChangeShowsInTheTextOfTheFilter() throws Exception {
        String yaml = new String(CalicoPlannerTest.class.getResourceAsStream("/plans/pools-and-services.yaml")
                .readAllBytes(), StandardCharsets.UTF_8);
        CalicoPlan before = CalicoPlanner.plan(ResourceLoader.parse(yaml), "n1");
        CalicoPlan after = CalicoPlanner.plan(ResourceLoader.parse(yaml.replace("65535:65281", "65535:65282")), "n1");
        assertNotEquals(before.exportPolicy().toString(), after.exportPolicy().toString());
        assertEquals(before.kernelRule(), after.kernelRule());
        assertFalse(before.samePolicies(after));
    }

    @Test
    void filtersAndReachableByAreNotedAsNotApplied() throws Exception {
        Resources r = ResourceLoader.parse(node("a", "10.0.0.1/24") + """
                apiVersion: projectcalico.org/v3
                kind: BGPPeer
                metadata: {name: tor}
                spec: {peerIP: 10.9.0.1, asNumber: 65000, filters: [no-default, only-pods], reachableBy: 10.0.0.254}
                ---
                apiVersion: projectcalico.org/v3
                kind: BGPPeer
                metadata: {name: elsewhere}
                spec: {node: b, peerIP: 10.9.0.2, asNumber: 65000, filters: [x]}
                """);
        CalicoPlan a = CalicoPlanner.plan(r, "a");
        assertEquals(List.of(
                "BGPPeer \"tor\": filters (no-default, only-pods) are not applied, jbgp reads no BGPFilter:"
                        + " routes to and from the peer pass unfiltered",
                "BGPPeer \"tor\": reachableBy 10.0.0.254 is not applied: no route to the peer through that gateway"
                        + " is installed"),
                a.notes());
    }

    private static final String POOLS = """
            apiVersion: projectcalico.org/v3
            kind: IPPool
            metadata: {name: ipip}
            spec: {cidr: 10.48.0.0/16, ipipMode: Always}
            ---
            apiVersion: projectcalico.org/v3
            kind: IPPool
            metadata: {name: cross}
            spec: {cidr: 10.49.0.0/16, ipipMode: CrossSubnet}
            ---
            apiVersion: projectcalico.org/v3
            kind: IPPool
            metadata: {name: plain}
            spec: {cidr: 10.52.0.0/16}
            ---
            """;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            ''                 | IPIP             | IPIP_CROSS_SUBNET | VIA
            Enabled            | IPIP             | IPIP_CROSS_SUBNET | VIA
            EnabledIPIPOnly    | IPIP             | IPIP_CROSS_SUBNET | NOT_INSTALLED
            EnabledNoEncapOnly | NOT_INSTALLED    | NOT_INSTALLED     | VIA
            Disabled           | NOT_INSTALLED    | NOT_INSTALLED     | NOT_INSTALLED
            """)
    void programClusterRoutesDecidesWhichPoolsRoutesAreLeftToFelix(String value, CalicoKernelRule.Treatment ipip,
            CalicoKernelRule.Treatment crossSubnet, CalicoKernelRule.Treatment plain) throws Exception {
        String config = value.isEmpty() ? "" : "apiVersion: projectcalico.org/v3\nkind: BGPConfiguration\n"
                + "metadata: {name: default}\nspec: {programClusterRoutes: " + value + "}\n---\n";
        CalicoPlan plan = CalicoPlanner.plan(ResourceLoader.parse(config + node("a", "10.0.0.1/24") + POOLS), "a");
        CalicoKernelRule kernel = plan.kernelRule();
        assertEquals(ipip, kernel.treatment(Prefix.parse("10.48.1.0/26")));
        assertEquals(crossSubnet, kernel.treatment(Prefix.parse("10.49.1.0/26")));
        assertEquals(plain, kernel.treatment(Prefix.parse("10.52.1.0/26")));
        assertEquals(CalicoKernelRule.Treatment.VIA, kernel.treatment(Prefix.parse("172.16.0.0/16")), "outside the pools");
        boolean leftToFelix = ipip == CalicoKernelRule.Treatment.NOT_INSTALLED
                || plain == CalicoKernelRule.Treatment.NOT_INSTALLED;
        assertEquals(leftToFelix, plan.notes().stream().anyMatch(n -> n.contains("programClusterRoutes " + value)),
                plan.notes().toString());
    }

    @Test
    void withProgramClusterRoutesLeavingIpipToFelixNoRouteGoesThroughTheTunnel() throws Exception {
        Resources r = ResourceLoader.parse("""
                apiVersion: projectcalico.org/v3
                kind: BGPConfiguration
                metadata: {name: default}
                spec: {programClusterRoutes: EnabledNoEncapOnly}
                ---
                """ + node("a", "10.0.0.1/24") + node("b", "10.1.0.2/24") + POOLS);
        CalicoPlan plan = CalicoPlanner.plan(r, "a");
        RibPeer b = new RibPeer(1, RibPeer.Kind.INTERNAL, ip("10.1.0.2"), 64512, 2, false);
        Rib rib = new Rib(RibConfig.of(64512, 1), RibPeer.local(ip("10.0.0.1"), 64512, 1));
        rib.addPeer(b, ImportFilter.ACCEPT_ALL);
        PathAttributes viaB = PathAttributes.of(Origin.IGP, AsPath.EMPTY, NextHop.of("10.1.0.2"));
        rib.announce(b, Prefix.parse("10.48.5.0/26"), 0, viaB, null);
        rib.announce(b, Prefix.parse("10.52.5.0/26"), 0, viaB, null);
        assertNull(kernel(plan, rib, "10.48.5.0/26"), "Felix programs the IPIP route");
        assertEquals("10.52.5.0/26 via 10.1.0.2 metric 0 table 254", kernel(plan, rib, "10.52.5.0/26").toString());
        assertEquals(List.of("BGPConfiguration \"default\": programClusterRoutes EnabledNoEncapOnly: routes within IPIP"
                + " pools are left to Felix, not installed"), plan.notes());
    }

    @Test
    void aNodeNeverPeersWithItself() throws Exception {
        Resources r = ResourceLoader.parse(node("a", "10.0.0.1/24") + node("b", "10.0.0.2/24") + """
                apiVersion: projectcalico.org/v3
                kind: BGPPeer
                metadata: {name: to-a}
                spec: {peerIP: 10.0.0.1, asNumber: 64512}
                """);
        assertEquals(List.of("Mesh_10_0_0_2"), CalicoPlanner.plan(r, "a").peers().stream().map(PeerSpec::name).toList());
        // b has the mesh session to a; the global BGPPeer to the same address and port gives way to it.
        CalicoPlan b = CalicoPlanner.plan(r, "b");
        assertEquals(List.of("Mesh_10_0_0_1"), b.peers().stream().map(PeerSpec::name).toList());
        assertEquals(List.of("BGPPeer \"to-a\" (10.0.0.1): skipped, a mesh session to 10.0.0.1 port 179 exists"),
                b.notes());
    }

    @Test
    void aRouteReflectorLeavesTheMeshAndIsNobodysMeshPeer() throws Exception {
        Resources r = ResourceLoader.parse(node("a", "10.0.0.1/24") + node("b", "10.0.0.2/24")
                + node("rr", "10.0.0.3/24").replace("ipv4Address: 10.0.0.3/24",
                        "ipv4Address: 10.0.0.3/24\n    routeReflectorClusterID: 224.0.0.1"));
        assertEquals(List.of("Mesh_10_0_0_2"), CalicoPlanner.plan(r, "a").peers().stream().map(PeerSpec::name).toList());
        CalicoPlan rr = CalicoPlanner.plan(r, "rr");
        assertEquals(List.of(), rr.peers());
        assertEquals(0xE000_0001, rr.clusterId());
    }

    @Test
    void passwordsAreReadFromTheSecretsTheyName() throws Exception {
        Map<String, PeerSpec> peers = peersByName(CalicoPlanner.plan(resources("passwords"), "n1"));
        assertEquals("mesh-secret", peers.get("Mesh_192_0_2_12").password());
        assertEquals("tor-secret", peers.get("Global_192_0_2_1").password());
    }

    @Test
    void aNodeThatIsNotInTheConfigurationHasNoPlan() throws Exception {
        ConfigException e = assertThrows(ConfigException.class, () -> CalicoPlanner.plan(resources("lab"), "node9"));
        assertEquals("Node \"node9\": is not in the configuration: jbgp runs as one of its Nodes", e.getMessage());
    }

    @Test
    void aNodeWithoutABgpAddressHasNoPlan() throws Exception {
        Resources r = ResourceLoader.parse("apiVersion: projectcalico.org/v3\nkind: Node\nmetadata: {name: bare}\n");
        ConfigException e = assertThrows(ConfigException.class, () -> CalicoPlanner.plan(r, "bare"));
        assertEquals("Node \"bare\": spec.bgp: gives no BGP address (ipv4Address or ipv6Address)", e.getMessage());
    }

    @Test
    void peersComeSortedIpv4FirstThenByAddressThenPort() throws Exception {
        List<PeerSpec> peers = CalicoPlanner.plan(resources("ipv6"), "dual1").peers();
        assertEquals(List.of("198.19.0.3", "198.19.15.254", "fd00:198:19::9", "fd00:198:19::10", "fd00:198:19::fe"),
                peers.stream().map(p -> InetAddresses.toAddrString(p.address())).toList());
        assertEquals(PeerType.MESH, peers.getFirst().type());
        assertEquals(PeerType.GLOBAL, peers.getLast().type());
        assertEquals("Global_fd00_198_19__fe_port_1179", peers.getLast().name());
    }

    @Test
    void theSpeakerConfigCarriesThePlan() throws Exception {
        CalicoPlan plan = CalicoPlanner.plan(resources("lab"), "node1");
        SpeakerConfig config = plan.speakerConfig().build();
        assertEquals(64512, config.localAs());
        assertEquals(ip("198.19.0.2"), config.routerId());
        assertNull(config.listenAddress());
        assertEquals(179, config.listenPort());
        assertEquals(ip("198.19.0.2"), config.nextHopIpv4());
        assertNull(config.nextHopIpv6());
        assertEquals(0, config.clusterId());
        assertEquals(List.of(Prefix.parse("198.19.22.128/26")), config.originate());
        assertSame(plan.kernelRule(), config.kernelRule());

        CalicoPlan bound = CalicoPlanner.plan(resources("pools-and-services"), "n1");
        SpeakerConfig boundConfig = bound.speakerConfig().build();
        assertEquals(ip("192.168.1.11"), boundConfig.listenAddress());
        assertEquals(List.of("10.48.3.0/26", "10.49.0.5/32", "10.50.7.0/26", "10.96.0.0/12", "198.51.100.0/24",
                "203.0.113.0/24"), boundConfig.originate().stream().map(Prefix::toString).toList());
    }

    // ---- export, on routes -----------------------------------------------------------------

    private static final RibPeer LOCAL = RibPeer.local(ip("192.168.1.11"), 64512, 1);
    private static final RibPeer N2 = new RibPeer(1, RibPeer.Kind.INTERNAL, ip("192.168.2.12"), 64512, 2, false);
    private static final RibPeer N3 = new RibPeer(2, RibPeer.Kind.INTERNAL, ip("192.168.1.13"), 64512, 3, false);
    private static final PathAttributes OWN = PathAttributes.of(Origin.IGP, AsPath.EMPTY);
    private static final PathAttributes VIA_N2 = PathAttributes.of(Origin.IGP, AsPath.EMPTY, NextHop.of("192.168.2.12"));

    private static PathAttributes export(ExportFilter filter, String prefix, PathAttributes attributes, RibPeer from) {
        return filter.apply(new Route(Prefix.parse(prefix), 0, attributes, from));
    }

    @Test
    void exportSendsOwnBlocksWholeAndPoolRoutesAndRejectsTheRest() throws Exception {
        ExportFilter export = CalicoPlanner.plan(resources("pools-and-services"), "n1").exportFilter();
        assertNotNull(export(export, "10.48.3.0/26", OWN, LOCAL), "own block");
        assertNull(export(export, "10.48.3.7/32", VIA_N2, N2), "a route beneath an own block");
        assertNotNull(export(export, "10.48.9.0/26", VIA_N2, N2), "another node's block in an enabled pool");
        assertNotNull(export(export, "10.50.9.0/26", VIA_N2, N2), "a VXLAN pool's block is advertised");
        assertNull(export(export, "10.51.1.0/26", VIA_N2, N2), "a pool with disableBGPExport");
        assertNull(export(export, "172.30.0.0/16", VIA_N2, N2), "outside every pool");
        assertNotNull(export(export, "10.96.0.0/12", OWN, LOCAL), "the service cluster range");
        assertNotNull(export(export, "203.0.113.200/32", VIA_N2, N2), "an address within an advertised service range");
    }

    @Test
    void exportAttachesTheCommunitiesOfPrefixAdvertisements() throws Exception {
        ExportFilter export = CalicoPlanner.plan(resources("pools-and-services"), "n1").exportFilter();
        PathAttributes block = export(export, "10.48.3.0/26", OWN, LOCAL);
        assertEquals(Communities.of(Communities.community(64512, 100)), block.communities());
        assertEquals(LargeCommunities.of(new LargeCommunities.LargeCommunity(64512, (int) 4200000000L, 7)),
                block.largeCommunities());
        PathAttributes service = export(export, "10.96.0.0/12", OWN, LOCAL);
        assertEquals(Communities.of(Communities.NO_EXPORT), service.communities());
        assertSame(VIA_N2, export(export, "10.50.9.0/26", VIA_N2, N2), "a route without communities keeps its set");
    }

    @Test
    void aRouteReflectorPassesOnSingleServiceAddresses() throws Exception {
        ExportFilter rr = CalicoPlanner.plan(resources("route-reflectors"), "rr1").exportFilter();
        ExportFilter worker = CalicoPlanner.plan(resources("route-reflectors"), "worker1").exportFilter();
        assertNotNull(export(rr, "198.19.42.7/32", VIA_N2, N2));
        assertNull(export(worker, "198.19.42.7/32", VIA_N2, N2));
    }

    // ---- the kernel, from a RIB ------------------------------------------------------------

    private static FibRoute kernel(CalicoPlan plan, Rib rib, String prefix) {
        return plan.kernelRule().route(Prefix.parse(prefix), rib.destination(Prefix.parse(prefix)));
    }

    @Test
    void kernelRoutesFollowThePoolOfTheRoute() throws Exception {
        CalicoPlan plan = CalicoPlanner.plan(resources("pools-and-services"), "n1");
        Rib rib = new Rib(RibConfig.of(64512, 1), LOCAL);
        rib.addPeer(N2, ImportFilter.ACCEPT_ALL);
        rib.addPeer(N3, ImportFilter.ACCEPT_ALL);
        PathAttributes viaN3 = PathAttributes.of(Origin.IGP, AsPath.EMPTY, NextHop.of("192.168.1.13"));
        for (String p : List.of("10.48.9.0/26", "10.49.1.0/26", "10.50.9.0/26", "10.96.0.0/12", "172.30.0.0/16",
                "10.51.2.0/26")) {
            rib.announce(N2, Prefix.parse(p), 0, VIA_N2, null);
        }
        rib.announce(N3, Prefix.parse("10.49.2.0/26"), 0, viaN3, null);
        rib.announce(N3, Prefix.parse("10.51.2.0/26"), 0, viaN3, null);
        rib.announce(N2, Prefix.parse("fd00:10::100/120"), 0, OWN, ip("fd00:1::12"));
        for (String own : List.of("10.48.3.0/26", "10.49.0.5/32", "10.50.7.0/26")) {
            rib.originate(Prefix.parse(own), OWN);
        }

        assertEquals("10.48.9.0/26 via 192.168.2.12 dev tunl0 onlink metric 0 table 254",
                kernel(plan, rib, "10.48.9.0/26").toString(), "IPIP Always");
        assertEquals("10.49.1.0/26 via 192.168.2.12 dev tunl0 onlink metric 0 table 254",
                kernel(plan, rib, "10.49.1.0/26").toString(), "CrossSubnet, next hop in another subnet");
        assertEquals("10.49.2.0/26 via 192.168.1.13 metric 0 table 254",
                kernel(plan, rib, "10.49.2.0/26").toString(), "CrossSubnet, next hop in our subnet");
        assertNull(kernel(plan, rib, "10.50.9.0/26"), "VXLAN: Felix's");
        assertNull(kernel(plan, rib, "10.96.0.0/12"), "a service range");
        assertEquals("172.30.0.0/16 via 192.168.2.12 metric 0 table 254", kernel(plan, rib, "172.30.0.0/16").toString());
        assertEquals("10.51.2.0/26 nexthop via 192.168.2.12 nexthop via 192.168.1.13 metric 0 table 254",
                kernel(plan, rib, "10.51.2.0/26").toString(), "ECMP over both next hops, best first");
        assertEquals("fd00:10::100/120 via fd00:1::12 metric 1024 table 254",
                kernel(plan, rib, "fd00:10::100/120").toString());
        assertEquals("blackhole 10.48.3.0/26 metric 0 table 254", kernel(plan, rib, "10.48.3.0/26").toString());
        assertNull(kernel(plan, rib, "10.49.0.5/32"), "a host-length block is a pod's route, not a blackhole");
        assertNull(kernel(plan, rib, "10.50.7.0/26"), "an own block in a VXLAN pool is Felix's");
    }

    @Test
    void anEcmpRouteLosesTheNextHopOfAWithdrawnPath() throws Exception {
        CalicoPlan plan = CalicoPlanner.plan(resources("lab"), "node1");
        RibPeer control = new RibPeer(1, RibPeer.Kind.INTERNAL, ip("198.19.0.1"), 64512, 1, false);
        RibPeer node2 = new RibPeer(2, RibPeer.Kind.INTERNAL, ip("198.19.0.3"), 64512, 3, false);
        Rib rib = new Rib(RibConfig.of(64512, 2), RibPeer.local(ip("198.19.0.2"), 64512, 2));
        rib.addPeer(control, ImportFilter.ACCEPT_ALL);
        rib.addPeer(node2, ImportFilter.ACCEPT_ALL);
        Prefix anycast = Prefix.parse("198.19.23.0/26");
        rib.announce(control, anycast, 0, PathAttributes.of(Origin.IGP, AsPath.EMPTY, NextHop.of("198.19.0.1")), null);
        rib.announce(node2, anycast, 0, PathAttributes.of(Origin.IGP, AsPath.EMPTY, NextHop.of("198.19.0.3")), null);
        assertEquals(2, plan.kernelRule().route(anycast, rib.destination(anycast)).nextHops().size());

        rib.withdraw(node2, anycast, 0);
        assertEquals("198.19.23.0/26 via 198.19.0.1 metric 0 table 254",
                plan.kernelRule().route(anycast, rib.destination(anycast)).toString());
    }
}
