package dev.jbgp.peering.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The lab itself: what a node's namespace holds, and that closing leaves nothing behind. */
@Tag("netns")
@Tag("interop")
@Timeout(60)
class LabTest {

    @BeforeEach
    void prerequisites() {
        Prerequisites.require();
    }

    @Test
    void aNodeHasEth0WithBothAddressesLoUpAndNoRouteOut() {
        try (Lab lab = Lab.create()) {
            Lab.Node node = lab.addNode("host1", "198.19.15.254");

            assertEquals("fd00:198:19::15:254", node.ipv6());
            assertEquals(List.of("198.19.0.0/20 dev eth0 proto kernel scope link src 198.19.15.254"), lab.ipRoute(node));
            assertTrue(lab.ipRoute6(node).contains("fd00:198:19::/64 dev eth0 proto kernel metric 256 pref medium"),
                    () -> String.join("\n", lab.ipRoute6(node)));
            assertFalse(lab.ipRoute6(node).stream().anyMatch(line -> line.startsWith("default")));
            String links = lab.execOk(node, Lab.ip(), "-o", "link");
            assertTrue(links.contains(": lo: <LOOPBACK,UP,LOWER_UP>"), links);
            assertTrue(links.contains(": eth0@"), links);
            assertEquals(2, links.lines().count(), links);
        }
    }

    @Test
    void theRootNamespaceGetsNoLinkAndNoLabAddress() {
        try (Lab lab = Lab.create()) {
            lab.addNode("node1", "198.19.0.2");
            lab.addNode("node2", "198.19.0.3");

            String links = Command.run(Lab.COMMAND_TIMEOUT, List.of(Lab.ip(), "-o", "link")).output();
            String addresses = Command.run(Lab.COMMAND_TIMEOUT, List.of(Lab.ip(), "-o", "addr")).output();
            assertFalse(links.contains(": port1") || links.contains(": br0:"), links);
            assertFalse(addresses.contains("198.19.") || addresses.contains("fd00:198:19:"), addresses);
        }
    }

    @Test
    void theLabHoldsTheDaemonItselfRunningInTheNodesNamespace() throws IOException {
        try (Lab lab = Lab.create()) {
            Lab.Node node = lab.addNode("node1", "198.19.0.2");
            Lab.Daemon daemon = lab.start(node, "sleep", List.of("sleep", "600"));
            lab.await("sleep to exec", Duration.ofSeconds(5),
                    () -> read(Path.of("/proc", String.valueOf(daemon.pid()), "comm")).strip().equals("sleep"));

            assertNotEquals(Files.readSymbolicLink(Path.of("/proc/self/ns/net")),
                    Files.readSymbolicLink(Path.of("/proc", String.valueOf(daemon.pid()), "ns", "net")));
        }
    }

    @Test
    void closingStopsEveryProcessAndDeletesEveryNamespace() {
        Lab lab = Lab.create();
        Lab.Daemon daemon;
        try {
            Lab.Node node = lab.addNode("node1", "198.19.0.2");
            // A process that ignores SIGTERM: closing must get rid of it all the same.
            daemon = lab.start(node, "stubborn", List.of("sh", "-c", "trap '' TERM; sleep 600 & wait"));
            lab.await("the shell and its sleep to start", Duration.ofSeconds(5), () -> Command.run(Lab.COMMAND_TIMEOUT,
                    List.of(Lab.ip(), "netns", "pids", node.namespace())).output().lines().count() == 2);
        } finally {
            long start = System.nanoTime();
            lab.close();
            assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(Lab.STOP_WAIT) >= 0,
                    "the shell ignores SIGTERM: close waits for it, then kills it");
        }

        assertFalse(daemon.alive());
        String namespaces = Command.run(Lab.COMMAND_TIMEOUT, List.of(Lab.ip(), "netns", "list")).output();
        assertFalse(namespaces.contains(lab.base), namespaces);
        assertFalse(Files.exists(lab.dir));
    }

    @Test
    void aNodeOutsideTheLabsSubnetIsRefused() {
        try (Lab lab = Lab.create()) {
            assertThrows(IllegalArgumentException.class, () -> lab.addNode("node1", "10.0.0.1"));
            assertThrows(IllegalArgumentException.class, () -> lab.addNode("node1", "198.19.16.1"));
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "";
        }
    }
}
