package dev.jbgp.fsm;

import dev.jbgp.core.message.Open;
import dev.jbgp.fsm.Event.OnConnection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * RFC 4271 section 8.2.2, read per state and event for three things only: what happens to the
 * ConnectRetryCounter, whether the path leads to Idle, and whether it performs peer
 * oscillation damping. Written from the RFC's text, state by state; the FSM's own code is not
 * consulted.
 */
final class FsmPropertyRfc {
    private FsmPropertyRfc() {
    }

    enum Counter {
        /** The text says nothing of the counter. */
        SAME,
        /** "sets ConnectRetryCounter to zero". */
        ZERO,
        /** "increments the ConnectRetryCounter by 1". */
        PLUS_ONE
    }

    /**
     * What the RFC's text does on one (state, event) pair.
     *
     * @param toIdle the text ends with "changes its state to Idle"
     * @param damped the text "performs peer oscillation damping"
     */
    record Row(Counter counter, boolean toIdle, boolean damped) {
    }

    /** Stays, or moves on to a state other than Idle; the counter is not mentioned. */
    static final Row STAY = new Row(Counter.SAME, false, false);
    /** Idle, events 1 and 3: "sets ConnectRetryCounter to zero" and leaves Idle. */
    static final Row START = new Row(Counter.ZERO, false, false);
    /** Event 2 outside Idle: "sets ConnectRetryCounter to zero", Idle, no damping. */
    static final Row MANUAL_STOP = new Row(Counter.ZERO, true, false);
    /**
     * The common error path: "increments the ConnectRetryCounter by 1", "performs peer
     * oscillation damping", Idle. In Established, events 18, 24 and 25 increment without
     * damping in the RFC; Fsm's class javadoc damps them too, so they share this row.
     */
    static final Row ERROR = new Row(Counter.PLUS_ONE, true, true);
    /**
     * Event 8 outside Idle (in Connect and Active among "any other events"): "increments the
     * ConnectRetryCounter by 1", "performs peer oscillation damping", Idle. Unlike the error
     * row it leaves the session stopped: the damping still happens, and the longer idle hold
     * time waits for the next start.
     */
    static final Row AUTOMATIC_STOP = new Row(Counter.PLUS_ONE, true, true);
    /** Idle without counting or damping: event 24, and event 18 in Connect without DelayOpen. */
    static final Row QUIET_IDLE = new Row(Counter.SAME, true, false);

    /**
     * The RFC event number of {@code e} for the session {@code before}: 19 for an OPEN that
     * passes the checks, 20 when the DelayOpenTimer runs, 22 when the checks refuse it (section
     * 6.2). A ROUTE-REFRESH (RFC 2918, after RFC 4271) counts as an UPDATE (27): a message only
     * an Established session expects.
     */
    static int number(Session before, Event e) {
        return switch (e) {
            case Event.BgpOpen o -> {
                if (checked(before.config(), o.open()) instanceof Negotiation.Refused) {
                    yield 22;
                }
                yield delayOpenRunning(before.state()) ? 20 : 19;
            }
            case Event.RouteRefreshMsg r -> 27;
            default -> e.number();
        };
    }

    /**
     * {@link Negotiation#check}, remembered per configuration and OPEN instance: the checks
     * run on every edge and the tests reuse a few OPEN instances.
     */
    static Negotiation.Result checked(SessionConfig config, Open open) {
        return CHECKED.computeIfAbsent(new Checked(config, open), k -> Negotiation.check(config, open));
    }

    private static final Map<Checked, Negotiation.Result> CHECKED = new ConcurrentHashMap<>();

    /** A key by identity: equal OPENs from different tests need not share an entry. */
    private record Checked(SessionConfig config, Open open) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Checked k && k.config == config && k.open == open;
        }

        @Override
        public int hashCode() {
            return 31 * System.identityHashCode(config) + System.identityHashCode(open);
        }
    }

    /** The DelayOpenTimer runs: a connection is up and our OPEN is held back. */
    static boolean delayOpenRunning(State state) {
        return state instanceof State.Connect c && c.delayingOpen()
                || state instanceof State.Active a && a.delayingOpen().isPresent();
    }

    /** The event is a stop (events 2 and 8): it ends the session whatever connections it holds. */
    static boolean isStop(Event e) {
        return e instanceof Event.ManualStop || e instanceof Event.AutomaticStop;
    }

    /**
     * The row for {@code e} in the session {@code before}'s state. Events the RFC's machine of
     * the connection in use never sees have the row {@link #STAY}: events about a connection the
     * session does not hold (stale ones, new arrivals, the late completion of an attempt it
     * abandoned) or about the tracked second connection (whether up or our attempt still in
     * progress), a Tcp_CR_Invalid (event 15: "rejects the TCP connection", every state), a
     * TcpConnection_Valid (event 14), and the two timers of our own.
     */
    static Row row(Session before, Event e) {
        if (e instanceof OnConnection oc && !before.state().owns(oc.connection())) {
            return STAY;
        }
        if (e instanceof Event.TcpCrInvalid || e instanceof Event.TcpConnectionValid
                || e instanceof Event.CollisionHoldTimerExpires || e instanceof Event.DampingResetTimerExpires) {
            return STAY;
        }
        int n = number(before, e);
        boolean delay = delayOpenRunning(before.state());
        return switch (before.state()) {
            case State.Idle s -> idle(before, n);
            case State.Connect s -> connect(n, delay);
            case State.Active s -> active(n, delay);
            case State.OpenSent s -> openSent(n);
            case State.OpenConfirm s -> openConfirm(n);
            case State.Established s -> established(n);
        };
    }

    /**
     * Idle: events 1 and 3 set the counter to zero and start; 2 and 8 are ignored; any other
     * event "does not cause change". The IdleHoldTimer's expiry (13) restarts a session that
     * was started, and an automatic start of a session already waiting for that restart is the
     * same restart (Fsm's class javadoc): neither is a new start, so the counter stays.
     */
    private static Row idle(Session before, int n) {
        return switch (n) {
            case 1 -> START;
            case 3 -> before.started() ? STAY : START;
            default -> STAY;
        };
    }

    /** Connect state, as the text lists it. */
    private static Row connect(int n, boolean delay) {
        return switch (n) {
            case 1, 3 -> STAY;                      // "start events are ignored"
            case 2 -> MANUAL_STOP;
            case 8 -> AUTOMATIC_STOP;
            case 9, 12, 14, 15, 16, 17, 20 -> STAY;  // retry, delayed OPEN sent, connection up, OPEN while delaying
            case 18 -> delay ? STAY : QUIET_IDLE;    // to Active with the DelayOpenTimer, else Idle uncounted
            case 21, 22 -> ERROR;
            case 24 -> delay ? QUIET_IDLE : ERROR;
            default -> ERROR;                        // "any other events (10-11, 13, 19, 23, 25-28)"
        };
    }

    /** Active state. */
    private static Row active(int n, boolean delay) {
        return switch (n) {
            case 1, 3 -> STAY;
            case 2 -> MANUAL_STOP;
            case 8 -> AUTOMATIC_STOP;
            case 9, 12, 14, 15, 16, 17, 20 -> STAY;
            case 18, 21, 22 -> ERROR;                // event 18 "increments the ConnectRetryCounter by 1"
            case 24 -> delay ? QUIET_IDLE : ERROR;
            default -> ERROR;                        // "any other event (10-11, 13, 19, 23, 25-28)"
        };
    }

    /** OpenSent. */
    private static Row openSent(int n) {
        return switch (n) {
            case 1, 3 -> STAY;
            case 2 -> MANUAL_STOP;
            case 8 -> AUTOMATIC_STOP;
            case 14, 15, 16, 17 -> STAY;             // a second connection is tracked; 15 is ignored
            case 18 -> STAY;                         // "changes its state to Active"
            case 19 -> STAY;                         // to OpenConfirm
            case 24 -> QUIET_IDLE;
            default -> ERROR;                        // 10, 21-23, and "any other event (9, 11-13, 20, 25-28)"
        };
    }

    /**
     * OpenConfirm. An OPEN on the connection already in OpenConfirm is an FSM error (Fsm's
     * class javadoc), so event 19 takes the error row as the collision text does.
     */
    private static Row openConfirm(int n) {
        return switch (n) {
            case 1, 3 -> STAY;
            case 2 -> MANUAL_STOP;
            case 8 -> AUTOMATIC_STOP;
            case 11 -> STAY;                         // KEEPALIVE sent, "remains in the OpenConfirmed state"
            case 14, 15, 16, 17 -> STAY;
            case 24 -> QUIET_IDLE;
            case 26 -> STAY;                         // to Established
            default -> ERROR;                        // 10, 18, 19, 21-23, 25, "any other event (9, 12-13, 20, 27-28)"
        };
    }

    /** Established. */
    private static Row established(int n) {
        return switch (n) {
            case 1, 3 -> STAY;
            case 2 -> MANUAL_STOP;
            case 8 -> AUTOMATIC_STOP;
            case 11 -> STAY;
            case 14, 15, 16, 17 -> STAY;
            case 26, 27 -> STAY;
            default -> ERROR;                        // 10, 18, 19, 23-25, 28, "any other event (9, 12-13, 20-22)"
        };
    }
}
