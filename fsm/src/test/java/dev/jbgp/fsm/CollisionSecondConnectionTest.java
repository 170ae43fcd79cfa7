package dev.jbgp.fsm;

import static dev.jbgp.fsm.CollisionFixture.IN2;
import static dev.jbgp.fsm.CollisionFixture.OPEN_HOLD;
import static dev.jbgp.fsm.CollisionFixture.notifications;
import static dev.jbgp.fsm.CollisionFixture.notification;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jbgp.core.message.Keepalive;
import dev.jbgp.core.message.Notification;
import dev.jbgp.core.message.NotificationError;
import dev.jbgp.fsm.CollisionCases.Ids;
import dev.jbgp.fsm.CollisionCases.Start;
import dev.jbgp.fsm.CollisionFixture.Speaker;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What else can happen to the second connection tracked for collision detection (RFC 4271
 * section 6.8), and to the connection in use while it is tracked: the second connection's
 * own errors end it alone, and the session carries on with it when the first is lost.
 */
class CollisionSecondConnectionTest {

    static Stream<Start> starts() {
        return CollisionCases.allStarts();
    }

    private static final Ids IDS = CollisionCases.identifierOrders().getFirst();

    /** The session of {@code start} with its second connection tracked. */
    private static Speaker tracked(Start start) {
        Speaker s = start.reach(IDS);
        s.step(start.secondUp());
        assertEquals(Optional.of(start.second()), s.session.second());
        assertTrue(s.session.secondUp(), "the second connection is up");
        return s;
    }

    /** Only the second connection was touched, with exactly {@code onSecond}; the session is otherwise as it was. */
    private static void assertOnlySecondDropped(Speaker s, Start start, State before, List<Action> onSecond) {
        assertAll(
                () -> assertEquals(onSecond, s.on(start.second())),
                () -> assertEquals(List.of(), s.on(start.main()), "the connection in use is not touched"),
                () -> assertEquals(before, s.state()),
                () -> assertEquals(Optional.empty(), s.session.second()),
                () -> assertFalse(s.running.containsKey(Timer.COLLISION_HOLD)),
                () -> assertFalse(s.last.stream().anyMatch(Action.SessionDown.class::isInstance)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("starts")
    void aRefusedOpenOnTheSecondConnectionGetsItsOwnNotificationAndLeavesTheFirstAlone(Start start) {
        Speaker s = tracked(start);
        State before = s.state();
        // Section 6.2: an OPEN from an AS other than the configured one is Bad Peer AS (2/2).
        s.step(new Event.BgpOpen(start.second(), CollisionFixture.open(IDS.peerAs() + 1, IDS.peerId())));
        Notification badPeerAs = new Notification(2, 2, null);
        assertOnlySecondDropped(s, start, before,
                List.of(new Action.SendNotification(start.second(), badPeerAs), new Action.Close(start.second())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("starts")
    void aSecondConnectionThatFailsIsClosedWithoutANotification(Start start) {
        Speaker s = tracked(start);
        State before = s.state();
        s.step(new Event.TcpConnectionFails(start.second(), "Connection reset by peer"));
        assertOnlySecondDropped(s, start, before, List.of(new Action.Close(start.second())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("starts")
    void aNotificationOnTheSecondConnectionClosesItWithoutAnswer(Start start) {
        Speaker s = tracked(start);
        State before = s.state();
        s.step(Event.received(start.second(), notification(NotificationError.Cease.CONNECTION_REJECTED)));
        assertOnlySecondDropped(s, start, before, List.of(new Action.Close(start.second())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("starts")
    void noOpenOnTheSecondConnectionInTimeIsAHoldTimerExpiredThere(Start start) {
        Speaker s = tracked(start);
        State before = s.state();
        s.step(Timer.COLLISION_HOLD.expiry());
        // Section 6.5: Hold Timer Expired, code 4, subcode 0.
        assertOnlySecondDropped(s, start, before, List.of(
                new Action.SendNotification(start.second(), new Notification(4, 0, null)),
                new Action.Close(start.second())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("starts")
    void aKeepaliveBeforeTheOpenOnTheSecondConnectionIsAnFsmErrorInOpenSent(Start start) {
        Speaker s = tracked(start);
        State before = s.state();
        s.step(Event.received(start.second(), Keepalive.INSTANCE));
        // Our OPEN is out on it and its OPEN awaited: OpenSent's RFC 6608 subcode, 5/1.
        assertOnlySecondDropped(s, start, before, List.of(
                new Action.SendNotification(start.second(), new Notification(5, 1, null)),
                new Action.Close(start.second())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("starts")
    void aThirdConnectionIsClosedAndChangesNothingElse(Start start) {
        Speaker s = tracked(start);
        Session before = s.session;
        List<Action> actions = s.step(new Event.TcpConnectionConfirmed(IN2));
        assertEquals(List.of(new Action.Close(IN2)), actions);
        assertEquals(before, s.session);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("starts")
    void eventsOnADroppedSecondConnectionAreStale(Start start) {
        Speaker s = tracked(start);
        s.step(new Event.TcpConnectionFails(start.second(), "reset"));
        Session before = s.session;
        assertAll(
                () -> assertEquals(List.of(), s.step(new Event.BgpOpen(start.second(), IDS.peerOpen()))),
                () -> assertEquals(List.of(), s.step(Timer.COLLISION_HOLD.expiry())),
                () -> assertEquals(before, s.session));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("starts")
    void whenTheConnectionInUseFailsTheSessionCarriesOnWithTheSecondInOpenSent(Start start) {
        Speaker s = tracked(start);
        s.step(new Event.TcpConnectionFails(start.main(), "Connection reset by peer"));
        assertAll(
                () -> assertEquals(new State.OpenSent(start.second()), s.state()),
                () -> assertEquals(Optional.empty(), s.session.second()),
                () -> assertEquals(List.of(), s.on(start.second()), "our OPEN is already on it"),
                () -> assertEquals(OPEN_HOLD, s.running.get(Timer.HOLD)),
                () -> assertFalse(s.running.containsKey(Timer.KEEPALIVE)),
                () -> assertFalse(s.running.containsKey(Timer.DELAY_OPEN)),
                () -> assertFalse(s.running.containsKey(Timer.COLLISION_HOLD)),
                () -> assertFalse(s.running.containsKey(Timer.IDLE_HOLD), "not through Idle"),
                () -> assertEquals(start.established(),
                        s.last.stream().anyMatch(Action.SessionDown.class::isInstance),
                        "an Established session that fails goes down"),
                () -> assertEquals(List.of(), notifications(s.last)));
        // The peer's OPEN on it is now plain event 19: OpenConfirm, no collision left.
        s.step(new Event.BgpOpen(start.second(), IDS.peerOpen()));
        assertAll(
                () -> assertEquals("OpenConfirm", s.state().name()),
                () -> assertEquals(Optional.of(start.second()), s.state().held()),
                () -> assertEquals(List.of(new Action.SendKeepalive(start.second())), s.on(start.second())),
                () -> assertEquals(List.of(), notifications(s.last)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("starts")
    void whenThePeerCeasesTheConnectionInUseTheSessionCarriesOnWithTheSecond(Start start) {
        Speaker s = tracked(start);
        // The peer resolving the collision its own way: a Cease on the connection we use.
        s.step(Event.received(start.main(), CollisionFixture.collisionCease()));
        assertEquals(new State.OpenSent(start.second()), s.state());
        assertTrue(s.on(start.main()).stream().noneMatch(Action.SendNotification.class::isInstance),
                "a NOTIFICATION is not answered");
    }

    @Test
    void aCollisionHoldExpiryWithNoSecondConnectionIsStale() {
        Speaker s = CollisionCases.starts().get(2).reach(IDS);
        Session before = s.session;
        assertEquals(List.of(), s.step(Timer.COLLISION_HOLD.expiry()));
        assertEquals(before, s.session);
    }

    @Test
    void inIdleEveryConnectionIsRefused() {
        // Section 8.2.2 Idle: the local system refuses all incoming BGP connections.
        Speaker s = new Speaker(CollisionFixture.config());
        assertEquals(List.of(new Action.Close(IN2)), s.step(new Event.TcpConnectionConfirmed(IN2)));
        assertEquals(Optional.empty(), s.session.second());
    }
}
