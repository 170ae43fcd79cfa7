package dev.jbgp.fsm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jbgp.core.AfiSafi;
import dev.jbgp.core.capability.Multiprotocol;
import dev.jbgp.core.message.Notification;
import dev.jbgp.core.message.NotificationError;
import dev.jbgp.core.message.Open;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Predicate;

/**
 * What the collision, negotiation and event-mapping tests share: one speaker driven event by
 * event from Idle, with the timers its actions leave running, and a few OPENs and NOTIFICATIONs.
 */
final class CollisionFixture {
    static final long LOCAL_AS = 65001;
    static final long PEER_AS = 65002;
    static final int LOCAL_ID = 0x0A00_0001; // 10.0.0.1
    static final int PEER_ID = 0x0A00_0002; // 10.0.0.2
    static final int HOLD = 90;
    static final Duration OPEN_HOLD = Duration.ofMinutes(4);

    static final Connection OUT1 = Connection.outgoing(1);
    static final Connection IN1 = Connection.incoming(1);
    static final Connection IN2 = Connection.incoming(2);

    private CollisionFixture() {
    }

    static SessionConfig.Builder config(long localAs, int localId, long peerAs) {
        return SessionConfig.builder(localAs, localId, peerAs).holdTime(HOLD).openHoldTime(OPEN_HOLD);
    }

    static SessionConfig config() {
        return config(LOCAL_AS, LOCAL_ID, PEER_AS).build();
    }

    /** The OPEN of a peer with AS {@code as} and identifier {@code id}, offering IPv4 unicast. */
    static Open open(long as, int id) {
        return Open.of(as, HOLD, id, List.of(new Multiprotocol(AfiSafi.IPV4_UNICAST)));
    }

    static Open peerOpen() {
        return open(PEER_AS, PEER_ID);
    }

    /** Cease / Connection Collision Resolution, 6/7 (RFC 4486). */
    static Notification collisionCease() {
        return new Notification(6, 7, null);
    }

    static Notification notification(NotificationError error) {
        return Notification.of(error);
    }

    /** One speaker: its session, the actions of its last step, and the timers left running. */
    static final class Speaker {
        final Fsm fsm;
        Session session;
        List<Action> last = List.of();
        final List<Event> history = new ArrayList<>();
        final Map<Timer, Duration> running = new EnumMap<>(Timer.class);

        Speaker(SessionConfig config) {
            this(config, 1);
        }

        Speaker(SessionConfig config, long seed) {
            fsm = new Fsm(new SplittableRandom(seed));
            session = Session.initial(config);
        }

        List<Action> step(Event event) {
            Transition t = fsm.step(session, event);
            history.add(event);
            session = t.next();
            last = t.actions();
            for (Action a : last) {
                switch (a) {
                    case Action.StartTimer s -> running.put(s.timer(), s.duration());
                    case Action.StopTimer s -> running.remove(s.timer());
                    default -> { }
                }
            }
            return last;
        }

        /** Steps each event in turn; returns the actions of the last. */
        List<Action> steps(Event... events) {
            for (Event e : events) {
                step(e);
            }
            return last;
        }

        State state() {
            return session.state();
        }

        SessionConfig config() {
            return session.config();
        }

        /** The actions of the last step that touch {@code c}. */
        List<Action> on(Connection c) {
            return last.stream().filter(touches(c)).toList();
        }

        void assertState(State expected) {
            assertEquals(expected, state(), () -> "state after " + history);
        }
    }

    /** The connection an action names, if it names one. */
    static Connection connectionOf(Action a) {
        return switch (a) {
            case Action.Connect c -> c.connection();
            case Action.Close c -> c.connection();
            case Action.SendOpen o -> o.connection();
            case Action.SendKeepalive k -> k.connection();
            case Action.SendNotification n -> n.connection();
            case Action.SessionUp u -> u.connection();
            default -> null;
        };
    }

    static Predicate<Action> touches(Connection c) {
        return a -> c.equals(connectionOf(a));
    }

    /** The NOTIFICATIONs among {@code actions}, with the connection each goes out on. */
    static List<Action.SendNotification> notifications(List<Action> actions) {
        return actions.stream().filter(Action.SendNotification.class::isInstance)
                .map(Action.SendNotification.class::cast).toList();
    }
}
