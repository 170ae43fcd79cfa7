package dev.jbgp.peering.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jbgp.peering.calico.CalicoPlan;
import dev.jbgp.peering.calico.CalicoPlanner;
import dev.jbgp.peering.config.ResourceLoader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunCommandTest {
    private static CalicoPlan plan(String file, String node) throws Exception {
        Path yaml = Path.of("src/test/resources/plans", file);
        return CalicoPlanner.plan(ResourceLoader.load(yaml), node);
    }

    @Test
    void aStandaloneReflectorProgramsNoKernelRoutesUnlessTold() throws Exception {
        CalicoPlan reflector = plan("route-reflectors.yaml", "rr1");
        assertTrue(reflector.clusterId() != 0 && reflector.blocks().isEmpty());
        assertFalse(RunCommand.programsKernel(reflector, null));
        assertTrue(RunCommand.programsKernel(reflector, Boolean.TRUE));
    }

    @Test
    void aNodeWithBlocksProgramsKernelRoutesUnlessTold() throws Exception {
        CalicoPlan node1 = plan("lab.yaml", "node1");
        assertTrue(RunCommand.programsKernel(node1, null));
        assertFalse(RunCommand.programsKernel(node1, Boolean.FALSE));
    }

    @Test
    void anInvalidConfigurationIsRefusedWithTheFieldNamedAndNothingStarts(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, """
                apiVersion: projectcalico.org/v3
                kind: BGPPeer
                metadata:
                  name: tor1
                spec:
                  peerIP: 198.19.15.254
                  asNumber: abc
                """);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = RunCommand.run(List.of("--config", bad.toString(), "--node", "node1", "--no-fib", "--admin", "none"),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                Map.of());
        assertEquals(1, status);
        String e = err.toString(StandardCharsets.UTF_8);
        assertTrue(e.contains("BGPPeer \"tor1\": spec.asNumber: \"abc\""), e);
    }

    @Test
    void withoutANodeNameItIsAUsageError() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = RunCommand.run(List.of("--config", "x.yaml"), new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of());
        assertEquals(Jbgp.USAGE_ERROR, status);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("NODENAME"));
    }
}
