package dev.jbgp.peering.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code jbgp decode} on messages BIRD 2 and GoBGP sent each other on the wire, kept in
 * bgp-core's test resources (their comments name the session and what it negotiated).
 */
class CapturedMessagesDecodeTest {
    /** Relative to this module's directory, where the tests run. */
    private static final Path CAPTURES = Path.of("../bgp-core/src/test/resources/captures");

    private static String capture(String name) {
        try {
            return Files.readString(CAPTURES.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void birdIpv4AddPathUpdateShowsItsPrefixAndAttributes() {
        // bird-update-ipv4-addpath-communities.hex: BIRD 198.19.0.1 AS 4200000001 to GoBGP,
        // 4-octet AS, ADD-PATH path ids for IPv4 unicast in this direction.
        Run r = Run.decode(capture("bird-update-ipv4-addpath-communities.hex"), "--add-path", "ipv4");
        assertEquals(0, r.status(), r.err());
        JsonNode u = r.json();
        assertEquals("UPDATE", u.get("type").asText());
        assertEquals(108, u.get("length").asInt());
        assertEquals("198.19.21.0/26", u.get("nlri").get(0).get("prefix").asText());
        assertEquals(2, u.get("nlri").get(0).get("pathId").asLong());
        JsonNode a = u.get("attributes");
        assertEquals("igp", a.get("origin").asText());
        assertEquals("4200000001", a.get("asPath").asText());
        assertEquals("198.19.0.1", a.get("nextHop").asText());
        assertEquals(50, a.get("med").asLong());
        assertEquals(List.of("64512:100"), Run.texts(a.get("communities")));
        List<String> extended = Run.texts(a.get("extendedCommunities"));
        assertEquals(3, extended.size());
        assertEquals("rt:64512:1", extended.get(0));
        assertEquals("rt:4200000001:7", extended.get(2));
        assertEquals(List.of("4200000001:1:2"), Run.texts(a.get("largeCommunities")));
    }

    @Test
    void birdUpdateOnATwoOctetSessionShowsTheMergedAs4Path() {
        // bird-update-as4path-communities.hex: BIRD with "enable as4 off": AS_PATH 23456 plus
        // AS4_PATH 4200000001 (RFC 6793 section 4.2.3), and the OTC attribute (type 35, RFC 9234).
        Run r = Run.decode(capture("bird-update-as4path-communities.hex"), "--as2");
        assertEquals(0, r.status(), r.err());
        JsonNode a = r.json().get("attributes");
        assertEquals("4200000001", a.get("asPath").asText());
        assertEquals("198.19.0.11", a.get("nextHop").asText());
        assertEquals(List.of("198.19.21.0/26"), Run.texts(r.json().get("nlri")));
        JsonNode otc = a.get("unknown").get(0);
        assertEquals(35, otc.get("typeCode").asInt());
        assertEquals("fa56ea01", otc.get("hex").asText());
    }

    @Test
    void birdIbgpIpv6UpdateShowsMpReachAndLocalPref() {
        // bird-update-ibgp-ipv6.hex: iBGP over IPv4 carrying IPv6 unicast in MP_REACH_NLRI.
        Run r = Run.decode(capture("bird-update-ibgp-ipv6.hex"));
        assertEquals(0, r.status(), r.err());
        JsonNode reach = r.json().get("mpReach");
        assertEquals("ipv6-unicast", reach.get("family").asText());
        assertEquals("fd00:198:19::21", reach.get("nextHop").asText());
        assertFalse(reach.has("linkLocalNextHop"));
        assertEquals(List.of("fd00:198:19:1a0::/60", "fd00:198:19:101::/64", "fd00:198:19:100::/64",
                "fd00:198:19:300::/64"), Run.texts(reach.get("nlri")));
        assertEquals(300, r.json().get("attributes").get("localPref").asLong());
        assertEquals("", r.json().get("attributes").get("asPath").asText());
    }

    static Stream<Path> captures() throws IOException {
        try (Stream<Path> files = Files.list(CAPTURES)) {
            return files.filter(p -> p.toString().endsWith(".hex")).sorted().toList().stream();
        }
    }

    /**
     * Every capture decodes cleanly given what its session negotiated, read from its
     * {@code # negotiated:} comment: "4-octet AS NO" and the ADD-PATH families of the direction.
     */
    @ParameterizedTest
    @MethodSource("captures")
    void everyCaptureDecodesCleanlyWithWhatItsSessionNegotiated(Path file) throws IOException {
        String text = Files.readString(file);
        String negotiated = text.lines().filter(l -> l.startsWith("# negotiated:")).findFirst().orElse("");
        List<String> options = new ArrayList<>();
        if (negotiated.contains("4-octet AS NO")) {
            options.add("--as2");
        }
        String addPath = negotiated.replaceAll(".*ADD-PATH path ids in this direction:([^;]*).*", "$1");
        if (addPath.contains("IPv4 unicast")) {
            options.addAll(List.of("--add-path", "ipv4"));
        }
        if (addPath.contains("IPv6 unicast")) {
            options.addAll(List.of("--add-path", "ipv6"));
        }
        Run r = Run.decode(text, options.toArray(String[]::new));
        assertEquals(0, r.status(), file + " " + options + ": " + r.out() + r.err());
        assertTrue(r.json().isObject(), "one message per file");
        assertFalse(r.json().has("error"), r.out());
    }
}
