package dev.jbgp.fsm;

import dev.jbgp.core.message.Notification;
import dev.jbgp.core.message.NotificationError;
import dev.jbgp.core.message.Open;
import dev.jbgp.fsm.Action.Close;
import dev.jbgp.fsm.Action.DeliverRouteRefresh;
import dev.jbgp.fsm.Action.DeliverUpdate;
import dev.jbgp.fsm.Action.ReleaseResources;
import dev.jbgp.fsm.Action.SendKeepalive;
import dev.jbgp.fsm.Action.SendNotification;
import dev.jbgp.fsm.Action.SendOpen;
import dev.jbgp.fsm.Action.SessionDown;
import dev.jbgp.fsm.Action.SessionUp;
import dev.jbgp.fsm.Action.StartTimer;
import dev.jbgp.fsm.Action.StopTimer;
import dev.jbgp.fsm.Event.AutomaticStart;
import dev.jbgp.fsm.Event.AutomaticStop;
import dev.jbgp.fsm.Event.BgpHeaderErr;
import dev.jbgp.fsm.Event.BgpOpen;
import dev.jbgp.fsm.Event.BgpOpenMsgErr;
import dev.jbgp.fsm.Event.CollisionHoldTimerExpires;
import dev.jbgp.fsm.Event.ConnectRetryTimerExpires;
import dev.jbgp.fsm.Event.DampingResetTimerExpires;
import dev.jbgp.fsm.Event.DelayOpenTimerExpires;
import dev.jbgp.fsm.Event.HoldTimerExpires;
import dev.jbgp.fsm.Event.IdleHoldTimerExpires;
import dev.jbgp.fsm.Event.KeepAliveMsg;
import dev.jbgp.fsm.Event.KeepaliveTimerExpires;
import dev.jbgp.fsm.Event.ManualStart;
import dev.jbgp.fsm.Event.ManualStop;
import dev.jbgp.fsm.Event.NotifMsg;
import dev.jbgp.fsm.Event.NotifMsgVerErr;
import dev.jbgp.fsm.Event.OnConnection;
import dev.jbgp.fsm.Event.OpenCollisionDump;
import dev.jbgp.fsm.Event.RouteRefreshMsg;
import dev.jbgp.fsm.Event.TcpConnectionConfirmed;
import dev.jbgp.fsm.Event.TcpConnectionFails;
import dev.jbgp.fsm.Event.TcpConnectionValid;
import dev.jbgp.fsm.Event.TcpCrAcked;
import dev.jbgp.fsm.Event.TcpCrInvalid;
import dev.jbgp.fsm.Event.UpdateMsg;
import dev.jbgp.fsm.Event.UpdateMsgErr;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * RFC 4271 section 8.2.2 as a function: {@link #step} takes a {@link Session} and an
 * {@link Event} and returns the next session and the {@link Action}s to carry out. It does no
 * I/O, reads no clock and starts no thread; the only outside input is the random source that
 * jitters the ConnectRetryTimer and KeepaliveTimer (section 10).
 *
 * <p>One {@code Session} is one configured peer. The RFC describes one machine per TCP
 * connection; here the machine of the configured peer also tracks a second connection while
 * the first is past Connect/Active, sends our OPEN on it, and resolves the collision (section
 * 6.8) as soon as either connection brings the peer's OPEN, so both speakers keep the same
 * connection. When the peer's connection comes up in Connect while our own attempt is in
 * progress, the session goes on with the peer's connection and keeps the attempt as the
 * second connection, not up yet: when it completes our OPEN is sent on it; when it fails, or
 * its hold timer fires first, it is dropped without a NOTIFICATION; and it is abandoned when
 * the peer's OPEN on the connection in use makes that one the winner (were the attempt the
 * winner, the session goes on to OpenConfirm all the same and keeps it). When the connection in
 * use fails and a second one is up, the session carries on with the second (in OpenSent)
 * instead of going to Idle, as the RFC's machine of the second connection would; an attempt
 * that is not up is dropped with it.
 *
 * <p>Where we depart from the letter of section 8.2.2, and why:
 * <ul>
 *   <li>A NOTIFICATION received in OpenSent is not answered with an FSM error: the peer is
 *       closing the connection (BIRD and GoBGP do the same).</li>
 *   <li>A message header error in Established sends the header error's own NOTIFICATION
 *       (section 6.1), not an FSM error.</li>
 *   <li>An OPEN on the connection already in OpenConfirm or Established is an FSM error
 *       (RFC 6608 subcodes 2 and 3); OPENs on a second connection go to collision detection.</li>
 *   <li>A session that was started restarts by itself: every path into Idle while started
 *       starts the IdleHoldTimer, and its expiry starts the session again. Where the RFC
 *       performs peer oscillation damping, the idle hold time doubles (up to
 *       {@link SessionConfig#maxIdleHoldTime()}); a session that stays Established for
 *       {@link SessionConfig#stablePeriod()} returns it to its initial value. A failure of an
 *       Established session is damped too (section 8.2.2 omits it there). ManualStop and
 *       AutomaticStop in Idle cancel a pending restart.</li>
 *   <li>With the DelayOpenTimer running a connection is up but our OPEN is not sent: there,
 *       ManualStop and AutomaticStop in Connect, and AutomaticStop in Active, send their Cease
 *       when SendNOTIFICATIONwithoutOPEN is set, as section 8.2.2 says for ManualStop in Active.</li>
 *   <li>A second connection gets our OPEN as soon as it is up, even with DelayOpen: the
 *       collision can only be resolved once OPENs have crossed on it.</li>
 *   <li>A passive session never connects, as BIRD, GoBGP and FRR mean "passive": it does not
 *       run the ConnectRetryTimer.</li>
 *   <li>Connection events about a connection the session does not hold are stale (the
 *       connection was already dropped) and change nothing, but for the late Tcp_CR_Acked
 *       below; a new connection of the peer arriving in Idle, or while a second one is
 *       already tracked, is closed.</li>
 *   <li>The session numbers its own connection attempts, so a Tcp_CR_Acked (event 16) about
 *       one it does not hold (neither the attempt in progress nor the one kept as the second
 *       connection) is the late completion of an attempt it abandoned: that connection is
 *       closed and nothing else changes, in every state. Section 8.2.2 would take it up in
 *       Active and track it as a second connection from OpenSent on.</li>
 * </ul>
 */
public final class Fsm {
    private static final List<Timer> STOPPED_IN_IDLE = List.copyOf(EnumSet.complementOf(EnumSet.of(Timer.IDLE_HOLD)));
    private static final double JITTER_MIN = 0.75;

    private final RandomGenerator random;
    private final SecondConnection second = new SecondConnection(this);

    /** @param random the source of timer jitter; seed it to replay a run */
    public Fsm(RandomGenerator random) {
        this.random = random;
    }

    public Transition step(Session session, Event event) {
        // The path of every UPDATE: no intermediate objects beyond the result.
        if (session.state() instanceof State.Established est && event instanceof UpdateMsg u
                && est.connection().equals(u.connection())) {
            return est.negotiated().holdTime() > 0
                    ? new Transition(session, List.of(new DeliverUpdate(u.update()),
                            new StartTimer(Timer.HOLD, est.negotiated().hold())))
                    : new Transition(session, List.of(new DeliverUpdate(u.update())));
        }
        Step t = new Step(session);
        switch (event) {
            // Section 8.2.2, every state: a SYN is only noted; its connection is confirmed or refused later.
            case TcpConnectionValid v -> { }
            // Every state: a connection from an invalid address or port is rejected.
            case TcpCrInvalid v -> {
                if (!session.state().owns(v.connection()) && !isSecond(session, v.connection())) {
                    t.add(new Close(v.connection()));
                }
            }
            case CollisionHoldTimerExpires x -> {
                if (session.secondUp()) {
                    SecondConnection.dropSecond(t, Notification.of(NotificationError.HoldTimer.EXPIRED));
                } else {
                    SecondConnection.dropSecondQuietly(t);
                }
            }
            case DampingResetTimerExpires x -> {
                if (session.state() instanceof State.Established) {
                    t.session = session.withIdleHoldTime(session.config().idleHoldTime());
                }
            }
            case OnConnection ce when isSecond(session, ce.connection()) -> second.onSecond(t, ce);
            case OnConnection ce when !session.state().owns(ce.connection()) -> second.onOther(t, ce);
            // Section 8.2.2, every state but Idle: start events are ignored, stop events end the session.
            case ManualStart x when !(session.state() instanceof State.Idle) -> { }
            case AutomaticStart x when !(session.state() instanceof State.Idle) -> { }
            case ManualStop x when !(session.state() instanceof State.Idle) -> stopSession(t, event);
            case AutomaticStop x when !(session.state() instanceof State.Idle) -> stopSession(t, event);
            default -> {
                switch (session.state()) {
                    case State.Idle s -> idle(t, event);
                    case State.Connect s -> connect(t, s, event);
                    case State.Active s -> active(t, s, event);
                    case State.OpenSent s -> openSent(t, s, event);
                    case State.OpenConfirm s -> openConfirm(t, s, event);
                    case State.Established s -> established(t, s, event);
                }
            }
        }
        return t.result();
    }

    // ---- Idle ----------------------------------------------------------------------------

    private void idle(Step t, Event e) {
        Session s = t.session;
        switch (e) {
            // Section 8.2.2 Idle, events 1 and 4: start now, even while a restart is pending.
            case ManualStart x -> {
                if (s.started()) {
                    t.stop(Timer.IDLE_HOLD);
                }
                t.session = s.withStarted(true).withCounter(0);
                startSession(t);
            }
            // Events 3, 5, 6 and 7: a started session is already waiting for its IdleHoldTimer.
            case AutomaticStart x -> {
                if (!s.started()) {
                    t.session = s.withStarted(true).withCounter(0);
                    startSession(t);
                }
            }
            // Event 13: the damping wait is over.
            case IdleHoldTimerExpires x -> {
                if (s.started()) {
                    startSession(t);
                }
            }
            // Events 2 and 8 are ignored in Idle, except that they cancel a pending restart.
            case ManualStop x -> cancelRestart(t);
            case AutomaticStop x -> cancelRestart(t);
            // Events 9-12, 15-28: no change.
            default -> { }
        }
    }

    private static void cancelRestart(Step t) {
        if (t.session.started()) {
            t.stop(Timer.IDLE_HOLD);
            t.session = t.session.withStarted(false);
        }
    }

    /** Idle, events 1/3 (connect) and 4/5 (listen only). */
    private void startSession(Step t) {
        if (t.config().passive()) {
            t.state(new State.Active(Optional.empty()));
            return;
        }
        Connection attempt = t.newAttempt();
        t.add(new Action.Connect(attempt));
        t.start(Timer.CONNECT_RETRY, jitter(t.config().connectRetryTime()));
        t.state(new State.Connect(attempt, false));
    }

    // ---- Connect -------------------------------------------------------------------------

    private void connect(Step t, State.Connect s, Event e) {
        Connection c = s.connection();
        switch (e) {
            // Event 9: drop the attempt (or the delayed connection) and try again.
            case ConnectRetryTimerExpires x -> {
                t.add(new Close(c));
                t.stop(Timer.DELAY_OPEN);
                SecondConnection.dropSecondQuietly(t);
                Connection attempt = t.newAttempt();
                t.add(new Action.Connect(attempt));
                t.start(Timer.CONNECT_RETRY, jitter(t.config().connectRetryTime()));
                t.state(new State.Connect(attempt, false));
            }
            // Event 12: send the OPEN we delayed.
            case DelayOpenTimerExpires x -> {
                if (s.delayingOpen()) {
                    t.add(new SendOpen(c, t.config().open()));
                    t.start(Timer.HOLD, t.config().openHoldTime());
                    t.state(new State.OpenSent(c));
                }
            }
            // Events 16, 17 on our attempt: the connection is up.
            case TcpCrAcked x -> {
                if (!s.delayingOpen()) {
                    connected(t, c);
                }
            }
            case TcpConnectionConfirmed x -> {
                if (!s.delayingOpen()) {
                    connected(t, c);
                }
            }
            // Event 18: with the DelayOpenTimer running, listen on (Active); else go Idle.
            case TcpConnectionFails f -> {
                Reason reason = Reason.of(Reason.Kind.CONNECTION_FAILED, f.cause());
                if (s.delayingOpen()) {
                    if (t.session.secondUp()) {
                        SecondConnection.promote(t, reason);
                    } else {
                        SecondConnection.dropSecondQuietly(t);
                        t.add(new Close(c));
                        startConnectRetry(t);
                        t.stop(Timer.DELAY_OPEN);
                        t.state(new State.Active(Optional.empty()));
                        t.session = t.session.withLastError(reason);
                    }
                } else {
                    toIdle(t, reason, Counter.KEEP, false);
                }
            }
            // Event 20: an OPEN while the DelayOpenTimer runs. Event 19 without it is "any other".
            case BgpOpen o when s.delayingOpen() -> openReceived(t, c, o.open(), true);
            // Events 21, 22.
            case BgpHeaderErr h -> messageErrorBeforeOpen(t, c, h.notification());
            case BgpOpenMsgErr m -> messageErrorBeforeOpen(t, c, m.notification());
            // Event 24: no count, no damping while the DelayOpenTimer runs.
            case NotifMsgVerErr n -> {
                boolean delaying = s.delayingOpen();
                failMain(t, Reason.received(n.notification()), delaying ? Counter.KEEP : Counter.INCREMENT, !delaying);
            }
            // Events 8, 10-11, 13, 19, 23, 25-28: Idle, counted and damped, no NOTIFICATION.
            default -> failMain(t, unexpected(e, s), Counter.INCREMENT, true);
        }
    }

    /** Events 16 and 17 in Connect or Active. */
    void connected(Step t, Connection c) {
        t.stop(Timer.CONNECT_RETRY);
        if (t.config().delayOpen()) {
            t.start(Timer.DELAY_OPEN, t.config().delayOpenTime());
            t.state(t.session.state() instanceof State.Connect
                    ? new State.Connect(c, true) : new State.Active(Optional.of(c)));
        } else {
            t.add(new SendOpen(c, t.config().open()));
            t.start(Timer.HOLD, t.config().openHoldTime());
            t.state(new State.OpenSent(c));
        }
    }

    /** Events 21 and 22 in Connect or Active: the NOTIFICATION only with SendNOTIFICATIONwithoutOPEN. */
    private void messageErrorBeforeOpen(Step t, Connection c, Notification n) {
        if (t.config().sendNotificationWithoutOpen()) {
            t.add(new SendNotification(c, n));
        }
        failMain(t, Reason.sent(n, n.describe()), Counter.INCREMENT, true);
    }

    // ---- Active --------------------------------------------------------------------------

    private void active(Step t, State.Active s, Event e) {
        Optional<Connection> delayed = s.delayingOpen();
        switch (e) {
            // Event 9: connect to the peer (never, for a passive session).
            case ConnectRetryTimerExpires x -> {
                if (!t.config().passive()) {
                    delayed.ifPresent(c -> {
                        t.add(new Close(c));
                        t.stop(Timer.DELAY_OPEN);
                        SecondConnection.dropSecondQuietly(t);
                    });
                    Connection attempt = t.newAttempt();
                    t.add(new Action.Connect(attempt));
                    t.start(Timer.CONNECT_RETRY, jitter(t.config().connectRetryTime()));
                    t.state(new State.Connect(attempt, false));
                }
            }
            // Event 12.
            case DelayOpenTimerExpires x -> delayed.ifPresent(c -> {
                t.stop(Timer.CONNECT_RETRY);
                t.add(new SendOpen(c, t.config().open()));
                t.start(Timer.HOLD, t.config().openHoldTime());
                t.state(new State.OpenSent(c));
            });
            // Events 16, 17 about the connection we already hold: nothing new.
            case TcpCrAcked x -> { }
            case TcpConnectionConfirmed x -> { }
            // Event 20 (the connection we hold is the one delaying its OPEN).
            case BgpOpen o -> openReceived(t, o.connection(), o.open(), true);
            case BgpHeaderErr h -> messageErrorBeforeOpen(t, h.connection(), h.notification());
            case BgpOpenMsgErr m -> messageErrorBeforeOpen(t, m.connection(), m.notification());
            // Event 24 with the DelayOpenTimer running: no count, no damping.
            case NotifMsgVerErr n -> failMain(t, Reason.received(n.notification()), Counter.KEEP, false);
            // Event 18: counted and damped.
            case TcpConnectionFails f ->
                    failMain(t, Reason.of(Reason.Kind.CONNECTION_FAILED, f.cause()), Counter.INCREMENT, true);
            // Events 8, 10-11, 13, 19, 23, 25-28.
            default -> failMain(t, unexpected(e, s), Counter.INCREMENT, true);
        }
    }

    // ---- OpenSent ------------------------------------------------------------------------

    private void openSent(Step t, State.OpenSent s, Event e) {
        Connection c = s.connection();
        switch (e) {
            // Event 10.
            case HoldTimerExpires x -> sendAndFail(t, c, Notification.of(NotificationError.HoldTimer.EXPIRED),
                    "no OPEN from the peer in time");
            // Events 16, 17 about our own connection: nothing new.
            case TcpCrAcked x -> { }
            case TcpConnectionConfirmed x -> { }
            // Event 18: close, listen again (Active).
            case TcpConnectionFails f -> {
                Reason reason = Reason.of(Reason.Kind.CONNECTION_FAILED, f.cause());
                if (t.session.secondUp()) {
                    SecondConnection.promote(t, reason);
                } else {
                    SecondConnection.dropSecondQuietly(t);
                    t.add(new Close(c));
                    t.stop(Timer.HOLD);
                    startConnectRetry(t);
                    t.state(new State.Active(Optional.empty()));
                    t.session = t.session.withLastError(reason);
                }
            }
            // Event 19 (and 22 when our own checks refuse the OPEN).
            case BgpOpen o -> openReceived(t, c, o.open(), false);
            // Events 21, 22.
            case BgpHeaderErr h -> sendAndFail(t, c, h.notification(), h.notification().describe());
            case BgpOpenMsgErr m -> sendAndFail(t, c, m.notification(), m.notification().describe());
            // Event 23.
            case OpenCollisionDump x -> sendAndFail(t, c, collisionCease(), "connection collision");
            // Event 24: not counted.
            case NotifMsgVerErr n -> failMain(t, Reason.received(n.notification()), Counter.KEEP, false);
            // Event 25: counted; not answered (see the class comment).
            case NotifMsg n -> failMain(t, Reason.received(n.notification()), Counter.INCREMENT, true);
            // Events 9, 11-13, 20, 26-28: FSM error, subcode 1 for messages (RFC 6608).
            default -> sendAndFail(t, c, fsmError(s, e), unexpectedDetail(e, s));
        }
    }

    /**
     * A valid OPEN on the connection in use: in OpenSent (event 19), or in Connect or Active
     * with the DelayOpenTimer running (event 20, {@code delaying}).
     */
    private void openReceived(Step t, Connection c, Open open, boolean delaying) {
        SessionConfig config = t.config();
        boolean mayNotify = !delaying || config.sendNotificationWithoutOpen();
        Negotiation.Result result = Negotiation.check(config, open);
        if (result instanceof Negotiation.Refused refused) {
            if (mayNotify) {
                t.add(new SendNotification(c, refused.notification()));
            }
            failMain(t, Reason.sent(refused.notification(), refused.detail()), Counter.INCREMENT, true);
            return;
        }
        Negotiated negotiated = ((Negotiation.Accepted) result).negotiated();
        Optional<Connection> second = t.session.second();
        boolean mainLoses = second.isPresent() && Collision.loser(config, open, c, second.get()).equals(c);
        if (mainLoses && t.session.secondUp()) {
            Notification cease = collisionCease();
            if (mayNotify) {
                t.add(new SendNotification(c, cease));
            }
            SecondConnection.promote(t, Reason.sent(cease, "connection collision: " + second.get() + " kept, " + c + " closed"));
            return;
        }
        t.stop(Timer.CONNECT_RETRY);
        t.stop(Timer.DELAY_OPEN);
        if (delaying) {
            t.add(new SendOpen(c, config.open()));
        }
        t.add(new SendKeepalive(c));
        holdAndKeepalive(t, negotiated);
        if (second.isPresent() && !mainLoses) {
            // Our attempt still in progress is abandoned; a connection that is up gets the Cease.
            SecondConnection.dropSecond(t, t.session.secondUp() ? collisionCease() : null);
        }
        // When this connection loses to our attempt still in progress, it goes on for now.
        // Once the attempt is up and carries both OPENs, section 6.8 keeps the attempt; but if
        // the peer reaches Established here first, both speakers keep this connection (an
        // Established session wins without CollisionDetectEstablishedState). Either way both
        // end on the same connection.
        t.state(new State.OpenConfirm(c, negotiated));
    }

    // ---- OpenConfirm ---------------------------------------------------------------------

    private void openConfirm(Step t, State.OpenConfirm s, Event e) {
        Connection c = s.connection();
        Negotiated negotiated = s.negotiated();
        switch (e) {
            case HoldTimerExpires x -> sendAndFail(t, c, Notification.of(NotificationError.HoldTimer.EXPIRED),
                    "no KEEPALIVE from the peer in time");
            // Event 11.
            case KeepaliveTimerExpires x -> keepalive(t, c, negotiated);
            case TcpCrAcked x -> { }
            case TcpConnectionConfirmed x -> { }
            // Events 18, 25.
            case TcpConnectionFails f ->
                    failMain(t, Reason.of(Reason.Kind.CONNECTION_FAILED, f.cause()), Counter.INCREMENT, true);
            case NotifMsg n -> failMain(t, Reason.received(n.notification()), Counter.INCREMENT, true);
            // Event 24.
            case NotifMsgVerErr n -> failMain(t, Reason.received(n.notification()), Counter.KEEP, false);
            // Events 21, 22.
            case BgpHeaderErr h -> sendAndFail(t, c, h.notification(), h.notification().describe());
            case BgpOpenMsgErr m -> sendAndFail(t, c, m.notification(), m.notification().describe());
            // Event 23.
            case OpenCollisionDump x -> sendAndFail(t, c, collisionCease(), "connection collision");
            // Event 26: up.
            case KeepAliveMsg k -> {
                if (negotiated.holdTime() > 0) {
                    t.start(Timer.HOLD, negotiated.hold());
                }
                SessionConfig config = t.config();
                if (config.dampPeerOscillations() && t.session.idleHoldTime().compareTo(config.idleHoldTime()) > 0) {
                    t.start(Timer.DAMPING_RESET, config.stablePeriod());
                }
                t.add(new SessionUp(c, negotiated));
                t.state(new State.Established(c, negotiated));
            }
            // Events 9, 12-13, 20 (an OPEN again on this connection), 27-28.
            default -> sendAndFail(t, c, fsmError(s, e), unexpectedDetail(e, s));
        }
    }

    // ---- Established ---------------------------------------------------------------------

    private void established(Step t, State.Established s, Event e) {
        Connection c = s.connection();
        Negotiated negotiated = s.negotiated();
        switch (e) {
            case HoldTimerExpires x -> sendAndFail(t, c, Notification.of(NotificationError.HoldTimer.EXPIRED),
                    "no KEEPALIVE or UPDATE from the peer in " + negotiated.holdTime() + " s");
            case KeepaliveTimerExpires x -> keepalive(t, c, negotiated);
            case TcpCrAcked x -> { }
            case TcpConnectionConfirmed x -> { }
            // Events 18, 24, 25.
            case TcpConnectionFails f ->
                    failMain(t, Reason.of(Reason.Kind.CONNECTION_FAILED, f.cause()), Counter.INCREMENT, true);
            case NotifMsgVerErr n -> failMain(t, Reason.received(n.notification()), Counter.INCREMENT, true);
            case NotifMsg n -> failMain(t, Reason.received(n.notification()), Counter.INCREMENT, true);
            // Event 23 (the driver's own collision decision).
            case OpenCollisionDump x -> sendAndFail(t, c, collisionCease(), "connection collision");
            // Event 26.
            case KeepAliveMsg k -> restartHold(t, negotiated);
            // Event 27 (its usual path is the shortcut at the top of step).
            case UpdateMsg u -> {
                t.add(new DeliverUpdate(u.update()));
                restartHold(t, negotiated);
            }
            case RouteRefreshMsg r -> {
                t.add(new DeliverRouteRefresh(r.request()));
                restartHold(t, negotiated);
            }
            // Event 28.
            case UpdateMsgErr u -> sendAndFail(t, c, u.notification(), u.notification().describe());
            // Event 21: the header error's own NOTIFICATION (section 6.1).
            case BgpHeaderErr h -> sendAndFail(t, c, h.notification(), h.notification().describe());
            // Events 9, 12-13, 20-22: FSM error, subcode 3 for messages.
            default -> sendAndFail(t, c, fsmError(s, e), unexpectedDetail(e, s));
        }
    }

    private static void restartHold(Step t, Negotiated negotiated) {
        if (negotiated.holdTime() > 0) {
            t.start(Timer.HOLD, negotiated.hold());
        }
    }

    /** Event 11 in OpenConfirm and Established: a KEEPALIVE, and the timer again unless the hold time is 0. */
    private void keepalive(Step t, Connection c, Negotiated negotiated) {
        t.add(new SendKeepalive(c));
        if (negotiated.keepaliveTime() > 0) {
            t.start(Timer.KEEPALIVE, jitter(negotiated.keepalive()));
        }
    }

    void holdAndKeepalive(Step t, Negotiated negotiated) {
        if (negotiated.holdTime() > 0) {
            t.start(Timer.KEEPALIVE, jitter(negotiated.keepalive()));
            t.start(Timer.HOLD, negotiated.hold());
        } else {
            t.stop(Timer.KEEPALIVE);
            t.stop(Timer.HOLD);
        }
    }

    // ---- into Idle -----------------------------------------------------------------------

    private enum Counter { KEEP, INCREMENT, RESET }

    /** ManualStop (event 2) or AutomaticStop (event 8) outside Idle. */
    private static void stopSession(Step t, Event e) {
        Session s = t.session;
        boolean manual = e instanceof ManualStop;
        Notification cease = e instanceof ManualStop m
                ? Notification.cease(NotificationError.Cease.ADMINISTRATIVE_SHUTDOWN, m.shutdownCommunication())
                : ((AutomaticStop) e).cease();
        boolean openSent = s.state() instanceof State.OpenSent || s.state() instanceof State.OpenConfirm
                || s.state() instanceof State.Established;
        // Section 8.2.2 Active, event 2: before our OPEN, a Cease only with SendNOTIFICATIONwithoutOPEN.
        boolean delaying = !openSent && s.state().held().isPresent()
                && !(s.state() instanceof State.Connect connect && !connect.delayingOpen());
        if (openSent || delaying && s.config().sendNotificationWithoutOpen()) {
            t.add(new SendNotification(s.state().held().orElseThrow(), cease));
        }
        if (s.secondUp()) {
            t.add(new SendNotification(s.second().orElseThrow(), cease));
        }
        t.session = s.withStarted(false);
        Reason reason = manual
                ? new Reason(Reason.Kind.MANUAL_STOP, Optional.of(cease),
                        ((ManualStop) e).shutdownCommunication().isEmpty() ? "by the operator"
                                : ((ManualStop) e).shutdownCommunication())
                : new Reason(Reason.Kind.AUTOMATIC_STOP, Optional.of(cease), cease.describe());
        toIdle(t, reason, manual ? Counter.RESET : Counter.INCREMENT, !manual);
    }

    /** Sends {@code n} on the connection in use, then loses it. */
    private static void sendAndFail(Step t, Connection c, Notification n, String detail) {
        t.add(new SendNotification(c, n));
        failMain(t, Reason.sent(n, detail), Counter.INCREMENT, true);
    }

    /** The connection in use is lost: carry on with a tracked second connection, or go Idle. */
    private static void failMain(Step t, Reason reason, Counter counter, boolean damp) {
        if (t.session.secondUp()) {
            SecondConnection.promote(t, reason);
        } else {
            toIdle(t, reason, counter, damp);
        }
    }

    /**
     * The one way into Idle: drop every connection, stop every timer, end the Established
     * session, release resources, count, and, when started, arm the restart (damped when
     * {@code damp}).
     */
    private static void toIdle(Step t, Reason reason, Counter counter, boolean damp) {
        Session s = t.session;
        s.state().held().ifPresent(c -> t.add(new Close(c)));
        s.second().ifPresent(c -> t.add(new Close(c)));
        for (Timer timer : STOPPED_IN_IDLE) {
            t.stop(timer);
        }
        if (s.state() instanceof State.Established) {
            t.add(new SessionDown(reason));
        }
        t.add(new ReleaseResources());
        int count = switch (counter) {
            case KEEP -> s.connectRetryCounter();
            case INCREMENT -> s.connectRetryCounter() + 1;
            case RESET -> 0;
        };
        Session next = s.with(new State.Idle()).withSecond(Optional.empty(), false).withCounter(count).withLastError(reason);
        if (next.started()) {
            t.start(Timer.IDLE_HOLD, next.idleHoldTime());
        }
        // Damped even when stopped (AutomaticStop): the back-off then applies after the next start.
        SessionConfig config = next.config();
        if (damp && config.dampPeerOscillations()) {
            Duration doubled = next.idleHoldTime().multipliedBy(2);
            next = next.withIdleHoldTime(doubled.compareTo(config.maxIdleHoldTime()) > 0
                    ? config.maxIdleHoldTime() : doubled);
        }
        t.session = next;
    }

    // ---- helpers -------------------------------------------------------------------------

    private void startConnectRetry(Step t) {
        if (!t.config().passive()) {
            t.start(Timer.CONNECT_RETRY, jitter(t.config().connectRetryTime()));
        }
    }

    /** Section 10: a base value times a random factor uniformly distributed in [0.75, 1.0). */
    private Duration jitter(Duration base) {
        double factor = JITTER_MIN + (1 - JITTER_MIN) * random.nextDouble();
        return Duration.ofNanos((long) (base.toNanos() * factor));
    }

    private static boolean isSecond(Session s, Connection c) {
        return s.second().filter(c::equals).isPresent();
    }

    static Notification collisionCease() {
        return Notification.of(NotificationError.Cease.CONNECTION_COLLISION_RESOLUTION);
    }

    /**
     * The NOTIFICATION for an event the state does not expect (section 6.6): with RFC 6608's
     * subcode naming the state when the event is a message, Unspecified Error otherwise.
     */
    static Notification fsmError(State state, Event e) {
        boolean message = e instanceof BgpOpen || e instanceof KeepAliveMsg || e instanceof UpdateMsg
                || e instanceof UpdateMsgErr || e instanceof NotifMsg || e instanceof NotifMsgVerErr
                || e instanceof RouteRefreshMsg || e instanceof BgpOpenMsgErr || e instanceof BgpHeaderErr;
        NotificationError.Fsm subcode = !message ? NotificationError.Fsm.UNSPECIFIED : switch (state) {
            case State.OpenSent s -> NotificationError.Fsm.UNEXPECTED_MESSAGE_IN_OPEN_SENT;
            case State.OpenConfirm s -> NotificationError.Fsm.UNEXPECTED_MESSAGE_IN_OPEN_CONFIRM;
            case State.Established s -> NotificationError.Fsm.UNEXPECTED_MESSAGE_IN_ESTABLISHED;
            default -> NotificationError.Fsm.UNSPECIFIED;
        };
        return Notification.of(subcode);
    }

    private static Reason unexpected(Event e, State s) {
        return Reason.of(Reason.Kind.UNEXPECTED_EVENT, unexpectedDetail(e, s));
    }

    private static String unexpectedDetail(Event e, State s) {
        String name = e.getClass().getSimpleName();
        return (e.number() > 0 ? "event " + e.number() + " (" + name + ")" : name) + " in " + s.name();
    }

    /** The state of one step: the session as it changes, and the actions so far. */
    static final class Step {
        Session session;
        final List<Action> actions = new ArrayList<>(8);

        Step(Session session) {
            this.session = session;
        }

        SessionConfig config() {
            return session.config();
        }

        void add(Action a) {
            actions.add(a);
        }

        void start(Timer timer, Duration duration) {
            actions.add(new StartTimer(timer, duration));
        }

        void stop(Timer timer) {
            actions.add(new StopTimer(timer));
        }

        void state(State next) {
            session = session.with(next);
        }

        Connection newAttempt() {
            Connection c = Connection.outgoing(session.nextAttempt());
            session = session.withNextAttempt(session.nextAttempt() + 1);
            return c;
        }

        Transition result() {
            return new Transition(session, actions);
        }
    }
}
