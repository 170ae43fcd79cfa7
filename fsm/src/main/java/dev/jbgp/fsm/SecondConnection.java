package dev.jbgp.fsm;

import dev.jbgp.core.message.Notification;
import dev.jbgp.core.message.NotificationError;
import dev.jbgp.core.message.Open;
import dev.jbgp.fsm.Action.Close;
import dev.jbgp.fsm.Action.SendKeepalive;
import dev.jbgp.fsm.Action.SendNotification;
import dev.jbgp.fsm.Action.SendOpen;
import dev.jbgp.fsm.Action.SessionDown;
import dev.jbgp.fsm.Event.BgpHeaderErr;
import dev.jbgp.fsm.Event.BgpOpen;
import dev.jbgp.fsm.Event.BgpOpenMsgErr;
import dev.jbgp.fsm.Event.KeepAliveMsg;
import dev.jbgp.fsm.Event.NotifMsg;
import dev.jbgp.fsm.Event.NotifMsgVerErr;
import dev.jbgp.fsm.Event.OnConnection;
import dev.jbgp.fsm.Event.OpenCollisionDump;
import dev.jbgp.fsm.Event.RouteRefreshMsg;
import dev.jbgp.fsm.Event.TcpConnectionConfirmed;
import dev.jbgp.fsm.Event.TcpConnectionFails;
import dev.jbgp.fsm.Event.TcpCrAcked;
import dev.jbgp.fsm.Event.UpdateMsg;
import dev.jbgp.fsm.Event.UpdateMsgErr;
import dev.jbgp.fsm.Fsm.Step;
import java.util.Optional;

/**
 * The part of {@link Fsm} that deals with a second connection to the same peer (RFC 4271
 * section 6.8): a new connection arriving, tracking it until its OPEN, resolving the
 * collision, and carrying on with it when the connection in use is lost. See {@link Fsm}'s
 * class comment for the rules.
 */
final class SecondConnection {
    private final Fsm fsm;

    SecondConnection(Fsm fsm) {
        this.fsm = fsm;
    }

    /** A connection event about neither the connection in use nor the tracked second one. */
    void onOther(Step t, OnConnection e) {
        switch (e) {
            case TcpCrAcked a -> arrived(t, a.connection());
            case TcpConnectionConfirmed a -> arrived(t, a.connection());
            // Anything else is about a connection already dropped.
            default -> { }
        }
    }

    /** A new connection came up. */
    void arrived(Step t, Connection c) {
        Session s = t.session;
        if (c.direction() == Connection.Direction.OUTGOING) {
            // The FSM numbers its own attempts: one it does not hold was abandoned.
            t.add(new Close(c));
            return;
        }
        switch (s.state()) {
            // Section 8.2.2 Idle: all incoming connections are refused.
            case State.Idle i -> t.add(new Close(c));
            // The peer's connection is taken up; our attempt in progress is kept as the second
            // connection, so that a simultaneous open leaves both speakers a connection to agree on.
            case State.Connect connect when !connect.delayingOpen() -> {
                fsm.connected(t, c);
                t.start(Timer.COLLISION_HOLD, t.config().openHoldTime());
                t.session = t.session.withSecond(Optional.of(connect.connection()), false);
            }
            case State.Active active when active.delayingOpen().isEmpty() -> fsm.connected(t, c);
            default -> {
                if (s.second().isPresent()) {
                    t.add(new Close(c));
                } else {
                    // Sections 6.8 and 8.2.2 (events 14, 16, 17 in OpenSent, OpenConfirm,
                    // Established): track the second connection until it brings an OPEN.
                    t.add(new SendOpen(c, t.config().open()));
                    t.start(Timer.COLLISION_HOLD, t.config().openHoldTime());
                    t.session = s.withSecond(Optional.of(c), true);
                }
            }
        }
    }

    void onSecond(Step t, OnConnection e) {
        Connection y = e.connection();
        if (!t.session.secondUp()) {
            // Our attempt, kept as the second connection: it comes up and gets our OPEN, or fails.
            switch (e) {
                case TcpCrAcked a -> {
                    t.add(new SendOpen(y, t.config().open()));
                    t.start(Timer.COLLISION_HOLD, t.config().openHoldTime());
                    t.session = t.session.withSecond(Optional.of(y), true);
                }
                case TcpConnectionFails f -> dropSecond(t, null);
                default -> { }
            }
            return;
        }
        switch (e) {
            case BgpOpen o -> secondOpen(t, y, o.open());
            case TcpConnectionFails f -> dropSecond(t, null);
            case NotifMsg n -> dropSecond(t, null);
            case NotifMsgVerErr n -> dropSecond(t, null);
            case BgpHeaderErr h -> dropSecond(t, h.notification());
            case BgpOpenMsgErr m -> dropSecond(t, m.notification());
            case OpenCollisionDump x -> dropSecond(t, Fsm.collisionCease());
            // Only an OPEN is expected on it: it is in OpenSent.
            case KeepAliveMsg k -> dropSecond(t, Notification.of(NotificationError.Fsm.UNEXPECTED_MESSAGE_IN_OPEN_SENT));
            case UpdateMsg u -> dropSecond(t, Notification.of(NotificationError.Fsm.UNEXPECTED_MESSAGE_IN_OPEN_SENT));
            case UpdateMsgErr u -> dropSecond(t, Notification.of(NotificationError.Fsm.UNEXPECTED_MESSAGE_IN_OPEN_SENT));
            case RouteRefreshMsg r -> dropSecond(t, Notification.of(NotificationError.Fsm.UNEXPECTED_MESSAGE_IN_OPEN_SENT));
            // Repeated connection events about it change nothing.
            default -> { }
        }
    }

    /** The peer's OPEN on the second connection: check it, then keep one of the two. */
    void secondOpen(Step t, Connection y, Open open) {
        SessionConfig config = t.config();
        Negotiation.Result result = Negotiation.check(config, open);
        if (result instanceof Negotiation.Refused refused) {
            dropSecond(t, refused.notification());
            return;
        }
        Negotiated negotiated = ((Negotiation.Accepted) result).negotiated();
        State main = t.session.state();
        Connection m = main.held().orElseThrow();
        // Section 6.8: an Established session wins unless CollisionDetectEstablishedState is set.
        boolean secondLoses = main instanceof State.Established && !config.collisionDetectEstablishedState()
                || Collision.loser(config, open, m, y).equals(y);
        if (secondLoses) {
            dropSecond(t, Fsm.collisionCease());
            return;
        }
        Notification cease = Fsm.collisionCease();
        Reason reason = Reason.sent(cease, "connection collision: " + y + " kept, " + m + " closed");
        boolean mainSentOpen = main instanceof State.OpenSent || main instanceof State.OpenConfirm
                || main instanceof State.Established;
        if (mainSentOpen || config.sendNotificationWithoutOpen()) {
            t.add(new SendNotification(m, cease));
        }
        t.add(new Close(m));
        t.stop(Timer.CONNECT_RETRY);
        t.stop(Timer.DELAY_OPEN);
        t.stop(Timer.COLLISION_HOLD);
        t.stop(Timer.DAMPING_RESET);
        if (main instanceof State.Established) {
            t.add(new SessionDown(reason));
        }
        t.add(new SendKeepalive(y));
        fsm.holdAndKeepalive(t, negotiated);
        t.session = t.session.with(new State.OpenConfirm(y, negotiated)).withSecond(Optional.empty(), false)
                .withLastError(reason);
    }

    /** Closes the second connection, after {@code notification} when not null. */
    static void dropSecond(Step t, Notification notification) {
        Connection y = t.session.second().orElseThrow();
        if (notification != null) {
            t.add(new SendNotification(y, notification));
        }
        t.add(new Close(y));
        t.stop(Timer.COLLISION_HOLD);
        t.session = t.session.withSecond(Optional.empty(), false);
    }

    static void dropSecondQuietly(Step t) {
        if (t.session.second().isPresent()) {
            dropSecond(t, null);
        }
    }

    /**
     * The connection in use is lost and a second one is tracked: carry on with the second, in
     * OpenSent (our OPEN is on it already), as the RFC's machine of that connection would.
     */
    static void promote(Step t, Reason reason) {
        Session s = t.session;
        Connection y = s.second().orElseThrow();
        s.state().held().ifPresent(c -> t.add(new Close(c)));
        t.stop(Timer.CONNECT_RETRY);
        t.stop(Timer.DELAY_OPEN);
        t.stop(Timer.KEEPALIVE);
        t.stop(Timer.DAMPING_RESET);
        t.stop(Timer.COLLISION_HOLD);
        t.start(Timer.HOLD, s.config().openHoldTime());
        if (s.state() instanceof State.Established) {
            t.add(new SessionDown(reason));
        }
        t.session = s.with(new State.OpenSent(y)).withSecond(Optional.empty(), false).withLastError(reason);
    }
}
