package dev.jbgp.fsm;

import static dev.jbgp.fsm.TableExpect.idle;
import static dev.jbgp.fsm.TableExpect.stays;
import static dev.jbgp.fsm.TableExpect.unchanged;
import static dev.jbgp.fsm.TableFixture.DECONFIGURED;
import static dev.jbgp.fsm.TableFixture.HEADER_ERROR;
import static dev.jbgp.fsm.TableFixture.LATE_ATTEMPT;
import static dev.jbgp.fsm.TableFixture.IDLE_HOLD;
import static dev.jbgp.fsm.TableFixture.NEGOTIATED_HOLD;
import static dev.jbgp.fsm.TableFixture.NEGOTIATED_KEEPALIVE;
import static dev.jbgp.fsm.TableFixture.OPEN_HOLD;
import static dev.jbgp.fsm.TableFixture.OTHER_IN;
import static dev.jbgp.fsm.TableFixture.OTHER_OUT;
import static dev.jbgp.fsm.TableFixture.PEER_RESET;
import static dev.jbgp.fsm.TableFixture.REFRESH;
import static dev.jbgp.fsm.TableFixture.UPDATE;
import static dev.jbgp.fsm.TableFixture.UPDATE_ERROR;
import static dev.jbgp.fsm.TableFixture.established;
import static dev.jbgp.fsm.TableFixture.on;
import static dev.jbgp.fsm.TableFixture.peerOpen;
import static dev.jbgp.fsm.TableFixture.plain;
import static dev.jbgp.fsm.TableFixture.row;
import static dev.jbgp.fsm.TableFixture.sample;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jbgp.core.message.Notification;
import dev.jbgp.core.message.NotificationError;
import dev.jbgp.fsm.TableExpect.Count;
import dev.jbgp.fsm.TableExpect.Damping;
import dev.jbgp.fsm.TableFixture.Row;
import dev.jbgp.fsm.TableFixture.Walk;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * RFC 4271 section 8.2.2, "Established State:", event by event, with a negotiated hold time of
 * 60 s and an idle hold time backed off by the failure on the way (so the damping reset runs).
 */
class FsmTableEstablishedTest {
    private static final Supplier<Walk> ESTABLISHED = () -> established(plain(), peerOpen());

    private static final String IGNORED = "Established: Any Start event (Events 1, 3-7) is ignored in the Established state";
    private static final String OTHER = "Established: In response to any other event (Events 9, 12-13, 20-22)";
    private static final String SECOND = "Established: In response to an indication that the TCP connection is "
            + "successfully established (Event 16 or Event 17), the second connection SHALL be tracked";
    private static final String NOTIFICATION_OR_FAILS = "Established: If the local system receives a NOTIFICATION "
            + "message (Event 24 or Event 25) or a TcpConnectionFails (Event 18)";
    /** RFC 6608: subcode 3 for a message Established does not expect, 0 for any other event. */
    private static final Notification UNEXPECTED_MESSAGE =
            Notification.of(NotificationError.Fsm.UNEXPECTED_MESSAGE_IN_ESTABLISHED);
    private static final Notification UNSPECIFIED = Notification.of(NotificationError.Fsm.UNSPECIFIED);

    static Stream<Row> rows() {
        return Stream.of(
                row(Event.ManualStart.class, IGNORED, ESTABLISHED, w -> unchanged()),
                row(Event.AutomaticStart.class, IGNORED, ESTABLISHED, w -> unchanged()),
                row(Event.ManualStop.class, "Established: In response to a ManualStop event (initiated by an operator) (Event 2)",
                        ESTABLISHED, w -> idle(w.main()).down()
                                .notifies(w.main(), Notification.of(NotificationError.Cease.ADMINISTRATIVE_SHUTDOWN))
                                .counter(Count.ZERO).noRestart()),
                row(Event.AutomaticStop.class, "Established: In response to an AutomaticStop event (Event 8)", ESTABLISHED,
                        w -> idle(w.main()).down().notifies(w.main(), DECONFIGURED)
                                .counter(Count.INCREMENTED).damping(Damping.DOUBLED).noRestart()),
                fsmErrorRow(Event.ConnectRetryTimerExpires.class, UNSPECIFIED, OTHER),
                row(Event.HoldTimerExpires.class, "Established: If the HoldTimer_Expires event occurs (Event 10)", ESTABLISHED,
                        w -> idle(w.main()).down().notifies(w.main(), Notification.of(NotificationError.HoldTimer.EXPIRED))
                                .counter(Count.INCREMENTED).damping(Damping.DOUBLED)),
                row(Event.KeepaliveTimerExpires.class, "Established: If the KeepaliveTimer_Expires event occurs (Event 11)",
                        ESTABLISHED, w -> stays().sendsKeepalive(w.main()).starts(Timer.KEEPALIVE, NEGOTIATED_KEEPALIVE)),
                fsmErrorRow(Event.DelayOpenTimerExpires.class, UNSPECIFIED, OTHER),
                fsmErrorRow(Event.IdleHoldTimerExpires.class, UNSPECIFIED, OTHER),
                row(Event.CollisionHoldTimerExpires.class, "Established: (no second connection is tracked)", ESTABLISHED,
                        w -> unchanged()),
                // Departure (Fsm javadoc): "a session that stays Established for stablePeriod
                // returns it [the idle hold time] to its initial value".
                row(Event.DampingResetTimerExpires.class, "Established: departing, stable long enough: the back-off is "
                        + "forgotten", ESTABLISHED, w -> stays().damping(Damping.RESET)),
                row(Event.TcpConnectionValid.class, "Established: A TcpConnection_Valid (Event 14), received for a valid port, "
                        + "will cause the second connection to be tracked", ESTABLISHED,
                        on(Event.TcpConnectionValid.class, OTHER_IN), w -> unchanged()),
                // The FSM ignores it; the refused connection itself is closed, as in every state.
                row(Event.TcpCrInvalid.class, "Established: An invalid TCP connection (Tcp_CR_Invalid event (Event 15)) "
                        + "will be ignored", ESTABLISHED, on(Event.TcpCrInvalid.class, OTHER_IN), w -> stays().closes(OTHER_IN)),
                // The session holds no attempt of its own here: this one completed after it was
                // abandoned. Our attempt kept as the second connection: CollisionPendingSecondTest.
                row(Event.TcpCrAcked.class, SECOND + ", " + LATE_ATTEMPT, ESTABLISHED, on(Event.TcpCrAcked.class, OTHER_OUT),
                        w -> stays().closes(OTHER_OUT)),
                row(Event.TcpConnectionConfirmed.class, SECOND, ESTABLISHED, on(Event.TcpConnectionConfirmed.class, OTHER_IN),
                        w -> stays().sendsOpen(OTHER_IN).starts(Timer.COLLISION_HOLD, OPEN_HOLD).tracks(OTHER_IN)),
                // Counted; damped too, a documented departure ("A failure of an Established
                // session is damped too (section 8.2.2 omits it there)").
                lostRow(Event.TcpConnectionFails.class),
                // Departure (Fsm javadoc): an OPEN on the connection in use is an FSM error, subcode 3.
                fsmErrorRow(Event.BgpOpen.class, UNEXPECTED_MESSAGE, "Established: If a valid OPEN message (BGPOpen "
                        + "(Event 19)) is received ... departing: on the connection in use, an FSM error"),
                // Departure (Fsm javadoc): "A message header error in Established sends the header
                // error's own NOTIFICATION (section 6.1), not an FSM error".
                row(Event.BgpHeaderErr.class, OTHER + ", departing: the header error's own NOTIFICATION", ESTABLISHED,
                        w -> idle(w.main()).down().notifies(w.main(), HEADER_ERROR)
                                .counter(Count.INCREMENTED).damping(Damping.DOUBLED)),
                fsmErrorRow(Event.BgpOpenMsgErr.class, UNEXPECTED_MESSAGE, OTHER),
                row(Event.OpenCollisionDump.class, "Established: If the BGP implementation determines that this connection "
                        + "needs to be terminated, it will process an OpenCollisionDump event (Event 23)", ESTABLISHED,
                        w -> idle(w.main()).down().notifies(w.main(),
                                        Notification.of(NotificationError.Cease.CONNECTION_COLLISION_RESOLUTION))
                                .counter(Count.INCREMENTED).damping(Damping.DOUBLED)),
                lostRow(Event.NotifMsgVerErr.class),
                lostRow(Event.NotifMsg.class),
                row(Event.KeepAliveMsg.class, "Established: If the local system receives a KEEPALIVE message (Event 26)",
                        ESTABLISHED, w -> stays().starts(Timer.HOLD, NEGOTIATED_HOLD)),
                row(Event.UpdateMsg.class, "Established: If the local system receives an UPDATE message (Event 27)",
                        ESTABLISHED, w -> stays().delivers(UPDATE).starts(Timer.HOLD, NEGOTIATED_HOLD)),
                row(Event.UpdateMsgErr.class, "Established: If the local system receives an UPDATE message, and the UPDATE "
                        + "message error handling procedure (see Section 6.3) detects an error (Event 28)", ESTABLISHED,
                        w -> idle(w.main()).down().notifies(w.main(), UPDATE_ERROR)
                                .counter(Count.INCREMENTED).damping(Damping.DOUBLED)),
                // RFC 2918: only Established expects a ROUTE-REFRESH; like any message from the
                // peer it shows the peer alive.
                row(Event.RouteRefreshMsg.class, "Established: (RFC 2918 ROUTE-REFRESH) handed on, HoldTimer restarted",
                        ESTABLISHED, w -> stays().delivers(REFRESH).starts(Timer.HOLD, NEGOTIATED_HOLD)));
    }

    /** "any other event": "sends a NOTIFICATION message with the Error Code Finite State Machine Error", routes deleted. */
    private static Row fsmErrorRow(Class<? extends Event> type, Notification error, String paragraph) {
        return row(type, paragraph, ESTABLISHED, w -> idle(w.main()).down().notifies(w.main(), error)
                .counter(Count.INCREMENTED).damping(Damping.DOUBLED));
    }

    private static Row lostRow(Class<? extends Event> type) {
        return row(type, NOTIFICATION_OR_FAILS + ", damped by departure", ESTABLISHED,
                w -> idle(w.main()).down().counter(Count.INCREMENTED).damping(Damping.DOUBLED));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void eventInEstablishedFollowsSection822(Row row) {
        row.run();
    }

    @Test
    void everyEventHasARowInTheEstablishedTable() {
        TableFixture.assertEveryEventHasARow("Established", rows());
    }

    static Stream<Class<? extends Event>> peerIsAlive() {
        return Stream.of(Event.KeepAliveMsg.class, Event.UpdateMsg.class, Event.RouteRefreshMsg.class);
    }

    @ParameterizedTest
    @MethodSource("peerIsAlive")
    void withHoldTimeZeroMessagesRestartNoHoldTimer(Class<? extends Event> type) {
        // Events 26 and 27: "restarts its HoldTimer, if the negotiated HoldTime value is non-zero".
        Walk w = established(plain(), peerOpen(0));
        Session before = w.session();
        TableExpect x = stays();
        if (type == Event.UpdateMsg.class) {
            x.delivers(UPDATE);
        } else if (type == Event.RouteRefreshMsg.class) {
            x.delivers(REFRESH);
        }
        x.verify(before, w.step(sample(type, w.main())), w.toString());
    }

    @Test
    void withHoldTimeZeroKeepaliveTimerExpirySendsAKeepaliveWithoutRestartingTheTimer() {
        // Event 11: "restarts its KeepaliveTimer, unless the negotiated HoldTime value is zero".
        Walk w = established(plain(), peerOpen(0));
        Session before = w.session();
        stays().sendsKeepalive(w.main()).verify(before, w.step(new Event.KeepaliveTimerExpires()), w.toString());
    }

    @Test
    void manualStopCarriesTheShutdownCommunication() {
        // "sends the NOTIFICATION message with a Cease": Administrative Shutdown with the
        // operator's text (RFC 9003).
        Walk w = established(plain(), peerOpen());
        Session before = w.session();
        idle(w.main()).down().counter(Count.ZERO).noRestart()
                .notifies(w.main(), Notification.cease(NotificationError.Cease.ADMINISTRATIVE_SHUTDOWN, "maintenance"))
                .verify(before, w.step(new Event.ManualStop("maintenance")), w.toString());
    }

    @Test
    void afterTheDampingResetTheNextFailureWaitsTheInitialIdleHoldTime() {
        Walk w = established(plain(), peerOpen());
        w.step(new Event.DampingResetTimerExpires());
        Transition t = w.step(new Event.HoldTimerExpires());
        assertEquals(List.of(IDLE_HOLD), t.actions().stream()
                .filter(a -> a instanceof Action.StartTimer s && s.timer() == Timer.IDLE_HOLD)
                .map(a -> ((Action.StartTimer) a).duration()).toList(), w.toString());
        assertEquals(IDLE_HOLD.multipliedBy(2), w.session().idleHoldTime(), w.toString());
    }

    static Stream<Arguments> endings() {
        return Stream.of(
                Arguments.of(new Event.ManualStop(), Reason.Kind.MANUAL_STOP,
                        Notification.of(NotificationError.Cease.ADMINISTRATIVE_SHUTDOWN)),
                Arguments.of(new Event.AutomaticStop(DECONFIGURED), Reason.Kind.AUTOMATIC_STOP, DECONFIGURED),
                Arguments.of(new Event.HoldTimerExpires(), Reason.Kind.NOTIFICATION_SENT,
                        Notification.of(NotificationError.HoldTimer.EXPIRED)),
                Arguments.of(new Event.NotifMsg(TableFixture.OTHER_IN, PEER_RESET), Reason.Kind.NOTIFICATION_RECEIVED,
                        PEER_RESET),
                Arguments.of(new Event.TcpConnectionFails(TableFixture.OTHER_IN, "Connection reset by peer"),
                        Reason.Kind.CONNECTION_FAILED, null));
    }

    @ParameterizedTest
    @MethodSource("endings")
    void sessionDownSaysWhyTheSessionEnded(Event ending, Reason.Kind kind, Notification notification) {
        // "deletes all routes associated with this connection": SessionDown tells the RIB, and
        // the operator, why. Connection events are re-addressed to the connection in use.
        Walk w = established(plain(), peerOpen());
        Event e = switch (ending) {
            case Event.NotifMsg n -> new Event.NotifMsg(w.main(), n.notification());
            case Event.TcpConnectionFails f -> new Event.TcpConnectionFails(w.main(), f.cause());
            default -> ending;
        };
        Reason reason = w.step(e).actions().stream().filter(Action.SessionDown.class::isInstance)
                .map(a -> ((Action.SessionDown) a).reason()).findFirst().orElseThrow();
        assertEquals(kind, reason.kind(), reason.describe());
        assertEquals(Optional.ofNullable(notification), reason.notification(), reason.describe());
        assertEquals(Optional.of(reason), w.session().lastError());
    }
}
