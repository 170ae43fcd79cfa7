package dev.jbgp.fsm;

/**
 * One TCP connection of a session, named by who opened it. The driver numbers incoming
 * connections; the FSM numbers its own connection attempts (see {@link Action.Connect}), so
 * the two never clash. The direction decides connection collisions (RFC 4271 section 6.8).
 *
 * @param direction {@link Direction#OUTGOING} when we sent the first SYN
 * @param number any value, unique among the connections of one direction of one session
 */
public record Connection(Direction direction, long number) {
    public enum Direction {
        /** We opened it (RFC 4271 section 8.2.1: we are the "active" side). */
        OUTGOING,
        /** The peer opened it and we accepted it on port 179. */
        INCOMING
    }

    public Connection {
        if (direction == null) {
            throw new IllegalArgumentException("a connection has a direction");
        }
    }

    public static Connection outgoing(long number) {
        return new Connection(Direction.OUTGOING, number);
    }

    public static Connection incoming(long number) {
        return new Connection(Direction.INCOMING, number);
    }

    @Override
    public String toString() {
        return (direction == Direction.OUTGOING ? "out#" : "in#") + number;
    }
}
