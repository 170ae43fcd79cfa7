package dev.jbgp.fsm;

import static dev.jbgp.fsm.CollisionFixture.LOCAL_AS;
import static dev.jbgp.fsm.CollisionFixture.LOCAL_ID;
import static dev.jbgp.fsm.CollisionFixture.PEER_AS;
import static dev.jbgp.fsm.CollisionFixture.PEER_ID;
import static dev.jbgp.fsm.NegotiationTest.accepted;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jbgp.core.AfiSafi;
import dev.jbgp.core.capability.AddPath;
import dev.jbgp.core.capability.Capability;
import dev.jbgp.core.capability.EnhancedRouteRefresh;
import dev.jbgp.core.capability.ExtendedMessage;
import dev.jbgp.core.capability.FourOctetAs;
import dev.jbgp.core.capability.GracefulRestart;
import dev.jbgp.core.capability.LongLivedGracefulRestart;
import dev.jbgp.core.capability.Multiprotocol;
import dev.jbgp.core.capability.RouteRefreshSupport;
import dev.jbgp.core.codec.CodecContext;
import dev.jbgp.core.message.Open;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What two accepted OPENs settle: the {@link Negotiated} record and the codec contexts it gives. */
class NegotiationOutcomeTest {
    private static final AfiSafi V4 = AfiSafi.IPV4_UNICAST;
    private static final AfiSafi V6 = AfiSafi.IPV6_UNICAST;
    private static final AfiSafi V4_MULTICAST = new AfiSafi(AfiSafi.AFI_IPV4, AfiSafi.SAFI_MULTICAST);

    /** What our OPEN offers and what the peer's offers; nothing else configured. */
    private static Negotiated negotiate(List<Capability> ours, List<Capability> theirs) {
        SessionConfig config = CollisionFixture.config(LOCAL_AS, LOCAL_ID, PEER_AS).capabilities(ours).build();
        return accepted(config, Open.of(PEER_AS, 90, PEER_ID, theirs));
    }

    private static List<Capability> families(AfiSafi... families) {
        List<Capability> out = new ArrayList<>();
        for (AfiSafi f : families) {
            out.add(new Multiprotocol(f));
        }
        return out;
    }

    private static List<Capability> with(List<Capability> base, Capability... more) {
        List<Capability> out = new ArrayList<>(base);
        out.addAll(List.of(more));
        return out;
    }

    // ---- address families (RFC 4760) -------------------------------------------------------

    @Test
    void theFamiliesAreThoseBothSidesOffer() {
        assertEquals(Set.of(V6), negotiate(families(V4, V6), families(V6, V4_MULTICAST)).families());
        assertEquals(Set.of(V4, V6), negotiate(families(V4, V6), families(V6, V4)).families());
        assertEquals(Set.of(), negotiate(families(V4), families(V6)).families());
    }

    @Test
    void aSideThatOffersNoFamilyIsTakenToOfferIpv4Unicast() {
        // RFC 4760 section 8: a speaker without the capability routes IPv4 unicast only.
        assertAll(
                () -> assertEquals(Set.of(V4), negotiate(families(V4, V6), List.of()).families()),
                () -> assertEquals(Set.of(V4), negotiate(List.of(), families(V4, V6)).families()),
                () -> assertEquals(Set.of(V4), negotiate(List.of(), List.of()).families()),
                () -> assertEquals(Set.of(), negotiate(families(V6), List.of()).families()));
    }

    // ---- ADD-PATH (RFC 7911 section 4) -----------------------------------------------------

    /**
     * Send/Receive: 1 receive, 2 send, 3 both. We receive path identifiers when we said we
     * receive and the peer said it sends; we send them when we said we send and it said it
     * receives.
     */
    @ParameterizedTest(name = "ours {0}, theirs {1}: receive {2}, send {3}")
    @CsvSource({
        "1, 1, false, false", "1, 2, true, false", "1, 3, true, false",
        "2, 1, false, true", "2, 2, false, false", "2, 3, false, true",
        "3, 1, false, true", "3, 2, true, false", "3, 3, true, true",
        // Values other than 1 to 3 mean nothing.
        "0, 3, false, false", "3, 0, false, false", "4, 3, false, false", "3, 4, false, false"})
    void addPathDirectionsFollowWhatEachSideSaid(int ours, int theirs, boolean receive, boolean send) {
        Negotiated n = negotiate(with(families(V4), new AddPath(List.of(new AddPath.Family(V4, ours)))),
                with(families(V4), new AddPath(List.of(new AddPath.Family(V4, theirs)))));
        assertAll(
                () -> assertEquals(receive ? Set.of(V4) : Set.of(), n.addPathReceive(), "receive"),
                () -> assertEquals(send ? Set.of(V4) : Set.of(), n.addPathSend(), "send"),
                () -> assertEquals(receive, n.inbound().addPath(V4), "inbound codec"),
                () -> assertEquals(send, n.outbound().addPath(V4), "outbound codec"));
    }

    @Test
    void addPathCountsOnlyForFamiliesBothSidesNegotiatedAndBothListed() {
        // We route IPv4 only but list IPv6 for ADD-PATH; the peer lists IPv4 multicast only on its side.
        List<Capability> ours = with(families(V4, V4_MULTICAST), new AddPath(List.of(
                new AddPath.Family(V4, 3), new AddPath.Family(V6, 3), new AddPath.Family(V4_MULTICAST, 3))));
        List<Capability> theirs = with(families(V4, V6), new AddPath(List.of(
                new AddPath.Family(V4, 3), new AddPath.Family(V6, 3))));
        Negotiated n = negotiate(ours, theirs);
        assertEquals(Set.of(V4), n.families());
        assertEquals(Set.of(V4), n.addPathReceive());
        assertEquals(Set.of(V4), n.addPathSend());
    }

    @Test
    void addPathOfferedByOneSideOnlyIsNotUsed() {
        List<Capability> listed = with(families(V4), new AddPath(List.of(new AddPath.Family(V4, 3))));
        assertAll(
                () -> assertEquals(Set.of(), negotiate(listed, families(V4)).addPathReceive()),
                () -> assertEquals(Set.of(), negotiate(listed, families(V4)).addPathSend()),
                () -> assertEquals(Set.of(), negotiate(families(V4), listed).addPathReceive()),
                () -> assertEquals(Set.of(), negotiate(families(V4), listed).addPathSend()));
    }

    // ---- graceful restart (RFC 4724, RFC 9494) ---------------------------------------------

    @Test
    void gracefulRestartIsThePeersCapabilityOnlyWhenBothOffered() {
        GracefulRestart ours = new GracefulRestart(0, 120, List.of(new GracefulRestart.Family(V4, 0x80)));
        GracefulRestart theirs = new GracefulRestart(GracefulRestart.NOTIFICATION, 90, List.of(new GracefulRestart.Family(V4, 0)));
        assertAll(
                () -> assertEquals(Optional.of(theirs),
                        negotiate(with(families(V4), ours), with(families(V4), theirs)).peerGracefulRestart()),
                () -> assertEquals(Optional.empty(), negotiate(families(V4), with(families(V4), theirs)).peerGracefulRestart()),
                () -> assertEquals(Optional.empty(), negotiate(with(families(V4), ours), families(V4)).peerGracefulRestart()));
    }

    @Test
    void longLivedGracefulRestartIsThePeersCapabilityOnlyWhenBothOffered() {
        LongLivedGracefulRestart ours = new LongLivedGracefulRestart(List.of(new LongLivedGracefulRestart.Family(V4, 0, 3600)));
        LongLivedGracefulRestart theirs = new LongLivedGracefulRestart(List.of(new LongLivedGracefulRestart.Family(V4, 0x80, 60)));
        assertAll(
                () -> assertEquals(Optional.of(theirs),
                        negotiate(with(families(V4), ours), with(families(V4), theirs)).peerLongLivedGracefulRestart()),
                () -> assertEquals(Optional.empty(),
                        negotiate(families(V4), with(families(V4), theirs)).peerLongLivedGracefulRestart()),
                () -> assertEquals(Optional.empty(),
                        negotiate(with(families(V4), ours), families(V4)).peerLongLivedGracefulRestart()));
    }

    // ---- extended messages (RFC 8654) ------------------------------------------------------

    @ParameterizedTest(name = "we offer {0}, they offer {1}")
    @CsvSource({"false, false", "false, true", "true, false", "true, true"})
    void extendedMessagesMayBeReceivedWhenWeOfferedAndSentWhenTheyOffered(boolean weOffer, boolean theyOffer) {
        List<Capability> ours = weOffer ? with(families(V4), ExtendedMessage.INSTANCE) : families(V4);
        List<Capability> theirs = theyOffer ? with(families(V4), ExtendedMessage.INSTANCE) : families(V4);
        Negotiated n = negotiate(ours, theirs);
        // Section 4: whoever advertises the capability must accept such messages.
        assertAll(
                () -> assertEquals(weOffer, n.extendedMessageReceive()),
                () -> assertEquals(theyOffer, n.extendedMessageSend()),
                () -> assertEquals(weOffer ? 65535 : 4096, n.inbound().maxMessageLength()),
                () -> assertEquals(theyOffer ? 65535 : 4096, n.outbound().maxMessageLength()));
    }

    // ---- route refresh (RFC 2918, RFC 7313) ------------------------------------------------

    @ParameterizedTest(name = "we offer {0}, they offer {1}")
    @CsvSource({"false, false", "false, true", "true, false", "true, true"})
    void routeRefreshAndEnhancedRouteRefreshNeedBothSides(boolean weOffer, boolean theyOffer) {
        List<Capability> ours = weOffer
                ? with(families(V4), new RouteRefreshSupport(), EnhancedRouteRefresh.INSTANCE) : families(V4);
        List<Capability> theirs = theyOffer
                ? with(families(V4), new RouteRefreshSupport(), EnhancedRouteRefresh.INSTANCE) : families(V4);
        Negotiated n = negotiate(ours, theirs);
        assertEquals(weOffer && theyOffer, n.routeRefresh());
        assertEquals(weOffer && theyOffer, n.enhancedRouteRefresh());
    }

    @Test
    void enhancedRouteRefreshIsNegotiatedOnItsOwn() {
        // Both offer route refresh, only the peer the enhanced kind.
        Negotiated n = negotiate(with(families(V4), new RouteRefreshSupport()),
                with(families(V4), new RouteRefreshSupport(), EnhancedRouteRefresh.INSTANCE));
        assertTrue(n.routeRefresh());
        assertFalse(n.enhancedRouteRefresh());
    }

    // ---- 4-octet AS (RFC 6793), iBGP, identities -------------------------------------------

    @Test
    void fourOctetAsNumbersNeedThePeersCapabilityToo() {
        // Our OPEN always carries the capability: the peer's decides.
        SessionConfig config = CollisionFixture.config();
        assertTrue(config.open().capability(FourOctetAs.class).isPresent());
        Negotiated with = accepted(config, Open.of(PEER_AS, 90, PEER_ID, List.of()));
        Negotiated without = accepted(config, new Open((int) PEER_AS, 90, PEER_ID, List.of()));
        assertAll(
                () -> assertTrue(with.fourOctetAs()),
                () -> assertTrue(with.inbound().fourOctetAs() && with.outbound().fourOctetAs()),
                () -> assertFalse(without.fourOctetAs()),
                () -> assertFalse(without.inbound().fourOctetAs() || without.outbound().fourOctetAs()));
    }

    @Test
    void aPeerInOurAsIsInternal() {
        SessionConfig ibgp = CollisionFixture.config(LOCAL_AS, LOCAL_ID, LOCAL_AS).build();
        assertTrue(accepted(ibgp, Open.of(LOCAL_AS, 90, PEER_ID, List.of())).internal());
        assertFalse(accepted(CollisionFixture.config(), CollisionFixture.peerOpen()).internal());
    }

    @Test
    void theRecordKeepsBothOpensAndThePeersIdentity() {
        SessionConfig config = CollisionFixture.config(LOCAL_AS, LOCAL_ID, 4_200_000_000L).build();
        Open peer = Open.of(4_200_000_000L, 60, 0xC0A8_0001, List.of(new Multiprotocol(V4)));
        Negotiated n = accepted(config, peer);
        assertAll(
                () -> assertEquals(4_200_000_000L, n.peerAs()),
                () -> assertEquals(0xC0A8_0001, n.peerId()),
                () -> assertEquals(config.open(), n.localOpen()),
                () -> assertEquals(peer, n.peerOpen()));
    }

    @Test
    void inboundReadsWhatThePeerSendsAndOutboundWritesWhatWeSend() {
        // Every field differs between the two directions, so a swap cannot pass.
        List<Capability> ours = with(families(V4, V6), ExtendedMessage.INSTANCE,
                new AddPath(List.of(new AddPath.Family(V4, AddPath.RECEIVE), new AddPath.Family(V6, AddPath.SEND))));
        List<Capability> theirs = with(families(V4, V6),
                new AddPath(List.of(new AddPath.Family(V4, AddPath.SEND), new AddPath.Family(V6, AddPath.RECEIVE))));
        Negotiated n = negotiate(ours, theirs);
        assertEquals(new CodecContext(true, Set.of(V4), true), n.inbound());
        assertEquals(new CodecContext(true, Set.of(V6), false), n.outbound());
    }
}
