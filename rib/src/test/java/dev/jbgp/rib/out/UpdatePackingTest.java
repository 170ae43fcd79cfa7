package dev.jbgp.rib.out;

import static dev.jbgp.rib.out.Lab.BOTH;
import static dev.jbgp.rib.out.Lab.HOST1;
import static dev.jbgp.rib.out.Lab.IPV4;
import static dev.jbgp.rib.out.Lab.NODE1_ADDRESSES;
import static dev.jbgp.rib.out.Lab.NODE2;
import static dev.jbgp.rib.out.Lab.NODE3;
import static dev.jbgp.rib.out.Lab.address;
import static dev.jbgp.rib.out.Lab.announce;
import static dev.jbgp.rib.out.Lab.announce6;
import static dev.jbgp.rib.out.Lab.fromExternal;
import static dev.jbgp.rib.out.Lab.fromInternal;
import static dev.jbgp.rib.out.Lab.slash24s;
import static dev.jbgp.rib.out.Lab.slash48s;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jbgp.core.AfiSafi;
import dev.jbgp.core.Prefix;
import dev.jbgp.core.PrefixList;
import dev.jbgp.core.attribute.AsPath;
import dev.jbgp.core.attribute.Communities;
import dev.jbgp.core.attribute.LocalPref;
import dev.jbgp.core.attribute.MpReachNlri;
import dev.jbgp.core.attribute.MpUnreachNlri;
import dev.jbgp.core.attribute.NextHop;
import dev.jbgp.core.attribute.Origin;
import dev.jbgp.core.attribute.PathAttribute;
import dev.jbgp.core.attribute.PathAttributes;
import dev.jbgp.core.attribute.UnknownAttribute;
import dev.jbgp.core.codec.CodecContext;
import dev.jbgp.core.codec.MessageEncoder;
import dev.jbgp.core.message.Update;
import dev.jbgp.rib.Rib;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Pending prefixes leave in as few UPDATEs as the maximum message length allows: one per
 * attribute set, split only when it is full. Every UPDATE is read back from its bytes.
 */
class UpdatePackingTest {
    private static final PathAttributes SET_A = fromExternal(HOST1);
    private static final PathAttributes SET_B = fromExternal(HOST1, Communities.of(Communities.community(65000, 1)));
    private static final PathAttributes SET_C = fromExternal(HOST1, Communities.of(Communities.community(65000, 2)));

    static Stream<Arguments> contexts() {
        return Stream.of(
                Arguments.of(Named.of("4-octet AS, 4096 octets", CodecContext.DEFAULT)),
                Arguments.of(Named.of("2-octet AS (AS4_PATH added)", CodecContext.DEFAULT.withFourOctetAs(false))),
                Arguments.of(Named.of("ADD-PATH for IPv4", CodecContext.DEFAULT.withAddPath(Set.of(AfiSafi.IPV4_UNICAST)))),
                Arguments.of(Named.of("extended messages, 65535 octets", CodecContext.DEFAULT.withExtendedMessage(true))));
    }

    @ParameterizedTest
    @MethodSource("contexts")
    void prefixesSharingAnAttributeSetShareUpdatesAsFewAsTheMaximumLengthAllows(CodecContext context) {
        Rib rib = Lab.rib();
        List<Prefix> a = slash24s("10.0.0.0", 4000);
        List<Prefix> b = slash24s("20.0.0.0", 3000);
        List<Prefix> c = slash24s("30.0.0.0", 1000);
        // Interleaved arrival: grouping is by attribute set, not by arrival.
        for (int i = 0; i < 4000; i += 500) {
            announce(rib, HOST1, SET_A, a.subList(i, i + 500));
            if (i < 3000) {
                announce(rib, HOST1, SET_B, b.subList(i, i + 500));
            }
            if (i < 1000) {
                announce(rib, HOST1, SET_C, c.subList(i, i + 500));
            }
        }
        AdjRibOut out = Lab.adjRibOut(rib, NODE2, NODE1_ADDRESSES, ExportFilter.ACCEPT_ALL, context, IPV4);

        List<Update> sent = out.pull(Integer.MAX_VALUE);
        PeerSide peer = new PeerSide(context);
        peer.receive(sent);

        // To an iBGP peer an eBGP route keeps its attributes and gains LOCAL_PREF 100.
        PathAttributes expectedA = SET_A.with(new LocalPref(100));
        PathAttributes expectedB = SET_B.with(new LocalPref(100));
        PathAttributes expectedC = SET_C.with(new LocalPref(100));
        int expected = fewestUpdates(expectedA, 4000, context) + fewestUpdates(expectedB, 3000, context)
                + fewestUpdates(expectedC, 1000, context);
        assertEquals(expected + 1, sent.size(), "UPDATEs, End-of-RIB included");
        assertEquals(List.of(AfiSafi.IPV4_UNICAST), peer.endOfRib);
        assertEquals(8000, peer.routes.size());
        a.forEach(p -> assertEquals(expectedA, peer.routes.get(p), p::toString));
        b.forEach(p -> assertEquals(expectedB, peer.routes.get(p), p::toString));
        c.forEach(p -> assertEquals(expectedC, peer.routes.get(p), p::toString));
        assertEquals(Set.of(expectedA, expectedB, expectedC), attributeSets(sent));
        if (context.extendedMessage()) {
            assertEquals(4, sent.size(), "one UPDATE per attribute set, then End-of-RIB");
        }
    }

    @Test
    void threeHundredPrefixesInThreeAttributeSetsAreThreeUpdates() {
        Rib rib = Lab.rib();
        announce(rib, HOST1, SET_A, slash24s("10.0.0.0", 100));
        announce(rib, HOST1, SET_B, slash24s("20.0.0.0", 100));
        announce(rib, HOST1, SET_C, slash24s("30.0.0.0", 100));
        AdjRibOut out = Lab.adjRibOut(rib, NODE2);

        List<Update> sent = out.pull(100);

        assertEquals(3 + 2, sent.size(), "three UPDATEs and End-of-RIB for IPv4 and IPv6");
        for (Update u : sent.subList(0, 3)) {
            assertEquals(100, u.nlri().size());
        }
    }

    @Test
    void routesThatLeaveWithTheSameAttributesShareOneUpdate() {
        // Two iBGP peers' routes differ in NEXT_HOP and LOCAL_PREF; toward an eBGP peer both
        // become ORIGIN IGP, AS_PATH 64512, NEXT_HOP 198.19.0.2.
        Rib rib = Lab.rib();
        announce(rib, NODE2, fromInternal(NODE2, new LocalPref(200)), slash24s("10.0.0.0", 100));
        announce(rib, NODE3, fromInternal(NODE3, new LocalPref(50)), slash24s("20.0.0.0", 100));
        AdjRibOut out = Lab.adjRibOut(rib, HOST1);

        List<Update> sent = out.pull(100);

        assertEquals(1 + 2, sent.size());
        assertEquals(PathAttributes.of(Origin.IGP, AsPath.sequence(64512), NextHop.of("198.19.0.2")), sent.getFirst().attributes());
        assertEquals(200, sent.getFirst().nlri().size());
    }

    @Test
    void prefixesTheFilterChangesAlikeLeaveTogetherApartFromTheRestOfTheirSet() {
        // The filter makes a new, equal set for each even /24: those share one UPDATE, the odd
        // ones keep the set the rules made and share another.
        Rib rib = Lab.rib();
        announce(rib, HOST1, SET_A, slash24s("10.0.0.0", 100));
        Communities tag = Communities.of(Communities.community(64512, 7));
        ExportFilter evenTagged = route -> (route.prefix().ipv4Address() >>> 8) % 2 == 0
                ? route.attributes().with(tag) : route.attributes();
        AdjRibOut out = Lab.adjRibOut(rib, NODE2, NODE1_ADDRESSES, evenTagged, CodecContext.DEFAULT, IPV4);

        List<Update> sent = out.pull(100);

        assertEquals(2 + 1, sent.size(), "two UPDATEs and End-of-RIB");
        Update tagged = sent.get(0).attributes().communities() != null ? sent.get(0) : sent.get(1);
        Update untagged = tagged == sent.get(0) ? sent.get(1) : sent.get(0);
        assertEquals(tag, tagged.attributes().communities());
        assertEquals(50, tagged.nlri().size());
        assertNull(untagged.attributes().communities());
        assertEquals(50, untagged.nlri().size());
        for (int i = 0; i < tagged.nlri().size(); i++) {
            assertEquals(0, (tagged.nlri().get(i).ipv4Address() >>> 8) % 2);
        }
    }

    @Test
    void withdrawalsTravelInUpdatesOfTheirOwnAsFewAsFit() {
        Rib rib = Lab.rib();
        List<Prefix> gone = slash24s("10.0.0.0", 3000);
        announce(rib, HOST1, SET_A, gone.subList(0, 2000));
        announce(rib, HOST1, SET_B, gone.subList(2000, 3000));
        AdjRibOut out = Lab.adjRibOut(rib, NODE2);
        PeerSide peer = new PeerSide();
        peer.receive(out.pull(Integer.MAX_VALUE));

        gone.forEach(p -> rib.withdraw(HOST1, p, 0));
        announce(rib, HOST1, SET_C, slash24s("30.0.0.0", 10));
        List<Update> sent = out.pull(Integer.MAX_VALUE);
        peer.receive(sent);

        int perWithdrawal = (CodecContext.MAX_MESSAGE_LENGTH - MessageEncoder.updateLength(
                Update.withdraw(PrefixList.empty(AfiSafi.AFI_IPV4)), CodecContext.DEFAULT)) / 4;
        int withdrawalUpdates = ceilDiv(3000, perWithdrawal);
        assertEquals(withdrawalUpdates + 1, sent.size());
        for (Update u : sent.subList(0, withdrawalUpdates)) {
            assertTrue(u.nlri().isEmpty() && u.attributes().isEmpty() && u.mpReach() == null);
        }
        Update last = sent.getLast();
        assertTrue(last.withdrawn().isEmpty());
        assertEquals(10, last.nlri().size());
        gone.forEach(p -> assertEquals(1, peer.withdrawalsOf(p), p::toString));
        assertEquals(10, peer.routes.size());
    }

    @Test
    void ipv6PrefixesGoInMpReachNlriWithTheNextHopAndAreWithdrawnInMpUnreachNlri() {
        Rib rib = Lab.rib();
        List<Prefix> prefixes = slash48s(1000);
        announce6(rib, NODE2, fromInternal(NODE2), "fd00:198:19::3", prefixes);
        AdjRibOut out = Lab.adjRibOut(rib, HOST1);
        PeerSide peer = new PeerSide();

        List<Update> sent = out.pull(Integer.MAX_VALUE);
        peer.receive(sent);

        PathAttributes expected = PathAttributes.of(Origin.IGP, AsPath.sequence(64512));
        // A /48 takes 7 octets; past 255 octets MP_REACH_NLRI's length takes a second octet.
        int base = MessageEncoder.updateLength(Update.announce(expected,
                MpReachNlri.of(AfiSafi.IPV6_UNICAST, PrefixList.empty(AfiSafi.AFI_IPV6), address("fd00:198:19::2"))),
                CodecContext.DEFAULT);
        int announcements = ceilDiv(1000, (CodecContext.MAX_MESSAGE_LENGTH - base - 1) / 7);
        assertEquals(announcements + 2, sent.size());
        for (Update u : sent.subList(0, announcements)) {
            assertEquals(AfiSafi.IPV6_UNICAST, u.mpReach().family());
            assertTrue(u.nlri().isEmpty());
            assertNull(u.attributes().nextHop(), "the IPv6 next hop is in MP_REACH_NLRI only");
        }
        assertEquals(1000, peer.routes.size());
        prefixes.forEach(p -> {
            assertEquals(expected, peer.routes.get(p));
            assertEquals(address("fd00:198:19::2"), peer.ipv6NextHops.get(p));
        });
        assertEquals(List.of(AfiSafi.IPV4_UNICAST, AfiSafi.IPV6_UNICAST), peer.endOfRib);

        prefixes.forEach(p -> rib.withdraw(NODE2, p, 0));
        List<Update> withdrawn = out.pull(Integer.MAX_VALUE);
        peer.receive(withdrawn);

        int withdrawBase = MessageEncoder.updateLength(Update.withdraw(
                new MpUnreachNlri(AfiSafi.IPV6_UNICAST, PrefixList.empty(AfiSafi.AFI_IPV6))), CodecContext.DEFAULT);
        assertEquals(ceilDiv(1000, (CodecContext.MAX_MESSAGE_LENGTH - withdrawBase - 1) / 7), withdrawn.size());
        for (Update u : withdrawn) {
            assertEquals(AfiSafi.IPV6_UNICAST, u.mpUnreach().family());
        }
        assertTrue(peer.routes.isEmpty());
    }

    @Test
    void ipv6PrefixesSharingAttributesButNotTheNextHopTakeOneUpdateEach() {
        Rib rib = Lab.rib();
        PathAttributes same = fromExternal(HOST1);
        announce6(rib, HOST1, same, "fd00:198:19::fe", slash48s(10));
        List<Prefix> others = slash48s(20).subList(10, 20);
        announce6(rib, Lab.ROUTER2, fromExternal(HOST1), "fd00:198:19::fd", others);
        AdjRibOut out = Lab.adjRibOut(rib, NODE2);   // iBGP: next hops kept
        PeerSide peer = new PeerSide();

        List<Update> sent = out.pull(100);
        peer.receive(sent);

        assertEquals(2 + 2, sent.size());
        assertEquals(address("fd00:198:19::fe"), peer.ipv6NextHops.get(slash48s(1).getFirst()));
        assertEquals(address("fd00:198:19::fd"), peer.ipv6NextHops.get(others.getFirst()));
    }

    @Test
    void aPullTakesNoMoreThanAskedAndTheNextOneResumesWhereItStopped() {
        Rib rib = Lab.rib();
        announce(rib, HOST1, SET_A, slash24s("10.0.0.0", 4000));
        announce(rib, HOST1, SET_B, slash24s("20.0.0.0", 3000));
        announce6(rib, HOST1, SET_C, "fd00:198:19::fe", slash48s(700));
        AdjRibOut out = Lab.adjRibOut(rib, NODE2);
        PeerSide peer = new PeerSide();
        int pulls = 0;
        while (out.hasPending() && pulls < 10_000) {
            List<Update> one = out.pull(1);
            assertTrue(one.size() <= 1);
            peer.receive(one);
            pulls++;
        }

        AdjRibOut all = Lab.adjRibOut(rib, NODE3);
        assertEquals(all.pull(Integer.MAX_VALUE).size(), peer.updates);
        assertEquals(peer.updates, pulls);
        assertEquals(7700, peer.routes.size());
        peer.announcements.values().forEach(n -> assertEquals(1, n));
        assertEquals(List.of(AfiSafi.IPV4_UNICAST, AfiSafi.IPV6_UNICAST), peer.endOfRib);
    }

    @Test
    void aRouteWhoseAttributesAloneFillTheMaximumLengthIsNotSentAndIsWithdrawnIfThePeerHeldIt() {
        // An attribute of 4,070 octets fits an extended message from one peer, not a 4096-octet one to another.
        Rib rib = Lab.rib();
        Prefix big = slash24s("10.0.0.0", 1).getFirst();
        Prefix small = slash24s("20.0.0.0", 1).getFirst();
        announce(rib, HOST1, SET_A, big, small);
        AdjRibOut out = Lab.adjRibOut(rib, NODE2);
        PeerSide peer = new PeerSide();
        peer.receive(out.pull(10));
        assertEquals(2, peer.routes.size());

        PathAttributes huge = SET_A.with(new UnknownAttribute(PathAttribute.FLAG_OPTIONAL | PathAttribute.FLAG_TRANSITIVE,
                99, new byte[4070]));
        announce(rib, HOST1, huge, big);
        List<Update> sent = out.pull(10);
        peer.receive(sent);

        assertEquals(1, sent.size());
        assertEquals(1, peer.withdrawalsOf(big));
        assertEquals(Set.of(small), peer.routes.keySet());
        assertEquals(1, out.advertisedCount());
    }

    private static int fewestUpdates(PathAttributes attributes, int prefixes, CodecContext context) {
        int base = MessageEncoder.updateLength(Update.announce(attributes, PrefixList.empty(AfiSafi.AFI_IPV4)), context);
        int perPrefix = (context.addPath(AfiSafi.IPV4_UNICAST) ? 4 : 0) + 1 + 3;
        return ceilDiv(prefixes, (context.maxMessageLength() - base) / perPrefix);
    }

    private static Set<PathAttributes> attributeSets(List<Update> updates) {
        Set<PathAttributes> sets = new LinkedHashSet<>();
        for (Update u : updates) {
            if (u.endOfRib().isEmpty()) {
                sets.add(u.attributes());
            }
        }
        return sets;
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }
}
