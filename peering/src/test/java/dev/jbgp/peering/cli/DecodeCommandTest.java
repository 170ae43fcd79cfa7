package dev.jbgp.peering.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jbgp.core.Prefix;
import dev.jbgp.core.PrefixList;
import dev.jbgp.core.attribute.AsPath;
import dev.jbgp.core.attribute.NextHop;
import dev.jbgp.core.attribute.Origin;
import dev.jbgp.core.attribute.PathAttributes;
import dev.jbgp.core.codec.CodecContext;
import dev.jbgp.core.codec.MessageEncoder;
import dev.jbgp.core.message.Update;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code jbgp decode} run in-process, its JSON read back with Jackson. */
class DecodeCommandTest {
    private static final String MARKER = "ffffffffffffffffffffffffffffffff";

    /** KEEPALIVE, RFC 4271 section 4.4: the header alone. */
    static final String KEEPALIVE = MARKER + "0013" + "04";

    /** OPEN (RFC 4271 section 4.2) with the capabilities Calico's BIRD offers plus FQDN and one unknown. */
    static final String OPEN = MARKER + "004c" + "01"
            + "04" + "fc00" + "00f0" + "c6130002"   // version 4, My AS 64512, hold 240, BGP Identifier 198.19.0.2
            + "2f" + "02" + "2d"                    // one Capabilities parameter (RFC 5492) of 45 octets
            + "0104" + "00010001"                   // multiprotocol ipv4-unicast (RFC 4760)
            + "0200"                                // route refresh (RFC 2918)
            + "4006" + "4078" + "00010180"          // graceful restart: N bit, 120 s; ipv4-unicast, F bit (RFC 4724, 8538)
            + "4104" + "0000fc00"                   // 4-octet AS 64512 (RFC 6793)
            + "4504" + "00010103"                   // ADD-PATH ipv4-unicast send and receive (RFC 7911)
            + "4600"                                // enhanced route refresh (RFC 7313)
            + "4700"                                // long-lived graceful restart, no families (RFC 9494)
            + "4907" + "056e6f64653100"             // FQDN "node1", no domain
            + "f002" + "abcd";                      // code 240 (reserved for private use), 2 octets

    /** UPDATE (RFC 4271 section 4.3) with every attribute an operator reads, plus an unknown transitive one. */
    static final String UPDATE = MARKER + "0088" + "02"
            + "0000"                                          // no withdrawn routes
            + "0068"                                          // 104 octets of path attributes
            + "40010100"                                      // ORIGIN IGP
            + "400214" + "02020000fc000000fde8" + "01020000000100000002" // AS_PATH 64512 65000 {1 2}
            + "400304c6130001"                                // NEXT_HOP 198.19.0.1
            + "80040400000000"                                // MULTI_EXIT_DISC 0
            + "40050400000064"                                // LOCAL_PREF 100
            + "c00808" + "ffffff01" + "fc000064"              // COMMUNITIES no-export 64512:100 (RFC 1997)
            + "c01008" + "0002fc0000000001"                   // EXTENDED_COMMUNITIES rt:64512:1 (RFC 4360)
            + "c0200c" + "fa56ea01" + "00000001" + "00000002" // LARGE_COMMUNITY 4200000001:1:2 (RFC 8092)
            + "800904c6130003"                                // ORIGINATOR_ID 198.19.0.3 (RFC 4456)
            + "800a04c6130ffe"                                // CLUSTER_LIST 198.19.15.254
            + "e06302cafe"                                    // type 99, optional transitive partial
            + "1ac6131540" + "18c61316";                      // NLRI 198.19.21.64/26 198.19.22.0/24

    /** UPDATE with MP_REACH_NLRI (RFC 4760 section 3) for IPv6: a global and a link-local next hop (RFC 2545). */
    static final String IPV6_UPDATE = MARKER + "0053" + "02"
            + "0000" + "003c"
            + "800e2c" + "0002" + "01" + "20"                 // MP_REACH_NLRI ipv6-unicast, 32-octet next hop
            + "fd000000000000000000000000000002"              // fd00::2
            + "fe800000000000000000000000000002"              // fe80::2
            + "00"                                            // reserved
            + "30" + "fd0001980019"                           // NLRI fd00:198:19::/48
            + "40010100"                                      // ORIGIN IGP
            + "400206" + "02010000fc00";                      // AS_PATH 64512

    /** UPDATE whose ORIGIN is 5: RFC 7606 section 7.1 makes it treat-as-withdraw, NOTIFICATION 3/6. */
    static final String BAD_ORIGIN_UPDATE = MARKER + "002a" + "02"
            + "0000" + "000e"
            + "40010105"                                      // ORIGIN 5: undefined
            + "400200"                                        // AS_PATH empty (iBGP)
            + "400304c6130001"                                // NEXT_HOP 198.19.0.1
            + "1ac6131540";                                   // NLRI 198.19.21.64/26

    /** UPDATE with an AS_PATH of 2-octet AS numbers (RFC 4271 as written before RFC 6793). */
    static final String TWO_OCTET_AS_UPDATE = MARKER + "0030" + "02"
            + "0000" + "0014"
            + "40010100"                                      // ORIGIN IGP
            + "400206" + "0202fc00fde8"                       // AS_PATH sequence of two 2-octet ASNs: 64512 65000
            + "400304c6130001"                                // NEXT_HOP 198.19.0.1
            + "1ac6131540";                                   // NLRI 198.19.21.64/26

    /** UPDATE whose NLRI carries an ADD-PATH path identifier (RFC 7911 section 3). */
    static final String ADD_PATH_UPDATE = MARKER + "002e" + "02"
            + "0000" + "000e"
            + "40010100" + "400200" + "400304c6130001"        // ORIGIN IGP, AS_PATH empty, NEXT_HOP 198.19.0.1
            + "00000007" + "1ac6131540";                      // path id 7, 198.19.21.64/26

    private static Run jbgp(String stdin, String... args) {
        return Run.jbgp(stdin, args);
    }

    private static Run decode(String... args) {
        return Run.decode("", args);
    }

    private static Run decodeStdin(String stdin, String... options) {
        return Run.decode(stdin, options);
    }

    private static String resource(String name) {
        try (InputStream in = DecodeCommandTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode capability(JsonNode open, String name) {
        for (JsonNode c : open.get("capabilities")) {
            if (c.get("name").asText().equals(name)) {
                return c;
            }
        }
        throw new AssertionError("no capability " + name + " in " + open);
    }

    @Test
    void keepaliveIsItsTypeAndLength() {
        Run r = decode(KEEPALIVE);
        assertEquals(0, r.status(), r.err());
        assertEquals("KEEPALIVE", r.json().get("type").asText());
        assertEquals(19, r.json().get("length").asInt());
        assertFalse(r.json().has("error"));
    }

    @Test
    void openShowsItsFieldsAndCapabilitiesByKind() {
        Run r = decode(OPEN);
        assertEquals(0, r.status(), r.err());
        JsonNode open = r.json();
        assertEquals("OPEN", open.get("type").asText());
        assertEquals(76, open.get("length").asInt());
        assertEquals(4, open.get("version").asInt());
        assertEquals(64512, open.get("myAs").asInt());
        assertEquals(64512, open.get("asNumber").asLong());
        assertEquals(240, open.get("holdTime").asInt());
        assertEquals("198.19.0.2", open.get("bgpIdentifier").asText());
        assertEquals(9, open.get("capabilities").size());
        assertEquals("ipv4-unicast", capability(open, "multiprotocol").get("family").asText());
        JsonNode gr = capability(open, "graceful-restart");
        assertEquals(64, gr.get("code").asInt());
        assertEquals(120, gr.get("restartTime").asInt());
        assertEquals(List.of("notification"), Run.texts(gr.get("flags")));
        assertEquals("ipv4-unicast", gr.get("families").get(0).get("family").asText());
        assertTrue(gr.get("families").get(0).get("forwardingPreserved").asBoolean());
        assertEquals("both", capability(open, "add-path").get("families").get(0).get("sendReceive").asText());
        assertEquals(64512, capability(open, "four-octet-as").get("asNumber").asLong());
        assertEquals("node1", capability(open, "fqdn").get("hostname").asText());
        JsonNode unknown = capability(open, "unknown");
        assertEquals(240, unknown.get("code").asInt());
        assertEquals("abcd", unknown.get("hex").asText());
    }

    @Test
    void updateShowsAttributesAsOperatorsReadThem() {
        Run r = decode(UPDATE);
        assertEquals(0, r.status(), r.err());
        JsonNode u = r.json();
        assertEquals("UPDATE", u.get("type").asText());
        assertEquals(136, u.get("length").asInt());
        assertEquals(List.of("198.19.21.64/26", "198.19.22.0/24"), Run.texts(u.get("nlri")));
        assertEquals(0, u.get("withdrawn").size());
        JsonNode a = u.get("attributes");
        assertEquals("igp", a.get("origin").asText());
        assertEquals("64512 65000 {1 2}", a.get("asPath").asText());
        assertEquals("as-sequence", a.get("asPathSegments").get(0).get("type").asText());
        assertEquals(65000, a.get("asPathSegments").get(0).get("asns").get(1).asLong());
        assertEquals("as-set", a.get("asPathSegments").get(1).get("type").asText());
        assertEquals("198.19.0.1", a.get("nextHop").asText());
        assertEquals(0, a.get("med").asLong());
        assertEquals(100, a.get("localPref").asLong());
        assertEquals(List.of("no-export", "64512:100"), Run.texts(a.get("communities")));
        assertEquals(List.of("rt:64512:1"), Run.texts(a.get("extendedCommunities")));
        assertEquals(List.of("4200000001:1:2"), Run.texts(a.get("largeCommunities")));
        assertEquals("198.19.0.3", a.get("originatorId").asText());
        assertEquals(List.of("198.19.15.254"), Run.texts(a.get("clusterList")));
        JsonNode unknown = a.get("unknown").get(0);
        assertEquals(99, unknown.get("typeCode").asInt());
        assertEquals(List.of("optional", "transitive", "partial"), Run.texts(unknown.get("flags")));
        assertEquals("cafe", unknown.get("hex").asText());
    }

    @Test
    void ipv6MpReachShowsFamilyNextHopsAndPrefixes() {
        Run r = decode(IPV6_UPDATE);
        assertEquals(0, r.status(), r.err());
        JsonNode reach = r.json().get("mpReach");
        assertEquals("ipv6-unicast", reach.get("family").asText());
        assertEquals("fd00::2", reach.get("nextHop").asText());
        assertEquals("fe80::2", reach.get("linkLocalNextHop").asText());
        assertEquals(List.of("fd00:198:19::/48"), Run.texts(reach.get("nlri")));
        assertEquals("64512", r.json().get("attributes").get("asPath").asText());
        assertEquals(0, r.json().get("nlri").size());
    }

    @Test
    void invalidOriginIsTreatAsWithdrawWithItsNotificationAndPrefixes() {
        Run r = decode(BAD_ORIGIN_UPDATE);
        assertEquals(1, r.status());
        JsonNode error = r.json().get("error");
        assertEquals("treat-as-withdraw", error.get("action").asText());
        assertTrue(error.get("reason").asText().contains("ORIGIN"), error.toString());
        JsonNode n = error.get("notification");
        assertEquals(3, n.get("code").asInt());
        assertEquals("UPDATE Message Error", n.get("codeName").asText());
        assertEquals(6, n.get("subcode").asInt());
        assertEquals("Invalid ORIGIN Attribute", n.get("subcodeName").asText());
        assertEquals("40010105", n.get("data").asText()); // RFC 4271 6.3: the whole attribute
        assertEquals(List.of("198.19.21.64/26"), Run.texts(error.get("withdraw").get("ipv4-unicast")));
    }

    @Test
    void messageLongerThanTheInputIsASessionReset() {
        // RFC 4271 section 6.1: a Length the octets do not fill is Bad Message Length, data the field.
        Run r = decode(MARKER + "0030" + "02" + "0000");
        assertEquals(1, r.status());
        JsonNode m = r.json();
        assertEquals("UPDATE", m.get("type").asText());
        assertEquals(48, m.get("length").asInt());
        assertEquals("session-reset", m.get("error").get("action").asText());
        JsonNode n = m.get("error").get("notification");
        assertEquals("Message Header Error", n.get("codeName").asText());
        assertEquals("Bad Message Length", n.get("subcodeName").asText());
        assertEquals("0030", n.get("data").asText());
    }

    @Test
    void plainHexMayCarrySpacesColonsNewlinesAndPrefixes() {
        String spaced = KEEPALIVE.replaceAll("(..)", "$1 ").strip();
        String colons = KEEPALIVE.replaceAll("(..)(?!$)", "$1:");
        String cArray = KEEPALIVE.replaceAll("(..)", "0x$1, ");
        String lines = KEEPALIVE.substring(0, 16) + "\n" + KEEPALIVE.substring(16).toUpperCase() + "\n";
        String words = "ffffffff ffffffff ffffffff ffffffff 001304 # KEEPALIVE in 32-bit words";
        for (String text : List.of(spaced, colons, cArray, lines, words, "0x" + KEEPALIVE)) {
            Run r = decodeStdin(text);
            assertEquals(0, r.status(), text + ": " + r.err());
            assertEquals("KEEPALIVE", r.json().get("type").asText(), text);
        }
    }

    @Test
    void wiresharkHexDumpIsReadWithoutOffsetsOrAscii() {
        Run r = decodeStdin(resource("/dumps/wireshark-open.txt"));
        assertEquals(0, r.status(), r.err());
        assertEquals("OPEN", r.json().get("type").asText());
        assertEquals("198.19.0.2", r.json().get("bgpIdentifier").asText());
        // The last line's ASCII column holds "node1": letters that are no hex octets.
        assertEquals("abcd", capability(r.json(), "unknown").get("hex").asText());
    }

    @Test
    void tcpdumpXPacketIsReadPastItsHeadersAndEachMessageDecoded() {
        Run r = decodeStdin(resource("/dumps/tcpdump-X-keepalive-update.txt"));
        assertEquals(0, r.status(), r.err());
        JsonNode messages = r.json();
        assertTrue(messages.isArray());
        assertEquals(2, messages.size());
        assertEquals("KEEPALIVE", messages.get(0).get("type").asText());
        assertEquals(0, messages.get(0).get("offset").asInt());
        assertEquals("UPDATE", messages.get(1).get("type").asText());
        assertEquals(19, messages.get(1).get("offset").asInt());
        assertEquals(List.of("198.19.21.64/26", "198.19.22.0/24"), Run.texts(messages.get(1).get("nlri")));
        assertTrue(r.err().contains("skipped 52 octets"), r.err()); // 20 IPv4 + 32 TCP with timestamps
    }

    @Test
    void tcpdumpXxPacketWithItsEthernetHeaderIsRead() {
        Run r = decodeStdin(resource("/dumps/tcpdump-xx-keepalive.txt"));
        assertEquals(0, r.status(), r.err());
        assertEquals("KEEPALIVE", r.json().get("type").asText());
    }

    @Test
    void as2ReadsTheAsPathWithTwoOctetNumbers() {
        Run twoOctet = decode("--as2", TWO_OCTET_AS_UPDATE);
        assertEquals(0, twoOctet.status(), twoOctet.err());
        assertEquals("64512 65000", twoOctet.json().get("attributes").get("asPath").asText());

        // Read as 4-octet numbers the same segment overruns its attribute: Malformed AS_PATH.
        Run fourOctet = decode(TWO_OCTET_AS_UPDATE);
        assertEquals(1, fourOctet.status());
        assertEquals(11, fourOctet.json().get("error").get("notification").get("subcode").asInt());
        assertFalse(fourOctet.json().get("attributes").has("asPath"));
    }

    @Test
    void addPathIpv4ReadsPathIdentifiers() {
        Run r = decode("--add-path", "ipv4", ADD_PATH_UPDATE);
        assertEquals(0, r.status(), r.err());
        JsonNode nlri = r.json().get("nlri");
        assertEquals(1, nlri.size());
        assertEquals("198.19.21.64/26", nlri.get(0).get("prefix").asText());
        assertEquals(7, nlri.get(0).get("pathId").asLong());

        // Without it the path identifier's octets read as prefix lengths and the NLRI is garbage.
        Run plain = decode(ADD_PATH_UPDATE);
        assertEquals(1, plain.status());
        assertEquals("session-reset", plain.json().get("error").get("action").asText());
    }

    @Test
    void extendedMessageAcceptsUpdatesPastFourThousandOctets() {
        // 1,000 host routes of 5 octets each: an UPDATE of about 5,000 octets (RFC 8654).
        List<Prefix> hosts = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            hosts.add(Prefix.ipv4(0xC6130000 | i, 32)); // 198.19.0.0 upwards
        }
        CodecContext extended = CodecContext.DEFAULT.withExtendedMessage(true);
        Update big = Update.announce(PathAttributes.of(Origin.IGP, AsPath.EMPTY, NextHop.of("198.19.0.1")),
                PrefixList.of(hosts, null));
        String hex = HexFormat.of().formatHex(MessageEncoder.toBytes(big, extended));

        Run r = decode("--extended-message", hex);
        assertEquals(0, r.status(), r.err());
        assertEquals(1000, r.json().get("nlri").size());
        assertEquals("198.19.3.231/32", r.json().get("nlri").get(999).asText());

        // Without it the Length field is out of range: Bad Message Length (RFC 4271 section 6.1).
        Run plain = decode(hex);
        assertEquals(1, plain.status());
        assertEquals("Bad Message Length", plain.json().get("error").get("notification").get("subcodeName").asText());
    }

    @Test
    void notificationShowsNamesAndShutdownCommunication() {
        // RFC 9003: Cease / Administrative Shutdown, data = length octet + UTF-8 text.
        Run r = decode(MARKER + "0021" + "03" + "0602" + "0b" + "6d61696e74656e616e6365");
        assertEquals(0, r.status(), r.err());
        JsonNode n = r.json();
        assertEquals("NOTIFICATION", n.get("type").asText());
        assertEquals(6, n.get("code").asInt());
        assertEquals("Cease", n.get("codeName").asText());
        assertEquals("Administrative Shutdown", n.get("subcodeName").asText());
        assertEquals("maintenance", n.get("shutdownCommunication").asText());
    }

    @Test
    void routeRefreshShowsFamilyAndSubtype() {
        // RFC 7313 section 3: AFI 1, subtype 1 (BoRR), SAFI 1.
        Run r = decode(MARKER + "0017" + "05" + "0001" + "01" + "01");
        assertEquals(0, r.status(), r.err());
        assertEquals("ROUTE-REFRESH", r.json().get("type").asText());
        assertEquals("ipv4-unicast", r.json().get("family").asText());
        assertEquals("BoRR", r.json().get("subtypeName").asText());
    }

    @Test
    void endOfRibNamesItsFamily() {
        // RFC 4724 section 2: an empty UPDATE (IPv4), an empty MP_UNREACH_NLRI (IPv6).
        Run v4 = decode(MARKER + "0017" + "02" + "00000000");
        assertEquals("ipv4-unicast", v4.json().get("endOfRib").asText());
        Run v6 = decode(MARKER + "001d" + "02" + "0000" + "0006" + "800f03" + "000201");
        assertEquals("ipv6-unicast", v6.json().get("endOfRib").asText());
    }

    @Test
    void hexArgumentsAreJoinedAndMessagesDecodedInTurn() {
        Run r = decode(KEEPALIVE, OPEN, KEEPALIVE);
        assertEquals(0, r.status(), r.err());
        List<String> types = new ArrayList<>();
        r.json().forEach(m -> types.add(m.get("type").asText()));
        assertEquals(List.of("KEEPALIVE", "OPEN", "KEEPALIVE"), types);
        assertEquals(95, r.json().get(2).get("offset").asInt());
    }

    @Test
    void oneMalformedMessageAmongGoodOnesMakesTheStatusOne() {
        Run r = decode(KEEPALIVE, BAD_ORIGIN_UPDATE);
        assertEquals(1, r.status());
        assertFalse(r.json().get(0).has("error"));
        assertTrue(r.json().get(1).has("error"));
    }

    @Test
    void badHexIsAUsageError() {
        Run r = decode("ffzz");
        assertEquals(2, r.status());
        assertTrue(r.err().contains("not hex"), r.err());
        assertEquals("", r.out());
    }

    @Test
    void oddDigitCountIsAUsageError() {
        assertEquals(2, decode(KEEPALIVE + "0").status());
    }

    @Test
    void unknownOptionIsAUsageError() {
        Run r = decode("--as3", KEEPALIVE);
        assertEquals(2, r.status());
        assertTrue(r.err().contains("--as3"), r.err());
    }

    @Test
    void unknownAddPathFamilyIsAUsageError() {
        assertEquals(2, decode("--add-path", "ipx", KEEPALIVE).status());
        assertEquals(2, decode("--add-path").status());
    }

    @Test
    void emptyInputIsAUsageError() {
        Run r = decodeStdin("# only a comment\n\n");
        assertEquals(2, r.status());
        assertTrue(r.err().contains("no hex input"), r.err());
    }

    @Test
    void unknownSubcommandIsAUsageErrorNamingIt() {
        Run r = jbgp("", "status2");
        assertEquals(2, r.status());
        assertTrue(r.err().contains("unknown command 'status2'"), r.err());
        assertTrue(r.err().contains("decode"), r.err());
    }

    @Test
    void noSubcommandIsAUsageError() {
        assertEquals(2, jbgp("").status());
    }

    @Test
    void helpListsTheCommandsAndDecodeHelpItsOptions() {
        for (String help : List.of("help", "--help", "-h")) {
            Run r = jbgp("", help);
            assertEquals(0, r.status());
            assertTrue(r.out().contains("decode"), r.out());
        }
        Run decodeHelp = jbgp("", "decode", "--help");
        assertEquals(0, decodeHelp.status());
        assertTrue(decodeHelp.out().contains("--add-path"), decodeHelp.out());
        assertEquals(decodeHelp.out(), jbgp("", "help", "decode").out());
    }
}
