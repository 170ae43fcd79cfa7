package dev.jbgp.peering.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The BIRD configurations the interop tests write: BIRD 2 accepts each, and Calico's shape is kept. */
class BirdConfigTest {

    static Stream<BirdConfig> configurations() {
        return Stream.of(
                BirdConfig.of("198.19.15.254").withBlock("198.19.40.0/24")
                        .withPeer(BirdPeer.of("node1", "198.19.0.2", 64512, 64512)),
                BirdConfig.of("198.19.15.254").withBlock("fd00:198:40::/64")
                        .withPeer(BirdPeer.of("node1", "fd00:198:19::2", 64512, 64513).withMultihop(true)),
                BirdConfig.of("198.19.15.254").withBlock("198.19.40.0/24")
                        .withPeer(BirdPeer.of("node1", "198.19.0.2", 64512, 64513).withMultihop(true)
                                .withPassword("s3cret-md5").withHoldTime(30).withPort(1179)),
                BirdConfig.of("198.19.15.254").withBlock("198.19.40.0/24")
                        .withPeer(BirdPeer.of("node1", "198.19.0.2", 64512, 64512).withGracefulRestart(120)
                                .withAddPaths(BirdPeer.AddPaths.ON).withPassive(true)
                                .withSourceAddress("198.19.15.254")),
                BirdConfig.calicoNode("198.19.0.1", 64512, List.of("198.19.0.2", "198.19.0.3"),
                        List.of("198.19.21.0/26"), List.of("198.19.16.0/21")),
                BirdConfig.calicoNode("198.19.0.1", 64512, List.of(), List.of("198.19.21.0/26"),
                        List.of("198.19.16.0/21"))
                        .withPeer(BirdPeer.calicoNodeSpecific("198.19.0.1", "198.19.0.2", 64512)
                                .withRouteReflectorClient("244.0.0.1")),
                BirdConfig.of("198.19.0.1"));
    }

    @Tag("interop")
    @ParameterizedTest(name = "configuration {index}")
    @MethodSource("configurations")
    void birdAcceptsTheConfiguration(BirdConfig config, @TempDir Path dir) throws IOException {
        Prerequisites.require("bird");
        Path file = Files.writeString(dir.resolve("bird.conf"), config.render());

        Command.Result parsed = Command.run(Duration.ofSeconds(10), List.of(Command.find("bird"), "-p", "-c",
                file.toString()));

        assertEquals(0, parsed.status(), () -> parsed.output() + "\n" + config.render());
    }

    @Test
    void aCalicoNodeWaitsForTheHigherAddressesAndConnectsToTheLowerOnes() {
        BirdConfig node2 = BirdConfig.calicoNode("198.19.0.3", 64512,
                List.of("198.19.0.1", "198.19.0.10", "198.19.0.4"), List.of("198.19.21.64/26"), List.of());

        assertFalse(node2.peer("Mesh_198_19_0_1").passive());
        // compared as strings, as Calico's template does: "198.19.0.10" sorts before "198.19.0.3"
        assertFalse(node2.peer("Mesh_198_19_0_10").passive());
        assertTrue(node2.peer("Mesh_198_19_0_4").passive());
    }

    @Test
    void aCalicoMeshSessionCarriesCalicosOptions() {
        String text = BirdConfig.calicoNode("198.19.0.1", 64512, List.of("198.19.0.2"), List.of("198.19.21.0/26"),
                List.of("198.19.16.0/21")).render();

        String session = text.substring(text.indexOf("protocol bgp Mesh_198_19_0_2"));
        for (String option : List.of("local as 64512;", "neighbor 198.19.0.2 port 179 as 64512;",
                "source address 198.19.0.1;", "multihop;", "passive on;", "graceful restart on;",
                "graceful restart time 120;", "connect delay time 1;", "connect retry time 3;",
                "error wait time 5,60;", "gateway recursive;", "import all;", "add paths on;")) {
            assertTrue(session.contains(option), () -> option + " missing from\n" + session);
        }
        assertTrue(text.contains("if ( net = 198.19.21.0/26 ) then { accept; }\n  if ( net ~ 198.19.21.0/26 ) then { reject; }"),
                text);
        assertTrue(text.contains("if ( net ~ 198.19.16.0/21 ) then { accept; }\n  reject;"), text);
        assertTrue(text.contains("route 198.19.21.0/26 blackhole;"), text);
    }

    @Test
    void aReflectorsNodeSpecificSessionMakesTheNodeARouteReflectorClientAsCalicoDoes() {
        String text = BirdConfig.calicoNode("198.19.0.1", 64512, List.of(), List.of(), List.of("198.19.16.0/21"))
                .withPeer(BirdPeer.calicoNodeSpecific("198.19.0.1", "198.19.0.2", 64512)
                        .withRouteReflectorClient("244.0.0.1"))
                .render();

        String session = text.substring(text.indexOf("protocol bgp Node_198_19_0_2"));
        for (String option : List.of("local as 64512;", "neighbor 198.19.0.2 port 179 as 64512;",
                "source address 198.19.0.1;", "multihop;", "graceful restart on;", "rr client;",
                "rr cluster id 244.0.0.1;", "add paths on;")) {
            assertTrue(session.contains(option), () -> option + " missing from\n" + session);
        }
        assertFalse(session.contains("passive"), session);
        assertFalse(session.contains("graceful restart time"), "BIRD's own restart time, as Calico leaves it\n" + session);
    }
}
