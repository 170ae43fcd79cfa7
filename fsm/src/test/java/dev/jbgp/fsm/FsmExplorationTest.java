package dev.jbgp.fsm;

import static dev.jbgp.fsm.FsmPropertyAlphabet.LOWER_ID;
import static dev.jbgp.fsm.FsmPropertyAlphabet.HIGHER_ID;
import static dev.jbgp.fsm.FsmPropertyAlphabet.WRONG_AS;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jbgp.core.message.Open;
import dev.jbgp.fsm.FsmPropertyAlphabet.Setup;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every sequence of events up to a bounded length, breadth first from a new session in Idle,
 * over a finite alphabet: every Event record, on the FSM's own connection attempts and two
 * incoming connections, with OPENs good and bad. Each node is a session together with what
 * the driver knows of it ({@link FsmPropertyModel}); nodes seen before are not expanded again.
 * On every edge the step must not throw and every property of {@link FsmPropertyModel} must
 * hold. The alphabet is what a driver can deliver: a new incoming connection gets a number
 * not used before, a message comes only from a connection that was up, an attempt succeeds
 * or fails only before it was ever up (so our attempt kept as the second connection gets
 * nothing else until it is up, and one the session abandoned may still complete late);
 * timers may fire whether or not they run (an expiry can race with its cancellation).
 */
class FsmExplorationTest {
    private static final int MAX_INCOMING = 2;
    /** Bounds the work when the depth alone would not: the exploration stops expanding beyond this. */
    private static final int MAX_NODES = 100_000;

    static Stream<Arguments> explorations() {
        Map<String, Setup> byName = new HashMap<>();
        FsmPropertyAlphabet.setups().forEach(s -> byName.put(s.name(), s));
        // Depth 4 reaches Established; 6 reaches an OPEN on a second connection beside it.
        return Stream.of(
                Arguments.of(byName.get("active iBGP, damped"), 7),
                Arguments.of(byName.get("delayOpen"), 6),
                Arguments.of(byName.get("eBGP, collisionDetectEstablishedState"), 6),
                Arguments.of(byName.get("delayOpen, no NOTIFICATION without OPEN, passive"), 7),
                Arguments.of(byName.get("hold time 0"), 6));
    }

    /**
     * A session and what the driver knows of it. Every node of one exploration has the same
     * configuration, so the hash leaves it out: hashing it on every edge took half the time.
     */
    private record Node(Session session, FsmPropertyModel model) {
        @Override
        public int hashCode() {
            Session s = session;
            return Objects.hash(s.state(), s.connectRetryCounter(), s.started(), s.idleHoldTime(), s.second(),
                    s.secondUp(), s.nextAttempt(), s.lastError(), model);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Node n && n.session.equals(session) && n.model.equals(model);
        }
    }

    /** How a node was first reached, to print the path to a failure. */
    private record Parent(Node node, Event event) {
    }

    @ParameterizedTest(name = "{0}, depth {1}")
    @MethodSource("explorations")
    void everyEdgeFromIdleToTheDepthBoundKeepsTheInvariants(Setup setup, int depth) {
        SessionConfig config = setup.config();
        Fsm fsm = new Fsm(new SplittableRandom(1));
        List<Open> opens = List.of(
                FsmPropertyAlphabet.peerOpen(config, LOWER_ID, 90),
                FsmPropertyAlphabet.peerOpen(config, HIGHER_ID, 0),
                Open.of(WRONG_AS, 90, HIGHER_ID, FsmPropertyAlphabet.PEER_CAPABILITIES));
        Node root = new Node(Session.initial(config), FsmPropertyModel.initial(config));
        Map<Node, Parent> seen = new HashMap<>();
        seen.put(root, new Parent(null, null));
        // Distinct sessions, whatever the driver's view: nodes with the initial model stand for them.
        Set<Node> sessions = new HashSet<>();
        sessions.add(root);
        Set<String> states = new HashSet<>();
        Set<Class<?>> kinds = new HashSet<>();
        long edges = 0;
        long promotions = 0;
        long replacedEstablished = 0;
        long sessionUps = 0;
        long attemptWon = 0;
        long pendingKept = 0;
        long pendingUp = 0;
        long lateClosed = 0;
        int reached = 0;
        long started = System.nanoTime();
        List<Node> frontier = List.of(root);
        for (int level = 1; level <= depth && !frontier.isEmpty() && seen.size() < MAX_NODES; level++) {
            List<Node> next = new ArrayList<>();
            for (Node node : frontier) {
                for (Event e : alphabet(node, opens)) {
                    FsmPropertyModel.Edge edge;
                    try {
                        edge = node.model().step(fsm, node.session(), e);
                    } catch (AssertionError | RuntimeException x) {
                        throw new AssertionError(setup + ", depth " + level + ": " + x.getMessage() + "\n  path from Idle:\n"
                                + path(seen, node) + "    " + FsmPropertyModel.describe(e), x);
                    }
                    edges++;
                    kinds.add(e.getClass());
                    Session after = edge.transition().next();
                    if (node.session().second().isPresent() && after.connection().equals(node.session().second())) {
                        promotions++;
                        if (node.session().second().get().direction() == Connection.Direction.OUTGOING
                                && e instanceof Event.BgpOpen) {
                            attemptWon++;
                        }
                        if (node.session().state() instanceof State.Established && e instanceof Event.BgpOpen o
                                && node.session().second().filter(o.connection()::equals).isPresent()) {
                            replacedEstablished++;
                        }
                    }
                    sessionUps += edge.transition().actions().stream().filter(Action.SessionUp.class::isInstance).count();
                    Session before = node.session();
                    if (after.second().isPresent() && !after.secondUp() && !after.second().equals(before.second())) {
                        pendingKept++;
                    }
                    if (before.second().isPresent() && !before.secondUp() && after.secondUp()) {
                        pendingUp++;
                    }
                    if (e instanceof Event.TcpCrAcked a && !node.model().open().contains(a.connection())) {
                        lateClosed++;
                    }
                    Node child = new Node(after, edge.model());
                    if (seen.putIfAbsent(child, new Parent(node, e)) == null) {
                        sessions.add(new Node(after, root.model()));
                        states.add(after.state().name()
                                + after.second().map(y -> after.secondUp() ? "+second" : "+pending").orElse(""));
                        next.add(child);
                    }
                }
            }
            frontier = next;
            reached = level;
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        System.out.printf("FsmExplorationTest [%s]: depth %d, %d distinct sessions (%d with the driver's view), %d edges, "
                        + "%d SessionUp edges, %d edges carrying on with a second connection "
                        + "(%d collisions won against Established, %d collisions won by our attempt kept), "
                        + "%d edges keeping our attempt as the second connection, %d bringing it up, "
                        + "%d closing a late attempt, states %s, %d ms%n",
                setup, reached, sessions.size(), seen.size(), edges, sessionUps, promotions, replacedEstablished,
                attemptWon, pendingKept, pendingUp, lateClosed, new TreeSet<>(states), millis);
        long established = sessionUps;
        long carried = promotions;
        long replaced = replacedEstablished;
        long kept = pendingKept;
        long keptUp = pendingUp;
        long keptWon = attemptWon;
        long late = lateClosed;
        boolean connects = !config.passive();
        Set<Class<?>> expectedKinds = eventRecords(Event.class);
        if (config.passive()) {
            expectedKinds.remove(Event.TcpCrAcked.class);   // a passive session makes no attempt to succeed
        }
        assertAll(
                () -> assertEquals(expectedKinds, kinds, "every Event record is fed"),
                () -> assertTrue(states.contains("Established"), "the exploration reaches Established: " + states),
                () -> assertTrue(established > 0, "the exploration takes the step into Established"),
                () -> assertTrue(states.stream().anyMatch(s -> s.endsWith("+second")), "a second connection is tracked"),
                () -> assertTrue(carried > 0, "a second connection takes over"),
                () -> assertTrue(!config.collisionDetectEstablishedState() || replaced > 0,
                        "with CollisionDetectEstablishedState a second connection replaces an Established one"),
                () -> assertTrue(!connects || kept > 0 && states.stream().anyMatch(s -> s.endsWith("+pending")),
                        "the peer's connection arrives in Connect and our attempt is kept as the second connection"),
                () -> assertTrue(!connects || keptUp > 0, "our attempt kept as the second connection comes up"),
                () -> assertTrue(!connects || keptWon > 0, "our attempt kept, once up, wins a collision"),
                () -> assertTrue(!connects || late > 0, "an abandoned attempt completes late"));
    }

    /** Every record type that implements {@code type}, through the sealed hierarchy. */
    private static Set<Class<?>> eventRecords(Class<?> type) {
        Set<Class<?>> out = new HashSet<>();
        for (Class<?> c : type.getPermittedSubclasses()) {
            if (c.isRecord()) {
                out.add(c);
            } else {
                out.addAll(eventRecords(c));
            }
        }
        return out;
    }

    /** The events a driver can deliver to {@code node}. */
    private static List<Event> alphabet(Node node, List<Open> opens) {
        Session s = node.session();
        FsmPropertyModel m = node.model();
        List<Event> out = new ArrayList<>(FsmPropertyAlphabet.sessionEvents());
        for (long k = 1; k < s.nextAttempt(); k++) {
            Connection c = Connection.outgoing(k);
            if (!m.everUp().contains(c)) {
                out.add(new Event.TcpCrAcked(c));
                out.add(new Event.TcpConnectionFails(c, "Connection refused"));
            } else {
                out.addAll(FsmPropertyAlphabet.fromPeer(c, opens));
            }
        }
        for (long k = 1; k <= MAX_INCOMING; k++) {
            Connection c = Connection.incoming(k);
            out.add(new Event.TcpConnectionValid(c));
            if (!m.used().contains(c)) {
                out.add(new Event.TcpConnectionConfirmed(c));
                out.add(new Event.TcpCrInvalid(c));
            } else if (m.everUp().contains(c)) {
                out.addAll(FsmPropertyAlphabet.fromPeer(c, opens));
            }
        }
        return out;
    }

    private static String path(Map<Node, Parent> seen, Node node) {
        List<String> lines = new ArrayList<>();
        for (Node n = node; seen.get(n).node() != null; n = seen.get(n).node()) {
            lines.addFirst("    " + FsmPropertyModel.describe(seen.get(n).event()) + "  -> "
                    + FsmPropertyModel.describe(n.session()) + "\n");
        }
        return String.join("", lines);
    }
}
