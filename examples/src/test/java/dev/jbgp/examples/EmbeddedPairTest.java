package dev.jbgp.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jbgp.core.Prefix;
import dev.jbgp.peering.RouteView;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class EmbeddedPairTest {
    @Test
    void theSecondSpeakerLearnsAndPrintsEveryBlockTheFirstAnnounces() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        List<Prefix> blocks = List.of(Prefix.parse("198.19.22.128/26"), Prefix.parse("198.19.21.64/26"),
                Prefix.parse("198.19.21.0/26"));
        List<RouteView> routes = EmbeddedPair.run(new PrintStream(bytes, true, StandardCharsets.UTF_8), blocks);

        assertEquals(List.of("198.19.21.0/26", "198.19.21.64/26", "198.19.22.128/26"),
                routes.stream().map(RouteView::prefix).toList());
        for (RouteView r : routes) {
            assertEquals("127.0.0.1", r.paths().get(0).nextHop());
            assertEquals("Peer_127_0_0_1", r.paths().get(0).from());
        }
        String printed = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(printed.contains("learned 198.19.22.128/26 via 127.0.0.1 from Peer_127_0_0_1"), printed);
        assertTrue(printed.contains("Peer_127_0_0_1: Established"), printed);
    }
}
