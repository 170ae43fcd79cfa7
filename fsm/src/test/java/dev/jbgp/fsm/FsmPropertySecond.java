package dev.jbgp.fsm;

import dev.jbgp.core.message.Open;
import dev.jbgp.fsm.Action.Close;
import dev.jbgp.fsm.Action.SendKeepalive;
import dev.jbgp.fsm.Action.SendNotification;
import dev.jbgp.fsm.Action.SendOpen;
import dev.jbgp.fsm.Action.StartTimer;
import dev.jbgp.fsm.Action.StopTimer;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The properties of the outgoing connections a session holds beside the RFC's one machine per
 * connection (Fsm javadoc): our attempt kept as the second connection while it is still in
 * progress, and the late completion of an attempt the session abandoned. {@link FsmPropertyModel}
 * checks them on every edge, with what the driver knows.
 */
final class FsmPropertySecond {
    private FsmPropertySecond() {
    }

    /** Reports a property that does not hold; the message is built only then. */
    interface Checker {
        void check(boolean ok, Supplier<String> property);
    }

    /**
     * One step as the driver sees it.
     *
     * @param upBefore connections that had come up before the step
     * @param upAfter the same after the event (a completion brings one up)
     * @param broughtUp a connection the event brought up that the driver did not hold open, or null
     * @param lateAttempt an attempt of ours, closed before it ever came up, that completes now, or null
     */
    record Edge(Session before, Event event, List<Action> actions, Session after, Set<Connection> upBefore,
                Set<Connection> upAfter, Set<Timer> runningBefore, Connection broughtUp, Connection lateAttempt,
                Checker checker) {
        void check(boolean ok, Supplier<String> property) {
            checker.check(ok, property);
        }
    }

    static void check(Edge e) {
        pendingSecond(e);
        lateAttemptOnlyClosed(e);
    }

    /**
     * Our attempt kept as the second connection (Fsm javadoc). It is kept exactly when the
     * peer's connection comes up in Connect while the attempt is in progress (and only then
     * is a second connection not up). Until it is up nothing is written on it and the
     * session never goes on with it: a loss of the connection in use drops it too. When it
     * completes our OPEN goes out on it and its hold timer starts again (section 6.8: it
     * exchanges OPENs like the first); when it fails, or its hold timer fires, it is dropped
     * without a NOTIFICATION; either way nothing else changes. The peer's OPEN on the
     * connection in use abandons it exactly when that connection wins the collision.
     */
    private static void pendingSecond(Edge e) {
        Session before = e.before();
        Session after = e.after();
        e.check(after.secondUp() == after.second().filter(e.upAfter()::contains).isPresent(),
                () -> "Session.secondUp() tells whether the second connection came up: " + after.second());
        boolean peerInConnect = before.state() instanceof State.Connect c && !c.delayingOpen()
                && e.event() instanceof Event.TcpConnectionConfirmed && e.broughtUp() != null;
        if (peerInConnect) {
            e.check(after.state().owns(e.broughtUp()) && after.second().equals(before.connection()) && !after.secondUp(),
                    () -> "the peer's connection arriving in Connect is taken up, our attempt in progress kept "
                            + "as the second");
        } else if (after.second().isPresent() && !after.secondUp()) {
            e.check(after.second().equals(before.second()), () -> "a second connection that is not up is only ever our "
                    + "attempt kept when the peer's connection arrived in Connect");
        }
        Optional<Connection> pending = before.second().filter(c -> !e.upBefore().contains(c));
        if (pending.isEmpty()) {
            return;
        }
        Connection y = pending.get();
        SessionConfig config = before.config();
        e.check(!after.state().owns(y), () -> "the session never goes on with " + y + " before it is up");
        e.check(e.event() instanceof Event.TcpCrAcked a && a.connection().equals(y)
                        || e.actions().stream().noneMatch(a -> writesOn(a, y)),
                () -> "nothing, no OPEN and no NOTIFICATION, is written on " + y + " before it is up");
        switch (e.event()) {
            case Event.TcpCrAcked a when a.connection().equals(y) -> e.check(
                    after.equals(before.withSecond(Optional.of(y), true)) && e.actions().size() == 2
                            && Set.copyOf(e.actions()).equals(Set.of(new SendOpen(y, config.open()),
                                    new StartTimer(Timer.COLLISION_HOLD, config.openHoldTime()))),
                    () -> "our attempt " + y + ", up, gets our OPEN and its hold timer again; nothing else changes");
            case Event.TcpConnectionFails f when f.connection().equals(y) -> droppedQuietly(e, y);
            case Event.CollisionHoldTimerExpires x when e.runningBefore().contains(Timer.COLLISION_HOLD) ->
                    droppedQuietly(e, y);
            case Event.BgpOpen o when before.state().owns(o.connection()) && after.state() instanceof State.OpenConfirm -> {
                boolean attemptWins = attemptWins(config, o.open());
                e.check(after.second().equals(attemptWins ? pending : Optional.empty()), () -> "the peer's OPEN on "
                        + o.connection() + " abandons our attempt " + y + " exactly when it wins (section 6.8: the "
                        + "connection opened by the higher identifier survives); the attempt wins: " + attemptWins);
            }
            default -> {
                if (!before.state().held().equals(after.state().held())) {
                    e.check(after.second().isEmpty(), () -> "our attempt " + y + " is dropped with the connection in use");
                }
            }
        }
    }

    private static boolean writesOn(Action a, Connection y) {
        return switch (a) {
            case SendOpen s -> s.connection().equals(y);
            case SendNotification s -> s.connection().equals(y);
            case SendKeepalive s -> s.connection().equals(y);
            default -> false;
        };
    }

    private static void droppedQuietly(Edge e, Connection y) {
        e.check(e.after().equals(e.before().withSecond(Optional.empty(), false)) && e.actions().contains(new Close(y))
                        && e.actions().stream().allMatch(
                                a -> a.equals(new Close(y)) || a.equals(new StopTimer(Timer.COLLISION_HOLD))),
                () -> "our attempt " + y + ", failed or timed out before it was up, is closed; nothing else changes");
    }

    /**
     * Section 6.8 with RFC 6286 section 2.3: the connection opened by the speaker with the
     * higher BGP Identifier (unsigned), or on a tie the larger AS, survives; ours is outgoing.
     */
    private static boolean attemptWins(SessionConfig config, Open peer) {
        int byId = Integer.compareUnsigned(config.localId(), peer.bgpIdentifier());
        return byId > 0 || byId == 0 && config.localAs() > peer.asNumber();
    }

    /**
     * Fsm javadoc: an attempt the session abandoned that completes anyway (a Tcp_CR_Acked
     * about an outgoing connection it closed before it was up) is closed, and nothing else
     * changes, in every state.
     */
    private static void lateAttemptOnlyClosed(Edge e) {
        Connection late = e.lateAttempt();
        if (late != null) {
            e.check(e.actions().equals(List.of(new Close(late))) && e.after().equals(e.before()),
                    () -> "the late completion of the abandoned attempt " + late + " is closed, nothing else");
        }
    }
}
