package dev.jbgp.fsm;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.jbgp.core.message.Keepalive;
import dev.jbgp.core.message.BgpMessage;
import dev.jbgp.fsm.CollisionCases.Ids;
import dev.jbgp.fsm.CollisionFixture.Speaker;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.IntUnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Two speakers, A and B, each an {@link Fsm} and its {@link Session}, wired back to back in
 * memory and connecting to each other at the same time (RFC 4271 section 6.8). Both must end
 * Established on the same TCP connection, the one opened by the speaker with the higher BGP
 * Identifier, and both must close the other one.
 *
 * <p>The network carries TCP segments in each direction in the order they were sent (one
 * path, no loss); which direction delivers next is drawn from a seeded random source, so
 * the two speakers' steps interleave in every way that ordering allows. A's outgoing
 * connection #n is B's incoming #n. Timers never fire: the exchange needs none.
 *
 * <p>In-order delivery per direction matters: it means a speaker accepts the peer's
 * connection before it reads anything the peer sent in answer to traffic on it. Were a
 * segment to overtake another (a lost and resent ACK), a speaker could read the peer's Cease
 * on its only connection before accepting the one the peer kept; section 8.2.2 then takes it
 * to Idle, which refuses that connection, and the session comes up only on a later attempt.
 *
 * <p>On such a network a speaker's own attempt always completes before it accepts the peer's
 * connection: the SYN-ACK answering its SYN is on its way ahead of the ACK that completes
 * the peer's handshake. Only a lost handshake segment, sent again later by the kernel, lets
 * the peer's connection come up first, while the speaker's attempt is still in progress; the
 * lossy runs cover that case.
 */
class CollisionSimulationTest {
    private static final int MAX_DELIVERIES = 200;
    private static final long[] SEEDS = {1, 2, 3, 42, 179, 4271, 6286, 0xC011_1510L};
    private static final int RUNS_PER_SEED = 100;
    private static final int A = 0;
    private static final int B = 1;
    /** The chance that a SYN or SYN-ACK is lost (and sent again later) in the lossy runs. */
    private static final double LOSS = 0.3;

    static Stream<Object[]> idsAndSeeds() {
        return CollisionCases.identifierOrders().stream()
                .flatMap(ids -> Arrays.stream(SEEDS).mapToObj(seed -> new Object[] {ids, seed}));
    }

    @ParameterizedTest(name = "{0}, seed {1}")
    @MethodSource("idsAndSeeds")
    void withHandshakeSegmentsLostAndResentBothEndEstablishedOnOneConnection(Ids ids, long seed) {
        int higherFirst = 0;
        for (int i = 0; i < RUNS_PER_SEED; i++) {
            Wire wire = new Wire(ids, seed * 1_000_003L + i, LOSS);
            wire.startBoth();
            wire.run(null);
            // Section 6.8: the higher speaker's connection survives the collision, unless the
            // higher speaker took up the peer's connection while its own attempt was still in
            // progress. It then has only that connection when the peer's OPEN arrives there,
            // goes to OpenConfirm and sends its KEEPALIVE; the peer reaches Established on that
            // connection before our attempt completes and brings our OPEN, and against an
            // Established session the newer connection loses.
            int higher = ids.localWins() ? A : B;
            boolean higherKeeps = !wire.acceptedBeforeOwnAttempt[higher];
            wire.assertOneSessionOnOneConnection(higherKeeps);
            higherFirst += wire.acceptedBeforeOwnAttempt[higher] ? 1 : 0;
        }
        // The losses must produce the case they are there for, and not only that case.
        int cases = higherFirst;
        assertTrue(cases > 0 && cases < RUNS_PER_SEED,
                () -> cases + " of " + RUNS_PER_SEED + " runs had the higher speaker accept the peer's connection first");
    }

    static Stream<Ids> ids() {
        return CollisionCases.identifierOrders().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ids")
    void inLockstepBothEndEstablishedOnTheConnectionOfTheHigherSpeaker(Ids ids) {
        Wire wire = new Wire(ids, 0);
        wire.startBoth();
        // Each side in turn: both SYNs cross, both attempts complete, both accept the other's.
        wire.run(n -> n % 2 == 0 ? A : B);
        wire.assertCollisionResolved();
    }

    @ParameterizedTest(name = "{0}, seed {1}")
    @MethodSource("idsAndSeeds")
    void inAnyOrderBothEndEstablishedOnTheConnectionOfTheHigherSpeaker(Ids ids, long seed) {
        Set<String> orders = new HashSet<>();
        for (int i = 0; i < RUNS_PER_SEED; i++) {
            Wire wire = new Wire(ids, seed * 1_000_003L + i);
            wire.startBoth();
            wire.run(null);
            wire.assertCollisionResolved();
            orders.add(wire.order.toString());
        }
        // The draws must actually vary the interleaving, or the runs repeat one case.
        assertTrue(orders.size() > RUNS_PER_SEED / 2, orders.size() + " distinct orders in " + RUNS_PER_SEED + " runs");
    }

    /** One end of a TCP connection: the speaker and its name for the connection. */
    record End(int speaker, Connection connection) {
        /** The same connection seen from the other speaker. */
        End mirror() {
            Connection c = connection.direction() == Connection.Direction.OUTGOING
                    ? Connection.incoming(connection.number()) : Connection.outgoing(connection.number());
            return new End(1 - speaker, c);
        }

        @Override
        public String toString() {
            return (speaker == A ? "A." : "B.") + connection;
        }
    }

    /** What travels between the hosts, named by the receiving end's connection. */
    sealed interface Segment {
        Connection at();
    }

    /** Opens a connection; the receiving kernel answers at once, whatever its application does. */
    record Syn(Connection at) implements Segment { }

    /** Completes our attempt: Tcp_CR_Acked; our ACK goes back. */
    record SynAck(Connection at) implements Segment { }

    /** Completes the peer's connection: TcpConnectionConfirmed. */
    record Ack(Connection at) implements Segment { }

    record Data(Connection at, BgpMessage message) implements Segment { }

    record Fin(Connection at) implements Segment { }

    /** The in-memory network and the two drivers: one speaker's actions become segments to the other. */
    private static final class Wire {
        final Ids ids;
        final SplittableRandom random;
        final Speaker[] speakers = new Speaker[2];
        /** Segments on their way to each speaker, in the order they were sent. */
        final List<ArrayDeque<Segment>> toward = List.of(new ArrayDeque<>(), new ArrayDeque<>());
        /** Ends whose speaker has dropped them: nothing more is read from them. */
        final Set<End> closed = new HashSet<>();
        /** Ends whose speaker was told the connection is up. */
        final Set<End> up = new HashSet<>();
        /** What happened, formatted only when a check fails. */
        final List<Object[]> trace = new ArrayList<>();
        /** Which speaker each delivery went to, as a string of A and B. */
        final StringBuilder order = new StringBuilder();
        final int[] sessionsUp = new int[2];
        int ceases;
        /** The chance that a handshake segment is lost. */
        final double loss;
        /** Handshake segments lost, each with the speaker it was on its way to; sent again later. */
        final List<Object[]> lost = new ArrayList<>();
        /** Each speaker accepted the peer's connection #1 before its own attempt #1 completed. */
        final boolean[] acceptedBeforeOwnAttempt = new boolean[2];

        Wire(Ids ids, long seed) {
            this(ids, seed, 0);
        }

        Wire(Ids ids, long seed, double loss) {
            this.ids = ids;
            this.loss = loss;
            this.random = new SplittableRandom(seed);
            trace.add(new Object[] {"seed " + seed + ", A: " + ids});
            speakers[A] = new Speaker(ids.config().build(), seed);
            speakers[B] = new Speaker(CollisionFixture.config(ids.peerAs(), ids.peerId(), ids.localAs()).build(),
                    seed + 1);
        }

        void startBoth() {
            carryOut(A, speakers[A].step(new Event.AutomaticStart()));
            carryOut(B, speakers[B].step(new Event.AutomaticStart()));
        }

        /**
         * Delivers segments until none is left, to the speaker {@code order} names for the n-th
         * delivery when it has one waiting, else to one drawn at random; bounded.
         */
        void run(IntUnaryOperator order) {
            for (int n = 0; n < MAX_DELIVERIES; n++) {
                boolean toA = !toward.get(A).isEmpty();
                boolean toB = !toward.get(B).isEmpty();
                if (!lost.isEmpty() && (!toA && !toB || random.nextInt(4) == 0)) {
                    resend();
                    continue;
                }
                if (!toA && !toB) {
                    return;
                }
                int preferred = order != null ? order.applyAsInt(n) : random.nextInt(2);
                deliver(toA && toB ? preferred : toA ? A : B);
            }
            fail("still busy after " + MAX_DELIVERIES + " deliveries\n" + describe());
        }

        void deliver(int to) {
            Segment segment = toward.get(to).poll();
            order.append(to == A ? 'A' : 'B');
            End end = new End(to, segment.at());
            Event event = switch (segment) {
                case Syn s -> {
                    send(end.mirror(), new SynAck(end.mirror().connection()));
                    yield null;
                }
                case SynAck s -> {
                    if (closed.contains(end)) {
                        yield null; // the attempt was abandoned: no ACK, the peer never accepts it
                    }
                    up.add(end);
                    send(end.mirror(), new Ack(end.mirror().connection()));
                    yield new Event.TcpCrAcked(end.connection());
                }
                case Ack s -> {
                    if (!up.contains(new End(to, Connection.outgoing(1)))) {
                        acceptedBeforeOwnAttempt[to] = true;
                    }
                    up.add(end);
                    yield new Event.TcpConnectionConfirmed(end.connection());
                }
                case Data d -> closed.contains(end) ? null : Event.received(end.connection(), d.message());
                case Fin f -> closed.contains(end) ? null : new Event.TcpConnectionFails(end.connection(), "closed by peer");
            };
            if (event == null) {
                trace.add(new Object[] {"  ", end, " ", segment, " (no event)"});
                return;
            }
            List<Action> actions = speakers[to].step(event);
            trace.add(new Object[] {end, " <- ", event, " => ", speakers[to].state().name(), " ", actions});
            carryOut(to, actions);
        }

        void carryOut(int who, List<Action> actions) {
            for (Action action : actions) {
                switch (action) {
                    case Action.Connect c -> send(new End(who, c.connection()).mirror(),
                            new Syn(new End(who, c.connection()).mirror().connection()));
                    case Action.SendOpen o -> transmit(new End(who, o.connection()), o.open());
                    case Action.SendKeepalive k -> transmit(new End(who, k.connection()), Keepalive.INSTANCE);
                    case Action.SendNotification n -> {
                        if (n.notification().equals(CollisionFixture.collisionCease())) {
                            ceases++;
                        }
                        transmit(new End(who, n.connection()), n.notification());
                    }
                    case Action.Close c -> {
                        End end = new End(who, c.connection());
                        closed.add(end);
                        if (up.contains(end)) {
                            send(end.mirror(), new Fin(end.mirror().connection()));
                        }
                    }
                    case Action.SessionUp u -> sessionsUp[who]++;
                    case Action.SessionDown down -> fail("no session goes down here: " + down + "\n" + describe());
                    default -> { }
                }
            }
        }

        private void transmit(End from, BgpMessage message) {
            assertTrue(up.contains(from), () -> from + " sends before it is up\n" + describe());
            assertFalse(closed.contains(from), () -> from + " sends after closing\n" + describe());
            send(from.mirror(), new Data(from.mirror().connection(), message));
        }

        private void send(End to, Segment segment) {
            if ((segment instanceof Syn || segment instanceof SynAck) && loss > 0 && random.nextDouble() < loss) {
                trace.add(new Object[] {"  lost on its way to ", to, ": ", segment});
                lost.add(new Object[] {to, segment});
                return;
            }
            toward.get(to.speaker()).add(segment);
        }

        /**
         * The kernel sends a lost handshake segment again, behind what is already on its way;
         * a SYN only while the attempt it opens has not been dropped.
         */
        private void resend() {
            Object[] entry = lost.remove(random.nextInt(lost.size()));
            End to = (End) entry[0];
            Segment segment = (Segment) entry[1];
            if (segment instanceof Syn && closed.contains(to.mirror())) {
                trace.add(new Object[] {"  not sent again, the attempt was dropped: ", segment});
                return;
            }
            trace.add(new Object[] {"  sent again to ", to, ": ", segment});
            toward.get(to.speaker()).add(segment);
        }

        /**
         * Both speakers Established, each once, on the two ends of the connection the higher
         * speaker opened; the other connection came up and was closed at both ends after a
         * Cease / Connection Collision Resolution.
         */
        void assertCollisionResolved() {
            State.Established a = assertInstanceOf(State.Established.class, speakers[A].state(), this::describe);
            State.Established b = assertInstanceOf(State.Established.class, speakers[B].state(), this::describe);
            End kept = new End(A, a.connection());
            assertEquals(kept.mirror(), new End(B, b.connection()), this::describe);
            // A's outgoing connection is the one A opened.
            assertEquals(ids.localWins() ? Connection.Direction.OUTGOING : Connection.Direction.INCOMING,
                    a.connection().direction(), this::describe);
            Connection other = ids.localWins() ? Connection.incoming(1) : Connection.outgoing(1);
            End lostAtA = new End(A, other);
            assertAll(
                    () -> assertTrue(up.contains(lostAtA) && up.contains(lostAtA.mirror()),
                            () -> "both connections came up\n" + describe()),
                    () -> assertTrue(closed.contains(lostAtA), () -> "A closed " + lostAtA + "\n" + describe()),
                    () -> assertTrue(closed.contains(lostAtA.mirror()),
                            () -> "B closed " + lostAtA.mirror() + "\n" + describe()),
                    () -> assertFalse(closed.contains(kept) || closed.contains(kept.mirror()), this::describe),
                    () -> assertTrue(ceases > 0, this::describe),
                    () -> assertEquals(1, sessionsUp[A], this::describe),
                    () -> assertEquals(1, sessionsUp[B], this::describe),
                    () -> assertTrue(speakers[A].session.second().isEmpty() && speakers[B].session.second().isEmpty(),
                            this::describe),
                    () -> assertEquals(ids.peerId(), a.negotiated().peerId()),
                    () -> assertEquals(ids.localId(), b.negotiated().peerId()));
        }

        /**
         * Both speakers Established, each once, on the two ends of one connection: the one the
         * higher speaker opened when {@code higherKeeps}, else the lower speaker's. The other
         * connection is closed at each end where it came up (with a Cease when it came up at
         * both), and neither speaker tracks a second connection.
         */
        void assertOneSessionOnOneConnection(boolean higherKeeps) {
            State.Established a = assertInstanceOf(State.Established.class, speakers[A].state(), this::describe);
            State.Established b = assertInstanceOf(State.Established.class, speakers[B].state(), this::describe);
            End kept = new End(A, a.connection());
            boolean keepsOurs = ids.localWins() == higherKeeps;
            End lostAtA = new End(A, keepsOurs ? Connection.incoming(1) : Connection.outgoing(1));
            assertAll(
                    () -> assertEquals(kept.mirror(), new End(B, b.connection()), this::describe),
                    () -> assertEquals(keepsOurs ? Connection.outgoing(1) : Connection.incoming(1), a.connection(),
                            () -> (higherKeeps ? "the higher speaker's connection\n" : "the lower speaker's connection\n")
                                    + describe()),
                    () -> assertTrue(!up.contains(lostAtA) || closed.contains(lostAtA), () -> "A closed " + lostAtA
                            + "\n" + describe()),
                    () -> assertTrue(!up.contains(lostAtA.mirror()) || closed.contains(lostAtA.mirror()),
                            () -> "B closed " + lostAtA.mirror() + "\n" + describe()),
                    () -> assertTrue(!(up.contains(lostAtA) && up.contains(lostAtA.mirror())) || ceases > 0, this::describe),
                    () -> assertFalse(closed.contains(kept) || closed.contains(kept.mirror()), this::describe),
                    () -> assertEquals(1, sessionsUp[A], this::describe),
                    () -> assertEquals(1, sessionsUp[B], this::describe),
                    () -> assertTrue(speakers[A].session.second().isEmpty() && speakers[B].session.second().isEmpty(),
                            this::describe),
                    () -> assertEquals(ids.peerId(), a.negotiated().peerId()),
                    () -> assertEquals(ids.localId(), b.negotiated().peerId()));
        }

        String describe() {
            StringBuilder out = new StringBuilder();
            for (Object[] line : trace) {
                for (Object part : line) {
                    out.append(part);
                }
                out.append('\n');
            }
            return out.toString();
        }
    }
}
