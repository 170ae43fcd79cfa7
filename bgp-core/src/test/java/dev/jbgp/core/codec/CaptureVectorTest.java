package dev.jbgp.core.codec;

import static dev.jbgp.core.codec.DecodeAssertions.assertClean;
import static dev.jbgp.core.codec.DecodeAssertions.decode;
import static dev.jbgp.core.codec.WireBytes.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jbgp.core.AfiSafi;
import dev.jbgp.core.Prefix;
import dev.jbgp.core.PrefixList;
import dev.jbgp.core.attribute.AsPath;
import dev.jbgp.core.attribute.Communities;
import dev.jbgp.core.attribute.ExtendedCommunities;
import dev.jbgp.core.attribute.LargeCommunities.LargeCommunity;
import dev.jbgp.core.attribute.LocalPref;
import dev.jbgp.core.attribute.MultiExitDisc;
import dev.jbgp.core.attribute.NextHop;
import dev.jbgp.core.attribute.Origin;
import dev.jbgp.core.attribute.PathAttribute;
import dev.jbgp.core.attribute.PathAttributes;
import dev.jbgp.core.attribute.UnknownAttribute;
import dev.jbgp.core.capability.AddPath;
import dev.jbgp.core.capability.EnhancedRouteRefresh;
import dev.jbgp.core.capability.ExtendedMessage;
import dev.jbgp.core.capability.ExtendedNextHop;
import dev.jbgp.core.capability.FourOctetAs;
import dev.jbgp.core.capability.Fqdn;
import dev.jbgp.core.capability.GracefulRestart;
import dev.jbgp.core.capability.LongLivedGracefulRestart;
import dev.jbgp.core.capability.Multiprotocol;
import dev.jbgp.core.capability.RouteRefreshSupport;
import dev.jbgp.core.capability.UnknownCapability;
import dev.jbgp.core.message.BgpMessage;
import dev.jbgp.core.message.Notification;
import dev.jbgp.core.message.Open;
import dev.jbgp.core.message.RouteRefresh;
import dev.jbgp.core.message.Update;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Messages BIRD 2 and GoBGP sent each other on real sessions (the files and their README in
 * {@code src/test/resources/captures}): every one decodes cleanly in the context its header
 * states and survives an encode and decode; the interesting ones are checked field by field
 * against what their comments say they hold.
 */
class CaptureVectorTest {

    static List<Capture> captures() {
        return Capture.all();
    }

    private static BgpMessage decoded(String name) {
        Capture c = Capture.named(name);
        return assertClean(decode(c.context(), c.bytes()), BgpMessage.class);
    }

    private static Update update(String name) {
        return (Update) decoded(name);
    }

    private static PrefixList withIds(int[] ids, String... prefixes) {
        return PrefixList.of(java.util.Arrays.stream(prefixes).map(Prefix::parse).toList(), ids);
    }

    /**
     * RFC 4271 section 5: an unrecognized optional transitive attribute is passed on with the
     * Partial bit set, the one change an encode and decode may make to a received UPDATE.
     */
    private static BgpMessage asPassedOn(BgpMessage m) {
        if (!(m instanceof Update u)) {
            return m;
        }
        PathAttributes attributes = PathAttributes.of(u.attributes().stream().map(a -> a instanceof UnknownAttribute x
                && x.transitive() ? new UnknownAttribute(x.flags() | PathAttribute.FLAG_PARTIAL, x.typeCode(), x.value())
                : a).toList());
        return new Update(u.withdrawn(), attributes, u.nlri(), u.mpReach(), u.mpUnreach());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("captures")
    void everyCaptureDecodesCleanlyAndSurvivesARoundTrip(Capture c) {
        assertEquals(c.statedSize(), c.bytes().length, "the size the header comment states");
        BgpMessage m = assertClean(decode(c.context(), c.bytes()), BgpMessage.class);
        assertEquals(c.statedType(), m.type().code(), "the type the header comment states");
        byte[] encoded = MessageEncoder.toBytes(m, c.context());
        assertEquals(asPassedOn(m), assertClean(decode(c.context(), encoded), BgpMessage.class));
        if (!(m instanceof Update)) {
            // Without path attributes there is one way to write a message (all of these OPENs
            // carry their capabilities in one parameter): the bytes come back as captured.
            assertEquals(hex(c.bytes()), hex(encoded));
        }
    }

    @Test
    void birdOpenOffersEverythingCalicosBirdDoes() {
        // bird-open-ipv4-addpath: My AS is AS_TRANS, the real AS in the 4-octet AS capability.
        Open o = (Open) decoded("bird-open-ipv4-addpath");
        assertEquals(Open.AS_TRANS, o.myAs());
        assertEquals(4200000001L, o.asNumber());
        assertEquals(90, o.holdTime());
        assertEquals("198.19.0.1", o.bgpIdentifierString());
        assertEquals(List.of(
                new Multiprotocol(AfiSafi.IPV4_UNICAST),
                RouteRefreshSupport.INSTANCE,
                ExtendedMessage.INSTANCE,
                new GracefulRestart(0, 120, List.of(new GracefulRestart.Family(AfiSafi.IPV4_UNICAST, 0))),
                new FourOctetAs(4200000001L),
                new AddPath(List.of(new AddPath.Family(AfiSafi.IPV4_UNICAST, AddPath.BOTH))),
                EnhancedRouteRefresh.INSTANCE,
                new LongLivedGracefulRestart(List.of(new LongLivedGracefulRestart.Family(AfiSafi.IPV4_UNICAST, 0, 3600)))),
                o.capabilities());
    }

    @Test
    void birdOpenAfterARestartHasTheRestartStateAndForwardingStateBits() {
        Open o = (Open) decoded("bird-open-graceful-restart");
        GracefulRestart gr = o.capability(GracefulRestart.class).orElseThrow();
        assertTrue(gr.restarting());
        assertFalse(gr.notificationSupport());
        assertTrue(gr.families().getFirst().forwardingPreserved());
        LongLivedGracefulRestart llgr = o.capability(LongLivedGracefulRestart.class).orElseThrow();
        assertEquals(LongLivedGracefulRestart.FORWARDING_STATE, llgr.families().getFirst().flags());
    }

    @Test
    void birdOpenWithoutFourOctetAsKeepsTheRoleCapabilityAsBytes() {
        // RFC 9234 BGP Role (code 9), value 0 = provider: not interpreted, kept.
        Open o = (Open) decoded("bird-open-no-as4");
        assertEquals(Optional.empty(), o.capability(FourOctetAs.class));
        assertEquals(Open.AS_TRANS, o.asNumber());
        assertTrue(o.capabilities().contains(new UnknownCapability(9, new byte[] {0})));
    }

    @Test
    void gobgpOpenCarriesFqdnExtendedNextHopAndTheNotificationBit() {
        Open o = (Open) decoded("gobgp-open-ipv4-addpath");
        assertEquals(64512, o.asNumber());
        assertEquals(Optional.of(new Fqdn("gobgp", "")), o.capability(Fqdn.class));
        assertEquals(Optional.of(new ExtendedNextHop(List.of(new ExtendedNextHop.Entry(1, 1, 2)))),
                o.capability(ExtendedNextHop.class));
        assertTrue(o.capability(GracefulRestart.class).orElseThrow().notificationSupport());
    }

    @Test
    void birdUpdateWithEveryKindOfCommunity() {
        Update u = update("bird-update-ipv4-addpath-communities");
        PathAttributes a = u.attributes();
        assertEquals(Origin.IGP, a.origin());
        assertEquals(AsPath.sequence(4200000001L), a.asPath());
        assertEquals(NextHop.of("198.19.0.1"), a.nextHop());
        assertEquals(new MultiExitDisc(50), a.med());
        assertEquals(Communities.of(Communities.community(64512, 100)), a.communities());
        // route target 64512:1 (type 0x00), route origin 198.19.0.1:9 (type 0x01), route target
        // 4200000001:7 (type 0x02), as RFC 4360 sections 3.1 to 3.3 lay them out.
        assertEquals(ExtendedCommunities.of(ExtendedCommunities.routeTarget(64512, 1), 0x0103_C613_0001_0009L,
                0x0202_FA56_EA01_0007L), a.extendedCommunities());
        assertEquals("rt:4200000001:7", ExtendedCommunities.name(a.extendedCommunities().get(2)));
        assertEquals(List.of(new LargeCommunity((int) 4200000001L, 1, 2)), a.largeCommunities().values());
        assertEquals(withIds(new int[] {2}, "198.19.21.0/26"), u.nlri());
    }

    @Test
    void birdSendsASecondPathForOnePrefixUnderAnotherPathId() {
        assertEquals(withIds(new int[] {3}, "198.19.21.0/26"), update("bird-update-ipv4-addpath-second-path").nlri());
        assertEquals(withIds(new int[] {2, 2, 2, 2}, "198.19.33.0/24", "198.19.34.0/24", "198.19.32.0/24", "198.19.47.0/24"),
                update("bird-update-ipv4-addpath-4-prefixes").nlri());
    }

    @Test
    void gobgpUpdateWithAttributesOutOfTypeOrder() {
        // NEXT_HOP after COMMUNITIES on the wire; the set is by type code all the same.
        Update u = update("gobgp-update-ipv4-no-export");
        assertEquals(Origin.EGP, u.attributes().origin());
        assertEquals("64512 65010 4200000002", u.attributes().asPath().toString());
        assertEquals(Communities.of(Communities.NO_EXPORT, Communities.community(64512, 201)), u.attributes().communities());
        assertEquals(NextHop.of("198.19.0.2"), u.attributes().nextHop());
        assertEquals(withIds(new int[] {1}, "198.19.41.0/24"), u.nlri());
    }

    @Test
    void gobgpUpdateWithTwoLargeCommunities() {
        Update u = update("gobgp-update-ipv4-2-large-communities");
        assertEquals(List.of(new LargeCommunity(64512, 3, 1), new LargeCommunity(64512, 3, 2)),
                u.attributes().largeCommunities().values());
        assertEquals(new MultiExitDisc(30), u.attributes().med());
    }

    @Test
    void ipv6NextHopWithLinkLocalAddress() throws Exception {
        // RFC 2545 section 3: 32 octets, global then link-local.
        Update u = update("bird-update-ipv6-addpath");
        assertEquals(InetAddress.getByName("fd00:198:19::1"), u.mpReach().globalNextHop());
        assertEquals(Optional.of(InetAddress.getByName("fe80::c6ff:fe13:1")), u.mpReach().linkLocalNextHop());
        assertEquals(withIds(new int[] {5}, "fd00:198:19:100::/64"), u.mpReach().nlri());
        assertEquals(List.of(new LargeCommunity((int) 4200000001L, 6, 1)), u.attributes().largeCommunities().values());
    }

    @Test
    void ibgpIpv6UpdatesOverIpv4() throws Exception {
        Update bird = update("bird-update-ibgp-ipv6");
        assertEquals(AsPath.EMPTY, bird.attributes().asPath());
        assertEquals(new LocalPref(300), bird.attributes().localPref());
        assertEquals(InetAddress.getByName("fd00:198:19::21"), bird.mpReach().globalNextHop());
        assertEquals(PrefixList.of(Prefix.parse("fd00:198:19:1a0::/60"), Prefix.parse("fd00:198:19:101::/64"),
                Prefix.parse("fd00:198:19:100::/64"), Prefix.parse("fd00:198:19:300::/64")), bird.mpReach().nlri());
        // GoBGP's IPv4-mapped IPv6 next hop ::ffff:198.19.0.22 is 16 octets like any other.
        Update gobgp = update("gobgp-update-ibgp-ipv6-mapped-nexthop");
        assertEquals("00000000000000000000ffffc6130016", hex(gobgp.mpReach().nextHop()));
        assertEquals(new LocalPref(100), gobgp.attributes().localPref());
    }

    @Test
    void twoOctetSessionPathsAreRebuiltFromAs4Path() {
        // RFC 6793 section 4.2.3: AS_PATH 23456 64999 23456 + AS4_PATH 4200000001 64999 4200000099.
        Update bird = update("bird-update-as4path");
        assertEquals(AsPath.sequence(4200000001L, 64999, 4200000099L), bird.attributes().asPath());
        // RFC 9234 ONLY_TO_CUSTOMER (type 35, optional transitive): not interpreted, kept.
        assertEquals(new UnknownAttribute(0xC0, 35, new byte[] {(byte) 0xfa, 0x56, (byte) 0xea, 0x01}),
                bird.attributes().byType(35));
        assertEquals(AsPath.sequence(4200000001L), update("bird-update-as4path-communities").attributes().asPath());
        assertEquals(AsPath.sequence(64512, 65010, 4200000002L), update("gobgp-update-as4path").attributes().asPath());
        assertEquals(AsPath.sequence(64512), update("gobgp-update-ipv4-2octet").attributes().asPath());
    }

    @Test
    void endOfRibFromBothSpeakers() {
        // RFC 4724 section 2.
        for (String sender : List.of("bird", "gobgp")) {
            assertEquals(Optional.of(AfiSafi.IPV4_UNICAST), update(sender + "-eor-ipv4").endOfRib());
            assertEquals(Optional.of(AfiSafi.IPV6_UNICAST), update(sender + "-eor-ipv6").endOfRib());
        }
        assertEquals(Optional.empty(), update("bird-withdraw-ipv4").endOfRib());
    }

    @Test
    void withdrawalsWithAndWithoutPathIds() {
        assertEquals(withIds(new int[] {4, 4}, "198.19.50.0/24", "198.19.51.0/25"), update("bird-withdraw-ipv4-addpath").withdrawn());
        assertEquals(withIds(new int[] {6}, "fd00:198:19:300::/64"), update("bird-withdraw-ipv6-addpath").mpUnreach().withdrawn());
        Update plain = update("gobgp-withdraw-ipv6");
        assertFalse(plain.mpUnreach().withdrawn().hasPathIds());
        assertNull(plain.mpReach());
    }

    @Test
    void shutdownCommunications() {
        // RFC 8203 / RFC 9003: length octet, UTF-8 text.
        assertEquals(Optional.of("maintenance window"), ((Notification) decoded("bird-notification-shutdown")).shutdownCommunication());
        assertEquals(Optional.of("config change"), ((Notification) decoded("bird-notification-admin-reset")).shutdownCommunication());
        assertEquals(Optional.of("Wartungsfenster \u2013 zur\u00fcck um 14:00"),
                ((Notification) decoded("gobgp-notification-shutdown")).shutdownCommunication());
        Notification plain = (Notification) decoded("bird-notification-shutdown-plain");
        assertEquals("Cease / Administrative Shutdown", plain.describe());
        assertEquals(Optional.empty(), plain.shutdownCommunication());
    }

    @Test
    void badPeerAsNotifications() {
        // RFC 4271 section 6.2: 2/2. BIRD adds the AS it received as 4 octets; GoBGP no data.
        assertEquals(new Notification(2, 2, new byte[] {0, 0, (byte) 0xfc, 0}), decoded("bird-notification-bad-peer-as"));
        assertEquals(new Notification(2, 2, null), decoded("gobgp-notification-bad-peer-as"));
        assertEquals("Cease / Peer De-configured", ((Notification) decoded("gobgp-notification-peer-deconfigured")).describe());
    }

    @Test
    void birdRouteRefreshes() {
        assertEquals(RouteRefresh.request(AfiSafi.IPV6_UNICAST), decoded("bird-route-refresh-ipv6"));
        assertEquals(RouteRefresh.request(AfiSafi.IPV4_UNICAST), decoded("bird-route-refresh-ipv4"));
    }
}
