package dev.jbgp.fsm;

import dev.jbgp.core.message.BgpMessage;
import dev.jbgp.core.message.Keepalive;
import dev.jbgp.core.message.Notification;
import dev.jbgp.core.message.NotificationError;
import dev.jbgp.core.message.Open;
import dev.jbgp.core.message.RouteRefresh;
import dev.jbgp.core.message.Update;

/**
 * The inputs of the FSM: RFC 4271 section 8.1's events, each a record named as the RFC names
 * it, and {@link #number()} the RFC's event number (0 for the two timers of our own).
 *
 * <p>The RFC's start events 4 to 7 are {@link ManualStart} and {@link AutomaticStart} with
 * the PassiveTcpEstablishment or DampPeerOscillations session attribute set: those attributes
 * live in {@link SessionConfig}. Event 20 (an OPEN while the DelayOpenTimer runs) is a
 * {@link BgpOpen} arriving in a state where that timer runs.
 */
public sealed interface Event {

    /** The RFC 4271 event number, or 0 for an event of our own. */
    int number();

    /** An event about one TCP connection, or a message read from it. */
    sealed interface OnConnection extends Event {
        Connection connection();
    }

    /** Event 1: the operator starts the session. */
    record ManualStart() implements Event {
        @Override public int number() { return 1; }
    }

    /**
     * Event 2: the operator stops the session; the Cease carries {@code shutdownCommunication}
     * (RFC 9003) when it is not empty.
     */
    record ManualStop(String shutdownCommunication) implements Event {
        public ManualStop {
            shutdownCommunication = shutdownCommunication == null ? "" : shutdownCommunication;
        }

        public ManualStop() {
            this("");
        }

        @Override public int number() { return 2; }
    }

    /** Event 3: the system starts the session (on configuration, or on restart). */
    record AutomaticStart() implements Event {
        @Override public int number() { return 3; }
    }

    /**
     * Event 8: the system stops the session, sending {@code cease} (for example Maximum Number
     * of Prefixes Reached, or Peer De-configured).
     */
    record AutomaticStop(Notification cease) implements Event {
        public AutomaticStop {
            if (cease == null || cease.code() != NotificationError.CEASE) {
                throw new IllegalArgumentException("an automatic stop sends a Cease: " + cease);
            }
        }

        public AutomaticStop(NotificationError.Cease subcode) {
            this(Notification.of(subcode));
        }

        @Override public int number() { return 8; }
    }

    /** Event 9. */
    record ConnectRetryTimerExpires() implements Event {
        @Override public int number() { return 9; }
    }

    /** Event 10. */
    record HoldTimerExpires() implements Event {
        @Override public int number() { return 10; }
    }

    /** Event 11. */
    record KeepaliveTimerExpires() implements Event {
        @Override public int number() { return 11; }
    }

    /** Event 12. */
    record DelayOpenTimerExpires() implements Event {
        @Override public int number() { return 12; }
    }

    /** Event 13. */
    record IdleHoldTimerExpires() implements Event {
        @Override public int number() { return 13; }
    }

    /** {@link Timer#COLLISION_HOLD} fired: the second connection sent no OPEN in time. */
    record CollisionHoldTimerExpires() implements Event {
        @Override public int number() { return 0; }
    }

    /** {@link Timer#DAMPING_RESET} fired: the session has been stable long enough. */
    record DampingResetTimerExpires() implements Event {
        @Override public int number() { return 0; }
    }

    /** Event 14: a connection request (SYN) from a valid address and port. */
    record TcpConnectionValid(Connection connection) implements OnConnection {
        @Override public int number() { return 14; }
    }

    /** Event 15: a connection request from an address or port we refuse; it is closed. */
    record TcpCrInvalid(Connection connection) implements OnConnection {
        @Override public int number() { return 15; }
    }

    /** Event 16: our connection attempt succeeded. */
    record TcpCrAcked(Connection connection) implements OnConnection {
        public TcpCrAcked {
            if (connection.direction() != Connection.Direction.OUTGOING) {
                throw new IllegalArgumentException("Tcp_CR_Acked is about a connection we opened: " + connection);
            }
        }

        @Override public int number() { return 16; }
    }

    /** Event 17: the peer's connection was accepted. */
    record TcpConnectionConfirmed(Connection connection) implements OnConnection {
        public TcpConnectionConfirmed {
            if (connection.direction() != Connection.Direction.INCOMING) {
                throw new IllegalArgumentException("TcpConnectionConfirmed is about a connection the peer opened: "
                        + connection);
            }
        }

        @Override public int number() { return 17; }
    }

    /**
     * Event 18: the connection closed or failed, or our attempt to open it failed.
     *
     * @param cause what the socket said, for operators ("Connection refused")
     */
    record TcpConnectionFails(Connection connection, String cause) implements OnConnection {
        public TcpConnectionFails {
            cause = cause == null || cause.isBlank() ? "connection closed" : cause;
        }

        @Override public int number() { return 18; }
    }

    /** Event 19, or 20 while the DelayOpenTimer runs: an OPEN that decoded without error. */
    record BgpOpen(Connection connection, Open open) implements OnConnection {
        @Override public int number() { return 19; }
    }

    /** Event 21: a message header error; {@code notification} is the one to send (code 1). */
    record BgpHeaderErr(Connection connection, Notification notification) implements OnConnection {
        @Override public int number() { return 21; }
    }

    /** Event 22: an OPEN that did not decode; {@code notification} is the one to send (code 2). */
    record BgpOpenMsgErr(Connection connection, Notification notification) implements OnConnection {
        @Override public int number() { return 22; }
    }

    /** Event 23: the driver decided, by its own means, that this connection must go (section 6.8). */
    record OpenCollisionDump(Connection connection) implements OnConnection {
        @Override public int number() { return 23; }
    }

    /** Event 24: a NOTIFICATION with OPEN Message Error / Unsupported Version Number. */
    record NotifMsgVerErr(Connection connection, Notification notification) implements OnConnection {
        @Override public int number() { return 24; }
    }

    /** Event 25: any other NOTIFICATION. */
    record NotifMsg(Connection connection, Notification notification) implements OnConnection {
        @Override public int number() { return 25; }
    }

    /** Event 26. */
    record KeepAliveMsg(Connection connection) implements OnConnection {
        @Override public int number() { return 26; }
    }

    /** Event 27: an UPDATE to process (one the decoder turned into withdrawals included). */
    record UpdateMsg(Connection connection, Update update) implements OnConnection {
        @Override public int number() { return 27; }
    }

    /** Event 28: an UPDATE error that resets the session; {@code notification} is the one to send. */
    record UpdateMsgErr(Connection connection, Notification notification) implements OnConnection {
        @Override public int number() { return 28; }
    }

    /**
     * A ROUTE-REFRESH (RFC 2918, RFC 7313). RFC 4271 predates it and gives it no number; it is
     * handled as a message that only an Established session expects.
     */
    record RouteRefreshMsg(Connection connection, RouteRefresh request) implements OnConnection {
        @Override public int number() { return 0; }
    }

    /** The event for a message that decoded cleanly on {@code connection}. */
    static OnConnection received(Connection connection, BgpMessage message) {
        return switch (message) {
            case Open open -> new BgpOpen(connection, open);
            case Keepalive k -> new KeepAliveMsg(connection);
            case Update update -> new UpdateMsg(connection, update);
            case Notification n -> n.code() == NotificationError.OPEN_MESSAGE
                    && n.subcode() == NotificationError.Open.UNSUPPORTED_VERSION_NUMBER.subcode()
                    ? new NotifMsgVerErr(connection, n) : new NotifMsg(connection, n);
            case RouteRefresh r -> new RouteRefreshMsg(connection, r);
        };
    }

    /**
     * The event for a message the decoder refused with {@code notification}: a header error,
     * an OPEN error, or (any other code) an UPDATE error.
     */
    static OnConnection malformed(Connection connection, Notification notification) {
        return switch (notification.code()) {
            case NotificationError.MESSAGE_HEADER -> new BgpHeaderErr(connection, notification);
            case NotificationError.OPEN_MESSAGE -> new BgpOpenMsgErr(connection, notification);
            default -> new UpdateMsgErr(connection, notification);
        };
    }
}
