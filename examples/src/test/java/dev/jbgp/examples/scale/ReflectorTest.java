package dev.jbgp.examples.scale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jbgp.peering.PeerSpec;
import dev.jbgp.peering.calico.CalicoPlan;
import dev.jbgp.peering.calico.CalicoPlanner;
import dev.jbgp.peering.config.ResourceLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReflectorTest {
    private static final ScaleLayout LAYOUT = ScaleLayout.of(3, 17179);

    @Test
    void theLayoutPutsTheReflectorBelowEveryClientAndGivesEachClientItsOwnBlock() {
        assertEquals("127.0.0.1", LAYOUT.reflector().getHostAddress());
        assertEquals(List.of("127.1.0.1", "127.1.0.2", "127.1.0.3"),
                LAYOUT.clients().stream().map(c -> c.address().getHostAddress()).toList());
        assertEquals(List.of("198.18.0.0/26", "198.18.0.64/26", "198.18.0.128/26"),
                LAYOUT.clients().stream().map(c -> c.block().toString()).toList());
        ScaleLayout big = ScaleLayout.of(ScaleLayout.MAX_CLIENTS, 17179);
        assertEquals("127.1.8.48", big.clients().getLast().address().getHostAddress());
        assertEquals("198.19.255.192/26", big.clients().getLast().block().toString());
    }

    @Test
    void jbgpsPlanMakesEveryClientAPassiveRouteReflectorClientSessionOnTheRunsPort() throws Exception {
        CalicoPlan plan = CalicoPlanner.plan(ResourceLoader.parse(Reflector.Jbgp.calicoResources(LAYOUT)), "rr");

        assertEquals(0xF4000001, plan.clusterId()); // 244.0.0.1
        assertEquals("127.0.0.1", plan.listenAddress().getHostAddress());
        assertEquals(17179, plan.listenPort());
        assertEquals(List.of(), plan.blocks());
        assertEquals(List.of("127.1.0.1", "127.1.0.2", "127.1.0.3"),
                plan.peers().stream().map(p -> p.address().getHostAddress()).toList());
        for (PeerSpec p : plan.peers()) {
            assertTrue(p.passive() && p.routeReflectorClient() && p.internal() && p.port() == 17179, p.toString());
        }
    }

    @Test
    void birdAcceptsItsConfigurationWithOneClientProtocolPerClient(@TempDir Path dir) throws Exception {
        String bird = "/usr/sbin/bird";
        boolean required = "1".equals(System.getenv("JBGP_REQUIRE_INTEROP"));
        Assumptions.assumeTrue(required || Files.isExecutable(Path.of(bird)), "BIRD 2 is not installed");
        List<String> command = new Reflector.Bird(bird).prepare(dir, LAYOUT);
        String config = Files.readString(dir.resolve("bird-rr.conf"), StandardCharsets.UTF_8);
        assertEquals(3, config.lines().filter(l -> l.matches("protocol bgp Node_127_1_0_\\d from rr_client \\{")).count(),
                config);
        assertTrue(config.contains("local 127.0.0.1 port 17179 as 64512;"), config);
        assertEquals(List.of(bird, "-f", "-c", dir.resolve("bird-rr.conf").toString()), command.subList(0, 4));

        // bird -p parses the configuration and exits.
        Process p = new ProcessBuilder(bird, "-p", "-c", dir.resolve("bird-rr.conf").toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(10, TimeUnit.SECONDS), "bird -p did not exit");
        assertEquals(0, p.exitValue(), out);
    }
}
