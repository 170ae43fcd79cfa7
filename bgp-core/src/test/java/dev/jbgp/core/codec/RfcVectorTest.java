package dev.jbgp.core.codec;

import static dev.jbgp.core.codec.DecodeAssertions.assertClean;
import static dev.jbgp.core.codec.DecodeAssertions.assertReset;
import static dev.jbgp.core.codec.DecodeAssertions.decode;
import static dev.jbgp.core.codec.WireBytes.cat;
import static dev.jbgp.core.codec.WireBytes.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jbgp.core.AfiSafi;
import dev.jbgp.core.Prefix;
import dev.jbgp.core.PrefixList;
import dev.jbgp.core.attribute.AsPath;
import dev.jbgp.core.attribute.Communities;
import dev.jbgp.core.attribute.ExtendedCommunities;
import dev.jbgp.core.attribute.LargeCommunities;
import dev.jbgp.core.attribute.LargeCommunities.LargeCommunity;
import dev.jbgp.core.attribute.MpReachNlri;
import dev.jbgp.core.attribute.NextHop;
import dev.jbgp.core.attribute.Origin;
import dev.jbgp.core.attribute.PathAttributes;
import dev.jbgp.core.capability.AddPath;
import dev.jbgp.core.capability.EnhancedRouteRefresh;
import dev.jbgp.core.capability.FourOctetAs;
import dev.jbgp.core.capability.GracefulRestart;
import dev.jbgp.core.capability.Multiprotocol;
import dev.jbgp.core.capability.RouteRefreshSupport;
import dev.jbgp.core.capability.UnknownCapability;
import dev.jbgp.core.message.BgpMessage;
import dev.jbgp.core.message.Keepalive;
import dev.jbgp.core.message.Notification;
import dev.jbgp.core.message.NotificationError;
import dev.jbgp.core.message.Open;
import dev.jbgp.core.message.RouteRefresh;
import dev.jbgp.core.message.Update;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Known answers: messages laid out byte by byte as the RFCs describe them. Each must decode to
 * the expected record, and that record must encode to the same bytes.
 */
class RfcVectorTest {
    private static final String MARKER = "ffffffffffffffffffffffffffffffff";
    private static final CodecContext TWO_OCTET = CodecContext.DEFAULT.withFourOctetAs(false);
    private static final PrefixList BLOCK = PrefixList.of(Prefix.parse("198.19.21.0/26"));

    private static void assertKnownAnswer(byte[] bytes, CodecContext ctx, BgpMessage expected) {
        assertEquals(expected, assertClean(decode(ctx, bytes), BgpMessage.class));
        assertEquals(hex(bytes), hex(MessageEncoder.toBytes(expected, ctx)));
    }

    private static void assertKnownAnswer(String hex, CodecContext ctx, BgpMessage expected) {
        assertKnownAnswer(hex(hex), ctx, expected);
    }

    @Test
    void keepalive() {
        // RFC 4271 section 4.4: the 19-octet header alone, Type 4.
        assertKnownAnswer(MARKER + "0013 04", CodecContext.DEFAULT, Keepalive.INSTANCE);
    }

    @Test
    void openWithCapabilities() {
        // RFC 4271 section 4.2: Version 4, My AS 64512, Hold Time 240, BGP Identifier
        // 198.19.0.2, Opt Parm Len 32; one Capabilities parameter (RFC 5492 section 4, type 2)
        // holding Multiprotocol IPv4 unicast (RFC 4760 section 8), Route Refresh (RFC 2918),
        // Graceful Restart 120 s with IPv4 unicast forwarding preserved (RFC 4724 section 3),
        // 4-octet AS 64512 (RFC 6793 section 3), ADD-PATH IPv4 send/receive (RFC 7911 section 4)
        // and Enhanced Route Refresh (RFC 7313 section 3).
        String hex = MARKER + "003d 01"
                + "04 fc00 00f0 c6130002 20"
                + "02 1e"
                + "01 04 0001 00 01"
                + "02 00"
                + "40 06 0078 0001 01 80"
                + "41 04 0000fc00"
                + "45 04 0001 01 03"
                + "46 00";
        Open open = new Open(64512, 240, 0xC6130002, List.of(
                new Multiprotocol(AfiSafi.IPV4_UNICAST),
                RouteRefreshSupport.INSTANCE,
                new GracefulRestart(0, 120, List.of(new GracefulRestart.Family(AfiSafi.IPV4_UNICAST, 0x80))),
                new FourOctetAs(64512),
                new AddPath(List.of(new AddPath.Family(AfiSafi.IPV4_UNICAST, AddPath.BOTH))),
                EnhancedRouteRefresh.INSTANCE));
        assertKnownAnswer(hex, CodecContext.DEFAULT, open);
    }

    @Test
    void openOfAFourOctetAsSpeakerCarriesAsTrans() {
        // RFC 6793 section 3 and 4.1: My AS is AS_TRANS (23456, 0x5ba0); the AS, 4200000001
        // (0xfa56ea01), travels in the capability.
        String hex = MARKER + "0025 01" + "04 5ba0 00f0 c6130002 08" + "02 06" + "41 04 fa56ea01";
        Open open = Open.of(4200000001L, 240, 0xC6130002, List.of());
        assertKnownAnswer(hex, CodecContext.DEFAULT, open);
        assertEquals(4200000001L, open.asNumber());
    }

    @Test
    void openWithMoreThan255OctetsOfParametersUsesTheExtendedForm() {
        // RFC 9072 section 2: Non-Ext OP Len 255, Non-Ext OP Type 255, Extended Opt. Parm.
        // Length 263 (0x0107); the Capabilities parameter's length is then 2 octets: 260.
        // Capabilities: an unknown code 200 with 250 zero octets, Multiprotocol, Route Refresh.
        byte[] bytes = cat(hex(MARKER + "0127 01" + "04 fc00 00f0 c6130002" + "ff ff 0107" + "02 0104" + "c8 fa"),
                new byte[250], hex("01 04 0001 00 01" + "02 00"));
        Open open = new Open(64512, 240, 0xC6130002, List.of(new UnknownCapability(200, new byte[250]),
                new Multiprotocol(AfiSafi.IPV4_UNICAST), RouteRefreshSupport.INSTANCE));
        assertKnownAnswer(bytes, CodecContext.DEFAULT, open);
    }

    @Test
    void openWithExactly255OctetsOfParametersKeepsTheRfc4271Form() {
        // RFC 9072 section 2: the extended form is for parameters that do not fit; 255 octets
        // fit, so Opt Parm Len is 255 and the next octet is the parameter type 2, not 255.
        byte[] bytes = cat(hex(MARKER + "011c 01" + "04 fc00 00f0 c6130002" + "ff" + "02 fd" + "c8 f5"),
                new byte[245], hex("01 04 0001 00 01"));
        Open open = new Open(64512, 240, 0xC6130002, List.of(new UnknownCapability(200, new byte[245]),
                new Multiprotocol(AfiSafi.IPV4_UNICAST)));
        assertKnownAnswer(bytes, CodecContext.DEFAULT, open);
    }

    @Test
    void notificationWithShutdownCommunication() {
        // RFC 8203 section 2 (RFC 9003 section 2): Cease (6) / Administrative Shutdown (2), data
        // a length octet (53) and that many octets of UTF-8 - here with an em dash (e2 80 94).
        String text = "Planned maintenance, back at 22:00 UTC \u2014 ticket #42";
        String hex = MARKER + "004b 03" + "06 02 35"
                + "506c616e6e6564206d61696e74656e616e63652c206261636b2061742032323a30302055544320e28094207469636b657420233432";
        Notification n = Notification.cease(NotificationError.Cease.ADMINISTRATIVE_SHUTDOWN, text);
        assertKnownAnswer(hex, CodecContext.DEFAULT, n);
        assertEquals(Optional.of(text), n.shutdownCommunication());
    }

    @Test
    void shutdownCommunicationIsCutAt255OctetsOnACharacterBoundary() {
        // RFC 9003 section 2: up to 255 octets. 300 two-octet characters fit 127 times (254
        // octets); half a character is never sent.
        Notification n = Notification.cease(NotificationError.Cease.ADMINISTRATIVE_RESET, "\u00e9".repeat(300));
        String hex = MARKER + "0114 03" + "06 04 fe" + "c3a9".repeat(127);
        assertKnownAnswer(hex, CodecContext.DEFAULT, n);
        assertEquals(Optional.of("\u00e9".repeat(127)), n.shutdownCommunication());
    }

    @Test
    void notificationForAnUnsupportedVersion() {
        // RFC 4271 section 6.2: an OPEN bidding version 5 is answered with 2/1 and the data
        // 0x0004; that NOTIFICATION on the wire.
        DecodeResult r = decode(hex(MARKER + "001d 01" + "05 fc00 00f0 c6130002 00"));
        Notification n = assertReset(r, 2, 1, hex("0004")).notification();
        assertKnownAnswer(MARKER + "0017 03" + "02 01 0004", CodecContext.DEFAULT, n);
    }

    @Test
    void ipv4EndOfRibIsAnEmptyUpdate() {
        // RFC 4724 section 2: "an UPDATE message with no reachable NLRI and empty withdrawn NLRI".
        Update eor = Update.endOfRib(AfiSafi.IPV4_UNICAST);
        assertKnownAnswer(MARKER + "0017 02" + "0000 0000", CodecContext.DEFAULT, eor);
        assertEquals(Optional.of(AfiSafi.IPV4_UNICAST), eor.endOfRib());
    }

    @Test
    void ipv6EndOfRibIsAnEmptyMpUnreach() {
        // RFC 4724 section 2: for other families, an UPDATE holding only an MP_UNREACH_NLRI
        // with AFI 2 / SAFI 1 and no withdrawn routes (flags 0x80, type 15, length 3).
        Update eor = Update.endOfRib(AfiSafi.IPV6_UNICAST);
        assertKnownAnswer(MARKER + "001d 02" + "0000 0006" + "80 0f 03 0002 01", CodecContext.DEFAULT, eor);
        assertEquals(Optional.of(AfiSafi.IPV6_UNICAST), eor.endOfRib());
    }

    @Test
    void addPathNlriCarriesAPathIdentifierBeforeEachPrefix() {
        // RFC 7911 section 3: Path Identifier (4 octets), Length, Prefix. One prefix,
        // 198.19.21.0/26, announced twice with path identifiers 1 and 2.
        String hex = MARKER + "003d 02" + "0000" + "0014"
                + "40 01 01 00"
                + "40 02 06 02 01 0000fc00"
                + "40 03 04 c6130003"
                + "00000001 1a c6131500"
                + "00000002 1a c6131500";
        Prefix block = Prefix.parse("198.19.21.0/26");
        Update u = Update.announce(PathAttributes.of(Origin.IGP, AsPath.sequence(64512), NextHop.of("198.19.0.3")),
                PrefixList.of(List.of(block, block), new int[] {1, 2}));
        assertKnownAnswer(hex, CodecContext.DEFAULT.withAddPath(java.util.Set.of(AfiSafi.IPV4_UNICAST)), u);
    }

    @Test
    void ipv6AnnouncementWithGlobalAndLinkLocalNextHops() throws Exception {
        // RFC 4760 section 3 and RFC 2545 section 3: MP_REACH_NLRI first (RFC 7606 section 5.1),
        // next hop length 32 = global fd00:198:19::2 then link-local fe80::2, reserved 0, NLRI
        // fd00:198:19::/48 (6 octets).
        String hex = MARKER + "0053 02" + "0000" + "003c"
                + "80 0e 2c 0002 01 20"
                + "fd000198001900000000000000000002"
                + "fe800000000000000000000000000002"
                + "00"
                + "30 fd0001980019"
                + "40 01 01 00"
                + "40 02 06 02 01 0000fc00";
        MpReachNlri reach = MpReachNlri.of(AfiSafi.IPV6_UNICAST, PrefixList.of(Prefix.parse("fd00:198:19::/48")),
                InetAddress.getByName("fd00:198:19::2"), InetAddress.getByName("fe80::2"));
        Update u = Update.announce(PathAttributes.of(Origin.IGP, AsPath.sequence(64512)), reach);
        assertKnownAnswer(hex, CodecContext.DEFAULT, u);
        assertEquals(Optional.of(InetAddress.getByName("fe80::2")), u.mpReach().linkLocalNextHop());
    }

    @Test
    void communitiesExtendedCommunitiesAndLargeCommunities() {
        // RFC 1997 section 3: COMMUNITIES (type 8) NO_EXPORT 0xffffff01 and 64512:100;
        // RFC 4360 section 4: route target 64512:100 (type 0x00, sub-type 0x02);
        // RFC 8092 section 3: LARGE_COMMUNITY (type 32) 64512:100:200, all optional transitive.
        String hex = MARKER + "0055 02" + "0000" + "0039"
                + "40 01 01 00"
                + "40 02 06 02 01 0000fc00"
                + "40 03 04 c6130003"
                + "c0 08 08 ffffff01 fc000064"
                + "c0 10 08 0002fc0000000064"
                + "c0 20 0c 0000fc00 00000064 000000c8"
                + "1a c6131500";
        Update u = Update.announce(PathAttributes.of(Origin.IGP, AsPath.sequence(64512), NextHop.of("198.19.0.3"),
                Communities.of(Communities.NO_EXPORT, Communities.community(64512, 100)),
                ExtendedCommunities.of(ExtendedCommunities.routeTarget(64512, 100)),
                LargeCommunities.of(new LargeCommunity(64512, 100, 200))), BLOCK);
        assertKnownAnswer(hex, CodecContext.DEFAULT, u);
        assertEquals("64512:100:200", u.attributes().largeCommunities().values().getFirst().toString());
    }

    @Test
    void routeRefreshAndEnhancedRouteRefresh() {
        // RFC 2918 section 3: AFI 1, reserved 0, SAFI 1. RFC 7313 section 4: subtype 1 = BoRR.
        assertKnownAnswer(MARKER + "0017 05" + "0001 00 01", CodecContext.DEFAULT, RouteRefresh.request(AfiSafi.IPV4_UNICAST));
        assertKnownAnswer(MARKER + "0017 05" + "0002 01 01", CodecContext.DEFAULT,
                new RouteRefresh(AfiSafi.IPV6_UNICAST, RouteRefresh.BEGIN_OF_ROUTE_REFRESH));
    }

    @Test
    void as4PathRebuildsThePathAnOldSpeakerPrependedTo() {
        // RFC 6793 section 4.2.3. 65000, 4200000002 and 4200000001 are NEW speakers; 4200000001
        // sent AS_PATH 23456 23456 65000 with AS4_PATH 4200000001 4200000002 65000 to the OLD
        // speaker 64512, which prepended itself to AS_PATH and passed AS4_PATH on untouched but
        // for the Partial bit (flags 0xe0). AS_PATH holds 4 AS numbers, AS4_PATH 3: the leading
        // one of AS_PATH is prepended to AS4_PATH.
        String received = MARKER + "0045 02" + "0000" + "0029"
                + "40 01 01 00"
                + "40 02 0a 02 04 fc00 5ba0 5ba0 fde8"
                + "40 03 04 c6130003"
                + "e0 11 0e 02 03 fa56ea01 fa56ea02 0000fde8"
                + "1a c6131500";
        Update expected = Update.announce(PathAttributes.of(Origin.IGP,
                AsPath.sequence(64512, 4200000001L, 4200000002L, 65000), NextHop.of("198.19.0.3")), BLOCK);
        assertEquals(expected, assertClean(decode(TWO_OCTET, hex(received)), Update.class));

        // Sent on by jbgp over a 2-octet session (RFC 6793 section 4.2.2): AS_PATH with AS_TRANS,
        // and an AS4_PATH of our own (no Partial bit) holding the whole path.
        assertKnownAnswer(MARKER + "0049 02" + "0000" + "002d"
                + "40 01 01 00"
                + "40 02 0a 02 04 fc00 5ba0 5ba0 fde8"
                + "40 03 04 c6130003"
                + "c0 11 12 02 04 0000fc00 fa56ea01 fa56ea02 0000fde8"
                + "1a c6131500", TWO_OCTET, expected);

        // And over a 4-octet session (RFC 6793 section 4.1): AS_PATH alone, 4-octet numbers.
        assertKnownAnswer(MARKER + "003c 02" + "0000" + "0020"
                + "40 01 01 00"
                + "40 02 12 02 04 0000fc00 fa56ea01 fa56ea02 0000fde8"
                + "40 03 04 c6130003"
                + "1a c6131500", CodecContext.DEFAULT, expected);
    }
}
