package dev.jbgp.fsm;

import static dev.jbgp.fsm.FsmPropertyAlphabet.CEASE;
import static dev.jbgp.fsm.FsmPropertyAlphabet.HEADER_ERROR;
import static dev.jbgp.fsm.FsmPropertyAlphabet.OPEN_ERROR;
import static dev.jbgp.fsm.FsmPropertyAlphabet.ROUTE_REFRESH;
import static dev.jbgp.fsm.FsmPropertyAlphabet.UPDATE;
import static dev.jbgp.fsm.FsmPropertyAlphabet.UPDATE_ERROR;
import static dev.jbgp.fsm.FsmPropertyAlphabet.VERSION_ERROR;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jbgp.core.message.NotificationError;
import dev.jbgp.core.message.Open;
import dev.jbgp.fsm.FsmPropertyAlphabet.Setup;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Random event sequences of the kind a real driver produces, weighted so that sessions reach
 * Established often and also fail in every way, checked after every step against the
 * properties of {@link FsmPropertyModel}. A driver reads messages only from a connection that
 * is up: our attempt kept as the second connection yields its completion or its failure and
 * nothing else until then. Every run is seeded: a failure names the setup, the seed and the
 * events up to it; {@code -Dfsm.property.seed=N} replays one seed alone.
 */
class FsmPropertyTest {
    /** Fixed seeds first (a seed that ever finds something belongs here), then a counted range. */
    private static final long[] FIXED_SEEDS = {1L, 42L, 0x5EEDL};
    private static final int COUNTED_SEEDS = 22;
    private static final int STEPS_PER_RUN = 400;

    static List<Setup> setups() {
        return FsmPropertyAlphabet.setups();
    }

    private static long[] seeds() {
        String replay = System.getProperty("fsm.property.seed");
        if (replay != null) {
            return new long[] {Long.decode(replay)};
        }
        return LongStream.concat(LongStream.of(FIXED_SEEDS), LongStream.range(1000, 1000 + COUNTED_SEEDS)).toArray();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("setups")
    void everyStepOfRandomDriverSequencesKeepsTheInvariants(Setup setup) {
        Tally tally = new Tally();
        long started = System.nanoTime();
        long[] seeds = seeds();
        for (long seed : seeds) {
            new Run(setup, seed, tally).go(STEPS_PER_RUN);
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        System.out.printf("FsmPropertyTest [%s]: %d seeds x %d steps = %d steps in %d ms; %d SessionUp, %d%% of steps "
                        + "Established, %d paths into Idle, %d hold expiries, %d continued on a second connection, "
                        + "%d of them collisions won against Established, %d collisions won by our attempt kept; "
                        + "%d idle holds at the maximum; %d attempts kept as the second connection, %d of them up; "
                        + "%d late attempts closed%n",
                setup, seeds.length, STEPS_PER_RUN, tally.steps, millis, tally.sessionUps,
                100 * tally.establishedSteps / Math.max(1, tally.steps), tally.intoIdle, tally.holdExpiries,
                tally.promotions, tally.establishedReplaced, tally.attemptWon, tally.maxIdleHolds, tally.pendingKept,
                tally.pendingUp, tally.lateClosed);
        if (seeds.length > 1) {
            // The generator must reach what the properties talk about, or they check nothing.
            boolean damped = setup.config().dampPeerOscillations();
            boolean connects = !setup.config().passive();
            assertAll(
                    () -> assertTrue(tally.sessionUps >= seeds.length, "sessions reach Established: " + tally.sessionUps),
                    () -> assertTrue(tally.establishedSteps * 10 >= tally.steps, "a tenth of the steps are Established"),
                    () -> assertTrue(tally.intoIdle >= seeds.length, "sessions fail: " + tally.intoIdle),
                    () -> assertTrue(tally.holdExpiries > 0, "hold timers expire"),
                    () -> assertTrue(tally.promotions > 0, "second connections take over"),
                    () -> assertTrue(!damped || tally.maxIdleHolds > 0, "the back-off reaches its maximum"),
                    () -> assertTrue(!setup.config().collisionDetectEstablishedState() || tally.establishedReplaced > 0,
                            "with CollisionDetectEstablishedState a second connection replaces an Established one"),
                    () -> assertTrue(!connects || tally.pendingKept > 0,
                            "the peer's connection arrives in Connect and our attempt is kept as the second connection"),
                    () -> assertTrue(!connects || tally.pendingUp > 0, "our attempt kept as the second connection comes up"),
                    () -> assertTrue(!connects || tally.attemptWon > 0, "our attempt kept, once up, wins a collision"),
                    () -> assertTrue(!connects || tally.lateClosed > 0, "an abandoned attempt completes late"));
        }
    }

    /** Counts over all runs of one setup. */
    private static final class Tally {
        long steps;
        long establishedSteps;
        long sessionUps;
        long intoIdle;
        long holdExpiries;
        long promotions;
        long maxIdleHolds;
        long establishedReplaced;
        long attemptWon;
        long pendingKept;
        long pendingUp;
        long lateClosed;
    }

    /** The kinds of message (or failure) a peer's connection delivers. */
    private enum Peer {
        VALID_OPEN, FAULTY_OPEN, KEEPALIVE, UPDATE, ROUTE_REFRESH, NOTIFICATION, VERSION_ERROR, HEADER_ERROR,
        OPEN_ERROR, UPDATE_ERROR, COLLISION_DUMP, FAILS
    }

    private static Map<Peer, Double> weights(Object... kindAndWeight) {
        Map<Peer, Double> m = new EnumMap<>(Peer.class);
        for (Peer p : Peer.values()) {
            m.put(p, 0.1);
        }
        for (int i = 0; i < kindAndWeight.length; i += 2) {
            m.put((Peer) kindAndWeight[i], ((Number) kindAndWeight[i + 1]).doubleValue());
        }
        return m;
    }

    /** While our OPEN is delayed, and in OpenSent, the peer mostly sends its OPEN. */
    private static final Map<Peer, Double> AWAITING_OPEN = weights(Peer.VALID_OPEN, 10, Peer.FAULTY_OPEN, 1.5,
            Peer.NOTIFICATION, 0.5, Peer.VERSION_ERROR, 0.3, Peer.KEEPALIVE, 0.3, Peer.HEADER_ERROR, 0.3,
            Peer.OPEN_ERROR, 0.3, Peer.FAILS, 1, Peer.COLLISION_DUMP, 0.2);
    /** In OpenConfirm the peer mostly confirms with a KEEPALIVE. */
    private static final Map<Peer, Double> AWAITING_KEEPALIVE = weights(Peer.KEEPALIVE, 12, Peer.NOTIFICATION, 0.5,
            Peer.VALID_OPEN, 0.3, Peer.UPDATE, 0.3, Peer.FAILS, 0.5, Peer.COLLISION_DUMP, 0.2);
    private static final Map<Peer, Double> ESTABLISHED = weights(Peer.UPDATE, 6, Peer.KEEPALIVE, 6,
            Peer.ROUTE_REFRESH, 1, Peer.NOTIFICATION, 0.4, Peer.FAILS, 0.4, Peer.UPDATE_ERROR, 0.3,
            Peer.HEADER_ERROR, 0.2, Peer.VALID_OPEN, 0.2);
    /** A second connection: its OPEN decides the collision; it may also fail or misbehave. */
    private static final Map<Peer, Double> SECOND = weights(Peer.VALID_OPEN, 4, Peer.FAULTY_OPEN, 0.5, Peer.FAILS, 1,
            Peer.NOTIFICATION, 0.3, Peer.KEEPALIVE, 0.2, Peer.HEADER_ERROR, 0.2, Peer.COLLISION_DUMP, 0.3);
    /** A connection already closed: whatever was queued on it. */
    private static final Map<Peer, Double> STALE = weights();

    private static double timerWeight(Timer t) {
        return switch (t) {
            case IDLE_HOLD -> 6;
            case CONNECT_RETRY -> 1.5;
            case DELAY_OPEN -> 3;
            case HOLD -> 0.5;
            case KEEPALIVE -> 2;
            case COLLISION_HOLD -> 0.5;
            case DAMPING_RESET -> 0.7;
        };
    }

    /** One seeded run: the driver draws an event, steps, and the model checks the edge. */
    private static final class Run {
        private final Setup setup;
        private final long seed;
        private final Tally tally;
        private final SplittableRandom random;
        private final Fsm fsm;
        private final List<Open> valid;
        private final List<Open> faulty;
        /** The events so far and the session after each, formatted only when a property fails. */
        private final List<Event> events = new ArrayList<>();
        private final List<Session> sessions = new ArrayList<>();
        private Session session;
        private FsmPropertyModel model;
        private long nextIncoming = 1;

        private final List<Event> choices = new ArrayList<>();
        private final List<Double> choiceWeights = new ArrayList<>();

        Run(Setup setup, long seed, Tally tally) {
            this.setup = setup;
            this.seed = seed;
            this.tally = tally;
            // Mixed with the setup's name so that setups differing only in what the events do not show still draw apart.
            this.random = new SplittableRandom(seed ^ setup.name().hashCode());
            this.fsm = new Fsm(random.split());
            this.valid = FsmPropertyAlphabet.validOpens(setup.config());
            this.faulty = FsmPropertyAlphabet.faultyOpens(setup.config());
            this.session = Session.initial(setup.config());
            this.model = FsmPropertyModel.initial(setup.config());
        }

        void go(int steps) {
            for (int i = 0; i < steps; i++) {
                Event e = draw();
                Session before = session;
                FsmPropertyModel.Edge edge;
                try {
                    edge = model.step(fsm, before, e);
                } catch (AssertionError | RuntimeException x) {
                    throw new AssertionError("setup \"" + setup + "\", seed " + seed + ", step " + i + ": " + x.getMessage()
                            + "\n  events so far (replay with -Dfsm.property.seed=" + seed + "):\n" + trace(), x);
                }
                session = edge.transition().next();
                count(before, e, edge);
                model = edge.model();
                events.add(e);
                sessions.add(session);
            }
        }

        private String trace() {
            StringBuilder out = new StringBuilder();
            for (int i = 0; i < events.size(); i++) {
                out.append(String.format("  %3d %-62s -> %s%n", i, FsmPropertyModel.describe(events.get(i)),
                        FsmPropertyModel.describe(sessions.get(i))));
            }
            return out.toString();
        }

        private void count(Session before, Event e, FsmPropertyModel.Edge edge) {
            tally.steps++;
            State after = session.state();
            if (after instanceof State.Established) {
                tally.establishedSteps++;
            }
            List<Action> actions = edge.transition().actions();
            tally.sessionUps += actions.stream().filter(Action.SessionUp.class::isInstance).count();
            if (after instanceof State.Idle && !(before.state() instanceof State.Idle)) {
                tally.intoIdle++;
            }
            if (e instanceof Event.HoldTimerExpires && model.running().contains(Timer.HOLD)) {
                tally.holdExpiries++;
            }
            if (session.second().isPresent() && !session.secondUp() && !session.second().equals(before.second())) {
                tally.pendingKept++;
            }
            if (before.second().isPresent() && !before.secondUp() && session.secondUp()) {
                tally.pendingUp++;
            }
            if (e instanceof Event.TcpCrAcked a && !model.open().contains(a.connection())) {
                tally.lateClosed++;
            }
            if (before.second().isPresent() && session.connection().equals(before.second())) {
                tally.promotions++;
                if (before.second().get().direction() == Connection.Direction.OUTGOING && e instanceof Event.BgpOpen) {
                    tally.attemptWon++;
                }
                if (before.state() instanceof State.Established && e instanceof Event.BgpOpen o
                        && before.second().filter(o.connection()::equals).isPresent()) {
                    tally.establishedReplaced++;
                }
            }
            tally.maxIdleHolds += actions.stream().filter(a -> a instanceof Action.StartTimer s
                    && s.timer() == Timer.IDLE_HOLD && s.duration().equals(setup.config().maxIdleHoldTime())).count();
        }

        private void add(double weight, Event e) {
            if (weight > 0) {
                choices.add(e);
                choiceWeights.add(weight);
            }
        }

        /** The events a driver could deliver now, weighted; one of them drawn. */
        private Event draw() {
            choices.clear();
            choiceWeights.clear();
            State s = session.state();
            boolean waiting = s instanceof State.Idle && !session.started();
            add(waiting ? 8 : 0.3, new Event.ManualStart());
            add(waiting ? 4 : 0.3, new Event.AutomaticStart());
            add(0.4, new Event.ManualStop(random.nextInt(4) == 0 ? "maintenance" : ""));
            add(0.2, new Event.AutomaticStop(NotificationError.Cease.MAXIMUM_NUMBER_OF_PREFIXES_REACHED));
            for (Timer t : model.running()) {
                add(timerWeight(t), t.expiry());
            }
            // An expiry that raced with its cancellation.
            add(0.1, Timer.values()[random.nextInt(Timer.values().length)].expiry());

            session.connection().ifPresent(c -> {
                switch (s) {
                    case State.Connect connect when !connect.delayingOpen() -> {
                        add(10, new Event.TcpCrAcked(c));
                        add(2, new Event.TcpConnectionFails(c, "Connection refused"));
                    }
                    case State.OpenConfirm oc -> peer(c, AWAITING_KEEPALIVE, 1);
                    case State.Established est -> peer(c, ESTABLISHED, 1);
                    default -> peer(c, AWAITING_OPEN, 1);
                }
            });
            Connection incoming = Connection.incoming(nextIncoming);
            double arrival = switch (s) {
                case State.Idle i -> 0.3;
                case State.Active a when a.delayingOpen().isEmpty() -> 5;
                case State.Connect c when !c.delayingOpen() -> 1;
                default -> session.second().isPresent() ? 0.2 : 0.8;
            };
            add(arrival, new Event.TcpConnectionConfirmed(incoming));
            add(0.3, new Event.TcpConnectionValid(incoming));
            add(0.2, new Event.TcpCrInvalid(incoming));
            session.second().ifPresent(y -> {
                if (model.everUp().contains(y)) {
                    peer(y, SECOND, 1);
                } else {
                    // Our attempt kept as the second connection: nothing is read from it until it is up.
                    add(6, new Event.TcpCrAcked(y));
                    add(1, new Event.TcpConnectionFails(y, "Connection refused"));
                }
            });
            // Whatever was queued on a connection already closed: messages if it was up, else its failure.
            List<Connection> closed = model.used().stream().filter(c -> !model.open().contains(c))
                    .sorted(Comparator.comparing(Connection::toString)).toList();
            if (!closed.isEmpty()) {
                Connection c = closed.get(random.nextInt(closed.size()));
                if (model.everUp().contains(c)) {
                    peer(c, STALE, 0.3);
                } else {
                    add(0.3, new Event.TcpConnectionFails(c, "Connection timed out"));
                    // The abandoned attempt connected anyway (our Close raced with the handshake).
                    add(0.3, new Event.TcpCrAcked(c));
                }
            }

            Event e = choices.get(pick());
            if (e instanceof Event.TcpConnectionConfirmed || e instanceof Event.TcpCrInvalid) {
                nextIncoming++;
            }
            return e;
        }

        private int pick() {
            double total = 0;
            for (double w : choiceWeights) {
                total += w;
            }
            double r = random.nextDouble(total);
            for (int i = 0; i < choiceWeights.size(); i++) {
                r -= choiceWeights.get(i);
                if (r < 0) {
                    return i;
                }
            }
            return choiceWeights.size() - 1;
        }

        private void peer(Connection c, Map<Peer, Double> weights, double scale) {
            for (Map.Entry<Peer, Double> w : weights.entrySet()) {
                add(w.getValue() * scale, message(w.getKey(), c));
            }
        }

        private Event message(Peer kind, Connection c) {
            return switch (kind) {
                case VALID_OPEN -> new Event.BgpOpen(c, valid.get(random.nextInt(valid.size())));
                case FAULTY_OPEN -> new Event.BgpOpen(c, faulty.get(random.nextInt(faulty.size())));
                case KEEPALIVE -> new Event.KeepAliveMsg(c);
                case UPDATE -> new Event.UpdateMsg(c, UPDATE);
                case ROUTE_REFRESH -> new Event.RouteRefreshMsg(c, ROUTE_REFRESH);
                case NOTIFICATION -> new Event.NotifMsg(c, CEASE);
                case VERSION_ERROR -> new Event.NotifMsgVerErr(c, VERSION_ERROR);
                case HEADER_ERROR -> new Event.BgpHeaderErr(c, HEADER_ERROR);
                case OPEN_ERROR -> new Event.BgpOpenMsgErr(c, OPEN_ERROR);
                case UPDATE_ERROR -> new Event.UpdateMsgErr(c, UPDATE_ERROR);
                case COLLISION_DUMP -> new Event.OpenCollisionDump(c);
                case FAILS -> new Event.TcpConnectionFails(c, "Connection reset by peer");
            };
        }
    }
}
