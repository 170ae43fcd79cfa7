package dev.jbgp.examples.scale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResultTableTest {
    private static ScaleResult result(String name, int clients, double convergedSeconds, double cpuAtEnd, long peakKib) {
        ProcessUsage listening = new ProcessUsage(1024, 1024, 0.5);
        return new ScaleResult(name, name + " --config x", clients, Duration.ofMillis(100), listening,
                Duration.ofMillis(900), Duration.ofMillis(Math.round(convergedSeconds * 1000)),
                new ProcessUsage(peakKib, peakKib / 2, cpuAtEnd), new ProcessUsage(peakKib, peakKib / 2, cpuAtEnd),
                Duration.ofSeconds(5), 3.0, 2, 0);
    }

    private static String line(String table, String start) {
        return table.lines().filter(l -> l.startsWith(start)).findFirst().orElseThrow(() -> new AssertionError(table));
    }

    @Test
    void twoResultsAreShownSideBySideWithTheRatioOfTheFirstToTheSecond() {
        String table = ResultTable.render(List.of(result("jbgp", 200, 3.0, 2.0, 40 * 1024),
                result("BIRD 2", 200, 1.5, 0.0, 10 * 1024)));

        assertTrue(line(table, "200 clients, one /26 each").endsWith("jbgp  BIRD 2  jbgp/BIRD 2"), table);
        assertTrue(line(table, "clients connect -> every client has all 199 other blocks (s)")
                .matches(".*\\s3\\.00\\s+1\\.50\\s+2\\.0x"), table);
        assertTrue(line(table, "reflector RSS peak, VmHWM at end (MiB)").matches(".*\\s40\\.0\\s+10\\.0\\s+4\\.0x"), table);
        // Nothing to divide by: no ratio rather than infinity.
        assertTrue(line(table, "reflector CPU user+sys, at end (s)").matches(".*\\s2\\.00\\s+0\\.00\\s+-"), table);
        assertTrue(table.contains("BIRD 2: end 5 s after convergence, every session still up; client JVM warmed up by 2"),
                table);
    }

    @Test
    void runsOfDifferentSizesAreNotComparedInOneTable() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ResultTable.render(List.of(result("jbgp", 200, 3, 2, 1), result("BIRD 2", 50, 1, 1, 1))));
        assertEquals("runs of 200 and 50 clients do not compare", e.getMessage());
    }

    @Test
    void oneResultHasNoRatioColumn() {
        String table = ResultTable.render(List.of(result("jbgp", 5, 0.5, 1.0, 1024)));
        assertEquals("5 clients, one /26 each jbgp", line(table, "5 clients").replaceAll(" +", " "), table);
    }
}
