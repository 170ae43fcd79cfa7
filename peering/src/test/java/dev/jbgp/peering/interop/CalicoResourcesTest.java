package dev.jbgp.peering.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
