package dev.jbgp.fsm;

import java.util.Optional;

/**
 * The six states of RFC 4271 section 8.2.2, each holding what it needs: the connection it
 * uses and, from OpenConfirm on, what the OPEN exchange negotiated.
 */
public sealed interface State {

    /** The connection this state holds (for Connect, the attempt in progress). */
    Optional<Connection> held();

    /** The state's name as RFC 4271 spells it. */
    String name();

    default boolean owns(Connection c) {
        return held().filter(c::equals).isPresent();
    }

    /** Refuses connections; holds no resources. */
    record Idle() implements State {
        @Override public Optional<Connection> held() { return Optional.empty(); }
        @Override public String name() { return "Idle"; }
    }

    /**
     * Waiting for our connection attempt to complete; or, with DelayOpen, holding the
     * connection that came up while the DelayOpenTimer runs.
     *
     * @param delayingOpen the DelayOpenTimer runs and {@code connection} is up
     */
    record Connect(Connection connection, boolean delayingOpen) implements State {
        @Override public Optional<Connection> held() { return Optional.of(connection); }
        @Override public String name() { return "Connect"; }
    }

    /**
     * Listening for the peer's connection; with DelayOpen, holding the connection that came up
     * while the DelayOpenTimer runs.
     */
    record Active(Optional<Connection> delayingOpen) implements State {
        @Override public Optional<Connection> held() { return delayingOpen; }
        @Override public String name() { return "Active"; }
    }

    /** Our OPEN is sent; waiting for the peer's. */
    record OpenSent(Connection connection) implements State {
        @Override public Optional<Connection> held() { return Optional.of(connection); }
        @Override public String name() { return "OpenSent"; }
    }

    /** OPENs exchanged and accepted; waiting for the peer's KEEPALIVE. */
    record OpenConfirm(Connection connection, Negotiated negotiated) implements State {
        @Override public Optional<Connection> held() { return Optional.of(connection); }
        @Override public String name() { return "OpenConfirm"; }
    }

    /** Exchanging UPDATE, KEEPALIVE and NOTIFICATION messages. */
    record Established(Connection connection, Negotiated negotiated) implements State {
        @Override public Optional<Connection> held() { return Optional.of(connection); }
        @Override public String name() { return "Established"; }
    }
}
