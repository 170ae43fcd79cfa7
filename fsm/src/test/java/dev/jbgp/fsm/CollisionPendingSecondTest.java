package dev.jbgp.fsm;

import static dev.jbgp.fsm.TableExpect.idle;
import static dev.jbgp.fsm.TableExpect.stays;
import static dev.jbgp.fsm.TableExpect.to;
import static dev.jbgp.fsm.TableFixture.CONNECT_RETRY;
import static dev.jbgp.fsm.TableFixture.DECONFIGURED;
import static dev.jbgp.fsm.TableFixture.DELAY_OPEN;
import static dev.jbgp.fsm.TableFixture.HEADER_ERROR;
import static dev.jbgp.fsm.TableFixture.NEGOTIATED_HOLD;
import static dev.jbgp.fsm.TableFixture.NEGOTIATED_KEEPALIVE;
import static dev.jbgp.fsm.TableFixture.OPEN_HOLD;
import static dev.jbgp.fsm.TableFixture.PEER_HOLD;
import static dev.jbgp.fsm.TableFixture.PEER_RESET;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.jbgp.core.AfiSafi;
import dev.jbgp.core.capability.Multiprotocol;
import dev.jbgp.core.message.Notification;
import dev.jbgp.core.message.NotificationError;
import dev.jbgp.core.message.Open;
import dev.jbgp.fsm.CollisionCases.Ids;
import dev.jbgp.fsm.TableExpect.Count;
import dev.jbgp.fsm.TableExpect.Damping;
import dev.jbgp.fsm.TableFixture.Walk;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Our connection attempt kept as the second connection (RFC 4271 section 6.8): the session is
 * in Connect, its attempt in progress, when the peer's connection comes up. Section 8.2.2
 * takes the session to OpenSent (or, with DelayOpen, keeps it in Connect with the
 * DelayOpenTimer running) on the peer's connection; the attempt, which the RFC would leave to
 * a machine of its own, stays with the session as a second connection that is not up yet.
 * Every step is checked action by action, as the table tests do.
 */
class CollisionPendingSecondTest {
    private static final Notification COLLISION = Notification.of(NotificationError.Cease.CONNECTION_COLLISION_RESOLUTION);
    /** Section 6.8: ours is the higher identifier (10.0.0.2 against 10.0.0.1), so our attempt would win. */
    private static final Ids WE_ARE_HIGHER = CollisionCases.identifierOrders().getFirst();

    /** The session after the peer's connection came up while our attempt was in progress. */
    record Pending(Walk walk, Connection ours, Connection peers) {
    }

    /** Connect with its attempt in progress, then the peer's connection up (event 17). */
    static Pending pending(SessionConfig config) {
        Walk w = TableFixture.connect(config);
        Connection ours = w.main();
        Connection peers = w.newIncoming();
        w.step(new Event.TcpConnectionConfirmed(peers));
        if (!w.session().second().equals(Optional.of(ours)) || w.session().secondUp()) {
            throw new IllegalStateException("expected " + ours + " kept, not up, after " + w);
        }
        return new Pending(w, ours, peers);
    }

    /** The table tests' session, with the identities of {@code ids}. */
    static SessionConfig config(Ids ids, boolean delayOpen) {
        return SessionConfig.builder(ids.localAs(), ids.localId(), ids.peerAs())
                .holdTime(TableFixture.LOCAL_HOLD)
                .connectRetryTime(CONNECT_RETRY)
                .openHoldTime(OPEN_HOLD)
                .delayOpen(delayOpen)
                .delayOpenTime(DELAY_OPEN)
                .idleHoldTime(TableFixture.IDLE_HOLD)
                .maxIdleHoldTime(TableFixture.MAX_IDLE_HOLD)
                .stablePeriod(TableFixture.STABLE)
                .build();
    }

    /** The OPEN of the peer of {@code ids}, proposing the table tests' hold time (60 s, keepalive 20 s). */
    static Open peerOpen(Ids ids) {
        return Open.of(ids.peerAs(), PEER_HOLD, ids.peerId(), List.of(new Multiprotocol(AfiSafi.IPV4_UNICAST)));
    }

    private static SessionConfig config(boolean delayOpen) {
        return delayOpen ? TableFixture.delayOpen() : TableFixture.plain();
    }

    private static void verify(Walk w, Event e, TableExpect x) {
        Session before = w.session();
        String from = w.toString();
        Transition t = w.step(e);
        x.verify(before, t, e + "\n  from " + from + "\n  actions " + t.actions());
    }

    // ---- the attempt kept, then up, failed or timed out ----------------------------------

    @ParameterizedTest(name = "DelayOpen {0}")
    @ValueSource(booleans = {false, true})
    void thePeersConnectionIsTakenUpAndOurAttemptInProgressIsKept(boolean delayOpen) {
        // Connect, events 16 and 17: stop the ConnectRetryTimer; OPEN and OpenSent, or with
        // DelayOpen the DelayOpenTimer and Connect. Nothing is sent on the attempt, which is
        // not up; its own hold timer bounds how long it may take.
        Walk w = TableFixture.connect(config(delayOpen));
        Connection ours = w.main();
        Connection peers = w.newIncoming();
        TableExpect x = delayOpen
                ? to(State.Connect.class, peers).starts(Timer.DELAY_OPEN, DELAY_OPEN)
                : to(State.OpenSent.class, peers).sendsOpen(peers).starts(Timer.HOLD, OPEN_HOLD);
        verify(w, new Event.TcpConnectionConfirmed(peers), x.stopsTimers(Timer.CONNECT_RETRY)
                .starts(Timer.COLLISION_HOLD, OPEN_HOLD).tracksPending(ours));
    }

    @ParameterizedTest(name = "DelayOpen {0}")
    @ValueSource(booleans = {false, true})
    void ourAttemptCompletingGetsOurOpenAndItsHoldTimerAgain(boolean delayOpen) {
        // Section 6.8: the second connection now exchanges OPENs like the first; ours goes out
        // on it, and the wait for the peer's OPEN starts over. The connection in use is not touched.
        Pending p = pending(config(delayOpen));
        verify(p.walk(), new Event.TcpCrAcked(p.ours()), stays().sendsOpen(p.ours())
                .starts(Timer.COLLISION_HOLD, OPEN_HOLD).tracks(p.ours()));
    }

    @ParameterizedTest(name = "DelayOpen {0}")
    @ValueSource(booleans = {false, true})
    void ourAttemptFailingWhileInProgressIsDroppedWithoutANotification(boolean delayOpen) {
        // Nothing was ever sent on it: there is no OPEN exchange to answer with a NOTIFICATION.
        Pending p = pending(config(delayOpen));
        verify(p.walk(), new Event.TcpConnectionFails(p.ours(), "Connection refused"),
                stays().closes(p.ours()).stopsTimers(Timer.COLLISION_HOLD));
    }

    @ParameterizedTest(name = "DelayOpen {0}")
    @ValueSource(booleans = {false, true})
    void collisionHoldExpiryWhileOurAttemptIsInProgressDropsItWithoutANotification(boolean delayOpen) {
        // A second connection that is up gets Hold Timer Expired (CollisionSecondConnectionTest);
        // an attempt that never came up has no peer to tell.
        Pending p = pending(config(delayOpen));
        verify(p.walk(), new Event.CollisionHoldTimerExpires(),
                stays().closes(p.ours()).stopsTimers(Timer.COLLISION_HOLD));
    }

    // ---- the peer's OPEN on the connection in use ----------------------------------------

    static Stream<Arguments> idsAndDelayOpen() {
        return CollisionCases.identifierOrders().stream()
                .flatMap(ids -> Stream.of(Arguments.of(ids, false), Arguments.of(ids, true)));
    }

    @ParameterizedTest(name = "{0}, DelayOpen {1}")
    @MethodSource("idsAndDelayOpen")
    void theOpenOnThePeersConnectionAbandonsOurAttemptOnlyWhenThePeersConnectionWins(Ids ids, boolean delayOpen) {
        // Event 19 in OpenSent (20 in Connect, our delayed OPEN going out first): KEEPALIVE,
        // OpenConfirm. Section 6.8 keeps the connection opened by the higher speaker. When that
        // is the peer's, our attempt is abandoned, quietly: nothing was ever sent on it. When it
        // is ours, the attempt is kept and the collision waits until it is up with an OPEN.
        Pending p = pending(config(ids, delayOpen));
        TableExpect x = to(State.OpenConfirm.class, p.peers()).stopsTimers(Timer.CONNECT_RETRY, Timer.DELAY_OPEN)
                .sendsKeepalive(p.peers()).starts(Timer.KEEPALIVE, NEGOTIATED_KEEPALIVE).starts(Timer.HOLD, NEGOTIATED_HOLD);
        if (delayOpen) {
            x.sendsOpen(p.peers());
        }
        if (ids.localWins()) {
            x.tracksPending(p.ours());
        } else {
            x.closes(p.ours()).stopsTimers(Timer.COLLISION_HOLD);
        }
        verify(p.walk(), new Event.BgpOpen(p.peers(), peerOpen(ids)), x);
    }

    static Stream<Arguments> higherIdsAndDelayOpen() {
        return idsAndDelayOpen().filter(a -> ((Ids) a.get()[0]).localWins());
    }

    @ParameterizedTest(name = "{0}, DelayOpen {1}")
    @MethodSource("higherIdsAndDelayOpen")
    void theAttemptKeptAgainstTheOpenWinsOnceItIsUpAndBringsThePeersOpen(Ids ids, boolean delayOpen) {
        Pending p = pending(config(ids, delayOpen));
        Walk w = p.walk();
        w.step(new Event.BgpOpen(p.peers(), peerOpen(ids)));
        w.in(State.OpenConfirm.class);
        verify(w, new Event.TcpCrAcked(p.ours()),
                stays().sendsOpen(p.ours()).starts(Timer.COLLISION_HOLD, OPEN_HOLD).tracks(p.ours()));
        // Section 6.8: the peer's connection, in OpenConfirm, loses to ours: Cease there, and
        // ours goes on as after event 19.
        verify(w, new Event.BgpOpen(p.ours(), peerOpen(ids)), to(State.OpenConfirm.class, p.ours())
                .notifies(p.peers(), COLLISION).closes(p.peers()).sendsKeepalive(p.ours())
                .stopsTimers(Timer.CONNECT_RETRY, Timer.DELAY_OPEN, Timer.COLLISION_HOLD, Timer.DAMPING_RESET)
                .starts(Timer.KEEPALIVE, NEGOTIATED_KEEPALIVE).starts(Timer.HOLD, NEGOTIATED_HOLD));
    }

    // ---- the connection in use lost while the attempt is in progress ---------------------

    /** A way to lose the peer's connection, from where it stands, and what section 8.2.2 then requires. */
    record Loss(String name, Supplier<Pending> start, Function<Pending, Event> event,
                Function<Pending, TableExpect> expect) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Pending openConfirmWithOurAttemptKept(boolean established) {
        Pending p = pending(config(WE_ARE_HIGHER, false));
        p.walk().step(new Event.BgpOpen(p.peers(), peerOpen(WE_ARE_HIGHER)));
        if (established) {
            p.walk().step(new Event.KeepAliveMsg(p.peers()));
        }
        p.walk().in(established ? State.Established.class : State.OpenConfirm.class);
        assertEquals(Optional.of(p.ours()), p.walk().session().second(), "our attempt kept: " + p.walk());
        return p;
    }

    static Stream<Loss> losses() {
        return Stream.of(
                // OpenSent, event 18: close, restart the ConnectRetryTimer, Active.
                new Loss("OpenSent, TcpConnectionFails", () -> pending(TableFixture.plain()),
                        p -> new Event.TcpConnectionFails(p.peers(), "Connection reset by peer"),
                        p -> to(State.Active.class, null).closes(p.peers()).closes(p.ours())
                                .stopsTimers(Timer.HOLD, Timer.COLLISION_HOLD).starts(Timer.CONNECT_RETRY, CONNECT_RETRY)),
                // Connect, event 18 with the DelayOpenTimer running: restart the ConnectRetryTimer,
                // stop the DelayOpenTimer, Active.
                new Loss("Connect with DelayOpen, TcpConnectionFails", () -> pending(TableFixture.delayOpen()),
                        p -> new Event.TcpConnectionFails(p.peers(), "Connection reset by peer"),
                        p -> to(State.Active.class, null).closes(p.peers()).closes(p.ours())
                                .stopsTimers(Timer.DELAY_OPEN, Timer.COLLISION_HOLD).starts(Timer.CONNECT_RETRY, CONNECT_RETRY)),
                // Connect, event 21: NOTIFICATION (SendNOTIFICATIONwithoutOPEN), Idle, counted, damped.
                new Loss("Connect with DelayOpen, BgpHeaderErr", () -> pending(TableFixture.delayOpen()),
                        p -> new Event.BgpHeaderErr(p.peers(), HEADER_ERROR),
                        p -> idle(p.peers()).closes(p.ours()).notifies(p.peers(), HEADER_ERROR)
                                .counter(Count.INCREMENTED).damping(Damping.DOUBLED)),
                // OpenSent, event 10: Hold Timer Expired, Idle, counted, damped.
                new Loss("OpenSent, HoldTimerExpires", () -> pending(TableFixture.plain()), p -> new Event.HoldTimerExpires(),
                        p -> idle(p.peers()).closes(p.ours())
                                .notifies(p.peers(), Notification.of(NotificationError.HoldTimer.EXPIRED))
                                .counter(Count.INCREMENTED).damping(Damping.DOUBLED)),
                // OpenSent, event 25: Idle, counted, damped, not answered (Fsm javadoc).
                new Loss("OpenSent, NotifMsg", () -> pending(TableFixture.plain()), p -> new Event.NotifMsg(p.peers(), PEER_RESET),
                        p -> idle(p.peers()).closes(p.ours()).counter(Count.INCREMENTED).damping(Damping.DOUBLED)),
                // OpenConfirm, event 18: Idle, counted, damped.
                new Loss("OpenConfirm with our attempt kept, TcpConnectionFails", () -> openConfirmWithOurAttemptKept(false),
                        p -> new Event.TcpConnectionFails(p.peers(), "Connection reset by peer"),
                        p -> idle(p.peers()).closes(p.ours()).counter(Count.INCREMENTED).damping(Damping.DOUBLED)),
                // Established, event 18: the routes go, Idle, counted, damped (Fsm javadoc).
                new Loss("Established with our attempt kept, TcpConnectionFails", () -> openConfirmWithOurAttemptKept(true),
                        p -> new Event.TcpConnectionFails(p.peers(), "Connection reset by peer"),
                        p -> idle(p.peers()).closes(p.ours()).down().counter(Count.INCREMENTED).damping(Damping.DOUBLED)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("losses")
    void losingThePeersConnectionTakesTheUsualPathAndDropsOurAttemptInProgress(Loss loss) {
        // An attempt that is not up has no OPEN on it: the session does not go on with it (as it
        // does with a second connection that is up) but takes section 8.2.2's path, and the
        // attempt is dropped with the rest.
        Pending p = loss.start().get();
        verify(p.walk(), loss.event().apply(p), loss.expect().apply(p));
        assertFalse(p.walk().session().state().owns(p.ours()), "not carried on with " + p.ours());
    }

    // ---- stops ---------------------------------------------------------------------------

    static Stream<Arguments> stops() {
        return Stream.of(false, true).flatMap(manual -> Stream.of(false, true).flatMap(delayOpen ->
                Stream.of(false, true).map(up -> Arguments.of(manual, delayOpen, up))));
    }

    @ParameterizedTest(name = "ManualStop {0}, DelayOpen {1}, attempt up {2}")
    @MethodSource("stops")
    void aStopSendsItsCeaseOnOurAttemptOnlyOnceItIsUp(boolean manual, boolean delayOpen, boolean up) {
        // ManualStop (event 2) and AutomaticStop (event 8): a Cease on the connection in use
        // (in Connect with DelayOpen, SendNOTIFICATIONwithoutOPEN being set: Fsm javadoc), and on
        // the second connection only when it is up: an attempt in progress has no one to tell.
        Pending p = pending(config(delayOpen));
        if (up) {
            p.walk().step(new Event.TcpCrAcked(p.ours()));
        }
        Notification cease = manual ? Notification.of(NotificationError.Cease.ADMINISTRATIVE_SHUTDOWN) : DECONFIGURED;
        TableExpect x = idle(p.peers()).closes(p.ours()).notifies(p.peers(), cease).noRestart();
        if (up) {
            x.notifies(p.ours(), cease);
        }
        if (manual) {
            x.counter(Count.ZERO);
        } else {
            x.counter(Count.INCREMENTED).damping(Damping.DOUBLED);
        }
        verify(p.walk(), manual ? new Event.ManualStop() : new Event.AutomaticStop(DECONFIGURED), x);
    }
}
