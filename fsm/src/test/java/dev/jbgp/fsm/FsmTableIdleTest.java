package dev.jbgp.fsm;

import static dev.jbgp.fsm.TableExpect.connecting;
import static dev.jbgp.fsm.TableExpect.stays;
import static dev.jbgp.fsm.TableExpect.to;
import static dev.jbgp.fsm.TableExpect.unchanged;
import static dev.jbgp.fsm.TableFixture.CONNECT_RETRY;
import static dev.jbgp.fsm.TableFixture.MAX_IDLE_HOLD;
import static dev.jbgp.fsm.TableFixture.OTHER_IN;
import static dev.jbgp.fsm.TableFixture.OTHER_OUT;
import static dev.jbgp.fsm.TableFixture.fresh;
import static dev.jbgp.fsm.TableFixture.on;
import static dev.jbgp.fsm.TableFixture.passive;
import static dev.jbgp.fsm.TableFixture.plain;
import static dev.jbgp.fsm.TableFixture.restartPending;
import static dev.jbgp.fsm.TableFixture.row;
import static dev.jbgp.fsm.TableFixture.sample;
import static dev.jbgp.fsm.TableFixture.stopped;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jbgp.fsm.TableExpect.Count;
import dev.jbgp.fsm.TableFixture.Row;
import dev.jbgp.fsm.TableFixture.Walk;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * RFC 4271 section 8.2.2, "Idle state:", event by event. Start and stop events are checked on a
 * stopped session; every other event on a session waiting to restart after a failure, which
 * must not disturb that wait.
 */
class FsmTableIdleTest {
    private static final Supplier<Walk> STOPPED = () -> stopped(plain());
    private static final Supplier<Walk> PENDING = () -> restartPending(plain());

    private static final String START = "Idle: In response to a ManualStart event (Event 1) or an AutomaticStart event (Event 3)";
    private static final String STOP_IGNORED = "Idle: The ManualStop event (Event 2) and AutomaticStop (Event 8) event are ignored";
    private static final String OTHER = "Idle: Any other event (Events 9-12, 15-28) received in the Idle state does not cause change";
    private static final String REFUSES = "Idle: In this state, BGP FSM refuses all incoming BGP connections";

    static Stream<Row> rows() {
        return Stream.of(
                row(Event.ManualStart.class, START, STOPPED,
                        w -> connecting().starts(Timer.CONNECT_RETRY, CONNECT_RETRY).counter(Count.ZERO)),
                row(Event.AutomaticStart.class, START, STOPPED,
                        w -> connecting().starts(Timer.CONNECT_RETRY, CONNECT_RETRY).counter(Count.ZERO)),
                row(Event.ManualStop.class, STOP_IGNORED, STOPPED, w -> unchanged()),
                row(Event.AutomaticStop.class, STOP_IGNORED, STOPPED, w -> unchanged()),
                row(Event.ConnectRetryTimerExpires.class, OTHER, PENDING, w -> unchanged()),
                row(Event.HoldTimerExpires.class, OTHER, PENDING, w -> unchanged()),
                row(Event.KeepaliveTimerExpires.class, OTHER, PENDING, w -> unchanged()),
                row(Event.DelayOpenTimerExpires.class, OTHER, PENDING, w -> unchanged()),
                // Departure (Fsm javadoc): a started session restarts by itself when the
                // IdleHoldTimer fires; the failures counted so far stay counted.
                row(Event.IdleHoldTimerExpires.class,
                        "Idle: If the DampPeerOscillations attribute is set to TRUE, ... IdleHoldTimer_Expires (Event 13)",
                        PENDING, w -> connecting().starts(Timer.CONNECT_RETRY, CONNECT_RETRY)),
                row(Event.CollisionHoldTimerExpires.class, OTHER + " (no second connection)", PENDING, w -> unchanged()),
                row(Event.DampingResetTimerExpires.class, OTHER + " (not Established)", PENDING, w -> unchanged()),
                // A SYN is only noted; the connection is refused when it completes.
                row(Event.TcpConnectionValid.class, REFUSES, PENDING, on(Event.TcpConnectionValid.class, OTHER_IN),
                        w -> unchanged()),
                row(Event.TcpCrInvalid.class, OTHER + " (the refused connection is closed)", PENDING,
                        on(Event.TcpCrInvalid.class, OTHER_IN), w -> stays().closes(OTHER_IN)),
                row(Event.TcpCrAcked.class, REFUSES + " (a late attempt of ours)", PENDING,
                        on(Event.TcpCrAcked.class, OTHER_OUT), w -> stays().closes(OTHER_OUT)),
                row(Event.TcpConnectionConfirmed.class, REFUSES, PENDING,
                        on(Event.TcpConnectionConfirmed.class, OTHER_IN), w -> stays().closes(OTHER_IN)),
                // Events 18-28 can only be about the connection dropped on the way into Idle.
                staleRow(Event.TcpConnectionFails.class),
                staleRow(Event.BgpOpen.class),
                staleRow(Event.BgpHeaderErr.class),
                staleRow(Event.BgpOpenMsgErr.class),
                staleRow(Event.OpenCollisionDump.class),
                staleRow(Event.NotifMsgVerErr.class),
                staleRow(Event.NotifMsg.class),
                staleRow(Event.KeepAliveMsg.class),
                staleRow(Event.UpdateMsg.class),
                staleRow(Event.UpdateMsgErr.class),
                staleRow(Event.RouteRefreshMsg.class));
    }

    private static Row staleRow(Class<? extends Event> type) {
        return row(type, OTHER, PENDING, w -> sample(type, w.dropped()), w -> unchanged());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void eventInIdleFollowsSection822(Row row) {
        row.run();
    }

    @Test
    void everyEventHasARowInTheIdleTable() {
        TableFixture.assertEveryEventHasARow("Idle", rows());
    }

    static Stream<Class<? extends Event>> startEvents() {
        return Stream.of(Event.ManualStart.class, Event.AutomaticStart.class);
    }

    @ParameterizedTest
    @MethodSource("startEvents")
    void passiveStartListensWithoutAConnectRetryTimer(Class<? extends Event> start) {
        // "In response to a ManualStart_with_PassiveTcpEstablishment event (Event 4) or
        // AutomaticStart_with_PassiveTcpEstablishment event (Event 5)": counter to zero, listen,
        // Active. Departure (Fsm javadoc): a passive session never connects, so it runs no
        // ConnectRetryTimer (the RFC starts one).
        Walk w = stopped(passive());
        Session before = w.session();
        to(State.Active.class, null).counter(Count.ZERO)
                .verify(before, w.step(sample(start, null)), "passive " + start.getSimpleName() + " from " + w);
    }

    @Test
    void manualStartWhileARestartIsPendingStartsNow() {
        // Event 1 starts the session at once (departure: a pending restart is cancelled first).
        Walk w = restartPending(plain());
        Session before = w.session();
        connecting().starts(Timer.CONNECT_RETRY, CONNECT_RETRY).stopsTimers(Timer.IDLE_HOLD).counter(Count.ZERO)
                .verify(before, w.step(new Event.ManualStart()), w.toString());
    }

    @Test
    void automaticStartWhileARestartIsPendingLeavesItToTheIdleHoldTimer() {
        // Events 6/7, AutomaticStart with DampPeerOscillations: the wait is the damping.
        Walk w = restartPending(plain());
        Session before = w.session();
        unchanged().verify(before, w.step(new Event.AutomaticStart()), w.toString());
    }

    static Stream<Event> stopEvents() {
        return Stream.of(new Event.ManualStop(), new Event.AutomaticStop(TableFixture.DECONFIGURED));
    }

    @ParameterizedTest
    @MethodSource("stopEvents")
    void stopWhileARestartIsPendingCancelsTheRestart(Event stop) {
        // Departure (Fsm javadoc): "ManualStop and AutomaticStop in Idle cancel a pending restart";
        // the RFC's "ignored" otherwise holds: no connection, no NOTIFICATION, the counter kept.
        Walk w = restartPending(plain());
        Session before = w.session();
        to(State.Idle.class, null).stopsTimers(Timer.IDLE_HOLD).noRestart()
                .verify(before, w.step(stop), w.toString());
        Session cancelled = w.session();
        unchanged().verify(cancelled, w.step(new Event.IdleHoldTimerExpires()), "a late IdleHoldTimer expiry after " + w);
    }

    @Test
    void idleHoldTimerExpiryInANeverStartedSessionIsIgnored() {
        Walk w = fresh(plain());
        Session before = w.session();
        unchanged().verify(before, w.step(new Event.IdleHoldTimerExpires()), w.toString());
    }

    static Stream<Class<? extends Event>> eventsButStartsAndNewConnections() {
        Set<Class<?>> skip = Set.of(Event.ManualStart.class, Event.AutomaticStart.class, Event.TcpCrInvalid.class,
                Event.TcpCrAcked.class, Event.TcpConnectionConfirmed.class);
        return TableFixture.everyEventType().stream().filter(t -> !skip.contains(t))
                .map(t -> t.asSubclass(Event.class));
    }

    @ParameterizedTest
    @MethodSource("eventsButStartsAndNewConnections")
    void aNeverStartedSessionIgnoresEveryEventButStartsAndNewConnections(Class<? extends Event> type) {
        // "Initially, the BGP peer FSM is in the Idle state", and only events 1 and 3-7 leave it.
        Walk w = fresh(plain());
        Session before = w.session();
        unchanged().verify(before, w.step(sample(type, OTHER_IN)), type.getSimpleName() + " in a fresh Idle");
    }

    @Test
    void idleHoldTimeDoublesWithEachDampedFailureUpToTheMaximum() {
        // "performs peer oscillation damping if the DampPeerOscillations attribute is set to
        // TRUE": here the wait in Idle doubles (Fsm javadoc) up to maxIdleHoldTime.
        assertEquals(List.of(5L, 10L, 20L, 40L, 60L, 60L), idleHoldWaits(plain(), 6), "max " + MAX_IDLE_HOLD);
    }

    @Test
    void idleHoldTimeStaysWithoutDampPeerOscillations() {
        assertEquals(List.of(5L, 5L, 5L, 5L), idleHoldWaits(TableFixture.config().dampPeerOscillations(false).build(), 4));
    }

    /** The IdleHoldTimer's duration after each of {@code failures} HoldTimer expiries in Connect. */
    private static List<Long> idleHoldWaits(SessionConfig config, int failures) {
        Walk w = fresh(config);
        w.step(new Event.ManualStart());
        List<Long> waits = new ArrayList<>();
        for (int i = 0; i < failures; i++) {
            Transition t = w.step(new Event.HoldTimerExpires());
            w.in(State.Idle.class);
            t.actions().stream().filter(a -> a instanceof Action.StartTimer s && s.timer() == Timer.IDLE_HOLD)
                    .map(a -> ((Action.StartTimer) a).duration().toSeconds()).forEach(waits::add);
            w.step(new Event.IdleHoldTimerExpires());
            w.in(State.Connect.class);
        }
        assertEquals(failures, w.session().connectRetryCounter(), "each failure counted: " + w);
        return waits;
    }

    @Test
    void connectRetryTimerIsJitteredDifferentlyBySeed() {
        // Section 10: the ConnectRetryTimer's value is multiplied by a random factor in [0.75, 1.0).
        Set<Duration> seen = new HashSet<>();
        for (long seed = 1; seed <= 40; seed++) {
            Transition t = new Fsm(new SplittableRandom(seed)).step(Session.initial(plain()), new Event.ManualStart());
            Duration d = t.actions().stream().filter(a -> a instanceof Action.StartTimer s && s.timer() == Timer.CONNECT_RETRY)
                    .map(a -> ((Action.StartTimer) a).duration()).findFirst().orElseThrow();
            assertTrue(d.compareTo(Duration.ofSeconds(15)) >= 0 && d.compareTo(CONNECT_RETRY) < 0, "seed " + seed + ": " + d);
            seen.add(d);
        }
        assertTrue(seen.size() > 10, "40 seeds gave only " + seen);
    }
}
