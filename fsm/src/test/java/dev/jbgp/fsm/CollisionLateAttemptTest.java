package dev.jbgp.fsm;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jbgp.fsm.TableFixture.Walk;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * An attempt of ours that the session abandoned completes anyway (Tcp_CR_Acked, event 16,
 * after our Close raced with the handshake). The session numbers its own attempts, so it
 * knows the connection is not one it wants: it is closed and nothing else changes, in every
 * state (Fsm javadoc). Section 8.2.2 would take it up in Active and track it as a second
 * connection from OpenSent on; the only second connection of ours is the attempt kept in
 * Connect (CollisionPendingSecondTest).
 *
 * <p>Each case abandons a real attempt on a real path from Idle.
 */
class CollisionLateAttemptTest {

    /**
     * Where the session stands once it has abandoned an attempt.
     *
     * @param abandon steps the walk from Connect, the attempt in progress; returns the attempt
     *     it abandoned
     */
    record Case(String name, boolean delayOpen, Function<Walk, Connection> abandon, Class<? extends State> state) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** The attempt in progress, abandoned by {@code events}. */
    private static Connection abandonedBy(Walk w, Event... events) {
        Connection attempt = w.main();
        for (Event e : events) {
            w.step(e);
        }
        return attempt;
    }

    /** The ConnectRetryTimer fires: the attempt is abandoned for a new one, which completes. */
    private static Connection replacedThenUp(Walk w) {
        Connection old = abandonedBy(w, new Event.ConnectRetryTimerExpires());
        w.step(new Event.TcpCrAcked(w.main()));
        return old;
    }

    /** The peer's connection comes up, the attempt is kept; the peer's OPEN (peer higher) abandons it. */
    private static Connection abandonedAtTheWinningOpen(Walk w) {
        Connection incoming = w.newIncoming();
        return abandonedBy(w, new Event.TcpConnectionConfirmed(incoming),
                new Event.BgpOpen(incoming, TableFixture.peerOpen()));
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("Idle after a ManualStop", false, w -> abandonedBy(w, new Event.ManualStop()), State.Idle.class),
                new Case("Idle after a failure, the restart pending", false,
                        w -> abandonedBy(w, new Event.HoldTimerExpires()), State.Idle.class),
                new Case("Connect, the attempt replaced when the ConnectRetryTimer fired", false,
                        w -> abandonedBy(w, new Event.ConnectRetryTimerExpires()), State.Connect.class),
                new Case("Connect with DelayOpen, the replacing attempt up", true, CollisionLateAttemptTest::replacedThenUp,
                        State.Connect.class),
                new Case("Active, after the replacing attempt failed in OpenSent", false, w -> {
                    Connection old = replacedThenUp(w);
                    w.step(new Event.TcpConnectionFails(w.main(), "Connection reset by peer"));
                    return old;
                }, State.Active.class),
                new Case("Active, the attempt dropped with the peer's connection that failed while delaying", true, w -> {
                    Connection incoming = w.newIncoming();
                    return abandonedBy(w, new Event.TcpConnectionConfirmed(incoming),
                            new Event.TcpConnectionFails(incoming, "Connection reset by peer"));
                }, State.Active.class),
                new Case("OpenSent, on the replacing attempt", false, CollisionLateAttemptTest::replacedThenUp,
                        State.OpenSent.class),
                new Case("OpenSent, the attempt kept and dropped when its hold timer fired", false,
                        w -> abandonedBy(w, new Event.TcpConnectionConfirmed(w.newIncoming()),
                                new Event.CollisionHoldTimerExpires()), State.OpenSent.class),
                new Case("OpenSent, the next attempt kept while an earlier one completes", false, w -> {
                    Connection old = abandonedBy(w, new Event.ConnectRetryTimerExpires());
                    w.step(new Event.TcpConnectionConfirmed(w.newIncoming()));
                    assertTrue(w.session().second().isPresent(), "the next attempt is kept: " + w);
                    return old;
                }, State.OpenSent.class),
                new Case("OpenConfirm, the attempt abandoned at the OPEN of the winning peer's connection", false,
                        CollisionLateAttemptTest::abandonedAtTheWinningOpen, State.OpenConfirm.class),
                new Case("OpenConfirm with DelayOpen, likewise", true, CollisionLateAttemptTest::abandonedAtTheWinningOpen,
                        State.OpenConfirm.class),
                new Case("Established on the peer's connection", false, w -> {
                    Connection old = abandonedAtTheWinningOpen(w);
                    w.step(new Event.KeepAliveMsg(w.main()));
                    return old;
                }, State.Established.class),
                new Case("Established on the replacing attempt", false, w -> {
                    Connection old = replacedThenUp(w);
                    w.step(new Event.BgpOpen(w.main(), TableFixture.peerOpen()));
                    w.step(new Event.KeepAliveMsg(w.main()));
                    return old;
                }, State.Established.class));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void theLateCompletionOfAnAbandonedAttemptIsClosedAndChangesNothingElse(Case c) {
        Walk w = TableFixture.connect(c.delayOpen() ? TableFixture.delayOpen() : TableFixture.plain());
        Connection first = w.main();
        Connection late = c.abandon().apply(w);
        w.in(c.state());
        // Preconditions: an attempt of ours, neither in use nor kept.
        Session before = w.session();
        assertAll(c.name() + ": " + w,
                () -> assertEquals(first, late, "the attempt the session started with"),
                () -> assertEquals(Connection.Direction.OUTGOING, late.direction()),
                () -> assertFalse(before.state().owns(late), "not the connection in use"),
                () -> assertFalse(before.second().equals(Optional.of(late)), "not the second connection"));

        Transition t = w.step(new Event.TcpCrAcked(late));
        assertAll(c.name() + ": " + w,
                () -> assertEquals(List.of(new Action.Close(late)), t.actions(), "only closed"),
                () -> assertEquals(before, t.next(), "the session as it was"));
        // Its failure, reported after the Close, is stale.
        Transition after = w.step(new Event.TcpConnectionFails(late, "Connection reset by peer"));
        assertAll(c.name() + ": " + w,
                () -> assertEquals(List.of(), after.actions(), "a stale failure"),
                () -> assertEquals(before, after.next(), "the session as it was"));
    }
}
