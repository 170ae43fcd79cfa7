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
import static dev.jbgp.fsm.TableFixture.LATE_ATTEMPT;
import static dev.jbgp.fsm.TableFixture.NEGOTIATED_HOLD;
import static dev.jbgp.fsm.TableFixture.NEGOTIATED_KEEPALIVE;
import static dev.jbgp.fsm.TableFixture.OPEN_ERROR;
import static dev.jbgp.fsm.TableFixture.OPEN_HOLD;
import static dev.jbgp.fsm.TableFixture.OTHER_IN;
import static dev.jbgp.fsm.TableFixture.OTHER_OUT;
import static dev.jbgp.fsm.TableFixture.active;
import static dev.jbgp.fsm.TableFixture.activeDelaying;
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
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * RFC 4271 section 8.2.2, "Active State:", event by event. Timer, start and connection events
 * are checked on a session listening after its connection failed in OpenSent; messages, which
 * need a connection, on the peer's connection held while the DelayOpenTimer runs (DelayOpen set).
 */
class FsmTableActiveTest {
    private static final Supplier<Walk> ACTIVE = () -> active(plain());
    private static final Supplier<Walk> DELAYING = TableFixture::activeDelaying;

    private static final String IGNORED = "Active: The start events (Events 1, 3-7) are ignored in the Active state";
    private static final String OTHER = "Active: In response to any other event (Events 8, 10-11, 13, 19, 23, 25-28)";
    private static final String SUCCESS =
            "Active: In response to the success of a TCP connection (Event 16 or Event 17) ... DelayOpen FALSE";
    private static final String HEADER_OR_OPEN_ERROR =
            "Active: If BGP message header checking (Event 21) or OPEN message checking detects an error (Event 22)";

    static Stream<Row> rows() {
        return Stream.of(
                row(Event.ManualStart.class, IGNORED, ACTIVE, w -> unchanged()),
                row(Event.AutomaticStart.class, IGNORED, ACTIVE, w -> unchanged()),
                row(Event.ManualStop.class, "Active: In response to a ManualStop event (Event 2) ... DelayOpenTimer is running "
                        + "and the SendNOTIFICATIONwithoutOPEN session attribute is set", DELAYING,
                        w -> idle(w.main()).notifies(w.main(), Notification.of(NotificationError.Cease.ADMINISTRATIVE_SHUTDOWN))
                                .counter(Count.ZERO).noRestart()),
                row(Event.AutomaticStop.class, OTHER, ACTIVE,
                        w -> idle(null).counter(Count.INCREMENTED).damping(Damping.DOUBLED).noRestart()),
                row(Event.ConnectRetryTimerExpires.class, "Active: In response to a ConnectRetryTimer_Expires event (Event 9)",
                        ACTIVE, w -> connecting().starts(Timer.CONNECT_RETRY, CONNECT_RETRY)),
                otherRow(Event.HoldTimerExpires.class, ACTIVE),
                otherRow(Event.KeepaliveTimerExpires.class, ACTIVE),
                row(Event.DelayOpenTimerExpires.class,
                        "Active: If the local system receives a DelayOpenTimer_Expires event (Event 12)", DELAYING,
                        w -> to(State.OpenSent.class, w.main()).stopsTimers(Timer.CONNECT_RETRY).sendsOpen(w.main())
                                .starts(Timer.HOLD, OPEN_HOLD)),
                otherRow(Event.IdleHoldTimerExpires.class, ACTIVE),
                row(Event.CollisionHoldTimerExpires.class, "Active: (no second connection is tracked in Active)", ACTIVE,
                        w -> unchanged()),
                row(Event.DampingResetTimerExpires.class, "Active: (the damping reset runs only in Established)", ACTIVE,
                        w -> unchanged()),
                row(Event.TcpConnectionValid.class,
                        "Active: If the local system receives a TcpConnection_Valid event (Event 14)", ACTIVE,
                        on(Event.TcpConnectionValid.class, OTHER_IN), w -> unchanged()),
                row(Event.TcpCrInvalid.class, "Active: If the local system receives a Tcp_CR_Invalid event (Event 15)",
                        ACTIVE, on(Event.TcpCrInvalid.class, OTHER_IN), w -> stays().closes(OTHER_IN)),
                // Active holds no attempt of ours, so event 16 can only be about one the session
                // abandoned: that connection is closed, nothing else changes.
                row(Event.TcpCrAcked.class, SUCCESS + ", " + LATE_ATTEMPT, ACTIVE, on(Event.TcpCrAcked.class, OTHER_OUT),
                        w -> stays().closes(OTHER_OUT)),
                row(Event.TcpConnectionConfirmed.class, SUCCESS, ACTIVE, on(Event.TcpConnectionConfirmed.class, OTHER_IN),
                        w -> to(State.OpenSent.class, OTHER_IN).stopsTimers(Timer.CONNECT_RETRY).sendsOpen(OTHER_IN)
                                .starts(Timer.HOLD, OPEN_HOLD)),
                // The RFC also "restarts the ConnectRetryTimer" on the way into Idle, where event 9
                // is ignored; here the restart is the IdleHoldTimer's (Fsm javadoc) and no timer
                // but that one is left running.
                row(Event.TcpConnectionFails.class, "Active: If the local system receives a TcpConnectionFails event (Event 18)",
                        DELAYING, w -> idle(w.main()).counter(Count.INCREMENTED).damping(Damping.DOUBLED)),
                row(Event.BgpOpen.class,
                        "Active: If an OPEN message is received and the DelayOpenTimer is running (Event 20)", DELAYING,
                        w -> to(State.OpenConfirm.class, w.main()).stopsTimers(Timer.CONNECT_RETRY, Timer.DELAY_OPEN)
                                .sendsOpen(w.main()).sendsKeepalive(w.main())
                                .starts(Timer.KEEPALIVE, NEGOTIATED_KEEPALIVE).starts(Timer.HOLD, NEGOTIATED_HOLD)),
                row(Event.BgpHeaderErr.class, HEADER_OR_OPEN_ERROR, DELAYING, w -> idle(w.main())
                        .notifies(w.main(), HEADER_ERROR).counter(Count.INCREMENTED).damping(Damping.DOUBLED)),
                row(Event.BgpOpenMsgErr.class, HEADER_OR_OPEN_ERROR, DELAYING, w -> idle(w.main())
                        .notifies(w.main(), OPEN_ERROR).counter(Count.INCREMENTED).damping(Damping.DOUBLED)),
                otherRow(Event.OpenCollisionDump.class, DELAYING),
                // Not counted, not damped.
                row(Event.NotifMsgVerErr.class, "Active: If a NOTIFICATION message is received with a version error "
                        + "(Event 24) ... DelayOpenTimer is running", DELAYING, w -> idle(w.main())),
                otherRow(Event.NotifMsg.class, DELAYING),
                otherRow(Event.KeepAliveMsg.class, DELAYING),
                otherRow(Event.UpdateMsg.class, DELAYING),
                otherRow(Event.UpdateMsgErr.class, DELAYING),
                // RFC 4271 has no ROUTE-REFRESH; before Established it is one more unexpected message.
                otherRow(Event.RouteRefreshMsg.class, DELAYING));
    }

    /** "any other event": Idle, the connection (if any) dropped, counted, damped, no NOTIFICATION. */
    private static Row otherRow(Class<? extends Event> type, Supplier<Walk> start) {
        return row(type, OTHER, start,
                w -> idle(w.session().connection().orElse(null)).counter(Count.INCREMENTED).damping(Damping.DOUBLED));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void eventInActiveFollowsSection822(Row row) {
        row.run();
    }

    @Test
    void everyEventHasARowInTheActiveTable() {
        TableFixture.assertEveryEventHasARow("Active", rows());
    }

    @Test
    void passiveSessionDoesNotConnectWhenTheConnectRetryTimerFires() {
        // Departure (Fsm javadoc): "A passive session never connects"; the RFC's event 9 would
        // initiate a connection and go to Connect.
        Walk w = active(TableFixture.passive());
        Session before = w.session();
        unchanged().verify(before, w.step(new Event.ConnectRetryTimerExpires()), w.toString());
    }

    @Test
    void connectionSuccessWithDelayOpenStartsTheDelayOpenTimerAndStays() {
        // "If the DelayOpen attribute is set to TRUE": stop the ConnectRetryTimer, start the
        // DelayOpenTimer with DelayOpenTime, stay in Active; no OPEN yet. In Active the success
        // is the peer's connection (event 17): the session has no attempt of its own there.
        Walk w = active(TableFixture.delayOpen());
        Session before = w.session();
        to(State.Active.class, OTHER_IN).stopsTimers(Timer.CONNECT_RETRY).starts(Timer.DELAY_OPEN, DELAY_OPEN)
                .verify(before, w.step(sample(Event.TcpConnectionConfirmed.class, OTHER_IN)), w.toString());
    }

    @Test
    void manualStopWithoutSendNotificationWithoutOpenSendsNoCease() {
        Walk w = activeDelaying(TableFixture.config().delayOpen(true).sendNotificationWithoutOpen(false).build());
        Session before = w.session();
        idle(w.main()).counter(Count.ZERO).noRestart().verify(before, w.step(new Event.ManualStop()), w.toString());
    }

    @Test
    void manualStopWithoutTheDelayOpenTimerHasNoConnectionToNotify() {
        // The Cease is sent only "If the DelayOpenTimer is running"; listening, nothing is held.
        Walk w = active(plain());
        Session before = w.session();
        idle(null).counter(Count.ZERO).noRestart().verify(before, w.step(new Event.ManualStop()), w.toString());
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void automaticStopWhileDelayingOpenSendsCeaseOnlyWithSendNotificationWithoutOpen(boolean attribute) {
        // Departure (Fsm javadoc): AutomaticStop is "any other event" in Active, which sends no
        // NOTIFICATION; with the DelayOpenTimer running, a Cease goes out as for ManualStop.
        Walk w = activeDelaying(TableFixture.config().delayOpen(true).sendNotificationWithoutOpen(attribute).build());
        Session before = w.session();
        TableExpect x = idle(w.main()).counter(Count.INCREMENTED).damping(Damping.DOUBLED).noRestart();
        if (attribute) {
            x.notifies(w.main(), DECONFIGURED);
        }
        x.verify(before, w.step(new Event.AutomaticStop(DECONFIGURED)), w.toString());
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void headerOrOpenErrorSendsNotificationOnlyWithSendNotificationWithoutOpen(boolean header) {
        // "(optionally) sends a NOTIFICATION message with the appropriate error code if the
        // SendNOTIFICATIONwithoutOPEN attribute is set to TRUE": here it is not.
        Walk w = activeDelaying(TableFixture.config().delayOpen(true).sendNotificationWithoutOpen(false).build());
        Session before = w.session();
        Event e = sample(header ? Event.BgpHeaderErr.class : Event.BgpOpenMsgErr.class, w.main());
        idle(w.main()).counter(Count.INCREMENTED).damping(Damping.DOUBLED).verify(before, w.step(e), w.toString());
    }

    @Test
    void openWhileDelayingWithHoldTimeZeroStartsNeitherTimer() {
        // Event 20, "else if the HoldTimer is zero": the KeepaliveTimer and HoldTimer are reset.
        Walk w = activeDelaying();
        Session before = w.session();
        to(State.OpenConfirm.class, w.main())
                .stopsTimers(Timer.CONNECT_RETRY, Timer.DELAY_OPEN, Timer.KEEPALIVE, Timer.HOLD)
                .sendsOpen(w.main()).sendsKeepalive(w.main())
                .verify(before, w.step(new Event.BgpOpen(w.main(), TableFixture.peerOpen(0))), w.toString());
    }

    @Test
    void delayOpenTimerExpiryWithoutAConnectionIsStale() {
        // Event 12 presumes the DelayOpenTimer ran; listening, there is no connection to send on.
        Walk w = active(TableFixture.delayOpen());
        Session before = w.session();
        unchanged().verify(before, w.step(new Event.DelayOpenTimerExpires()), w.toString());
    }

    static Stream<Class<? extends Event>> eventsAboutAConnection() {
        Set<Class<?>> arrivals = Set.of(Event.TcpCrInvalid.class, Event.TcpCrAcked.class, Event.TcpConnectionConfirmed.class);
        return TableFixture.everyEventType().stream()
                .filter(t -> Event.OnConnection.class.isAssignableFrom(t) && !arrivals.contains(t))
                .map(t -> t.asSubclass(Event.class));
    }

    @ParameterizedTest
    @MethodSource("eventsAboutAConnection")
    void eventAboutTheConnectionDroppedBeforeIsStale(Class<? extends Event> type) {
        // Departure (Fsm javadoc): "Connection events about a connection the session does not
        // hold are stale ... and change nothing": here, the one that failed in OpenSent.
        Walk w = active(plain());
        Session before = w.session();
        unchanged().verify(before, w.step(sample(type, w.dropped())), w.toString());
    }
}
