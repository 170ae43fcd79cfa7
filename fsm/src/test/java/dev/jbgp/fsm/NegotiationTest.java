package dev.jbgp.fsm;

import static dev.jbgp.fsm.CollisionFixture.LOCAL_AS;
import static dev.jbgp.fsm.CollisionFixture.LOCAL_ID;
import static dev.jbgp.fsm.CollisionFixture.OUT1;
import static dev.jbgp.fsm.CollisionFixture.PEER_AS;
import static dev.jbgp.fsm.CollisionFixture.PEER_ID;
import static dev.jbgp.fsm.CollisionFixture.notifications;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jbgp.core.AfiSafi;
import dev.jbgp.core.capability.Capability;
import dev.jbgp.core.capability.EnhancedRouteRefresh;
import dev.jbgp.core.capability.FourOctetAs;
import dev.jbgp.core.capability.Multiprotocol;
import dev.jbgp.core.capability.RouteRefreshSupport;
import dev.jbgp.core.codec.CodecContext;
import dev.jbgp.core.codec.DecodeResult;
import dev.jbgp.core.codec.MessageDecoder;
import dev.jbgp.core.codec.MessageEncoder;
import dev.jbgp.core.message.Notification;
import dev.jbgp.core.message.Open;
import dev.jbgp.core.message.Update;
import dev.jbgp.fsm.CollisionFixture.Speaker;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The checks of the peer's OPEN (RFC 4271 section 6.2, RFC 5492, RFC 6286, RFC 6793) and the
 * hold and keepalive times they settle (sections 4.2, 4.4 and 10), alone and through the FSM.
 */
class NegotiationTest {
    private static final Multiprotocol IPV4 = new Multiprotocol(AfiSafi.IPV4_UNICAST);
    private static final Multiprotocol IPV6 = new Multiprotocol(AfiSafi.IPV6_UNICAST);

    static Negotiated accepted(SessionConfig config, Open peer) {
        Negotiation.Result result = Negotiation.check(config, peer);
        return assertInstanceOf(Negotiation.Accepted.class, result, () -> "refused: " + result).negotiated();
    }

    static Notification refused(SessionConfig config, Open peer) {
        Negotiation.Result result = Negotiation.check(config, peer);
        return assertInstanceOf(Negotiation.Refused.class, result, () -> "accepted: " + result).notification();
    }

    static SessionConfig config(long peerAs) {
        return CollisionFixture.config(LOCAL_AS, LOCAL_ID, peerAs).build();
    }

    private static Open openWithHold(int hold) {
        return Open.of(PEER_AS, hold, PEER_ID, List.of(IPV4));
    }

    // ---- hold and keepalive ----------------------------------------------------------------

    @ParameterizedTest(name = "ours {0}, theirs {1}: hold {2}, keepalive {3}")
    @CsvSource({
        "90, 30, 30, 10", "30, 90, 30, 10", "90, 90, 90, 30", "240, 180, 180, 60", "3, 90, 3, 1", "90, 4, 4, 1",
        "0, 90, 0, 0", "90, 0, 0, 0", "0, 0, 0, 0", "65535, 65535, 65535, 21845"})
    void theHoldTimeIsTheSmallerProposalAndTheKeepaliveAThirdOfIt(int ours, int theirs, int hold, int keepalive) {
        SessionConfig config = CollisionFixture.config(LOCAL_AS, LOCAL_ID, PEER_AS).holdTime(ours).build();
        Negotiated n = accepted(config, openWithHold(theirs));
        assertAll(
                () -> assertEquals(hold, n.holdTime()),
                () -> assertEquals(keepalive, n.keepaliveTime()),
                () -> assertEquals(Duration.ofSeconds(hold), n.hold()),
                () -> assertEquals(Duration.ofSeconds(keepalive), n.keepalive()));
    }

    @ParameterizedTest(name = "configured {0} with hold {1}: keepalive {2}")
    @CsvSource({"10, 90, 10", "30, 90, 30", "40, 90, 30", "65535, 90, 30", "1, 3, 1", "5, 0, 0"})
    void aConfiguredKeepaliveIsUsedButNeverAboveAThirdOfTheHoldTime(int configured, int hold, int keepalive) {
        SessionConfig config = CollisionFixture.config(LOCAL_AS, LOCAL_ID, PEER_AS).keepaliveTime(configured).build();
        Negotiated n = accepted(config, openWithHold(hold));
        assertEquals(hold, n.holdTime());
        assertEquals(keepalive, n.keepaliveTime());
    }

    @ParameterizedTest(name = "hold time {0}")
    @CsvSource({"1", "2"})
    void aHoldTimeOfOneOrTwoSecondsIsUnacceptable(int hold) {
        // Section 6.2: Hold Time values of one or two seconds MUST be rejected: 2/6.
        assertEquals(new Notification(2, 6, null), refused(CollisionFixture.config(), openWithHold(hold)));
    }

    @ParameterizedTest(name = "ours {0}, theirs {1}")
    @CsvSource({"90, 0", "0, 90", "0, 0"})
    void aZeroHoldTimeRunsNeitherHoldNorKeepaliveTimerThroughTheSession(int ours, int theirs) {
        // Section 4.2: a Hold Time of zero means KEEPALIVEs are not sent and the HoldTimer does not run.
        Speaker s = new Speaker(CollisionFixture.config(LOCAL_AS, LOCAL_ID, PEER_AS).holdTime(ours).build());
        s.steps(new Event.AutomaticStart(), new Event.TcpCrAcked(OUT1));
        assertTrue(s.running.containsKey(Timer.HOLD), "OpenSent waits for the OPEN under the large hold time");
        s.step(new Event.BgpOpen(OUT1, openWithHold(theirs)));
        assertEquals("OpenConfirm", s.state().name());
        assertNoHoldOrKeepalive(s);
        s.step(new Event.KeepAliveMsg(OUT1));
        assertEquals("Established", s.state().name());
        assertNoHoldOrKeepalive(s);
        s.step(new Event.UpdateMsg(OUT1, Update.endOfRib(AfiSafi.IPV4_UNICAST)));
        assertNoHoldOrKeepalive(s);
        s.step(new Event.KeepAliveMsg(OUT1));
        assertNoHoldOrKeepalive(s);
        assertEquals("Established", s.state().name());
    }

    private static void assertNoHoldOrKeepalive(Speaker s) {
        assertFalse(s.running.containsKey(Timer.HOLD), () -> "HoldTimer runs after " + s.history);
        assertFalse(s.running.containsKey(Timer.KEEPALIVE), () -> "KeepaliveTimer runs after " + s.history);
    }

    @Test
    void theFsmRunsTheNegotiatedHoldTimeAndAJitteredKeepalive() {
        Speaker s = new Speaker(CollisionFixture.config());
        s.steps(new Event.AutomaticStart(), new Event.TcpCrAcked(OUT1), new Event.BgpOpen(OUT1, openWithHold(30)));
        assertEquals(Duration.ofSeconds(30), s.running.get(Timer.HOLD));
        // Section 10: jitter takes a random 0 to 25% off the keepalive time of 10 s.
        Duration keepalive = s.running.get(Timer.KEEPALIVE);
        assertTrue(keepalive.compareTo(Duration.ofMillis(7_500)) >= 0 && keepalive.compareTo(Duration.ofSeconds(10)) <= 0,
                () -> "keepalive " + keepalive);
    }

    // ---- Bad Peer AS -----------------------------------------------------------------------

    static Stream<Arguments> badPeerAs() {
        long fourOctet = 4_200_000_000L;
        return Stream.of(
                Arguments.of("another AS than the configured one", config(PEER_AS), Open.of(PEER_AS + 1, 90, PEER_ID, List.of())),
                Arguments.of("AS 0 in the 2-octet field", config(PEER_AS), new Open(0, 90, PEER_ID, List.of())),
                Arguments.of("AS 0 in the 4-octet AS capability", config(PEER_AS),
                        new Open(Open.AS_TRANS, 90, PEER_ID, List.of(new FourOctetAs(0)))),
                Arguments.of("AS_TRANS in the 2-octet field, no 4-octet capability", config(PEER_AS),
                        new Open(Open.AS_TRANS, 90, PEER_ID, List.of())),
                Arguments.of("AS_TRANS alone from a peer expected with a 4-octet AS", config(fourOctet),
                        new Open(Open.AS_TRANS, 90, PEER_ID, List.of())),
                Arguments.of("AS_TRANS inside the 4-octet AS capability", config(PEER_AS),
                        new Open(Open.AS_TRANS, 90, PEER_ID, List.of(new FourOctetAs(Open.AS_TRANS)))),
                Arguments.of("the 2-octet field disagrees with the capability", config(PEER_AS),
                        new Open((int) PEER_AS + 1, 90, PEER_ID, List.of(new FourOctetAs(PEER_AS)))),
                Arguments.of("a 2-octet AS beside a 4-octet capability that needs AS_TRANS", config(fourOctet),
                        new Open(64512, 90, PEER_ID, List.of(new FourOctetAs(fourOctet)))),
                Arguments.of("a 4-octet AS expected, the peer has no capability", config(fourOctet),
                        new Open((int) (fourOctet & 0xFFFF), 90, PEER_ID, List.of())),
                Arguments.of("the capability names another 4-octet AS", config(fourOctet),
                        Open.of(fourOctet + 1, 90, PEER_ID, List.of())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badPeerAs")
    void anUnacceptableAsIsBadPeerAs(String why, SessionConfig config, Open open) {
        assertEquals(new Notification(2, 2, null), refused(config, open));
    }

    @Test
    void theAsIsTakenFromTheCapabilityWhenThereIsOneElseFromTheTwoOctetField() {
        long fourOctet = 4_200_000_000L;
        assertAll(
                () -> assertEquals(fourOctet, accepted(config(fourOctet), Open.of(fourOctet, 90, PEER_ID, List.of())).peerAs()),
                () -> assertEquals(PEER_AS, accepted(config(PEER_AS),
                        new Open((int) PEER_AS, 90, PEER_ID, List.of(new FourOctetAs(PEER_AS)))).peerAs()),
                () -> assertEquals(PEER_AS, accepted(config(PEER_AS), new Open((int) PEER_AS, 90, PEER_ID, List.of())).peerAs()),
                // The capability carries the AS; AS_TRANS in the field only stands in for it.
                () -> assertEquals(PEER_AS, accepted(config(PEER_AS),
                        new Open(Open.AS_TRANS, 90, PEER_ID, List.of(new FourOctetAs(PEER_AS)))).peerAs()));
    }

    // ---- Bad BGP Identifier ----------------------------------------------------------------

    @Test
    void aZeroIdentifierIsBadBgpIdentifier() {
        assertEquals(new Notification(2, 3, null), refused(config(PEER_AS), Open.of(PEER_AS, 90, 0, List.of())));
    }

    @Test
    void anInternalPeerWithOurIdentifierIsBadBgpIdentifier() {
        // RFC 6286 section 2.2: within an AS the identifiers of two speakers must differ.
        SessionConfig ibgp = config(LOCAL_AS);
        assertEquals(new Notification(2, 3, null), refused(ibgp, Open.of(LOCAL_AS, 90, LOCAL_ID, List.of())));
        assertEquals(PEER_ID, accepted(ibgp, Open.of(LOCAL_AS, 90, PEER_ID, List.of())).peerId());
    }

    @Test
    void anExternalPeerMayShareOurIdentifier() {
        // RFC 6286 section 2.3: only the pair (AS, identifier) has to be unique between ASes.
        Negotiated n = accepted(config(PEER_AS), Open.of(PEER_AS, 90, LOCAL_ID, List.of()));
        assertEquals(LOCAL_ID, n.peerId());
    }

    // ---- Unsupported Version Number, from the bytes ---------------------------------------

    @Test
    void anOpenOfVersionThreeIsRefusedWithUnsupportedVersionNumberNamingVersionFour() {
        byte[] bytes = MessageEncoder.toBytes(CollisionFixture.peerOpen(), CodecContext.DEFAULT);
        assertEquals(4, bytes[19], "the octet after the 19-octet header is the version");
        bytes[19] = 3;
        DecodeResult result = new MessageDecoder(CodecContext.DEFAULT).decode(bytes);
        Notification n = assertInstanceOf(DecodeResult.SessionReset.class, result).notification();
        Event event = Event.malformed(OUT1, n);
        assertInstanceOf(Event.BgpOpenMsgErr.class, event);

        Speaker s = new Speaker(CollisionFixture.config());
        s.steps(new Event.AutomaticStart(), new Event.TcpCrAcked(OUT1));
        s.step(event);
        // Section 6.2: subcode 1, data the 2-octet largest version we support, 4.
        Notification expected = new Notification(2, 1, new byte[] {0, 4});
        assertEquals(List.of(new Action.SendNotification(OUT1, expected)), notifications(s.last));
        assertEquals(new State.Idle(), s.state());
    }

    // ---- Unsupported Capability ------------------------------------------------------------

    @Test
    void missingRequiredCapabilitiesAreListedInTheNotificationData() {
        SessionConfig config = CollisionFixture.config(LOCAL_AS, LOCAL_ID, PEER_AS)
                .requiredCapabilities(List.of(IPV6, new RouteRefreshSupport(), EnhancedRouteRefresh.INSTANCE)).build();
        Notification n = refused(config, Open.of(PEER_AS, 90, PEER_ID, List.of(IPV4, new RouteRefreshSupport())));
        assertEquals(2, n.code());
        assertEquals(7, n.subcode());
        // RFC 5492 section 5: code, length, value of each: MP IPv6 unicast (AFI 2, reserved, SAFI 1), enhanced RR (70).
        assertArrayEquals(new byte[] {1, 4, 0, 2, 0, 1, 70, 0}, n.data());
    }

    @Test
    void aRequiredMultiprotocolCapabilityIsMatchedByItsFamily() {
        SessionConfig config = CollisionFixture.config(LOCAL_AS, LOCAL_ID, PEER_AS)
                .capabilities(List.of(IPV4, IPV6)).requiredCapabilities(List.of(IPV6)).build();
        Notification n = refused(config, Open.of(PEER_AS, 90, PEER_ID, List.of(IPV4)));
        assertArrayEquals(new byte[] {1, 4, 0, 2, 0, 1}, n.data());
        assertEquals(2, n.code());
        assertEquals(7, n.subcode());
        accepted(config, Open.of(PEER_AS, 90, PEER_ID, List.of(IPV4, IPV6)));
        accepted(config, Open.of(PEER_AS, 90, PEER_ID, List.of(IPV6)));
    }

    @Test
    void requiredCapabilitiesThePeerOffersAreAccepted() {
        List<Capability> required = List.of(new RouteRefreshSupport(), EnhancedRouteRefresh.INSTANCE);
        SessionConfig config = CollisionFixture.config(LOCAL_AS, LOCAL_ID, PEER_AS).requiredCapabilities(required).build();
        assertTrue(accepted(config, Open.of(PEER_AS, 90, PEER_ID,
                List.of(IPV4, EnhancedRouteRefresh.INSTANCE, new RouteRefreshSupport()))).routeRefresh());
    }

    // ---- a refused OPEN in OpenSent --------------------------------------------------------

    static Stream<Arguments> refusals() {
        SessionConfig plain = CollisionFixture.config();
        SessionConfig requiresV6 = CollisionFixture.config(LOCAL_AS, LOCAL_ID, PEER_AS)
                .requiredCapabilities(List.of(IPV6)).build();
        return Stream.of(
                Arguments.of("Bad Peer AS", plain, Open.of(PEER_AS + 1, 90, PEER_ID, List.of()), new Notification(2, 2, null)),
                Arguments.of("Bad BGP Identifier", plain, Open.of(PEER_AS, 90, 0, List.of()), new Notification(2, 3, null)),
                Arguments.of("Unacceptable Hold Time", plain, openWithHold(2), new Notification(2, 6, null)),
                Arguments.of("Unsupported Capability", requiresV6, openWithHold(90),
                        new Notification(2, 7, new byte[] {1, 4, 0, 2, 0, 1})));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void aRefusedOpenInOpenSentSendsExactlyItsNotificationAndGoesIdle(String why, SessionConfig config, Open open,
            Notification expected) {
        Speaker s = new Speaker(config);
        s.steps(new Event.AutomaticStart(), new Event.TcpCrAcked(OUT1));
        List<Action> actions = s.step(new Event.BgpOpen(OUT1, open));
        int sent = actions.indexOf(new Action.SendNotification(OUT1, expected));
        int closed = actions.indexOf(new Action.Close(OUT1));
        assertAll(
                () -> assertEquals(List.of(new Action.SendNotification(OUT1, expected)), notifications(actions)),
                () -> assertTrue(sent >= 0 && closed > sent, () -> "NOTIFICATION, then Close: " + actions),
                () -> assertFalse(actions.stream().anyMatch(a -> a instanceof Action.SendKeepalive)),
                () -> assertEquals(new State.Idle(), s.state()),
                () -> assertEquals(Optional.of(expected), s.session.lastError().flatMap(Reason::notification)),
                () -> assertEquals(Optional.empty(), s.session.negotiated()));
    }
}
