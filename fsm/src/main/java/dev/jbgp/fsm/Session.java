package dev.jbgp.fsm;

import java.time.Duration;
import java.util.Optional;

/**
 * The whole state of the session with one peer, as a value: {@link Fsm#step} takes one and
 * returns the next. Besides the RFC 4271 state it holds the ConnectRetryCounter, the current
 * idle hold time (the damping back-off), and a second connection tracked for collision
 * detection (section 6.8).
 *
 * @param started a start event was taken and no stop since: in Idle, the IdleHoldTimer runs
 *     and restarts the session when it fires
 * @param idleHoldTime the time the next error keeps the session in Idle
 * @param second a second connection to the peer, our OPEN sent on it, its OPEN awaited
 * @param nextAttempt the number the next outgoing connection attempt gets
 * @param lastError why the session last went to Idle or dropped a connection
 */
public record Session(
        SessionConfig config,
        State state,
        int connectRetryCounter,
        boolean started,
        Duration idleHoldTime,
        Optional<Connection> second,
        long nextAttempt,
        Optional<Reason> lastError) {

    /** A configured session that has not been started: Idle. */
    public static Session initial(SessionConfig config) {
        return new Session(config, new State.Idle(), 0, false, config.idleHoldTime(), Optional.empty(), 1,
                Optional.empty());
    }

    /** The connection the session runs on, or tries to. */
    public Optional<Connection> connection() {
        return state.held();
    }

    /** What the session negotiated, from OpenConfirm on. */
    public Optional<Negotiated> negotiated() {
        return switch (state) {
            case State.OpenConfirm oc -> Optional.of(oc.negotiated());
            case State.Established e -> Optional.of(e.negotiated());
            default -> Optional.empty();
        };
    }

    Session with(State next) {
        return new Session(config, next, connectRetryCounter, started, idleHoldTime, second, nextAttempt, lastError);
    }

    Session withCounter(int value) {
        return new Session(config, state, value, started, idleHoldTime, second, nextAttempt, lastError);
    }

    Session withStarted(boolean value) {
        return new Session(config, state, connectRetryCounter, value, idleHoldTime, second, nextAttempt, lastError);
    }

    Session withIdleHoldTime(Duration value) {
        return new Session(config, state, connectRetryCounter, started, value, second, nextAttempt, lastError);
    }

    Session withSecond(Optional<Connection> value) {
        return new Session(config, state, connectRetryCounter, started, idleHoldTime, value, nextAttempt, lastError);
    }

    Session withNextAttempt(long value) {
        return new Session(config, state, connectRetryCounter, started, idleHoldTime, second, value, lastError);
    }

    Session withLastError(Reason value) {
        return new Session(config, state, connectRetryCounter, started, idleHoldTime, second, nextAttempt,
                Optional.of(value));
    }
}
