package dev.jbgp.fsm;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jbgp.core.message.Notification;
import dev.jbgp.core.message.RouteRefresh;
import dev.jbgp.core.message.Update;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.function.Executable;

/**
 * What one step must do, as an RFC 4271 section 8.2.2 paragraph lists it: the next state, the
 * NOTIFICATIONs and on which connection, the connections dropped, the OPENs and KEEPALIVEs
 * sent, the timers started (with their durations) and stopped, SessionUp, SessionDown,
 * ReleaseResources, the ConnectRetryCounter and the idle hold back-off.
 *
 * <p>{@link #verify} checks each kind of action exactly: an action the paragraph does not list
 * fails the test as surely as a missing one.
 */
final class TableExpect {
    /** What the paragraph does to the ConnectRetryCounter. */
    enum Count { ZERO, INCREMENTED, UNCHANGED }

    /** What the step does to the idle hold time (the damping back-off). */
    enum Damping { DOUBLED, KEPT, RESET }

    /** Section 10: the ConnectRetryTimer and the KeepaliveTimer are jittered; every other timer is exact. */
    private static final Set<Timer> JITTERED = EnumSet.of(Timer.CONNECT_RETRY, Timer.KEEPALIVE);

    /** Into Idle, "releases all BGP resources": every timer stops but the IdleHoldTimer, the restart. */
    static final Set<Timer> ALL_BUT_IDLE_HOLD = EnumSet.complementOf(EnumSet.of(Timer.IDLE_HOLD));

    private boolean unchanged;
    private boolean stays;
    private Class<? extends State> state;
    private Connection held;
    private boolean newAttempt;
    private Boolean restarts;
    private final List<Action.SendNotification> notifications = new ArrayList<>();
    private final Set<Connection> closes = new HashSet<>();
    private final List<Connection> opens = new ArrayList<>();
    private final List<Connection> keepalives = new ArrayList<>();
    private final Map<Timer, Duration> starts = new EnumMap<>(Timer.class);
    private final Set<Timer> stops = EnumSet.noneOf(Timer.class);
    private Connection sessionUp;
    private boolean sessionDown;
    private boolean release;
    private Update delivered;
    private RouteRefresh refreshed;
    private Count count = Count.UNCHANGED;
    private Damping damping = Damping.KEPT;
    private Optional<Connection> second = Optional.empty();
    private boolean secondUp;

    private TableExpect() {
    }

    /** "Ignored", "does not cause change": no action at all, the session as it was. */
    static TableExpect unchanged() {
        TableExpect x = new TableExpect();
        x.unchanged = true;
        return x;
    }

    /** The same state, holding the same connection; the actions are listed by the caller. */
    static TableExpect stays() {
        TableExpect x = new TableExpect();
        x.stays = true;
        return x;
    }

    /** {@code state}, holding {@code held} (null when it holds none). */
    static TableExpect to(Class<? extends State> state, Connection held) {
        TableExpect x = new TableExpect();
        x.state = state;
        x.held = held;
        return x;
    }

    /** Connect, on a new connection attempt ("initiates a TCP connection to the other BGP peer"). */
    static TableExpect connecting() {
        TableExpect x = new TableExpect();
        x.state = State.Connect.class;
        x.newAttempt = true;
        return x;
    }

    /**
     * Into Idle from a state holding {@code held} (null: none): drops it, stops every timer,
     * releases all BGP resources, and, the session still being started, arms the restart
     * (Fsm's documented departure: every path into Idle while started starts the IdleHoldTimer).
     */
    static TableExpect idle(Connection held) {
        TableExpect x = to(State.Idle.class, null);
        if (held != null) {
            x.closes.add(held);
        }
        x.stops.addAll(ALL_BUT_IDLE_HOLD);
        x.release = true;
        x.restarts = true;
        return x;
    }

    TableExpect notifies(Connection on, Notification n) {
        notifications.add(new Action.SendNotification(on, n));
        return this;
    }

    TableExpect closes(Connection c) {
        closes.add(c);
        return this;
    }

    TableExpect sendsOpen(Connection c) {
        opens.add(c);
        return this;
    }

    TableExpect sendsKeepalive(Connection c) {
        keepalives.add(c);
        return this;
    }

    /** Starts {@code timer} with {@code base} (jittered to [0.75, 1.0) of it for ConnectRetry and Keepalive). */
    TableExpect starts(Timer timer, Duration base) {
        starts.put(timer, base);
        return this;
    }

    TableExpect stopsTimers(Timer... timers) {
        stops.addAll(List.of(timers));
        return this;
    }

    TableExpect up(Connection c) {
        sessionUp = c;
        return this;
    }

    /** "deletes all routes associated with this connection". */
    TableExpect down() {
        sessionDown = true;
        return this;
    }

    TableExpect delivers(Update u) {
        delivered = u;
        return this;
    }

    TableExpect delivers(RouteRefresh r) {
        refreshed = r;
        return this;
    }

    TableExpect counter(Count c) {
        count = c;
        return this;
    }

    TableExpect damping(Damping d) {
        damping = d;
        return this;
    }

    /** The session was stopped (events 2, 8): it stays in Idle, no restart is armed. */
    TableExpect noRestart() {
        restarts = false;
        return this;
    }

    /** A second connection that is up is tracked: our OPEN is on it, its OPEN awaited (section 6.8). */
    TableExpect tracks(Connection c) {
        second = Optional.of(c);
        secondUp = true;
        return this;
    }

    /** Our connection attempt {@code c}, still in progress, is kept as the second connection. */
    TableExpect tracksPending(Connection c) {
        second = Optional.of(c);
        secondUp = false;
        return this;
    }

    void verify(Session before, Transition t, String where) {
        Session next = t.next();
        List<Action> actions = t.actions();
        if (unchanged) {
            assertAll(where,
                    () -> assertEquals(List.of(), actions, "no action"),
                    () -> assertEquals(before, next, "the session as it was"));
            return;
        }
        List<Executable> checks = new ArrayList<>();
        Class<? extends State> expectedState = stays ? before.state().getClass() : state;
        checks.add(() -> assertEquals(expectedState, next.state().getClass(), "next state"));
        if (stays) {
            checks.add(() -> assertEquals(before.state(), next.state(), "the same state on the same connection"));
            checks.add(() -> assertEquals(before.started(), next.started(), "started as before"));
        } else if (!newAttempt) {
            checks.add(() -> assertEquals(Optional.ofNullable(held), next.state().held(), "the connection the state holds"));
        }

        List<Connection> connects = actions.stream().filter(Action.Connect.class::isInstance)
                .map(a -> ((Action.Connect) a).connection()).toList();
        if (newAttempt) {
            checks.add(() -> {
                assertEquals(1, connects.size(), "one connection attempt");
                Connection attempt = connects.getFirst();
                assertEquals(Connection.Direction.OUTGOING, attempt.direction(), "we open the attempt");
                assertNotEquals(before.state().held(), Optional.of(attempt), "a new attempt, not the old one");
                assertEquals(Optional.of(attempt), next.state().held(), "Connect holds the new attempt");
            });
        } else {
            checks.add(() -> assertEquals(List.of(), connects, "no connection attempt"));
        }

        List<Action.SendNotification> sent = actions.stream().filter(Action.SendNotification.class::isInstance)
                .map(Action.SendNotification.class::cast).toList();
        checks.add(() -> assertEquals(notifications, sent, "NOTIFICATIONs sent, and on which connection"));

        List<Connection> closed = actions.stream().filter(Action.Close.class::isInstance)
                .map(a -> ((Action.Close) a).connection()).toList();
        checks.add(() -> assertEquals(closed.size(), new HashSet<>(closed).size(), "each connection closed once"));
        checks.add(() -> assertEquals(closes, new HashSet<>(closed), "connections dropped"));
        // A NOTIFICATION is written before its connection is closed (Action's contract).
        checks.add(() -> {
            for (Action.SendNotification n : sent) {
                int close = actions.indexOf(new Action.Close(n.connection()));
                assertTrue(close < 0 || close > actions.indexOf(n), "NOTIFICATION before the Close of " + n.connection());
            }
        });

        List<Action.SendOpen> openActions = actions.stream().filter(Action.SendOpen.class::isInstance)
                .map(Action.SendOpen.class::cast).toList();
        checks.add(() -> assertEquals(opens, openActions.stream().map(Action.SendOpen::connection).toList(), "OPENs sent"));
        checks.add(() -> openActions.forEach(o -> assertEquals(before.config().open(), o.open(), "our OPEN")));
        checks.add(() -> assertEquals(keepalives, actions.stream().filter(Action.SendKeepalive.class::isInstance)
                .map(a -> ((Action.SendKeepalive) a).connection()).toList(), "KEEPALIVEs sent"));

        Map<Timer, Duration> expectedStarts = new EnumMap<>(starts);
        boolean intoIdle = next.state() instanceof State.Idle && !(before.state() instanceof State.Idle);
        if (Boolean.TRUE.equals(restarts)) {
            // The restart waits the idle hold time the session had before this step.
            expectedStarts.put(Timer.IDLE_HOLD, before.idleHoldTime());
        }
        List<Action.StartTimer> started = actions.stream().filter(Action.StartTimer.class::isInstance)
                .map(Action.StartTimer.class::cast).toList();
        checks.add(() -> assertEquals(expectedStarts.keySet(),
                started.stream().map(Action.StartTimer::timer).collect(() -> EnumSet.noneOf(Timer.class), Set::add, Set::addAll),
                "timers started"));
        checks.add(() -> assertEquals(started.size(), started.stream().map(Action.StartTimer::timer).distinct().count(),
                "each timer started once"));
        for (Action.StartTimer s : started) {
            Duration base = expectedStarts.get(s.timer());
            if (base == null) {
                continue;
            }
            if (JITTERED.contains(s.timer())) {
                checks.add(() -> assertTrue(s.duration().compareTo(base.multipliedBy(3).dividedBy(4)) >= 0
                        && s.duration().compareTo(base) < 0,
                        s.timer() + " " + s.duration() + " jittered in [0.75, 1.0) of " + base));
            } else {
                checks.add(() -> assertEquals(base, s.duration(), s.timer() + " duration"));
            }
        }
        List<Timer> stopped = actions.stream().filter(Action.StopTimer.class::isInstance)
                .map(a -> ((Action.StopTimer) a).timer()).toList();
        checks.add(() -> assertEquals(stops, EnumSet.copyOf(stopped.isEmpty() ? EnumSet.noneOf(Timer.class) : stopped),
                "timers stopped"));
        checks.add(() -> assertEquals(stopped.size(), stopped.stream().distinct().count(), "each timer stopped once"));
        // A timer both stopped and started is left running only if the start comes last.
        checks.add(() -> {
            for (Action.StartTimer s : started) {
                int stop = actions.indexOf(new Action.StopTimer(s.timer()));
                assertTrue(stop < 0 || stop < actions.indexOf(s), s.timer() + " stopped after it was started");
            }
        });

        List<Action.SessionUp> ups = actions.stream().filter(Action.SessionUp.class::isInstance)
                .map(Action.SessionUp.class::cast).toList();
        if (sessionUp != null) {
            checks.add(() -> {
                assertEquals(1, ups.size(), "SessionUp");
                assertEquals(sessionUp, ups.getFirst().connection(), "SessionUp on the connection in use");
                assertEquals(next.negotiated(), Optional.of(ups.getFirst().negotiated()), "SessionUp with what was negotiated");
            });
        } else {
            checks.add(() -> assertEquals(List.of(), ups, "no SessionUp"));
        }
        checks.add(() -> assertEquals(sessionDown ? 1 : 0, count(actions, Action.SessionDown.class), "SessionDown"));
        checks.add(() -> assertEquals(release ? 1 : 0, count(actions, Action.ReleaseResources.class), "ReleaseResources"));
        checks.add(() -> assertEquals(intoIdle, release, "resources are released exactly when the session goes to Idle"));
        checks.add(() -> assertEquals(delivered == null ? List.of() : List.of(new Action.DeliverUpdate(delivered)),
                actions.stream().filter(Action.DeliverUpdate.class::isInstance).toList(), "UPDATE delivered"));
        checks.add(() -> assertEquals(refreshed == null ? List.of() : List.of(new Action.DeliverRouteRefresh(refreshed)),
                actions.stream().filter(Action.DeliverRouteRefresh.class::isInstance).toList(), "ROUTE-REFRESH delivered"));

        checks.add(() -> {
            switch (count) {
                case ZERO -> {
                    assertTrue(before.connectRetryCounter() > 0, "precondition: a counter to set to zero");
                    assertEquals(0, next.connectRetryCounter(), "ConnectRetryCounter set to zero");
                }
                case INCREMENTED -> assertEquals(before.connectRetryCounter() + 1, next.connectRetryCounter(),
                        "ConnectRetryCounter incremented by 1");
                case UNCHANGED -> assertEquals(before.connectRetryCounter(), next.connectRetryCounter(),
                        "ConnectRetryCounter unchanged");
            }
        });
        SessionConfig config = before.config();
        checks.add(() -> {
            switch (damping) {
                case DOUBLED -> {
                    assertTrue(before.idleHoldTime().compareTo(config.maxIdleHoldTime()) < 0, "precondition: room to back off");
                    Duration doubled = before.idleHoldTime().multipliedBy(2);
                    assertEquals(doubled.compareTo(config.maxIdleHoldTime()) > 0 ? config.maxIdleHoldTime() : doubled,
                            next.idleHoldTime(), "peer oscillation damping doubles the idle hold time");
                }
                case KEPT -> assertEquals(before.idleHoldTime(), next.idleHoldTime(), "no damping: idle hold time kept");
                case RESET -> {
                    assertNotEquals(config.idleHoldTime(), before.idleHoldTime(), "precondition: a backed-off idle hold time");
                    assertEquals(config.idleHoldTime(), next.idleHoldTime(), "idle hold time back to its initial value");
                }
            }
        });
        checks.add(() -> assertEquals(second, next.second(), "second connection tracked"));
        checks.add(() -> assertEquals(secondUp, next.secondUp(), "the second connection is up"));
        if (next.state() instanceof State.Idle && restarts != null) {
            checks.add(() -> assertEquals(restarts, next.started(), "the session restarts by itself"));
        }
        // Every action was looked at above; this switch breaks the build when Action grows.
        checks.add(() -> {
            for (Action a : actions) {
                switch (a) {
                    case Action.Connect x -> { }
                    case Action.Close x -> { }
                    case Action.SendOpen x -> { }
                    case Action.SendKeepalive x -> { }
                    case Action.SendNotification x -> { }
                    case Action.StartTimer x -> { }
                    case Action.StopTimer x -> { }
                    case Action.DeliverUpdate x -> { }
                    case Action.DeliverRouteRefresh x -> { }
                    case Action.SessionUp x -> { }
                    case Action.SessionDown x -> { }
                    case Action.ReleaseResources x -> { }
                }
            }
        });
        assertAll(where, checks);
    }

    private static long count(List<Action> actions, Class<? extends Action> type) {
        return actions.stream().filter(type::isInstance).count();
    }
}
