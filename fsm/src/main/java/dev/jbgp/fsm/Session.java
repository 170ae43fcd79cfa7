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
 * @param second a second connection to the peer: once {@code secondUp}, our OPEN is sent on it
 *     and its OPEN awaited; before, it is our connection attempt that was still in progress
 *     when the peer's connection came up
 * @param secondUp the second connection is up
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
        boolean secondUp,
        long nextAttempt,
        Optional<Reason> lastError) {

    /** A configured session that has not been started: Idle. */
    public static Session initial(SessionConfig config) {
        return new Session(config, new State.Idle(), 0, false, config.idleHoldTime(), Optional.empty(), false, 1,
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
        return new Session(config, next, connectRetryCounter, started, idleHoldTime, second, secondUp, nextAttempt, lastError);
    }

    Session withCounter(int value) {
        return new Session(config, state, value, started, idleHoldTime, second, secondUp, nextAttempt, lastError);
    }

    Session withStarted(boolean value) {
        return new Session(config, state, connectRetryCounter, value, idleHoldTime, second, secondUp, nextAttempt, lastError);
    }

    Session withIdleHoldTime(Duration value) {
        return new Session(config, state, connectRetryCounter, started, value, second, secondUp, nextAttempt, lastError);
    }

    /** Tracks {@code value} as the second connection (up or not), or none. */
    Session withSecond(Optional<Connection> value, boolean up) {
        return new Session(config, state, connectRetryCounter, started, idleHoldTime, value, value.isPresent() && up,
                nextAttempt, lastError);
    }

    Session withNextAttempt(long value) {
        return new Session(config, state, connectRetryCounter, started, idleHoldTime, second, secondUp, value, lastError);
    }

    Session withLastError(Reason value) {
        return new Session(config, state, connectRetryCounter, started, idleHoldTime, second, secondUp, nextAttempt,
                Optional.of(value));
    }
}
