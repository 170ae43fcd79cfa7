package dev.jbgp.examples.scale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The benchmark's code path at a small size: five clients, jbgp as the reflector in a process of its own. */
class RrScaleTest {
    @TempDir
    Path work;

    @Test
    @Timeout(60)
    void fiveClientsLearnEveryOtherBlockThroughAJbgpReflectorProcessWhoseUsageIsRead() throws Exception {
        ScaleLayout layout = ScaleLayout.of(5, Reflector.freePort());
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        ScaleRun run = new ScaleRun(new Reflector.Jbgp(RrScale.jbgpCommand(null, RrScale.DEFAULT_JBGP_JAVA_OPTS)),
                layout, work, Duration.ofSeconds(30), Duration.ofMillis(500), 1,
                new PrintStream(progress, true, StandardCharsets.UTF_8));

        ScaleResult r = run.run();

        String printed = progress.toString(StandardCharsets.UTF_8);
        assertTrue(printed.contains("warm-up 1 of 1: 5 clients converged"), printed);
        assertTrue(printed.contains("every client holds all 4 other blocks after"), printed);
        assertEquals("jbgp", r.reflector());
        assertEquals(5, r.clients());
        assertTrue(r.listening().isPositive(), r.toString());
        assertTrue(r.established().compareTo(r.converged()) <= 0, r.toString());
        assertTrue(r.atListening().cpuSeconds() > 0 && r.atListening().rssKib() > 0, r.toString());
        assertTrue(r.atEnd().cpuSeconds() >= r.atConvergence().cpuSeconds(), r.toString());
        assertTrue(r.atEnd().peakRssKib() >= r.atEnd().rssKib(), r.toString());
        assertTrue(r.clientCpuSeconds() > 0, r.toString());

        String log = Files.readString(run.logFile(), StandardCharsets.UTF_8);
        assertTrue(log.contains("jbgp running: node rr, AS 64512, router ID 127.0.0.1, 5 peers"), log);
        assertFalse(Files.exists(run.pidFile()), "the PID file outlives the reflector");
        assertTrue(ProcessHandle.allProcesses().noneMatch(p -> p.info().arguments()
                        .map(a -> List.of(a).contains(work.resolve("jbgp-rr.yaml").toString())).orElse(false)),
                "the reflector still runs");

        Path saved = work.resolve("jbgp.result");
        r.write(saved);
        assertEquals(r, ScaleResult.read(saved));
    }
}
