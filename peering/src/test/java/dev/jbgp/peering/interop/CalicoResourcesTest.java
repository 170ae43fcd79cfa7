package dev.jbgp.peering.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jbgp.peering.PeerSpec;
import dev.jbgp.peering.PeerType;
import dev.jbgp.peering.calico.CalicoPlan;
import dev.jbgp.peering.calico.CalicoPlanner;
import dev.jbgp.peering.config.ResourceLoader;
import dev.jbgp.peering.config.Resources;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The Calico YAML the interop tests give jbgp. */
class CalicoResourcesTest {

    @Test
    void theSeedsLabRendersAsTheExampleLabFile() throws IOException {
        // peering's tests run in the peering directory; the example is beside it.
        Path example = Path.of("..", "examples", "lab", "lab.yaml");
        String withoutComments = Files.readAllLines(example).stream()
                .filter(line -> !line.startsWith("#"))
                .collect(Collectors.joining("\n", "", "\n"));

        assertEquals(withoutComments, CalicoResources.seedsLab().render());
    }

    @Test
    void theSeedsLabWithAReflectorRendersAsTheExampleLabFile() throws IOException {
        Path example = Path.of("..", "examples", "lab", "lab-rr.yaml");
        String withoutComments = Files.readAllLines(example).stream()
                .filter(line -> !line.startsWith("#"))
                .collect(Collectors.joining("\n", "", "\n"));

        assertEquals(withoutComments, CalicoResources.seedsLabWithReflector().render());
    }

    /**
     * What {@code lab.sh rr} relies on, read from the example file: node1 and node2 peer with
     * control alone and connect to it; control peers with node1, node2 and host1, all three its
     * route-reflector clients; everything node-specific, as Calico names it.
     */
    @Test
    void theReflectorLabPlansControlAsTheReflectorOfNode1Node2AndHost1() throws Exception {
        Resources lab = ResourceLoader.load(Path.of("..", "examples", "lab", "lab-rr.yaml"));

        for (String node : List.of("node1", "node2")) {
            List<PeerSpec> peers = CalicoPlanner.plan(lab, node).peers();
            assertEquals(List.of("Node_198_19_0_1"), peers.stream().map(PeerSpec::name).toList(), node);
            assertEquals(PeerType.NODE_SPECIFIC, peers.getFirst().type());
            assertFalse(peers.getFirst().passive(), node + " connects to the reflector, whose address sorts lower");
            assertFalse(peers.getFirst().routeReflectorClient());
            assertEquals(0, CalicoPlanner.plan(lab, node).clusterId());
        }
        CalicoPlan control = CalicoPlanner.plan(lab, "control");
        assertEquals(0xF400_0001, control.clusterId());
        assertEquals(List.of("Node_198_19_0_2", "Node_198_19_0_3", "Node_198_19_15_254"),
                control.peers().stream().map(PeerSpec::name).toList());
        assertTrue(control.peers().stream().allMatch(p -> p.type() == PeerType.NODE_SPECIFIC && p.routeReflectorClient()),
                control.peers().toString());
        // host1 is not a Calico node: control connects to it; the nodes connect to control.
        assertEquals(List.of(true, true, false), control.peers().stream().map(PeerSpec::passive).toList());
    }

    @Test
    void aReflectorNodeCarriesItsLabelAndClusterIdAndASelectingPeerHasNoAddressOrAs() {
        String yaml = CalicoResources.of(64512)
                .withNode(new CalicoResources.Node("rr", "198.19.0.1/20", null, 0).asRouteReflector("244.0.0.1"))
                .withPeer(CalicoResources.Peer.selecting("to-rr", "!has(route-reflector)", "route-reflector == 'true'"))
                .render();
        List<String> documents = List.of(yaml.split("---\n"));

        assertTrue(documents.get(1).contains("""
                  labels:
                    kubernetes.io/hostname: rr
                    route-reflector: "true"
                spec:
                  bgp:
                    ipv4Address: 198.19.0.1/20
                    routeReflectorClusterID: 244.0.0.1
                """), documents.get(1));
        // "!" would start a YAML tag: that selector is quoted; the other is written as Calico's documentation does.
        assertTrue(documents.get(2).endsWith("""
                spec:
                  nodeSelector: "!has(route-reflector)"
                  peerSelector: route-reflector == 'true'
                """), documents.get(2));
    }

    @Test
    void aPeersPasswordGoesIntoASecretThatThePeerRefersTo() {
        String yaml = CalicoResources.of(64512)
                .withNode("node1", "198.19.0.2/20")
                .withPeer(new CalicoResources.Peer("host1", "198.19.15.254", 64513, "node1", "s3cret \"md5\""))
                .render();
        List<String> documents = List.of(yaml.split("---\n"));

        String secret = documents.get(2);
        assertTrue(secret.contains("kind: Secret\n"), secret);
        assertTrue(secret.contains("  name: bgp-password-host1\n  namespace: calico-system\n"), secret);
        assertTrue(secret.contains("stringData:\n  password: \"s3cret \\\"md5\\\"\"\n"), secret);
        String peer = documents.get(3);
        assertTrue(peer.contains("kind: BGPPeer\n"), peer);
        assertTrue(peer.contains("spec:\n  node: node1\n  peerIP: 198.19.15.254\n  asNumber: 64513\n"), peer);
        assertTrue(peer.contains("  password:\n    secretKeyRef:\n      name: bgp-password-host1\n      key: password\n"),
                peer);
        assertFalse(peer.contains("s3cret"), "the password itself stays in the Secret");
    }

    @Test
    void aDualStackNodeCarriesBothAddressesAndItsOwnAs() {
        String yaml = CalicoResources.of(64512)
                .withNode(new CalicoResources.Node("node1", "198.19.0.2/20", "fd00:198:19::2/64", 64513))
                .withMesh(false)
                .render();

        assertTrue(yaml.contains("  nodeToNodeMeshEnabled: false\n"), yaml);
        assertTrue(yaml.contains("""
                spec:
                  bgp:
                    ipv4Address: 198.19.0.2/20
                    ipv6Address: fd00:198:19::2/64
                    asNumber: 64513
                """), yaml);
    }

    @Test
    void aBlockIsNamedAsCalicoNamesIt() {
        assertEquals("198-19-22-128-26", CalicoResources.blockName("198.19.22.128/26"));
        assertEquals("fd00-198-20--40-122", CalicoResources.blockName("fd00:198:20::40/122"));
    }
}
