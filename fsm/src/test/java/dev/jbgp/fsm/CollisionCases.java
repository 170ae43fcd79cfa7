package dev.jbgp.fsm;

import static dev.jbgp.fsm.CollisionFixture.IN1;
import static dev.jbgp.fsm.CollisionFixture.OUT1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.jbgp.core.message.Open;
import dev.jbgp.fsm.CollisionFixture.Speaker;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * The cases the collision tests run over: who has the higher BGP Identifier (or, equal, the
 * larger AS), and the state the connection in use is in when a second connection arrives.
 */
final class CollisionCases {
    private CollisionCases() {
    }

    /**
     * Two speakers' identities, and whether ours is the higher one. {@code localWins} is
     * written out for each case, from RFC 4271 section 6.8 (identifiers compared as unsigned
     * 4-octet integers) and RFC 6286 section 2.3 (equal identifiers: the larger AS wins).
     */
    record Ids(String name, long localAs, int localId, long peerAs, int peerId, boolean localWins) {
        SessionConfig.Builder config() {
            return CollisionFixture.config(localAs, localId, peerAs);
        }

        Open peerOpen() {
            return CollisionFixture.open(peerAs, peerId);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static List<Ids> identifierOrders() {
        return List.of(
                new Ids("local 10.0.0.2 above peer 10.0.0.1", 65001, 0x0A00_0002, 65002, 0x0A00_0001, true),
                new Ids("local 10.0.0.1 below peer 10.0.0.2", 65001, 0x0A00_0001, 65002, 0x0A00_0002, false),
                // Signed comparison would order each of these the other way round.
                new Ids("local 192.168.0.1 above peer 10.0.0.1", 65001, 0xC0A8_0001, 65002, 0x0A00_0001, true),
                new Ids("local 10.0.0.1 below peer 192.168.0.1", 65001, 0x0A00_0001, 65002, 0xC0A8_0001, false),
                new Ids("local 128.0.0.0 above peer 127.255.255.255", 65001, 0x8000_0000, 65002, 0x7FFF_FFFF, true),
                new Ids("local 128.0.0.1 below peer 255.255.255.254", 65001, 0x8000_0001, 65002, 0xFFFF_FFFE, false),
                // RFC 6286 section 2.3: equal identifiers between ASes; the larger AS wins.
                new Ids("equal identifiers, local AS 65002 above peer AS 65001", 65002, 0x0A00_0001, 65001, 0x0A00_0001,
                        true),
                new Ids("equal identifiers, local AS 65001 below peer AS 65002", 65001, 0x0A00_0001, 65002, 0x0A00_0001,
                        false),
                new Ids("equal identifiers, local AS 4200000000 above peer AS 65001", 4_200_000_000L, 0x0A00_0001, 65001,
                        0x0A00_0001, true),
                new Ids("equal identifiers, local AS 65001 below peer AS 4200000000", 65001, 0x0A00_0001, 4_200_000_000L,
                        0x0A00_0001, false));
    }

    /**
     * Where the connection in use ({@code main}) stands when {@code second} arrives: a state
     * reached by real events from Idle.
     *
     * <p>The FSM opens connections only from Connect. When the peer's connection comes up
     * there first, the session goes on with it and keeps its own attempt in progress (out#1)
     * as the second connection, not up yet; {@link #secondUp()} is then that attempt
     * completing. Past OpenSent this is only possible when our attempt would win the
     * collision: an OPEN on the peer's connection that wins abandons the attempt (see
     * {@link #reachableWith}).
     */
    record Start(String name, Connection main, Connection second, boolean established, boolean awaitingOpen,
            UnaryOperator<SessionConfig.Builder> tweak) {

        Speaker reach(Ids ids) {
            if (!reachableWith(ids)) {
                throw new IllegalArgumentException(name + " cannot be reached with " + ids);
            }
            Speaker s = new Speaker(tweak.apply(ids.config()).build());
            s.step(new Event.AutomaticStart());
            assertEquals(new State.Connect(Connection.outgoing(1), false), s.state(), () -> name + ": after " + s.history);
            s.step(up(main));
            if (!awaitingOpen) {
                s.step(new Event.BgpOpen(main, ids.peerOpen()));
                if (established) {
                    s.step(new Event.KeepAliveMsg(main));
                }
            }
            String expected = established ? "Established" : !awaitingOpen ? "OpenConfirm"
                    : s.config().delayOpen() ? "Connect" : "OpenSent";
            assertEquals(expected, s.state().name(), () -> name + ": after " + s.history);
            assertEquals(main, s.state().held().orElseThrow(), () -> name + ": after " + s.history);
            // The peer's connection in use: our attempt is kept, still in progress.
            assertEquals(secondPending() ? Optional.of(second) : Optional.empty(), s.session.second(),
                    () -> name + ": after " + s.history);
            assertFalse(s.session.secondUp(), () -> name + ": after " + s.history);
            return s;
        }

        /** The second connection is our attempt, kept from Connect while the peer's connection is in use. */
        boolean secondPending() {
            return main.direction() == Connection.Direction.INCOMING;
        }

        /**
         * Whether this start exists with {@code ids}: with the peer's connection in use and
         * the peer the higher speaker, the peer's OPEN makes that connection the winner and
         * abandons our attempt, so OpenConfirm or Established never see it come up.
         */
        boolean reachableWith(Ids ids) {
            return !secondPending() || awaitingOpen || ids.localWins();
        }

        /** The event of {@code second} coming up. */
        Event secondUp() {
            return up(second);
        }

        /** The connection in use is up and the DelayOpenTimer runs: our OPEN is not sent on it yet. */
        boolean delaying() {
            return awaitingOpen && tweak == DELAY_OPEN;
        }

        /** Of the two connections, the one {@code we} opened, or else the one the peer opened. */
        Connection openedBy(boolean we) {
            Connection.Direction d = we ? Connection.Direction.OUTGOING : Connection.Direction.INCOMING;
            return main.direction() == d ? main : second;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static Event up(Connection c) {
        return c.direction() == Connection.Direction.OUTGOING
                ? new Event.TcpCrAcked(c) : new Event.TcpConnectionConfirmed(c);
    }

    private static final UnaryOperator<SessionConfig.Builder> PLAIN = b -> b;
    private static final UnaryOperator<SessionConfig.Builder> DELAY_OPEN = b -> b.delayOpen(true);
    private static final UnaryOperator<SessionConfig.Builder> DETECT_ESTABLISHED =
            b -> b.collisionDetectEstablishedState(true);

    /** Every state the connection in use can be in, in both directions, where the identifier rule applies. */
    static List<Start> starts() {
        return List.of(
                new Start("Connect with DelayOpen on our connection, the peer's arrives", OUT1, IN1, false, true,
                        DELAY_OPEN),
                new Start("Connect with DelayOpen on the peer's connection, ours arrives", IN1, OUT1, false, true,
                        DELAY_OPEN),
                new Start("OpenSent on our connection, the peer's arrives", OUT1, IN1, false, true, PLAIN),
                new Start("OpenSent on the peer's connection, ours arrives", IN1, OUT1, false, true, PLAIN),
                new Start("OpenConfirm on our connection, the peer's arrives", OUT1, IN1, false, false, PLAIN),
                new Start("OpenConfirm on the peer's connection, ours arrives", IN1, OUT1, false, false, PLAIN),
                new Start("Established (CollisionDetectEstablishedState) on our connection, the peer's arrives",
                        OUT1, IN1, true, false, DETECT_ESTABLISHED),
                new Start("Established (CollisionDetectEstablishedState) on the peer's connection, ours arrives",
                        IN1, OUT1, true, false, DETECT_ESTABLISHED));
    }

    /** Established without CollisionDetectEstablishedState: the second connection always loses. */
    static List<Start> establishedWithoutDetection() {
        return List.of(
                new Start("Established on our connection, the peer's arrives", OUT1, IN1, true, false, PLAIN),
                new Start("Established on the peer's connection, ours arrives", IN1, OUT1, true, false, PLAIN));
    }

    static Stream<Start> allStarts() {
        return Stream.concat(starts().stream(), establishedWithoutDetection().stream());
    }

    /** Every start with every identifier order it can be reached with. */
    static Stream<Object[]> startsTimesIds(List<Start> starts) {
        return starts.stream().flatMap(s -> identifierOrders().stream().filter(s::reachableWith)
                .map(i -> new Object[] {s, i}));
    }
}
