package dev.jbgp.fsm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.jbgp.core.AfiSafi;
import dev.jbgp.core.capability.Multiprotocol;
import dev.jbgp.core.message.Notification;
import dev.jbgp.core.message.NotificationError;
import dev.jbgp.core.message.Open;
import dev.jbgp.core.message.RouteRefresh;
import dev.jbgp.core.message.Update;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What the per-state table tests share: one eBGP peer, the ways to reach each state of RFC
 * 4271 section 8.2.2 by stepping real events from Idle, a sample of every event, and the row
 * of a table (an event, the paragraph it is checked against, where it starts and what must
 * follow).
 *
 * <p>Every session reached here has failed once on its way (a HoldTimer expiry in Connect or
 * Active), so its ConnectRetryCounter is 1 and its idle hold time is backed off once: "sets
 * the ConnectRetryCounter to zero" and "performs peer oscillation damping" are then visible.
 */
final class TableFixture {
    static final long LOCAL_AS = 64512;
    static final long PEER_AS = 64513;
    static final int LOCAL_ID = 0x0A00_0001;
    static final int PEER_ID = 0x0A00_0002;
    /** Ours is 90 s; the peer proposes 60 s, so the negotiated values (60 s, 20 s) are the peer's. */
    static final int LOCAL_HOLD = 90;
    static final int PEER_HOLD = 60;
    static final Duration NEGOTIATED_HOLD = Duration.ofSeconds(60);
    static final Duration NEGOTIATED_KEEPALIVE = Duration.ofSeconds(20);
    static final Duration CONNECT_RETRY = Duration.ofSeconds(20);
    /** Section 8.2.2: "A HoldTimer value of 4 minutes is suggested" while the peer's OPEN is awaited. */
    static final Duration OPEN_HOLD = Duration.ofMinutes(4);
    static final Duration DELAY_OPEN = Duration.ofSeconds(7);
    static final Duration IDLE_HOLD = Duration.ofSeconds(5);
    static final Duration MAX_IDLE_HOLD = Duration.ofSeconds(60);
    static final Duration STABLE = Duration.ofSeconds(300);

    /** A connection the session never held: the peer's, or a late attempt of ours. */
    static final Connection OTHER_IN = Connection.incoming(77);
    static final Connection OTHER_OUT = Connection.outgoing(77);

    /**
     * Fsm's departure for event 16 about an attempt the session does not hold: the session
     * numbers its own attempts, so that one was abandoned, and it is closed.
     */
    static final String LATE_ATTEMPT = "departing: an attempt of ours the session does not hold was abandoned; closed";

    // The errors the decoder hands over with events 21, 22, 24 and 28, each with data, so that
    // a test can tell "the appropriate error code" from any other NOTIFICATION.
    static final Notification HEADER_ERROR = Notification.of(NotificationError.Header.BAD_MESSAGE_TYPE, new byte[] {9});
    static final Notification OPEN_ERROR = Notification.of(NotificationError.Open.UNSUPPORTED_OPTIONAL_PARAMETER);
    static final Notification VERSION_ERROR = Notification.of(NotificationError.Open.UNSUPPORTED_VERSION_NUMBER,
            new byte[] {0, 4});
    static final Notification UPDATE_ERROR = Notification.of(NotificationError.Update.MALFORMED_AS_PATH);
    static final Notification PEER_RESET = Notification.of(NotificationError.Cease.ADMINISTRATIVE_RESET);
    static final Notification DECONFIGURED = Notification.of(NotificationError.Cease.PEER_DE_CONFIGURED);
    static final Update UPDATE = Update.endOfRib(AfiSafi.IPV4_UNICAST);
    static final RouteRefresh REFRESH = RouteRefresh.request(AfiSafi.IPV4_UNICAST);

    private static final long SEED = 4271;

    private TableFixture() {
    }

    /** The session every table starts from: BIRD's defaults but for distinguishable timer values. */
    static SessionConfig.Builder config() {
        return SessionConfig.builder(LOCAL_AS, LOCAL_ID, PEER_AS)
                .holdTime(LOCAL_HOLD)
                .connectRetryTime(CONNECT_RETRY)
                .openHoldTime(OPEN_HOLD)
                .delayOpenTime(DELAY_OPEN)
                .idleHoldTime(IDLE_HOLD)
                .maxIdleHoldTime(MAX_IDLE_HOLD)
                .stablePeriod(STABLE)
                .dampPeerOscillations(true)
                .sendNotificationWithoutOpen(true);
    }

    static SessionConfig plain() {
        return config().build();
    }

    static SessionConfig delayOpen() {
        return config().delayOpen(true).build();
    }

    static SessionConfig passive() {
        return config().passive(true).build();
    }

    static Open peerOpen() {
        return peerOpen(PEER_HOLD);
    }

    static Open peerOpen(int holdTime) {
        return Open.of(PEER_AS, holdTime, PEER_ID, List.of(new Multiprotocol(AfiSafi.IPV4_UNICAST)));
    }

    // ---- reaching a state ----------------------------------------------------------------

    /** A session and the path that brought it where it is, for failure messages. */
    static final class Walk {
        private final Fsm fsm = new Fsm(new SplittableRandom(SEED));
        private Session session;
        private final List<String> path = new ArrayList<>();
        private long incoming = 1;
        private Connection lastHeld;

        Walk(SessionConfig config) {
            session = Session.initial(config);
        }

        Transition step(Event e) {
            session.connection().ifPresent(c -> lastHeld = c);
            Transition t = fsm.step(session, e);
            session = t.next();
            path.add(e.getClass().getSimpleName() + " -> " + session.state().name());
            return t;
        }

        Session session() {
            return session;
        }

        /** The connection the state holds. */
        Connection main() {
            return session.connection().orElseThrow(() -> new IllegalStateException("no connection in " + this));
        }

        /** A connection the session held earlier and has dropped. */
        Connection dropped() {
            if (lastHeld == null || session.state().owns(lastHeld)) {
                throw new IllegalStateException("no dropped connection in " + this);
            }
            return lastHeld;
        }

        Connection newIncoming() {
            return Connection.incoming(incoming++);
        }

        /** Stops the walk with a clear message when a step on the way went elsewhere. */
        Walk in(Class<? extends State> state) {
            if (!state.isInstance(session.state())) {
                throw new IllegalStateException("expected " + state.getSimpleName() + " after " + this);
            }
            return this;
        }

        @Override
        public String toString() {
            return "Idle -> " + String.join(", ", path) + " (counter " + session.connectRetryCounter()
                    + ", idle hold " + session.idleHoldTime().toSeconds() + " s)";
        }
    }

    /** Idle, never started. */
    static Walk fresh(SessionConfig config) {
        return new Walk(config);
    }

    /** Idle after a failure: started, its IdleHoldTimer running, the counter at 1. */
    static Walk restartPending(SessionConfig config) {
        Walk w = new Walk(config);
        w.step(new Event.ManualStart());
        // Connect or Active, "any other event (Events 8, 10-11, 13, ...)": counted and damped.
        w.step(new Event.HoldTimerExpires());
        w.in(State.Idle.class);
        if (w.session.connectRetryCounter() != 1 || !w.session.started()) {
            throw new IllegalStateException("a failure should leave a started session with counter 1: " + w);
        }
        return w;
    }

    /** Idle after an AutomaticStop: not started, the counter at 2. */
    static Walk stopped(SessionConfig config) {
        Walk w = primed(config);
        w.step(new Event.AutomaticStop(DECONFIGURED));
        return w.in(State.Idle.class);
    }

    /** Connect or Active (passive), restarted by the IdleHoldTimer after one failure. */
    static Walk primed(SessionConfig config) {
        Walk w = restartPending(config);
        w.step(new Event.IdleHoldTimerExpires());
        return w.in(config.passive() ? State.Active.class : State.Connect.class);
    }

    /** Connect, the attempt in progress. */
    static Walk connect(SessionConfig config) {
        return primed(config).in(State.Connect.class);
    }

    /** Connect with DelayOpen: the attempt came up and the DelayOpenTimer runs. */
    static Walk connectDelaying() {
        return connectDelaying(delayOpen());
    }

    static Walk connectDelaying(SessionConfig config) {
        Walk w = connect(config);
        w.step(new Event.TcpCrAcked(w.main()));
        if (!(w.session.state() instanceof State.Connect c && c.delayingOpen())) {
            throw new IllegalStateException("expected Connect with the DelayOpenTimer running after " + w);
        }
        return w;
    }

    /** Active, listening, no connection held. */
    static Walk active(SessionConfig config) {
        if (config.passive()) {
            return primed(config);
        }
        // Connect (DelayOpenTimer running) or OpenSent, then TcpConnectionFails: Active.
        Walk w = config.delayOpen() ? connectDelaying(config) : openSent(config);
        w.step(new Event.TcpConnectionFails(w.main(), "Connection reset by peer"));
        return w.in(State.Active.class);
    }

    /** Active with DelayOpen: the peer's connection came up and the DelayOpenTimer runs. */
    static Walk activeDelaying() {
        return activeDelaying(delayOpen());
    }

    static Walk activeDelaying(SessionConfig config) {
        Walk w = active(config);
        w.step(new Event.TcpConnectionConfirmed(w.newIncoming()));
        w.in(State.Active.class);
        w.main();
        return w;
    }

    /** OpenSent: our OPEN is out, the HoldTimer runs with the large value. */
    static Walk openSent(SessionConfig config) {
        Walk w;
        if (config.passive()) {
            w = primed(config);
            w.step(new Event.TcpConnectionConfirmed(w.newIncoming()));
            if (config.delayOpen()) {
                w.step(new Event.DelayOpenTimerExpires());
            }
        } else if (config.delayOpen()) {
            w = connectDelaying(config);
            w.step(new Event.DelayOpenTimerExpires());
        } else {
            w = connect(config);
            w.step(new Event.TcpCrAcked(w.main()));
        }
        return w.in(State.OpenSent.class);
    }

    static Walk openConfirm(SessionConfig config, Open peer) {
        Walk w = openSent(config);
        w.step(new Event.BgpOpen(w.main(), peer));
        return w.in(State.OpenConfirm.class);
    }

    static Walk established(SessionConfig config, Open peer) {
        Walk w = openConfirm(config, peer);
        w.step(new Event.KeepAliveMsg(w.main()));
        return w.in(State.Established.class);
    }

    // ---- events --------------------------------------------------------------------------

    /** Every record that implements {@link Event}, found through the sealed hierarchy. */
    static Set<Class<?>> everyEventType() {
        Set<Class<?>> out = new HashSet<>();
        collect(Event.class, out);
        return out;
    }

    private static void collect(Class<?> type, Set<Class<?>> out) {
        if (type.isSealed()) {
            for (Class<?> sub : type.getPermittedSubclasses()) {
                collect(sub, out);
            }
        } else {
            out.add(type);
        }
    }

    /** An instance of {@code type}, about {@code on} when it is a connection event. */
    static Event sample(Class<? extends Event> type, Connection on) {
        return switch (type.getSimpleName()) {
            case "ManualStart" -> new Event.ManualStart();
            case "ManualStop" -> new Event.ManualStop();
            case "AutomaticStart" -> new Event.AutomaticStart();
            case "AutomaticStop" -> new Event.AutomaticStop(DECONFIGURED);
            case "ConnectRetryTimerExpires" -> new Event.ConnectRetryTimerExpires();
            case "HoldTimerExpires" -> new Event.HoldTimerExpires();
            case "KeepaliveTimerExpires" -> new Event.KeepaliveTimerExpires();
            case "DelayOpenTimerExpires" -> new Event.DelayOpenTimerExpires();
            case "IdleHoldTimerExpires" -> new Event.IdleHoldTimerExpires();
            case "CollisionHoldTimerExpires" -> new Event.CollisionHoldTimerExpires();
            case "DampingResetTimerExpires" -> new Event.DampingResetTimerExpires();
            case "TcpConnectionValid" -> new Event.TcpConnectionValid(on);
            case "TcpCrInvalid" -> new Event.TcpCrInvalid(on);
            case "TcpCrAcked" -> new Event.TcpCrAcked(on);
            case "TcpConnectionConfirmed" -> new Event.TcpConnectionConfirmed(on);
            case "TcpConnectionFails" -> new Event.TcpConnectionFails(on, "Connection reset by peer");
            case "BgpOpen" -> new Event.BgpOpen(on, peerOpen());
            case "BgpHeaderErr" -> new Event.BgpHeaderErr(on, HEADER_ERROR);
            case "BgpOpenMsgErr" -> new Event.BgpOpenMsgErr(on, OPEN_ERROR);
            case "OpenCollisionDump" -> new Event.OpenCollisionDump(on);
            case "NotifMsgVerErr" -> new Event.NotifMsgVerErr(on, VERSION_ERROR);
            case "NotifMsg" -> new Event.NotifMsg(on, PEER_RESET);
            case "KeepAliveMsg" -> new Event.KeepAliveMsg(on);
            case "UpdateMsg" -> new Event.UpdateMsg(on, UPDATE);
            case "UpdateMsgErr" -> new Event.UpdateMsgErr(on, UPDATE_ERROR);
            case "RouteRefreshMsg" -> new Event.RouteRefreshMsg(on, REFRESH);
            default -> throw new IllegalArgumentException("no sample of " + type);
        };
    }

    /** The sample of {@code type}, about the connection the state holds when it is a connection event. */
    static Function<Walk, Event> onMain(Class<? extends Event> type) {
        return w -> sample(type, Event.OnConnection.class.isAssignableFrom(type) ? w.main() : null);
    }

    static Function<Walk, Event> on(Class<? extends Event> type, Connection c) {
        return w -> sample(type, c);
    }

    // ---- rows ----------------------------------------------------------------------------

    /**
     * One line of a state's table: {@code event} stepped from the session {@code start}
     * gives, must give what {@code expect} says.
     *
     * @param paragraph the start of the RFC paragraph (or the departure) the row checks
     */
    record Row(Class<? extends Event> type, String paragraph, Supplier<Walk> start,
               Function<Walk, Event> event, Function<Walk, TableExpect> expect) {

        void run() {
            Walk w = start.get();
            Event e = event.apply(w);
            assertInstanceOf(type, e, "the row's event");
            TableExpect x = expect.apply(w);
            Session before = w.session();
            String from = w.toString();
            Transition t = w.step(e);
            x.verify(before, t, toString() + "\n  from " + from + "\n  actions " + t.actions());
        }

        @Override
        public String toString() {
            return type.getSimpleName() + " | " + paragraph;
        }
    }

    static Row row(Class<? extends Event> type, String paragraph, Supplier<Walk> start,
                   Function<Walk, TableExpect> expect) {
        return new Row(type, paragraph, start, onMain(type), expect);
    }

    static Row row(Class<? extends Event> type, String paragraph, Supplier<Walk> start, Function<Walk, Event> event,
                   Function<Walk, TableExpect> expect) {
        return new Row(type, paragraph, start, event, expect);
    }

    /** Fails naming every event record that has no row in {@code rows}. */
    static void assertEveryEventHasARow(String state, Stream<Row> rows) {
        Set<Class<?>> covered = rows.map(Row::type).collect(Collectors.toSet());
        Set<String> missing = new TreeSet<>();
        for (Class<?> type : everyEventType()) {
            if (!covered.contains(type)) {
                missing.add(type.getSimpleName());
            }
        }
        assertEquals(Set.of(), missing, state + " table has no row for these events");
    }
}
