package dev.jbgp.fsm;

import static dev.jbgp.fsm.CollisionFixture.IN1;
import static dev.jbgp.fsm.CollisionFixture.OUT1;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jbgp.core.AfiSafi;
import dev.jbgp.core.message.Keepalive;
import dev.jbgp.core.message.Notification;
import dev.jbgp.core.message.NotificationError;
import dev.jbgp.core.message.Open;
import dev.jbgp.core.message.RouteRefresh;
import dev.jbgp.core.message.Update;
import dev.jbgp.fsm.CollisionFixture.Speaker;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * How what the driver sees becomes an {@link Event} (RFC 4271 section 8.1): decoded messages,
 * decode errors, connection events and timer expiries, each the event the RFC numbers.
 */
class EventMappingTest {

    // ---- messages that decoded -------------------------------------------------------------

    @Test
    void eachMessageTypeBecomesItsEventOnTheSameConnection() {
        Open open = CollisionFixture.peerOpen();
        Update update = Update.endOfRib(AfiSafi.IPV4_UNICAST);
        RouteRefresh refresh = RouteRefresh.request(AfiSafi.IPV6_UNICAST);
        assertAll(
                () -> assertEquals(new Event.BgpOpen(IN1, open), Event.received(IN1, open)),
                () -> assertEquals(new Event.KeepAliveMsg(IN1), Event.received(IN1, Keepalive.INSTANCE)),
                () -> assertEquals(new Event.UpdateMsg(OUT1, update), Event.received(OUT1, update)),
                () -> assertEquals(new Event.RouteRefreshMsg(OUT1, refresh), Event.received(OUT1, refresh)),
                // Event numbers as section 8.1.4 gives them (ROUTE-REFRESH has none).
                () -> assertEquals(19, Event.received(IN1, open).number()),
                () -> assertEquals(26, Event.received(IN1, Keepalive.INSTANCE).number()),
                () -> assertEquals(27, Event.received(IN1, update).number()),
                () -> assertEquals(0, Event.received(IN1, refresh).number()));
    }

    @Test
    void aNotificationOfUnsupportedVersionNumberIsNotifMsgVerErr() {
        Notification versionError = new Notification(2, 1, new byte[] {0, 4});
        Event e = Event.received(OUT1, versionError);
        assertEquals(new Event.NotifMsgVerErr(OUT1, versionError), e);
        assertEquals(24, e.number());
    }

    @ParameterizedTest(name = "{0}/{1}")
    @CsvSource({"1, 1", "1, 2", "2, 2", "2, 3", "2, 6", "2, 7", "3, 1", "4, 0", "5, 1", "6, 2", "6, 7", "2, 0", "2, 8"})
    void everyOtherReceivedNotificationIsNotifMsg(int code, int subcode) {
        Notification n = new Notification(code, subcode, null);
        Event e = Event.received(IN1, n);
        // Even a header or OPEN error code: the peer reports an error, our decoder found none.
        assertEquals(new Event.NotifMsg(IN1, n), e);
        assertEquals(25, e.number());
    }

    @Test
    void theMappingOfANotificationMattersToTheFsm() {
        // Section 8.2.2 OpenSent: event 24 goes Idle without counting; event 25 increments the ConnectRetryCounter.
        Speaker verErr = openSent();
        verErr.step(Event.received(OUT1, new Notification(2, 1, new byte[] {0, 4})));
        Speaker other = openSent();
        other.step(Event.received(OUT1, new Notification(6, 2, null)));
        assertEquals(new State.Idle(), verErr.state());
        assertEquals(new State.Idle(), other.state());
        assertEquals(0, verErr.session.connectRetryCounter());
        assertEquals(1, other.session.connectRetryCounter());
    }

    private static Speaker openSent() {
        Speaker s = new Speaker(CollisionFixture.config());
        s.steps(new Event.AutomaticStart(), new Event.TcpCrAcked(OUT1));
        assertEquals(new State.OpenSent(OUT1), s.state());
        return s;
    }

    // ---- decode errors ---------------------------------------------------------------------

    @ParameterizedTest(name = "{0}/{1}")
    @CsvSource({"1, 1", "1, 2", "1, 3"})
    void aHeaderErrorIsBgpHeaderErr(int code, int subcode) {
        Notification n = new Notification(code, subcode, new byte[] {0, 18});
        Event e = Event.malformed(OUT1, n);
        assertEquals(new Event.BgpHeaderErr(OUT1, n), e);
        assertEquals(21, e.number());
    }

    @ParameterizedTest(name = "{0}/{1}")
    @CsvSource({"2, 0", "2, 1", "2, 2", "2, 4", "2, 6", "2, 7"})
    void anOpenErrorIsBgpOpenMsgErr(int code, int subcode) {
        Notification n = new Notification(code, subcode, null);
        Event e = Event.malformed(IN1, n);
        assertEquals(new Event.BgpOpenMsgErr(IN1, n), e);
        assertEquals(22, e.number());
    }

    @ParameterizedTest(name = "{0}/{1}")
    @CsvSource({"3, 1", "3, 3", "3, 11", "4, 0", "5, 0", "6, 0", "7, 1", "8, 0", "0, 0", "255, 255"})
    void anUpdateErrorOrAnyOtherCodeIsUpdateMsgErr(int code, int subcode) {
        Notification n = new Notification(code, subcode, new byte[] {1, 2, 3});
        Event e = Event.malformed(IN1, n);
        assertEquals(new Event.UpdateMsgErr(IN1, n), e);
        assertEquals(28, e.number());
    }

    // ---- connection events -----------------------------------------------------------------

    @Test
    void tcpCrAckedIsOnlyAboutAConnectionWeOpened() {
        // Section 8.1.3 event 16: the local system's request to the peer was acknowledged.
        assertEquals(16, new Event.TcpCrAcked(OUT1).number());
        assertThrows(IllegalArgumentException.class, () -> new Event.TcpCrAcked(IN1));
    }

    @Test
    void tcpConnectionConfirmedIsOnlyAboutAConnectionThePeerOpened() {
        // Event 17: the local system received a connection request and it completed.
        assertEquals(17, new Event.TcpConnectionConfirmed(IN1).number());
        assertThrows(IllegalArgumentException.class, () -> new Event.TcpConnectionConfirmed(OUT1));
    }

    @Test
    void aConnectionHasADirection() {
        assertThrows(IllegalArgumentException.class, () -> new Connection(null, 1));
    }

    @Test
    void aConnectionFailureWithoutACauseStillSaysWhatHappened() {
        assertEquals("connection closed", new Event.TcpConnectionFails(IN1, null).cause());
        assertEquals("connection closed", new Event.TcpConnectionFails(IN1, " ").cause());
        assertEquals("Connection refused", new Event.TcpConnectionFails(OUT1, "Connection refused").cause());
    }

    // ---- stop events -----------------------------------------------------------------------

    @Test
    void anAutomaticStopRefusesAnythingButACease() {
        // Section 6.7: the Cease is how a speaker closes a connection without a fatal error.
        Event.AutomaticStop stop = new Event.AutomaticStop(NotificationError.Cease.MAXIMUM_NUMBER_OF_PREFIXES_REACHED);
        assertAll(
                () -> assertEquals(new Notification(6, 1, null), stop.cease()),
                () -> assertEquals(8, stop.number()),
                () -> assertThrows(IllegalArgumentException.class,
                        () -> new Event.AutomaticStop(new Notification(4, 0, null))),
                () -> assertThrows(IllegalArgumentException.class,
                        () -> new Event.AutomaticStop(new Notification(5, 0, null))),
                () -> assertThrows(IllegalArgumentException.class, () -> new Event.AutomaticStop((Notification) null)));
    }

    @Test
    void aManualStopWithoutACommunicationHasAnEmptyOne() {
        assertEquals("", new Event.ManualStop(null).shutdownCommunication());
        assertEquals("", new Event.ManualStop().shutdownCommunication());
        assertEquals(2, new Event.ManualStop().number());
    }

    // ---- timers ----------------------------------------------------------------------------

    /** Section 8.1.3: events 9 to 13; the two timers of our own have no number. */
    private static final Map<Timer, Class<? extends Event>> EXPIRIES = new EnumMap<>(Map.of(
            Timer.CONNECT_RETRY, Event.ConnectRetryTimerExpires.class,
            Timer.HOLD, Event.HoldTimerExpires.class,
            Timer.KEEPALIVE, Event.KeepaliveTimerExpires.class,
            Timer.DELAY_OPEN, Event.DelayOpenTimerExpires.class,
            Timer.IDLE_HOLD, Event.IdleHoldTimerExpires.class,
            Timer.COLLISION_HOLD, Event.CollisionHoldTimerExpires.class,
            Timer.DAMPING_RESET, Event.DampingResetTimerExpires.class));

    private static final Map<Timer, Integer> NUMBERS = new EnumMap<>(Map.of(
            Timer.CONNECT_RETRY, 9, Timer.HOLD, 10, Timer.KEEPALIVE, 11, Timer.DELAY_OPEN, 12, Timer.IDLE_HOLD, 13,
            Timer.COLLISION_HOLD, 0, Timer.DAMPING_RESET, 0));

    @ParameterizedTest
    @EnumSource(Timer.class)
    void eachTimerExpiresAsItsOwnEvent(Timer timer) {
        Class<? extends Event> expected = EXPIRIES.get(timer);
        assertNotNull(expected, () -> timer + " has no expected event here");
        Event e = timer.expiry();
        assertInstanceOf(expected, e);
        assertEquals(NUMBERS.get(timer), e.number());
    }

    @Test
    void noTwoTimersShareAnExpiryEvent() {
        EnumSet<Timer> all = EnumSet.allOf(Timer.class);
        assertEquals(all.size(), all.stream().map(t -> t.expiry().getClass()).distinct().count());
    }
}
