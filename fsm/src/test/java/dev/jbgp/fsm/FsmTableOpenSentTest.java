package dev.jbgp.fsm;

import static dev.jbgp.fsm.TableExpect.idle;
import static dev.jbgp.fsm.TableExpect.stays;
import static dev.jbgp.fsm.TableExpect.to;
import static dev.jbgp.fsm.TableExpect.unchanged;
import static dev.jbgp.fsm.TableFixture.CONNECT_RETRY;
import static dev.jbgp.fsm.TableFixture.DECONFIGURED;
import static dev.jbgp.fsm.TableFixture.HEADER_ERROR;
import static dev.jbgp.fsm.TableFixture.LATE_ATTEMPT;
import static dev.jbgp.fsm.TableFixture.LOCAL_AS;
import static dev.jbgp.fsm.TableFixture.NEGOTIATED_HOLD;
import static dev.jbgp.fsm.TableFixture.NEGOTIATED_KEEPALIVE;
import static dev.jbgp.fsm.TableFixture.OPEN_ERROR;
import static dev.jbgp.fsm.TableFixture.OPEN_HOLD;
import static dev.jbgp.fsm.TableFixture.OTHER_IN;
import static dev.jbgp.fsm.TableFixture.OTHER_OUT;
import static dev.jbgp.fsm.TableFixture.PEER_HOLD;
import static dev.jbgp.fsm.TableFixture.PEER_ID;
import static dev.jbgp.fsm.TableFixture.on;
import static dev.jbgp.fsm.TableFixture.openSent;
import static dev.jbgp.fsm.TableFixture.plain;
import static dev.jbgp.fsm.TableFixture.row;
import static dev.jbgp.fsm.TableFixture.sample;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jbgp.core.AfiSafi;
import dev.jbgp.core.capability.Multiprotocol;
import dev.jbgp.core.message.Notification;
import dev.jbgp.core.message.NotificationError;
import dev.jbgp.core.message.Open;
import dev.jbgp.fsm.TableExpect.Count;
import dev.jbgp.fsm.TableExpect.Damping;
import dev.jbgp.fsm.TableFixture.Row;
import dev.jbgp.fsm.TableFixture.Walk;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** RFC 4271 section 8.2.2, "OpenSent:", event by event, on our attempt after it came up. */
class FsmTableOpenSentTest {
    private static final Supplier<Walk> OPEN_SENT = () -> openSent(plain());

    private static final String IGNORED = "OpenSent: The start events (Events 1, 3-7) are ignored in the OpenSent state";
    private static final String OTHER = "OpenSent: In response to any other event (Events 9, 11-13, 20, 25-28)";
    private static final String SECOND = "OpenSent: If a TcpConnection_Valid (Event 14), Tcp_CR_Acked (Event 16), "
            + "or a TcpConnectionConfirmed event (Event 17) is received, a second TCP connection may be in progress";
    private static final String HEADER_OR_OPEN_ERROR =
            "OpenSent: If the BGP message header checking (Event 21) or OPEN message checking detects an error (Event 22)";
    /** RFC 6608: subcode 1 for a message OpenSent does not expect, 0 for any other event. */
    private static final Notification UNEXPECTED_MESSAGE =
            Notification.of(NotificationError.Fsm.UNEXPECTED_MESSAGE_IN_OPEN_SENT);
    private static final Notification UNSPECIFIED = Notification.of(NotificationError.Fsm.UNSPECIFIED);

    static Stream<Row> rows() {
        return Stream.of(
                row(Event.ManualStart.class, IGNORED, OPEN_SENT, w -> unchanged()),
                row(Event.AutomaticStart.class, IGNORED, OPEN_SENT, w -> unchanged()),
                row(Event.ManualStop.class, "OpenSent: If a ManualStop event (Event 2) is issued in the OpenSent state",
                        OPEN_SENT, w -> idle(w.main()).notifies(w.main(), Notification.of(NotificationError.Cease.ADMINISTRATIVE_SHUTDOWN))
                                .counter(Count.ZERO).noRestart()),
                row(Event.AutomaticStop.class, "OpenSent: If an AutomaticStop event (Event 8) is issued in the OpenSent state",
                        OPEN_SENT, w -> idle(w.main()).notifies(w.main(), DECONFIGURED)
                                .counter(Count.INCREMENTED).damping(Damping.DOUBLED).noRestart()),
                fsmErrorRow(Event.ConnectRetryTimerExpires.class, UNSPECIFIED),
                row(Event.HoldTimerExpires.class, "OpenSent: If the HoldTimer_Expires (Event 10)", OPEN_SENT,
                        w -> idle(w.main()).notifies(w.main(), Notification.of(NotificationError.HoldTimer.EXPIRED))
                                .counter(Count.INCREMENTED).damping(Damping.DOUBLED)),
                fsmErrorRow(Event.KeepaliveTimerExpires.class, UNSPECIFIED),
                fsmErrorRow(Event.DelayOpenTimerExpires.class, UNSPECIFIED),
                fsmErrorRow(Event.IdleHoldTimerExpires.class, UNSPECIFIED),
                row(Event.CollisionHoldTimerExpires.class, "OpenSent: (no second connection is tracked)", OPEN_SENT,
                        w -> unchanged()),
                row(Event.DampingResetTimerExpires.class, "OpenSent: (the damping reset runs only in Established)", OPEN_SENT,
                        w -> unchanged()),
                row(Event.TcpConnectionValid.class, SECOND, OPEN_SENT, on(Event.TcpConnectionValid.class, OTHER_IN),
                        w -> unchanged()),
                // The FSM ignores it; the refused connection itself is closed, as in every state.
                row(Event.TcpCrInvalid.class, "OpenSent: A TCP Connection Request for an Invalid port (Tcp_CR_Invalid "
                        + "(Event 15)) is ignored", OPEN_SENT, on(Event.TcpCrInvalid.class, OTHER_IN), w -> stays().closes(OTHER_IN)),
                // The session holds no attempt of its own here: this one completed after it was
                // abandoned. Our attempt kept as the second connection: CollisionPendingSecondTest.
                row(Event.TcpCrAcked.class, SECOND + ", " + LATE_ATTEMPT, OPEN_SENT, on(Event.TcpCrAcked.class, OTHER_OUT),
                        w -> stays().closes(OTHER_OUT)),
                // Tracked per section 6.8: our OPEN goes out on it, and its own hold timer bounds the wait.
                row(Event.TcpConnectionConfirmed.class, SECOND, OPEN_SENT, on(Event.TcpConnectionConfirmed.class, OTHER_IN),
                        w -> stays().sendsOpen(OTHER_IN).starts(Timer.COLLISION_HOLD, OPEN_HOLD).tracks(OTHER_IN)),
                row(Event.TcpConnectionFails.class, "OpenSent: If a TcpConnectionFails event (Event 18) is received",
                        OPEN_SENT, w -> to(State.Active.class, null).closes(w.main()).stopsTimers(Timer.HOLD)
                                .starts(Timer.CONNECT_RETRY, CONNECT_RETRY)),
                row(Event.BgpOpen.class, "OpenSent: If there are no errors in the OPEN message (Event 19)", OPEN_SENT,
                        w -> to(State.OpenConfirm.class, w.main()).stopsTimers(Timer.CONNECT_RETRY, Timer.DELAY_OPEN)
                                .sendsKeepalive(w.main()).starts(Timer.KEEPALIVE, NEGOTIATED_KEEPALIVE)
                                .starts(Timer.HOLD, NEGOTIATED_HOLD)),
                row(Event.BgpHeaderErr.class, HEADER_OR_OPEN_ERROR, OPEN_SENT, w -> idle(w.main())
                        .notifies(w.main(), HEADER_ERROR).counter(Count.INCREMENTED).damping(Damping.DOUBLED)),
                row(Event.BgpOpenMsgErr.class, HEADER_OR_OPEN_ERROR, OPEN_SENT, w -> idle(w.main())
                        .notifies(w.main(), OPEN_ERROR).counter(Count.INCREMENTED).damping(Damping.DOUBLED)),
                row(Event.OpenCollisionDump.class, "OpenSent: If a connection in the OpenSent state is determined to be the "
                        + "connection that must be closed, an OpenCollisionDump (Event 23)", OPEN_SENT,
                        w -> idle(w.main()).notifies(w.main(),
                                        Notification.of(NotificationError.Cease.CONNECTION_COLLISION_RESOLUTION))
                                .counter(Count.INCREMENTED).damping(Damping.DOUBLED)),
                // Not counted, not damped, not answered.
                row(Event.NotifMsgVerErr.class, "OpenSent: If a NOTIFICATION message is received with a version error (Event 24)",
                        OPEN_SENT, w -> idle(w.main())),
                // Departure (Fsm javadoc): "A NOTIFICATION received in OpenSent is not answered with
                // an FSM error"; otherwise as any other event: counted and damped.
                row(Event.NotifMsg.class, OTHER + ", departing: no FSM error in answer", OPEN_SENT,
                        w -> idle(w.main()).counter(Count.INCREMENTED).damping(Damping.DOUBLED)),
                fsmErrorRow(Event.KeepAliveMsg.class, UNEXPECTED_MESSAGE),
                fsmErrorRow(Event.UpdateMsg.class, UNEXPECTED_MESSAGE),
                // An UPDATE, even a malformed one, is unexpected here: the FSM error, not the UPDATE error.
                fsmErrorRow(Event.UpdateMsgErr.class, UNEXPECTED_MESSAGE),
                fsmErrorRow(Event.RouteRefreshMsg.class, UNEXPECTED_MESSAGE));
    }

    /** "any other event": "sends the NOTIFICATION with the Error Code Finite State Machine Error", Idle, counted, damped. */
    private static Row fsmErrorRow(Class<? extends Event> type, Notification error) {
        return row(type, OTHER, OPEN_SENT,
                w -> idle(w.main()).notifies(w.main(), error).counter(Count.INCREMENTED).damping(Damping.DOUBLED));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void eventInOpenSentFollowsSection822(Row row) {
        row.run();
    }

    @Test
    void everyEventHasARowInTheOpenSentTable() {
        TableFixture.assertEveryEventHasARow("OpenSent", rows());
    }

    @Test
    void connectionAcknowledgedAgainOnTheConnectionInUseChangesNothing() {
        Walk w = openSent(plain());
        Session before = w.session();
        unchanged().verify(before, w.step(new Event.TcpCrAcked(w.main())), w.toString());
    }

    @Test
    void openWithHoldTimeZeroStartsNeitherHoldTimerNorKeepaliveTimer() {
        // "If the negotiated hold time value is zero, then the HoldTimer and KeepaliveTimer are not started."
        Walk w = openSent(plain());
        Session before = w.session();
        to(State.OpenConfirm.class, w.main()).stopsTimers(Timer.CONNECT_RETRY, Timer.DELAY_OPEN, Timer.KEEPALIVE, Timer.HOLD)
                .sendsKeepalive(w.main())
                .verify(before, w.step(new Event.BgpOpen(w.main(), TableFixture.peerOpen(0))), w.toString());
        assertEquals(0, w.session().negotiated().orElseThrow().holdTime());
    }

    @Test
    void openThatFailsOurChecksIsAnOpenMessageError() {
        // "OPEN message checking detects an error (Event 22) (see Section 6.2)": an OPEN that
        // decoded but names another AS than configured gets Bad Peer AS.
        Walk w = openSent(plain());
        Session before = w.session();
        Open wrongAs = Open.of(65000, PEER_HOLD, PEER_ID, List.of(new Multiprotocol(AfiSafi.IPV4_UNICAST)));
        idle(w.main()).notifies(w.main(), Notification.of(NotificationError.Open.BAD_PEER_AS))
                .counter(Count.INCREMENTED).damping(Damping.DOUBLED)
                .verify(before, w.step(new Event.BgpOpen(w.main(), wrongAs)), w.toString());
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void openMakesTheConnectionInternalExactlyWhenThePeerIsInOurAs(boolean internal) {
        // "If the value of the Autonomous System field is the same as the local Autonomous
        // System number, then the connection is an "internal" connection".
        long peerAs = internal ? LOCAL_AS : TableFixture.PEER_AS;
        Walk w = openSent(SessionConfig.builder(LOCAL_AS, TableFixture.LOCAL_ID, peerAs).build());
        w.step(new Event.BgpOpen(w.main(), Open.of(peerAs, PEER_HOLD, PEER_ID, List.of())));
        assertEquals(internal, w.in(State.OpenConfirm.class).session().negotiated().orElseThrow().internal(), w.toString());
    }

    @Test
    void passiveSessionLosingItsConnectionListensWithoutAConnectRetryTimer() {
        // Event 18: close, listen, Active. Departure (Fsm javadoc): a passive session never
        // connects, so the ConnectRetryTimer the RFC restarts is not run.
        Walk w = openSent(TableFixture.passive());
        Session before = w.session();
        to(State.Active.class, null).closes(w.main()).stopsTimers(Timer.HOLD)
                .verify(before, w.step(sample(Event.TcpConnectionFails.class, w.main())), w.toString());
    }

    @Test
    void withoutDampPeerOscillationsHoldTimerExpiryKeepsTheIdleHoldTime() {
        // "(optionally) performs peer oscillation damping if the DampPeerOscillations attribute is set to TRUE".
        Walk w = openSent(TableFixture.config().dampPeerOscillations(false).build());
        Session before = w.session();
        idle(w.main()).notifies(w.main(), Notification.of(NotificationError.HoldTimer.EXPIRED)).counter(Count.INCREMENTED)
                .verify(before, w.step(new Event.HoldTimerExpires()), w.toString());
    }
}
