package dev.jbgp.fsm;

import static dev.jbgp.fsm.CollisionFixture.HOLD;
import static dev.jbgp.fsm.CollisionFixture.IN1;
import static dev.jbgp.fsm.CollisionFixture.IN2;
import static dev.jbgp.fsm.CollisionFixture.OUT1;
import static dev.jbgp.fsm.CollisionFixture.OPEN_HOLD;
import static dev.jbgp.fsm.CollisionFixture.collisionCease;
import static dev.jbgp.fsm.CollisionFixture.notifications;
import static dev.jbgp.fsm.CollisionFixture.touches;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jbgp.fsm.CollisionCases.Ids;
import dev.jbgp.fsm.CollisionCases.Start;
import dev.jbgp.fsm.CollisionFixture.Speaker;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Connection collision resolution in the FSM (RFC 4271 section 6.8, RFC 6286 section 2.3): of
 * two connections with one peer, the one opened by the speaker with the higher BGP Identifier
 * survives; the other is sent Cease / Connection Collision Resolution (6/7) and closed.
 */
class CollisionTest {

    static Stream<Start> starts() {
        return CollisionCases.starts().stream();
    }

    static Stream<Object[]> startsAndIds() {
        return CollisionCases.startsTimesIds(CollisionCases.starts());
    }

    static Stream<Object[]> awaitingOpenAndIds() {
        return CollisionCases.startsTimesIds(CollisionCases.starts().stream().filter(Start::awaitingOpen).toList());
    }

    static Stream<Object[]> establishedWithoutDetectionAndIds() {
        return CollisionCases.startsTimesIds(CollisionCases.establishedWithoutDetection());
    }

    static Stream<Ids> ids() {
        return CollisionCases.identifierOrders().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("starts")
    void aSecondConnectionIsTrackedWithOurOpenAndItsOwnHoldTimer(Start start) {
        Ids ids = CollisionCases.identifierOrders().getFirst();
        Speaker s = start.reach(ids);
        State before = s.state();
        List<Action> actions = s.step(start.secondUp());
        assertAll(
                () -> assertEquals(List.of(new Action.SendOpen(start.second(), s.config().open()),
                        new Action.StartTimer(Timer.COLLISION_HOLD, OPEN_HOLD)), actions),
                () -> assertEquals(before, s.state(), "the connection in use is not disturbed"),
                () -> assertEquals(Optional.of(start.second()), s.session.second()),
                () -> assertTrue(s.session.secondUp(), "the second connection is up"));
    }

    @ParameterizedTest(name = "{0}; {1}")
    @MethodSource("startsAndIds")
    void theOpenOnTheSecondConnectionKeepsTheConnectionOpenedByTheHigherSpeaker(Start start, Ids ids) {
        Speaker s = start.reach(ids);
        State before = s.state();
        s.step(start.secondUp());
        s.step(new Event.BgpOpen(start.second(), ids.peerOpen()));
        List<Action> actions = s.last;
        Connection survivor = start.openedBy(ids.localWins());
        Connection loser = survivor.equals(start.main()) ? start.second() : start.main();

        assertCeasedThenClosed(actions, loser);
        assertTrue(s.session.second().isEmpty(), "one connection is left");
        assertFalse(s.running.containsKey(Timer.COLLISION_HOLD), "no second connection to time");
        if (survivor.equals(start.main())) {
            assertAll(
                    () -> assertEquals(before, s.state(), "the connection in use carries on as it was"),
                    () -> assertEquals(List.of(), s.on(survivor)),
                    () -> assertFalse(actions.stream().anyMatch(Action.SessionDown.class::isInstance)));
            return;
        }
        // The second connection has both OPENs: it goes to OpenConfirm, as after event 19.
        assertAll(
                () -> assertEquals(List.of(new Action.SendKeepalive(survivor)), s.on(survivor)),
                () -> assertEquals("OpenConfirm", s.state().name()),
                () -> assertEquals(Optional.of(survivor), s.state().held()),
                () -> assertEquals(ids.peerId(), s.session.negotiated().orElseThrow().peerId()),
                () -> assertEquals(Duration.ofSeconds(HOLD), s.running.get(Timer.HOLD)),
                () -> assertTrue(s.running.containsKey(Timer.KEEPALIVE)),
                () -> assertFalse(s.running.containsKey(Timer.DELAY_OPEN)),
                () -> assertFalse(s.running.containsKey(Timer.CONNECT_RETRY)),
                () -> assertEquals(start.established(),
                        actions.stream().anyMatch(Action.SessionDown.class::isInstance),
                        "an Established session that loses goes down"));
        if (start.established()) {
            Action.SessionDown down = actions.stream().filter(Action.SessionDown.class::isInstance)
                    .map(Action.SessionDown.class::cast).findFirst().orElseThrow();
            assertEquals(Optional.of(collisionCease()), down.reason().notification());
        }
        // The peer's KEEPALIVE on the survivor brings the session up there.
        s.step(new Event.KeepAliveMsg(survivor));
        assertInstanceOf(State.Established.class, s.state());
        assertTrue(s.last.stream().anyMatch(a -> a instanceof Action.SessionUp up && up.connection().equals(survivor)));
        // What is still in flight on the closed connection changes nothing.
        assertEquals(List.of(), s.step(new Event.KeepAliveMsg(loser)));
    }

    @ParameterizedTest(name = "{0}; {1}")
    @MethodSource("awaitingOpenAndIds")
    void theOpenOnTheConnectionInUseFirstResolvesTheCollisionThere(Start start, Ids ids) {
        Speaker s = start.reach(ids);
        s.step(start.secondUp());
        s.step(new Event.BgpOpen(start.main(), ids.peerOpen()));
        Connection survivor = start.openedBy(ids.localWins());
        Connection loser = survivor.equals(start.main()) ? start.second() : start.main();

        assertCeasedThenClosed(s.last, loser);
        assertTrue(s.session.second().isEmpty());
        if (survivor.equals(start.main())) {
            // Event 19 (or 20 with our OPEN delayed): OPEN if not sent yet, KEEPALIVE, OpenConfirm.
            List<Action> expected = start.delaying()
                    ? List.of(new Action.SendOpen(survivor, s.config().open()), new Action.SendKeepalive(survivor))
                    : List.of(new Action.SendKeepalive(survivor));
            assertEquals(expected, s.on(survivor));
            assertEquals(new State.OpenConfirm(survivor, s.session.negotiated().orElseThrow()), s.state());
            return;
        }
        // The connection in use lost: the second carries on, our OPEN already sent on it.
        assertAll(
                () -> assertEquals(new State.OpenSent(survivor), s.state()),
                () -> assertEquals(List.of(), s.on(survivor)),
                () -> assertEquals(OPEN_HOLD, s.running.get(Timer.HOLD)),
                () -> assertFalse(s.running.containsKey(Timer.KEEPALIVE)),
                () -> assertFalse(s.running.containsKey(Timer.DELAY_OPEN)));
        s.step(new Event.BgpOpen(survivor, ids.peerOpen()));
        assertAll(
                () -> assertEquals("OpenConfirm", s.state().name()),
                () -> assertEquals(List.of(new Action.SendKeepalive(survivor)), s.on(survivor)),
                () -> assertEquals(List.of(), notifications(s.last)));
    }

    @ParameterizedTest(name = "{0}; {1}")
    @MethodSource("establishedWithoutDetectionAndIds")
    void anEstablishedSessionWithoutCollisionDetectionAlwaysKeepsItsConnection(Start start, Ids ids) {
        Speaker s = start.reach(ids);
        State before = s.state();
        s.step(start.secondUp());
        s.step(new Event.BgpOpen(start.second(), ids.peerOpen()));
        assertCeasedThenClosed(s.last, start.second());
        assertAll(
                () -> assertEquals(before, s.state()),
                () -> assertEquals(List.of(), s.on(start.main())),
                () -> assertFalse(s.last.stream().anyMatch(Action.SessionDown.class::isInstance)),
                () -> assertTrue(s.session.second().isEmpty()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ids")
    void twoConnectionsBothOpenedByThePeerKeepTheFirstWhateverTheIdentifiers(Ids ids) {
        // Passive with DelayOpen: Active holding the peer's connection, then another from the peer.
        // They do not collide in section 6.8's sense (same direction); the one in use is kept.
        Speaker s = new Speaker(ids.config().passive(true).delayOpen(true).build());
        s.steps(new Event.AutomaticStart(), new Event.TcpConnectionConfirmed(IN1));
        assertEquals(new State.Active(Optional.of(IN1)), s.state());
        s.step(new Event.TcpConnectionConfirmed(IN2));
        assertEquals(Optional.of(IN2), s.session.second());
        s.step(new Event.BgpOpen(IN2, ids.peerOpen()));
        assertCeasedThenClosed(s.last, IN2);
        assertEquals(new State.Active(Optional.of(IN1)), s.state());
        assertEquals(List.of(), s.on(IN1));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ids")
    void theOpenOnTheFirstOfTwoPeerConnectionsKeepsIt(Ids ids) {
        Speaker s = new Speaker(ids.config().passive(true).delayOpen(true).build());
        s.steps(new Event.AutomaticStart(), new Event.TcpConnectionConfirmed(IN1), new Event.TcpConnectionConfirmed(IN2));
        s.step(new Event.BgpOpen(IN1, ids.peerOpen()));
        assertCeasedThenClosed(s.last, IN2);
        assertEquals(List.of(new Action.SendOpen(IN1, s.config().open()), new Action.SendKeepalive(IN1)), s.on(IN1));
        assertEquals("OpenConfirm", s.state().name());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ids")
    void aSecondArrivingWhileOurOpenIsDelayedIsJudgedInOpenSentOnceTheDelayIsOver(Ids ids) {
        Start start = CollisionCases.starts().getFirst();
        Speaker s = start.reach(ids);
        s.step(start.secondUp());
        s.step(new Event.DelayOpenTimerExpires());
        assertEquals(new State.OpenSent(start.main()), s.state());
        assertEquals(Optional.of(start.second()), s.session.second(), "the second connection is still tracked");
        s.step(new Event.BgpOpen(start.second(), ids.peerOpen()));
        Connection survivor = start.openedBy(ids.localWins());
        assertCeasedThenClosed(s.last, survivor.equals(start.main()) ? start.second() : start.main());
        assertEquals(survivor, s.state().held().orElseThrow());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ids")
    void aSecondArrivingInOpenConfirmIsJudgedAsEstablishedWhenTheSessionCameUpMeanwhile(Ids ids) {
        for (boolean detect : new boolean[] {false, true}) {
            Speaker s = new Speaker(ids.config().collisionDetectEstablishedState(detect).build());
            s.steps(new Event.AutomaticStart(), new Event.TcpCrAcked(OUT1), new Event.BgpOpen(OUT1, ids.peerOpen()));
            assertEquals("OpenConfirm", s.state().name());
            s.steps(new Event.TcpConnectionConfirmed(IN1), new Event.KeepAliveMsg(OUT1));
            assertInstanceOf(State.Established.class, s.state());
            assertEquals(Optional.of(IN1), s.session.second(), "the second connection is still tracked");
            s.step(new Event.BgpOpen(IN1, ids.peerOpen()));
            // Section 6.8: against an Established session the new connection loses, unless configured otherwise.
            Connection survivor = detect && !ids.localWins() ? IN1 : OUT1;
            Connection loser = survivor.equals(OUT1) ? IN1 : OUT1;
            String context = "CollisionDetectEstablishedState " + detect;
            assertEquals(List.of(new Action.SendNotification(loser, collisionCease()), new Action.Close(loser)),
                    s.on(loser), context);
            assertEquals(survivor, s.state().held().orElseThrow(), context);
            assertEquals(survivor.equals(IN1), s.last.stream().anyMatch(Action.SessionDown.class::isInstance), context);
        }
    }

    @Test
    void withoutSendNotificationWithoutOpenTheLosingConnectionThatNeverSentOurOpenIsClosedSilently() {
        // Section 8.1.1: SendNOTIFICATIONwithoutOPEN is what allows a NOTIFICATION before our OPEN.
        Ids peerHigher = CollisionCases.identifierOrders().get(1);
        assertFalse(peerHigher.localWins());
        Start delaying = CollisionCases.starts().getFirst();
        Speaker s = new Speaker(peerHigher.config().delayOpen(true).sendNotificationWithoutOpen(false).build());
        s.steps(new Event.AutomaticStart(), new Event.TcpCrAcked(delaying.main()));
        assertEquals(new State.Connect(delaying.main(), true), s.state());
        s.step(delaying.secondUp());
        s.step(new Event.BgpOpen(delaying.second(), peerHigher.peerOpen()));
        assertEquals(List.of(new Action.Close(delaying.main())), s.on(delaying.main()));
        assertEquals(List.of(), notifications(s.last).stream()
                .filter(n -> n.connection().equals(delaying.main())).toList());
        assertEquals(new State.OpenConfirm(delaying.second(), s.session.negotiated().orElseThrow()), s.state());
    }

    /** The loser gets Cease / Connection Collision Resolution, then is closed, and nothing else. */
    static void assertCeasedThenClosed(List<Action> actions, Connection loser) {
        List<Action> onLoser = actions.stream().filter(touches(loser)).toList();
        assertEquals(List.of(new Action.SendNotification(loser, collisionCease()), new Action.Close(loser)), onLoser,
                () -> "actions on the losing connection " + loser + " in " + actions);
    }
}
