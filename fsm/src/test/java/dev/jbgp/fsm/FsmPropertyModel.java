package dev.jbgp.fsm;

import dev.jbgp.core.capability.RouteRefreshSupport;
import dev.jbgp.core.message.NotificationError;
import dev.jbgp.core.message.Open;
import dev.jbgp.fsm.Action.Close;
import dev.jbgp.fsm.Action.SendKeepalive;
import dev.jbgp.fsm.Action.SendNotification;
import dev.jbgp.fsm.Action.SendOpen;
import dev.jbgp.fsm.Action.SessionDown;
import dev.jbgp.fsm.Action.SessionUp;
import dev.jbgp.fsm.Action.StartTimer;
import dev.jbgp.fsm.Action.StopTimer;
import dev.jbgp.fsm.Event.OnConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * What a driver knows of one session, built only from the events it fed and the actions it
 * carried out: which timers run, which connections are open, which connections ever existed
 * (the driver never reuses a number), the last OPEN read on each open connection, whether the
 * last of SessionUp/SessionDown was an up, and the idle hold time the back-off rule predicts.
 * {@link #step} runs one step of the FSM and checks every property on that edge (those of our
 * attempts beside the connection in use in {@link FsmPropertySecond}).
 *
 * @param everUp connections whose TCP connection came up at some point: a message can be
 *     read only from one of these, and only these are written to; the session's second
 *     connection is pending (our attempt, kept while still in progress) exactly when it is
 *     not among them
 */
record FsmPropertyModel(
        Set<Timer> running,
        Set<Connection> open,
        Set<Connection> used,
        Set<Connection> everUp,
        Map<Connection, Open> opens,
        boolean up,
        Duration backOff) {

    FsmPropertyModel {
        running = Set.copyOf(running);
        open = Set.copyOf(open);
        used = Set.copyOf(used);
        everUp = Set.copyOf(everUp);
        opens = Map.copyOf(opens);
    }

    static FsmPropertyModel initial(SessionConfig config) {
        return new FsmPropertyModel(Set.of(), Set.of(), Set.of(), Set.of(), Map.of(), false, config.idleHoldTime());
    }

    /** One checked step: the FSM's transition and what the driver knows after it. */
    record Edge(Transition transition, FsmPropertyModel model) {
    }

    /** Steps {@code fsm} and checks every property on the edge; an AssertionError names the one broken. */
    Edge step(Fsm fsm, Session before, Event event) {
        Transition t = fsm.step(before, event);
        return new Edge(t, new Check(this, before, event, t).run());
    }

    /** The timer whose expiry {@code e} is, if it is one. */
    static Optional<Timer> expiring(Event e) {
        for (Timer t : Timer.values()) {
            if (t.expiry().equals(e)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    /** A short line for a session: the state, its connections and counters, not the configuration. */
    static String describe(Session s) {
        String state = switch (s.state()) {
            case State.Idle i -> "Idle";
            case State.Connect c -> "Connect(" + c.connection() + (c.delayingOpen() ? ", delaying OPEN)" : ")");
            case State.Active a -> "Active" + a.delayingOpen().map(c -> "(" + c + ", delaying OPEN)").orElse("");
            case State.OpenSent o -> "OpenSent(" + o.connection() + ")";
            case State.OpenConfirm o -> "OpenConfirm(" + o.connection() + ", hold " + o.negotiated().holdTime() + ")";
            case State.Established e -> "Established(" + e.connection() + ", hold " + e.negotiated().holdTime() + ")";
        };
        return state + s.second().map(c -> " second=" + c + (s.secondUp() ? "" : " (pending)")).orElse("")
                + " counter=" + s.connectRetryCounter()
                + (s.started() ? " started" : " stopped") + " idleHold=" + s.idleHoldTime().toSeconds() + "s";
    }

    /** A short line for an event: an OPEN by its AS, hold time and identifier, other messages by kind. */
    static String describe(Event e) {
        String name = e.getClass().getSimpleName();
        return switch (e) {
            case Event.BgpOpen o -> name + "(" + o.connection() + ", AS " + o.open().asNumber() + " hold "
                    + o.open().holdTime() + " id " + o.open().bgpIdentifierString()
                    + (o.open().capability(RouteRefreshSupport.class).isEmpty() ? " without route refresh" : "") + ")";
            case Event.UpdateMsg u -> name + "(" + u.connection() + ")";
            case Event.RouteRefreshMsg r -> name + "(" + r.connection() + ")";
            case Event.TcpConnectionFails f -> name + "(" + f.connection() + ")";
            case Event.AutomaticStop a -> name + "(" + a.cease().describe() + ")";
            case Event.NotifMsg n -> name + "(" + n.connection() + ", " + n.notification().describe() + ")";
            case Event.NotifMsgVerErr n -> name + "(" + n.connection() + ", " + n.notification().describe() + ")";
            case Event.BgpHeaderErr n -> name + "(" + n.connection() + ", " + n.notification().describe() + ")";
            case Event.BgpOpenMsgErr n -> name + "(" + n.connection() + ", " + n.notification().describe() + ")";
            case Event.UpdateMsgErr n -> name + "(" + n.connection() + ", " + n.notification().describe() + ")";
            case Event.OnConnection oc -> name + "(" + oc.connection() + ")";
            default -> name;
        };
    }

    private static final class Check {
        private final FsmPropertyModel model;
        private final Session before;
        private final Session after;
        private final Event event;
        private final List<Action> actions;
        private final SessionConfig config;
        private final FsmPropertyRfc.Row row;

        private final Set<Timer> running;
        private final Set<Connection> open;
        private final Set<Connection> used;
        private final Set<Connection> everUp;
        private final Map<Connection, Open> opens;
        /** The second connection before the step, when it is up (in the driver's view). */
        private final Optional<Connection> upSecond;
        private Connection broughtUp;
        private Connection connected;
        /** An attempt of ours, closed before it ever came up, that completes now. */
        private Connection lateAttempt;
        // Gathered in the one pass over the actions.
        private final List<SessionUp> ups = new ArrayList<>(1);
        private final List<SendNotification> sent = new ArrayList<>(2);
        private final Map<Timer, List<StartTimer>> starts = new EnumMap<>(Timer.class);
        private int downs;
        private int releases;

        Check(FsmPropertyModel model, Session before, Event event, Transition t) {
            this.model = model;
            this.before = before;
            this.after = t.next();
            this.event = event;
            this.actions = t.actions();
            this.config = before.config();
            this.row = FsmPropertyRfc.row(before, event);
            this.running = EnumSet.noneOf(Timer.class);
            running.addAll(model.running());
            this.open = new HashSet<>(model.open());
            this.used = new HashSet<>(model.used());
            this.everUp = new HashSet<>(model.everUp());
            this.opens = new HashMap<>(model.opens());
            this.upSecond = before.second().filter(model.everUp()::contains);
        }

        FsmPropertyModel run() {
            observeEvent();
            boolean staleEvent = event instanceof OnConnection oc && !model.open().contains(oc.connection())
                    && broughtUp == null;
            observeActions();
            check(after.config() == config, "the configuration never changes");
            startedFlag();
            connections();
            FsmPropertySecond.check(new FsmPropertySecond.Edge(before, event, actions, after, model.everUp(), everUp,
                    model.running(), broughtUp, lateAttempt, this::check));
            timersMatchState();
            sessionUpAndDown();
            negotiated();
            connectRetryCounter();
            pathIntoIdle();
            Duration backOff = idleHoldBackOff();
            holdTimerExpiry();
            establishedKeepsItsConnection();
            if (staleEvent) {
                // package-info: an event about a connection the session no longer holds changes nothing.
                check(after.equals(before) && actions.isEmpty(), "an event about a connection not open changes nothing");
            }
            return new FsmPropertyModel(running, open, used, everUp, opens,
                    after.state() instanceof State.Established, backOff);
        }

        /** What the event itself tells the driver, before any action. */
        private void observeEvent() {
            expiring(event).ifPresent(running::remove);   // a timer fires once
            switch (event) {
                case Event.TcpConnectionConfirmed c -> bringUp(c.connection());
                case Event.TcpCrInvalid c -> bringUp(c.connection());
                case Event.TcpCrAcked a -> {
                    Connection c = a.connection();
                    if (open.contains(c)) {
                        everUp.add(c);
                    } else {
                        // An attempt the FSM had abandoned connected after all: to the driver a new connection.
                        check(used.contains(c) && !everUp.contains(c),
                                "harness: only an attempt that never came up succeeds late");
                        open.add(c);
                        everUp.add(c);
                        broughtUp = c;
                        lateAttempt = c;
                    }
                }
                case Event.BgpOpen o -> {
                    if (open.contains(o.connection())) {
                        opens.put(o.connection(), o.open());
                    }
                }
                default -> { }
            }
        }

        private void bringUp(Connection c) {
            if (!open.contains(c)) {
                check(!used.contains(c), "harness: the driver numbers every new connection afresh");
                open.add(c);
                used.add(c);
                everUp.add(c);
                broughtUp = c;
            }
        }

        /** Carries out the actions in order, checking each against what is open at that point. */
        private void observeActions() {
            Set<Connection> touchable = new HashSet<>();
            before.connection().ifPresent(touchable::add);
            before.second().ifPresent(touchable::add);
            after.connection().ifPresent(touchable::add);
            after.second().ifPresent(touchable::add);
            if (broughtUp != null) {
                touchable.add(broughtUp);
            }
            for (Action a : actions) {
                switch (a) {
                    case Action.Connect c -> {
                        check(!config.passive(), "a passive session never connects");
                        check(c.connection().direction() == Connection.Direction.OUTGOING && !used.contains(c.connection()),
                                "a connection attempt gets a new outgoing number");
                        open.add(c.connection());
                        used.add(c.connection());
                        connected = c.connection();
                        touchable.add(connected);
                    }
                    case Close c -> {
                        check(open.remove(c.connection()), () -> "closes only a connection that is open: " + c);
                        opens.remove(c.connection());
                    }
                    case SendOpen s -> writes(s.connection(), a);
                    case SendKeepalive s -> writes(s.connection(), a);
                    case SendNotification s -> {
                        writes(s.connection(), a);
                        sent.add(s);
                    }
                    case SessionUp u -> ups.add(u);
                    case SessionDown d -> downs++;
                    case Action.ReleaseResources r -> releases++;
                    case StartTimer s -> {
                        starts.computeIfAbsent(s.timer(), k -> new ArrayList<>(1)).add(s);
                        check(!s.duration().isNegative(), () -> "a timer never starts with a negative duration: " + s);
                        duration(s);
                        running.add(s.timer());
                    }
                    case StopTimer s -> running.remove(s.timer());
                    case Action.DeliverUpdate u -> delivers(a);
                    case Action.DeliverRouteRefresh r -> delivers(a);
                }
                connectionOf(a).ifPresent(c -> check(touchable.contains(c),
                        () -> "an action names only a connection the session holds or just held: " + a));
            }
        }

        private void writes(Connection c, Action a) {
            // Also checks the order: a NOTIFICATION is written before its connection's Close.
            check(open.contains(c), () -> "writes only on an open connection: " + a);
            // An attempt in progress (in Connect, or kept as the second connection) has no peer to read it.
            check(everUp.contains(c), () -> "writes only on a connection that is up: " + a);
        }

        /** RFC 4271 section 9: an UPDATE may be received only in the Established state. */
        private void delivers(Action a) {
            check(before.state() instanceof State.Established b && after.state() instanceof State.Established
                    && event instanceof OnConnection oc && b.connection().equals(oc.connection()),
                    () -> "delivers a message only from the Established connection: " + a);
        }

        private static Optional<Connection> connectionOf(Action a) {
            return switch (a) {
                case Action.Connect c -> Optional.of(c.connection());
                case Close c -> Optional.of(c.connection());
                case SendOpen s -> Optional.of(s.connection());
                case SendKeepalive s -> Optional.of(s.connection());
                case SendNotification s -> Optional.of(s.connection());
                case SessionUp s -> Optional.of(s.connection());
                default -> Optional.empty();
            };
        }

        /**
         * Timer values: section 10 jitters the ConnectRetryTimer and KeepaliveTimer by a factor
         * in [0.75, 1.0]; the HoldTimer is the "large value" before the peer's OPEN and the
         * negotiated hold time after it (section 4.2); the others are the configured values.
         */
        private void duration(StartTimer s) {
            Duration d = s.duration();
            switch (s.timer()) {
                case CONNECT_RETRY -> jittered(d, config.connectRetryTime(), s);
                case KEEPALIVE -> {
                    Optional<Negotiated> n = after.negotiated();
                    check(n.isPresent() && n.get().keepaliveTime() > 0,
                            () -> "the KeepaliveTimer runs only with a negotiated hold time: " + s);
                    jittered(d, n.get().keepalive(), s);
                }
                case HOLD -> {
                    Duration expected = after.state() instanceof State.OpenSent ? config.openHoldTime()
                            : after.negotiated().map(Negotiated::hold).orElse(Duration.ZERO);
                    check(!expected.isZero() && d.equals(expected), () -> "the HoldTimer starts with the large value "
                            + "before the peer's OPEN and the non-zero negotiated hold time after it: " + s);
                }
                case DELAY_OPEN -> check(d.equals(config.delayOpenTime()),
                        () -> "the DelayOpenTimer starts with DelayOpenTime: " + s);
                case COLLISION_HOLD -> check(d.equals(config.openHoldTime()),
                        () -> "a second connection waits for its OPEN as long as the first: " + s);
                case IDLE_HOLD -> check(d.compareTo(config.idleHoldTime()) >= 0 && d.compareTo(config.maxIdleHoldTime()) <= 0,
                        () -> "the idle hold time stays within [idleHoldTime, maxIdleHoldTime]: " + s);
                case DAMPING_RESET -> check(d.equals(config.stablePeriod()),
                        () -> "the damping reset waits the stable period: " + s);
            }
        }

        private void jittered(Duration d, Duration base, StartTimer s) {
            long nanos = d.toNanos();
            long b = base.toNanos();
            check(nanos * 4 >= b * 3 && nanos <= b, () -> "a jittered timer is within [0.75, 1.0] of " + base + ": " + s);
        }

        /** After every step the driver has exactly the connections the session holds open: two at most. */
        private void connections() {
            check(open.size() <= 2, () -> "at most two connections are open: " + open);
            check(after.second().isEmpty()
                            || after.connection().isPresent() && !after.second().equals(after.connection()),
                    "a second connection is tracked only beside a different first one");
            Set<Connection> held = new HashSet<>();
            after.connection().ifPresent(held::add);
            after.second().ifPresent(held::add);
            check(open.equals(held), () -> "the open connections are exactly those the session holds: open=" + open);
        }

        /**
         * Fsm javadoc: a start marks the session started (outside Idle it always is), a stop
         * (events 2 and 8) clears the mark in every state, and nothing else touches it.
         */
        private void startedFlag() {
            boolean expected = FsmPropertyRfc.isStop(event) ? false
                    : event instanceof Event.ManualStart || event instanceof Event.AutomaticStart || before.started();
            check(after.started() == expected, () -> "started only by a start, stopped only by a stop: " + expected);
            check(after.started() || after.state() instanceof State.Idle, "a session outside Idle is started");
        }

        /**
         * The timers that run are those the state's text keeps running: the ConnectRetryTimer
         * while waiting for a connection (never in a passive session), the DelayOpenTimer while
         * an OPEN is delayed, the HoldTimer from OpenSent on and the KeepaliveTimer from
         * OpenConfirm on unless the negotiated hold time is 0, the IdleHoldTimer in Idle exactly
         * when the session is started, a second connection's timer while it is tracked.
         */
        private void timersMatchState() {
            State s = after.state();
            boolean timed = after.negotiated().map(n -> n.holdTime() > 0).orElse(false);
            expectRunning(Timer.IDLE_HOLD, s instanceof State.Idle && after.started());
            expectRunning(Timer.CONNECT_RETRY, !config.passive()
                    && (s instanceof State.Connect c && !c.delayingOpen()
                            || s instanceof State.Active a && a.delayingOpen().isEmpty()));
            expectRunning(Timer.DELAY_OPEN, FsmPropertyRfc.delayOpenRunning(s));
            expectRunning(Timer.HOLD, s instanceof State.OpenSent || timed);
            expectRunning(Timer.KEEPALIVE, timed);
            expectRunning(Timer.COLLISION_HOLD, after.second().isPresent());
            check(!running.contains(Timer.DAMPING_RESET) || s instanceof State.Established,
                    "the damping reset runs only while Established");
        }

        private void expectRunning(Timer timer, boolean expected) {
            check(running.contains(timer) == expected, () -> timer + (expected ? " runs" : " does not run") + " in "
                    + describe(after) + "; running=" + running);
        }

        /**
         * SessionUp exactly on the step into Established (from OpenConfirm, on a KEEPALIVE,
         * section 8.2.2 event 26), SessionDown exactly on a step out of it, so they alternate.
         */
        private void sessionUpAndDown() {
            boolean wasUp = before.state() instanceof State.Established;
            boolean isUp = after.state() instanceof State.Established;
            check(model.up() == wasUp, "SessionUp and SessionDown alternate with Established");
            boolean into = isUp && !(wasUp && before.connection().equals(after.connection()));
            boolean outOf = wasUp && !(isUp && before.connection().equals(after.connection()));
            check(ups.size() == (into ? 1 : 0), "SessionUp exactly on the step into Established");
            check(downs == (outOf ? 1 : 0), "SessionDown exactly on a step out of Established");
            if (into) {
                State.Established est = (State.Established) after.state();
                check(before.state() instanceof State.OpenConfirm oc && oc.connection().equals(est.connection())
                                && oc.negotiated().equals(est.negotiated())
                                && event instanceof Event.KeepAliveMsg k && k.connection().equals(est.connection()),
                        "Established only from OpenConfirm on the peer's KEEPALIVE, with what OpenConfirm negotiated");
                check(ups.getFirst().connection().equals(est.connection())
                                && ups.getFirst().negotiated().equals(est.negotiated()),
                        "SessionUp carries the Established connection and record");
                boolean backedOff = config.dampPeerOscillations() && model.backOff().compareTo(config.idleHoldTime()) > 0;
                check(startsOf(Timer.DAMPING_RESET).size() == (backedOff ? 1 : 0),
                        "a session that comes up backed off starts the damping reset, else not");
            } else {
                check(startsOf(Timer.DAMPING_RESET).isEmpty(), "the damping reset starts only on the way into Established");
            }
        }

        /**
         * OpenConfirm and Established carry what {@link Negotiation#check} gives for the OPEN read
         * on their connection; the step into OpenConfirm is that OPEN. Section 4.2: the hold
         * time is the smaller of ours and the peer's.
         */
        private void negotiated() {
            if (!(after.state() instanceof State.OpenConfirm || after.state() instanceof State.Established)) {
                return;
            }
            Connection c = after.connection().orElseThrow();
            Negotiated n = after.negotiated().orElseThrow();
            Open peer = opens.get(c);
            check(peer != null, "OpenConfirm and Established only after an OPEN read on their connection");
            check(FsmPropertyRfc.checked(config, peer) instanceof Negotiation.Accepted a && a.negotiated().equals(n),
                    "the negotiated record is Negotiation.check of the OPEN read on the connection");
            check(n.peerId() == peer.bgpIdentifier() && n.holdTime() == Math.min(config.holdTime(), peer.holdTime()),
                    "the record has the peer's identifier and the smaller hold time");
            boolean entering = !(before.state() instanceof State.OpenConfirm || before.state() instanceof State.Established)
                    || !before.connection().equals(after.connection());
            if (entering) {
                check(event instanceof Event.BgpOpen o && o.connection().equals(c),
                        "OpenConfirm is entered on the OPEN itself");
            }
        }

        /**
         * The ConnectRetryCounter follows {@link FsmPropertyRfc}. When the text goes to Idle
         * but a second connection is tracked, the session carries on with that one (Fsm's class
         * javadoc): that connection has not failed, so nothing is counted. Stops always end the
         * session.
         */
        private void connectRetryCounter() {
            int was = before.connectRetryCounter();
            int expected = promoted() ? was : switch (row.counter()) {
                case SAME -> was;
                case ZERO -> 0;
                case PLUS_ONE -> was + 1;
            };
            check(after.connectRetryCounter() == expected, () -> "ConnectRetryCounter " + was + " should become " + expected
                    + ", is " + after.connectRetryCounter() + " (" + row + ", event " + FsmPropertyRfc.number(before, event)
                    + " in " + before.state().name() + ")");
        }

        /** Fsm javadoc: only a second connection that is up is carried on with; a pending one is dropped. */
        private boolean promoted() {
            return row.toIdle() && upSecond.isPresent() && !FsmPropertyRfc.isStop(event);
        }

        /**
         * Idle exactly where the text says "changes its state to Idle" (or the session carries on
         * with its second connection, in OpenSent); every path into Idle closes every connection
         * the session held, stops every timer but the IdleHoldTimer (the timer check) and
         * releases the resources.
         */
        private void pathIntoIdle() {
            boolean idle = after.state() instanceof State.Idle;
            if (before.state() instanceof State.Idle) {
                boolean starts = event instanceof Event.ManualStart
                        || event instanceof Event.AutomaticStart && !before.started()
                        || event instanceof Event.IdleHoldTimerExpires && before.started();
                check(idle != starts, "Idle is left exactly on a start or on the restart of a started session");
                return;
            }
            if (promoted()) {
                check(after.state().equals(new State.OpenSent(upSecond.orElseThrow())) && after.second().isEmpty(),
                        "the path to Idle carries on with the tracked second connection in OpenSent instead");
                return;
            }
            check(idle == row.toIdle(), () -> (row.toIdle() ? "goes" : "does not go") + " to Idle on event "
                    + FsmPropertyRfc.number(before, event) + " in " + before.state().name());
            if (idle) {
                before.connection().ifPresent(c -> check(actions.contains(new Close(c)),
                        () -> "the path into Idle closes " + c));
                before.second().ifPresent(c -> check(actions.contains(new Close(c)),
                        () -> "the path into Idle closes the second " + c));
                check(releases == 1, "the path into Idle releases all BGP resources");
            }
        }

        /**
         * The back-off: every path into Idle of a started session waits the current idle hold
         * time; a damped path (FsmPropertyRfc) then doubles it up to the maximum when
         * DampPeerOscillations is on, a stop included (AutomaticStop, event 8, "performs peer
         * oscillation damping"): that session is not restarted, and the longer wait applies
         * after its next start. The damping reset in Established returns it to the initial
         * value; nothing else changes it.
         */
        private Duration idleHoldBackOff() {
            Duration current = model.backOff();
            Duration next = current;
            List<StartTimer> idleHolds = startsOf(Timer.IDLE_HOLD);
            boolean intoIdle = after.state() instanceof State.Idle && !(before.state() instanceof State.Idle);
            if (intoIdle && after.started()) {
                check(idleHolds.size() == 1 && idleHolds.getFirst().duration().equals(current),
                        () -> "the way into Idle of a started session waits the current idle hold time " + current);
            } else {
                check(idleHolds.isEmpty(), "the IdleHoldTimer starts only on the way into Idle of a started session");
            }
            if (intoIdle && config.dampPeerOscillations() && row.damped()) {
                Duration doubled = current.multipliedBy(2);
                next = doubled.compareTo(config.maxIdleHoldTime()) > 0 ? config.maxIdleHoldTime() : doubled;
            }
            if (event instanceof Event.DampingResetTimerExpires && before.state() instanceof State.Established) {
                next = config.idleHoldTime();
            }
            Duration expected = next;
            check(after.idleHoldTime().equals(expected), () -> "the idle hold time " + current + " should become " + expected
                    + ", is " + after.idleHoldTime() + " (" + row + ")");
            return expected;
        }

        /**
         * Sections 8.2.2 OpenSent, OpenConfirm, Established, event 10: with the HoldTimer
         * running, its expiry sends NOTIFICATION Hold Timer Expired (code 4, subcode 0) on the
         * connection in use before closing it, and nothing on any other connection; then the
         * session is Idle, or, with a second connection up, OpenSent on that one with the
         * HoldTimer at the large value again.
         */
        private void holdTimerExpiry() {
            if (!(event instanceof Event.HoldTimerExpires) || !model.running().contains(Timer.HOLD)
                    || !(before.state() instanceof State.OpenSent || before.state() instanceof State.OpenConfirm
                    || before.state() instanceof State.Established)) {
                return;
            }
            Connection c = before.connection().orElseThrow();
            check(sent.size() == 1 && sent.getFirst().connection().equals(c)
                            && sent.getFirst().notification().code() == NotificationError.HOLD_TIMER_EXPIRED
                            && sent.getFirst().notification().subcode() == 0,
                    () -> "hold timer expiry sends one NOTIFICATION 4/0, on " + c);
            check(actions.indexOf(sent.getFirst()) < actions.indexOf(new Close(c)),
                    "the NOTIFICATION goes before the Close");
            if (upSecond.isEmpty()) {
                check(after.state() instanceof State.Idle, "hold timer expiry goes to Idle");
            } else {
                check(after.state().equals(new State.OpenSent(upSecond.get())) && after.second().isEmpty()
                                && actions.contains(new StartTimer(Timer.HOLD, config.openHoldTime())),
                        "hold timer expiry carries on with the second connection in OpenSent");
            }
        }

        /**
         * Section 6.8: "Unless allowed via configuration, a connection collision with an existing
         * BGP connection that is in the Established state causes closing of the newly created
         * connection": without CollisionDetectEstablishedState nothing on the second connection
         * moves an Established session.
         */
        private void establishedKeepsItsConnection() {
            if (before.state() instanceof State.Established && !config.collisionDetectEstablishedState()
                    && event instanceof OnConnection oc && before.second().filter(oc.connection()::equals).isPresent()) {
                check(after.state().equals(before.state()),
                        "an Established session outlives a collision on its second connection");
            }
        }

        private List<StartTimer> startsOf(Timer timer) {
            return starts.getOrDefault(timer, List.of());
        }

        private void check(boolean ok, String property) {
            check(ok, () -> property);
        }

        /** The message is built only when the property fails: the checks run on every edge. */
        private void check(boolean ok, Supplier<String> property) {
            if (!ok) {
                throw new AssertionError(property.get() + "\n    before:  " + describe(before)
                        + "\n    event:   " + describe(event) + "\n    actions: " + actions + "\n    after:   " + describe(after)
                        + "\n    running before: " + model.running() + ", open before: " + model.open());
            }
        }
    }
}
