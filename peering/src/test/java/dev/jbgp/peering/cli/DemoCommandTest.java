package dev.jbgp.peering.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class DemoCommandTest {
    @Test
    void theDemoPrintsNode1sPeersEstablishedAndTheRoutesItWouldInstall() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = DemoCommand.run(List.of(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        String printed = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, status, printed + err.toString(StandardCharsets.UTF_8));
        assertTrue(printed.contains("IPv4 BGP status"), printed);
        assertEquals(3, printed.lines().filter(l -> l.contains("| up ") && l.contains("Established")).count(), printed);
        assertTrue(printed.lines().anyMatch(l -> l.startsWith("| 127.0.15.254") && l.contains("| global ")), printed);
        assertTrue(printed.contains("198.19.21.0/26 via 127.0.0.1 proto bird\n"), printed);
        assertTrue(printed.contains("198.19.21.64/26 via 127.0.0.3 proto bird\n"), printed);
        assertTrue(printed.contains("blackhole 198.19.22.128/26 proto bird\n"), printed);
    }
}
