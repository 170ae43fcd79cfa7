package dev.jbgp.fsm;

import static dev.jbgp.fsm.TableExpect.idle;
import static dev.jbgp.fsm.TableExpect.stays;
import static dev.jbgp.fsm.TableExpect.to;
import static dev.jbgp.fsm.TableExpect.unchanged;
import static dev.jbgp.fsm.TableFixture.DECONFIGURED;
import static dev.jbgp.fsm.TableFixture.HEADER_ERROR;
import static dev.jbgp.fsm.TableFixture.LATE_ATTEMPT;
import static dev.jbgp.fsm.TableFixture.NEGOTIATED_HOLD;
import static dev.jbgp.fsm.TableFixture.NEGOTIATED_KEEPALIVE;
import static dev.jbgp.fsm.TableFixture.OPEN_ERROR;
import static dev.jbgp.fsm.TableFixture.OPEN_HOLD;
import static dev.jbgp.fsm.TableFixture.OTHER_IN;
import static dev.jbgp.fsm.TableFixture.OTHER_OUT;
import static dev.jbgp.fsm.TableFixture.STABLE;
import static dev.jbgp.fsm.TableFixture.on;
import static dev.jbgp.fsm.TableFixture.openConfirm;
import static dev.jbgp.fsm.TableFixture.peerOpen;
import static dev.jbgp.fsm.TableFixture.plain;
import static dev.jbgp.fsm.TableFixture.row;

import dev.jbgp.core.message.Notification;
import dev.jbgp.core.message.NotificationError;
import dev.jbgp.fsm.TableExpect.Count;
import dev.jbgp.fsm.TableExpect.Damping;
import dev.jbgp.fsm.TableFixture.Row;
import dev.jbgp.fsm.TableFixture.Walk;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** RFC 4271 section 8.2.2, "OpenConfirm State:", event by event, after the peer's OPEN (hold time 60 s). */
class FsmTableOpenConfirmTest {
    private static final Supplier<Walk> OPEN_CONFIRM = () -> openConfirm(plain(), peerOpen());

    private static final String IGNORED = "OpenConfirm: Any start event (Events 1, 3-7) is ignored in the OpenConfirm state";
    private static final String OTHER = "OpenConfirm: In response to any other event (Events 9, 12-13, 20, 27-28)";
    private static final String SECOND = "OpenConfirm: In the event of a TcpConnection_Valid event (Event 14), or the "
            + "success of a TCP connection (Event 16 or Event 17) while in OpenConfirm, the local system needs to track "
            + "the second connection";
    private static final String FAILS_OR_NOTIFICATION = "OpenConfirm: If the local system receives a TcpConnectionFails "
            + "event (Event 18) from the underlying TCP or a NOTIFICATION message (Event 25)";
    private static final String HEADER_OR_OPEN_ERROR = "OpenConfirm: If an OPEN message is received, all fields are "
            + "checked for correctness. If the BGP message header checking (BGPHeaderErr (Event 21)) or OPEN message "
            + "checking detects an error";
    /** RFC 6608: subcode 2 for a message OpenConfirm does not expect, 0 for any other event. */
    private static final Notification UNEXPECTED_MESSAGE =
            Notification.of(NotificationError.Fsm.UNEXPECTED_MESSAGE_IN_OPEN_CONFIRM);
    private static final Notification UNSPECIFIED = Notification.of(NotificationError.Fsm.UNSPECIFIED);

    static Stream<Row> rows() {
        return Stream.of(
                row(Event.ManualStart.class, IGNORED, OPEN_CONFIRM, w -> unchanged()),
                row(Event.AutomaticStart.class, IGNORED, OPEN_CONFIRM, w -> unchanged()),
                row(Event.ManualStop.class, "OpenConfirm: In response to a ManualStop event (Event 2) initiated by the operator",
                        OPEN_CONFIRM, w -> idle(w.main())
                                .notifies(w.main(), Notification.of(NotificationError.Cease.ADMINISTRATIVE_SHUTDOWN))
                                .counter(Count.ZERO).noRestart()),
                row(Event.AutomaticStop.class,
                        "OpenConfirm: In response to the AutomaticStop event initiated by the system (Event 8)", OPEN_CONFIRM,
                        w -> idle(w.main()).notifies(w.main(), DECONFIGURED)
                                .counter(Count.INCREMENTED).damping(Damping.DOUBLED).noRestart()),
                fsmErrorRow(Event.ConnectRetryTimerExpires.class, UNSPECIFIED),
                row(Event.HoldTimerExpires.class, "OpenConfirm: If the HoldTimer_Expires event (Event 10) occurs before a "
                        + "KEEPALIVE message is received", OPEN_CONFIRM,
                        w -> idle(w.main()).notifies(w.main(), Notification.of(NotificationError.HoldTimer.EXPIRED))
                                .counter(Count.INCREMENTED).damping(Damping.DOUBLED)),
                row(Event.KeepaliveTimerExpires.class,
                        "OpenConfirm: If the local system receives a KeepaliveTimer_Expires event (Event 11)", OPEN_CONFIRM,
                        w -> stays().sendsKeepalive(w.main()).starts(Timer.KEEPALIVE, NEGOTIATED_KEEPALIVE)),
                fsmErrorRow(Event.DelayOpenTimerExpires.class, UNSPECIFIED),
                fsmErrorRow(Event.IdleHoldTimerExpires.class, UNSPECIFIED),
                row(Event.CollisionHoldTimerExpires.class, "OpenConfirm: (no second connection is tracked)", OPEN_CONFIRM,
                        w -> unchanged()),
                row(Event.DampingResetTimerExpires.class, "OpenConfirm: (the damping reset runs only in Established)",
                        OPEN_CONFIRM, w -> unchanged()),
                row(Event.TcpConnectionValid.class, SECOND, OPEN_CONFIRM, on(Event.TcpConnectionValid.class, OTHER_IN),
                        w -> unchanged()),
                // The FSM ignores it; the refused connection itself is closed, as in every state.
                row(Event.TcpCrInvalid.class, "OpenConfirm: If a TCP connection is attempted with an invalid port (Event 15), "
                        + "the local system will ignore the second connection attempt", OPEN_CONFIRM,
                        on(Event.TcpCrInvalid.class, OTHER_IN), w -> stays().closes(OTHER_IN)),
                // The session holds no attempt of its own here: this one completed after it was
                // abandoned. Our attempt kept as the second connection: CollisionPendingSecondTest.
                row(Event.TcpCrAcked.class, SECOND + ", " + LATE_ATTEMPT, OPEN_CONFIRM, on(Event.TcpCrAcked.class, OTHER_OUT),
                        w -> stays().closes(OTHER_OUT)),
                row(Event.TcpConnectionConfirmed.class, SECOND, OPEN_CONFIRM, on(Event.TcpConnectionConfirmed.class, OTHER_IN),
                        w -> stays().sendsOpen(OTHER_IN).starts(Timer.COLLISION_HOLD, OPEN_HOLD).tracks(OTHER_IN)),
                row(Event.TcpConnectionFails.class, FAILS_OR_NOTIFICATION, OPEN_CONFIRM,
                        w -> idle(w.main()).counter(Count.INCREMENTED).damping(Damping.DOUBLED)),
                // Departure (Fsm javadoc): "An OPEN on the connection already in OpenConfirm ... is
                // an FSM error (RFC 6608 subcodes 2 and 3)"; OPENs on a second connection go to
                // collision detection.
                row(Event.BgpOpen.class, "OpenConfirm: If the local system receives a valid OPEN message (BGPOpen (Event 19)), "
                        + "departing: on the connection in use, an FSM error", OPEN_CONFIRM,
                        w -> idle(w.main()).notifies(w.main(), UNEXPECTED_MESSAGE)
                                .counter(Count.INCREMENTED).damping(Damping.DOUBLED)),
                row(Event.BgpHeaderErr.class, HEADER_OR_OPEN_ERROR, OPEN_CONFIRM, w -> idle(w.main())
                        .notifies(w.main(), HEADER_ERROR).counter(Count.INCREMENTED).damping(Damping.DOUBLED)),
                row(Event.BgpOpenMsgErr.class, HEADER_OR_OPEN_ERROR, OPEN_CONFIRM, w -> idle(w.main())
                        .notifies(w.main(), OPEN_ERROR).counter(Count.INCREMENTED).damping(Damping.DOUBLED)),
                row(Event.OpenCollisionDump.class,
                        "OpenConfirm: When the local system receives an OpenCollisionDump event (Event 23)", OPEN_CONFIRM,
                        w -> idle(w.main()).notifies(w.main(),
                                        Notification.of(NotificationError.Cease.CONNECTION_COLLISION_RESOLUTION))
                                .counter(Count.INCREMENTED).damping(Damping.DOUBLED)),
                // Not counted, not damped.
                row(Event.NotifMsgVerErr.class, "OpenConfirm: If the local system receives a NOTIFICATION message with a "
                        + "version error (NotifMsgVerErr (Event 24))", OPEN_CONFIRM, w -> idle(w.main())),
                row(Event.NotifMsg.class, FAILS_OR_NOTIFICATION, OPEN_CONFIRM,
                        w -> idle(w.main()).counter(Count.INCREMENTED).damping(Damping.DOUBLED)),
                // Departure (Fsm javadoc): the session's idle hold time is backed off, so the
                // damping reset timer starts, to forget the back-off once the session is stable.
                row(Event.KeepAliveMsg.class,
                        "OpenConfirm: If the local system receives a KEEPALIVE message (KeepAliveMsg (Event 26))",
                        OPEN_CONFIRM, w -> to(State.Established.class, w.main()).starts(Timer.HOLD, NEGOTIATED_HOLD)
                                .up(w.main()).starts(Timer.DAMPING_RESET, STABLE)),
                fsmErrorRow(Event.UpdateMsg.class, UNEXPECTED_MESSAGE),
                // An UPDATE, even a malformed one, is unexpected here: the FSM error, not the UPDATE error.
                fsmErrorRow(Event.UpdateMsgErr.class, UNEXPECTED_MESSAGE),
                fsmErrorRow(Event.RouteRefreshMsg.class, UNEXPECTED_MESSAGE));
    }

    /** "any other event": "sends a NOTIFICATION with a code of Finite State Machine Error", Idle, counted, damped. */
    private static Row fsmErrorRow(Class<? extends Event> type, Notification error) {
        return row(type, OTHER, OPEN_CONFIRM,
                w -> idle(w.main()).notifies(w.main(), error).counter(Count.INCREMENTED).damping(Damping.DOUBLED));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void eventInOpenConfirmFollowsSection822(Row row) {
        row.run();
    }

    @Test
    void everyEventHasARowInTheOpenConfirmTable() {
        TableFixture.assertEveryEventHasARow("OpenConfirm", rows());
    }

    @Test
    void keepaliveWithHoldTimeZeroComesUpWithoutAHoldTimer() {
        // Event 26 "restarts the HoldTimer"; with a negotiated hold time of 0 none was started
        // (OpenSent, event 19), and none is started now.
        Walk w = openConfirm(plain(), peerOpen(0));
        Session before = w.session();
        to(State.Established.class, w.main()).up(w.main()).starts(Timer.DAMPING_RESET, STABLE)
                .verify(before, w.step(new Event.KeepAliveMsg(w.main())), w.toString());
    }

    @Test
    void keepaliveTimerExpiryWithHoldTimeZeroSendsAKeepaliveWithoutRestartingTheTimer() {
        // Event 11 "restarts the KeepaliveTimer"; with a hold time of 0 the timer does not run
        // (event 19), as the Established paragraph says: "unless the negotiated HoldTime value is zero".
        Walk w = openConfirm(plain(), peerOpen(0));
        Session before = w.session();
        stays().sendsKeepalive(w.main()).verify(before, w.step(new Event.KeepaliveTimerExpires()), w.toString());
    }

    @Test
    void keepaliveWithoutABackedOffIdleHoldTimeStartsNoDampingReset() {
        // A session that has not failed since it was started has nothing to forget.
        Walk w = TableFixture.fresh(plain());
        w.step(new Event.ManualStart());
        w.step(new Event.TcpCrAcked(w.main()));
        w.step(new Event.BgpOpen(w.main(), peerOpen()));
        w.in(State.OpenConfirm.class);
        Session before = w.session();
        to(State.Established.class, w.main()).starts(Timer.HOLD, NEGOTIATED_HOLD).up(w.main())
                .verify(before, w.step(new Event.KeepAliveMsg(w.main())), w.toString());
    }

    @Test
    void keepaliveWithoutDampPeerOscillationsStartsNoDampingReset() {
        Walk w = openConfirm(TableFixture.config().dampPeerOscillations(false).build(), peerOpen());
        Session before = w.session();
        to(State.Established.class, w.main()).starts(Timer.HOLD, NEGOTIATED_HOLD).up(w.main())
                .verify(before, w.step(new Event.KeepAliveMsg(w.main())), w.toString());
    }
}
