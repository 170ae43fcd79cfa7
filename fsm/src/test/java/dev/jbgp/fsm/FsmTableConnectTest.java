package dev.jbgp.fsm;

import static dev.jbgp.fsm.TableExpect.connecting;
import static dev.jbgp.fsm.TableExpect.idle;
import static dev.jbgp.fsm.TableExpect.stays;
import static dev.jbgp.fsm.TableExpect.to;
import static dev.jbgp.fsm.TableExpect.unchanged;
import static dev.jbgp.fsm.TableFixture.CONNECT_RETRY;
import static dev.jbgp.fsm.TableFixture.DECONFIGURED;
import static dev.jbgp.fsm.TableFixture.DELAY_OPEN;
import static dev.jbgp.fsm.TableFixture.HEADER_ERROR;
import static dev.jbgp.fsm.TableFixture.NEGOTIATED_HOLD;
import static dev.jbgp.fsm.TableFixture.NEGOTIATED_KEEPALIVE;
import static dev.jbgp.fsm.TableFixture.OPEN_ERROR;
import static dev.jbgp.fsm.TableFixture.OPEN_HOLD;
import static dev.jbgp.fsm.TableFixture.OTHER_IN;
import static dev.jbgp.fsm.TableFixture.connect;
import static dev.jbgp.fsm.TableFixture.connectDelaying;
import static dev.jbgp.fsm.TableFixture.on;
import static dev.jbgp.fsm.TableFixture.plain;
import static dev.jbgp.fsm.TableFixture.row;
import static dev.jbgp.fsm.TableFixture.sample;

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
import org.junit.jupiter.params.provider.ValueSource;

/**
 * RFC 4271 section 8.2.2, "Connect State:", event by event. Timer and stop events are checked
 * on the attempt in progress; messages, which need a connection that is up, on a connection
 * held while the DelayOpenTimer runs (DelayOpen set).
 */
class FsmTableConnectTest {
    private static final Supplier<Walk> CONNECT = () -> connect(plain());
    private static final Supplier<Walk> DELAYING = TableFixture::connectDelaying;

    private static final String IGNORED = "Connect: The start events (Events 1, 3-7) are ignored in the Connect state";
    private static final String OTHER = "Connect: In response to any other events (Events 8, 10-11, 13, 19, 23, 25-28)";
    private static final String HEADER_OR_OPEN_ERROR =
            "Connect: If BGP message header checking (Event 21) or OPEN message checking detects an error (Event 22)";

    static Stream<Row> rows() {
        return Stream.of(
                row(Event.ManualStart.class, IGNORED, CONNECT, w -> unchanged()),
                row(Event.AutomaticStart.class, IGNORED, CONNECT, w -> unchanged()),
                row(Event.ManualStop.class, "Connect: In response to a ManualStop event (Event 2)", CONNECT,
                        w -> idle(w.main()).counter(Count.ZERO).noRestart()),
                // Counted and damped as "any other event"; a stop, so no restart.
                row(Event.AutomaticStop.class, OTHER, CONNECT,
                        w -> idle(w.main()).counter(Count.INCREMENTED).damping(Damping.DOUBLED).noRestart()),
                row(Event.ConnectRetryTimerExpires.class, "Connect: In response to the ConnectRetryTimer_Expires event (Event 9)",
                        CONNECT, w -> connecting().closes(w.main()).starts(Timer.CONNECT_RETRY, CONNECT_RETRY)
                                .stopsTimers(Timer.DELAY_OPEN)),
                otherRow(Event.HoldTimerExpires.class, CONNECT),
                otherRow(Event.KeepaliveTimerExpires.class, CONNECT),
                row(Event.DelayOpenTimerExpires.class, "Connect: If the DelayOpenTimer_Expires event (Event 12) occurs",
                        DELAYING, w -> to(State.OpenSent.class, w.main()).sendsOpen(w.main()).starts(Timer.HOLD, OPEN_HOLD)),
                otherRow(Event.IdleHoldTimerExpires.class, CONNECT),
                row(Event.CollisionHoldTimerExpires.class,
                        "Connect: (no second connection while only our attempt is in progress)", CONNECT, w -> unchanged()),
                row(Event.DampingResetTimerExpires.class, "Connect: (the damping reset runs only in Established)", CONNECT,
                        w -> unchanged()),
                row(Event.TcpConnectionValid.class, "Connect: If the BGP FSM receives a TcpConnection_Valid event (Event 14)",
                        CONNECT, on(Event.TcpConnectionValid.class, OTHER_IN), w -> unchanged()),
                row(Event.TcpCrInvalid.class, "Connect: If the BGP FSM receives a Tcp_CR_Invalid event (Event 15)", CONNECT,
                        on(Event.TcpCrInvalid.class, OTHER_IN), w -> stays().closes(OTHER_IN)),
                row(Event.TcpCrAcked.class, "Connect: If the TCP connection succeeds (Event 16 or Event 17) ... DelayOpen FALSE",
                        CONNECT, w -> to(State.OpenSent.class, w.main()).stopsTimers(Timer.CONNECT_RETRY)
                                .sendsOpen(w.main()).starts(Timer.HOLD, OPEN_HOLD)),
                // The session goes on with the peer's connection. Our attempt in progress is not
                // dropped: the RFC gives it a machine of its own, here it is kept as the second
                // connection (Fsm javadoc), not up yet, its own hold timer running (section 6.8).
                row(Event.TcpConnectionConfirmed.class,
                        "Connect: If the TCP connection succeeds (Event 16 or Event 17) ... DelayOpen FALSE", CONNECT,
                        on(Event.TcpConnectionConfirmed.class, OTHER_IN),
                        w -> to(State.OpenSent.class, OTHER_IN).stopsTimers(Timer.CONNECT_RETRY)
                                .sendsOpen(OTHER_IN).starts(Timer.HOLD, OPEN_HOLD).starts(Timer.COLLISION_HOLD, OPEN_HOLD)
                                .tracksPending(w.main())),
                // Not counted, not damped; the restart is the departure's.
                row(Event.TcpConnectionFails.class, "Connect: If the TCP connection fails (Event 18) ... not running",
                        CONNECT, w -> idle(w.main())),
                row(Event.BgpOpen.class, "Connect: If an OPEN message is received while the DelayOpenTimer is running (Event 20)",
                        DELAYING, w -> to(State.OpenConfirm.class, w.main()).stopsTimers(Timer.CONNECT_RETRY, Timer.DELAY_OPEN)
                                .sendsOpen(w.main()).sendsKeepalive(w.main())
                                .starts(Timer.KEEPALIVE, NEGOTIATED_KEEPALIVE).starts(Timer.HOLD, NEGOTIATED_HOLD)),
                row(Event.BgpHeaderErr.class, HEADER_OR_OPEN_ERROR, DELAYING, w -> idle(w.main())
                        .notifies(w.main(), HEADER_ERROR).counter(Count.INCREMENTED).damping(Damping.DOUBLED)),
                row(Event.BgpOpenMsgErr.class, HEADER_OR_OPEN_ERROR, DELAYING, w -> idle(w.main())
                        .notifies(w.main(), OPEN_ERROR).counter(Count.INCREMENTED).damping(Damping.DOUBLED)),
                otherRow(Event.OpenCollisionDump.class, DELAYING),
                // Not counted, not damped.
                row(Event.NotifMsgVerErr.class, "Connect: If a NOTIFICATION message is received with a version error "
                        + "(Event 24) ... DelayOpenTimer is running", DELAYING, w -> idle(w.main())),
                otherRow(Event.NotifMsg.class, DELAYING),
                otherRow(Event.KeepAliveMsg.class, DELAYING),
                otherRow(Event.UpdateMsg.class, DELAYING),
                otherRow(Event.UpdateMsgErr.class, DELAYING),
                // RFC 4271 has no ROUTE-REFRESH; before Established it is one more unexpected message.
                otherRow(Event.RouteRefreshMsg.class, DELAYING));
    }

    /** "any other events": Idle, dropped, counted, damped, no NOTIFICATION. */
    private static Row otherRow(Class<? extends Event> type, Supplier<Walk> start) {
        return row(type, OTHER, start, w -> idle(w.main()).counter(Count.INCREMENTED).damping(Damping.DOUBLED));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void eventInConnectFollowsSection822(Row row) {
        row.run();
    }

    @Test
    void everyEventHasARowInTheConnectTable() {
        TableFixture.assertEveryEventHasARow("Connect", rows());
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void connectionSuccessWithDelayOpenStartsTheDelayOpenTimerAndStays(boolean peerConnects) {
        // "If the DelayOpen attribute is set to TRUE": stop the ConnectRetryTimer, start the
        // DelayOpenTimer, stay in Connect; no OPEN yet. When it is the peer's connection, our
        // attempt in progress is kept as the second connection, not up yet (Fsm javadoc).
        Walk w = connect(TableFixture.delayOpen());
        Connection c = peerConnects ? OTHER_IN : w.main();
        Event e = peerConnects ? new Event.TcpConnectionConfirmed(c) : new Event.TcpCrAcked(c);
        Session before = w.session();
        TableExpect x = to(State.Connect.class, c).stopsTimers(Timer.CONNECT_RETRY).starts(Timer.DELAY_OPEN, DELAY_OPEN);
        if (peerConnects) {
            x.starts(Timer.COLLISION_HOLD, OPEN_HOLD).tracksPending(before.connection().orElseThrow());
        }
        x.verify(before, w.step(e), w.toString());
    }

    @Test
    void connectionFailureWhileDelayingOpenGoesToActive() {
        // "If the DelayOpenTimer is running": restart the ConnectRetryTimer, stop the
        // DelayOpenTimer, listen on in Active; not counted.
        Walk w = connectDelaying();
        Session before = w.session();
        to(State.Active.class, null).closes(w.main()).starts(Timer.CONNECT_RETRY, CONNECT_RETRY)
                .stopsTimers(Timer.DELAY_OPEN)
                .verify(before, w.step(sample(Event.TcpConnectionFails.class, w.main())), w.toString());
    }

    @Test
    void versionErrorWithoutTheDelayOpenTimerIsCountedAndDamped() {
        // "If the DelayOpenTimer is not running": increments the counter, performs damping.
        Walk w = connect(plain());
        Session before = w.session();
        idle(w.main()).counter(Count.INCREMENTED).damping(Damping.DOUBLED)
                .verify(before, w.step(sample(Event.NotifMsgVerErr.class, w.main())), w.toString());
    }

    @Test
    void openWithoutTheDelayOpenTimerIsAnyOtherEvent() {
        // Event 19 is in the "any other events" list: no OPEN sent back, no NOTIFICATION.
        Walk w = connect(plain());
        Session before = w.session();
        idle(w.main()).counter(Count.INCREMENTED).damping(Damping.DOUBLED)
                .verify(before, w.step(sample(Event.BgpOpen.class, w.main())), w.toString());
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void headerOrOpenErrorSendsNotificationOnlyWithSendNotificationWithoutOpen(boolean header) {
        // "(optionally) If the SendNOTIFICATIONwithoutOPEN attribute is set to TRUE, then the
        // local system first sends a NOTIFICATION": with it unset, none.
        Walk w = connectDelaying(TableFixture.config().delayOpen(true).sendNotificationWithoutOpen(false).build());
        Session before = w.session();
        Event e = sample(header ? Event.BgpHeaderErr.class : Event.BgpOpenMsgErr.class, w.main());
        idle(w.main()).counter(Count.INCREMENTED).damping(Damping.DOUBLED).verify(before, w.step(e), w.toString());
    }

    @Test
    void openWhileDelayingWithHoldTimeZeroStartsNeitherTimer() {
        // Event 20, "else, if the HoldTimer initial value is zero, resets the KeepaliveTimer and
        // resets the HoldTimer value to zero".
        Walk w = connectDelaying();
        Session before = w.session();
        to(State.OpenConfirm.class, w.main())
                .stopsTimers(Timer.CONNECT_RETRY, Timer.DELAY_OPEN, Timer.KEEPALIVE, Timer.HOLD)
                .sendsOpen(w.main()).sendsKeepalive(w.main())
                .verify(before, w.step(new Event.BgpOpen(w.main(), TableFixture.peerOpen(0))), w.toString());
    }

    @Test
    void delayOpenTimerExpiryWithoutAConnectionIsStale() {
        // Event 12 presumes the DelayOpenTimer ran; with only an attempt in progress there is
        // no connection to send an OPEN on, and every path out of the delay stops the timer.
        Walk w = connect(TableFixture.delayOpen());
        Session before = w.session();
        unchanged().verify(before, w.step(new Event.DelayOpenTimerExpires()), w.toString());
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void stopWhileDelayingOpenSendsCeaseOnlyWithSendNotificationWithoutOpen(boolean manual) {
        // Departure (Fsm javadoc): with the DelayOpenTimer running a connection is up, and a stop
        // sends a Cease on it when SendNOTIFICATIONwithoutOPEN is set, as section 8.2.2 says for
        // ManualStop in Active. ManualStop zeroes the counter; AutomaticStop counts and damps.
        for (boolean attribute : new boolean[] {true, false}) {
            Walk w = connectDelaying(TableFixture.config().delayOpen(true).sendNotificationWithoutOpen(attribute).build());
            Session before = w.session();
            Event stop = manual ? new Event.ManualStop() : new Event.AutomaticStop(DECONFIGURED);
            Notification cease = manual ? Notification.of(NotificationError.Cease.ADMINISTRATIVE_SHUTDOWN) : DECONFIGURED;
            TableExpect x = idle(w.main()).noRestart();
            if (manual) {
                x.counter(Count.ZERO);
            } else {
                x.counter(Count.INCREMENTED).damping(Damping.DOUBLED);
            }
            if (attribute) {
                x.notifies(w.main(), cease);
            }
            x.verify(before, w.step(stop), "SendNOTIFICATIONwithoutOPEN " + attribute + ", " + w);
        }
    }

    @Test
    void withoutDampPeerOscillationsAFailureKeepsTheIdleHoldTime() {
        // "performs peer oscillation damping if the DampPeerOscillations attribute is set to True".
        Walk w = connect(TableFixture.config().dampPeerOscillations(false).build());
        Session before = w.session();
        idle(w.main()).counter(Count.INCREMENTED)
                .verify(before, w.step(new Event.HoldTimerExpires()), w.toString());
    }
}
