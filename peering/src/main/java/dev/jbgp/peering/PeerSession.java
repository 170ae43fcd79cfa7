package dev.jbgp.peering;

import dev.jbgp.core.AfiSafi;
import dev.jbgp.core.Prefix;
import dev.jbgp.core.PrefixList;
import dev.jbgp.core.attribute.MpUnreachNlri;
import dev.jbgp.core.capability.AddPath;
import dev.jbgp.core.capability.Capability;
import dev.jbgp.core.capability.EnhancedRouteRefresh;
import dev.jbgp.core.capability.ExtendedMessage;
import dev.jbgp.core.capability.GracefulRestart;
import dev.jbgp.core.capability.Multiprotocol;
import dev.jbgp.core.capability.RouteRefreshSupport;
import dev.jbgp.core.codec.CodecContext;
import dev.jbgp.core.codec.DecodeResult;
import dev.jbgp.core.codec.MessageDecoder;
import dev.jbgp.core.codec.MessageEncoder;
import dev.jbgp.core.message.BgpMessage;
import dev.jbgp.core.message.Keepalive;
import dev.jbgp.core.message.Update;
import dev.jbgp.fsm.Action;
import dev.jbgp.fsm.Connection;
import dev.jbgp.fsm.Event;
import dev.jbgp.fsm.Fsm;
import dev.jbgp.fsm.Negotiated;
import dev.jbgp.fsm.Reason;
import dev.jbgp.fsm.Session;
import dev.jbgp.fsm.SessionConfig;
import dev.jbgp.fsm.State;
import dev.jbgp.fsm.Transition;
import dev.jbgp.peering.transport.BgpFrameDecoder;
import dev.jbgp.rib.Rib;
import dev.jbgp.rib.RibPeer;
import dev.jbgp.rib.out.AdjRibOut;
import dev.jbgp.rib.out.ExportOptions;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.EventLoop;
import java.lang.System.Logger.Level;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One configured peer: its FSM driven on the speaker's event loop, the channels it holds, its
 * timers, and its link to the RIB. Everything here runs on {@link #loop} except the fields
 * marked as the RIB thread's, which only tasks run by {@link RibThread} touch.
 */
final class PeerSession {
    private static final System.Logger LOG = System.getLogger(PeerSession.class.getName());
    /** UPDATEs handed to the RIB and not yet applied at which reading stops, and resumes. */
    private static final int INBOUND_HIGH = 512;
    private static final int INBOUND_LOW = 128;
    /** UPDATEs pulled from the Adj-RIB-Out at a time. */
    private static final int PULL_BATCH = 64;

    final PeerSpec spec;
    private final Speaker.Context speaker;
    private final EventLoop loop;
    private final int ribId;
    private final Fsm fsm = new Fsm(new SplittableRandom());
    private final SessionTimers timers;
    private final Map<Connection, Channel> channels = new HashMap<>();
    private Session session;
    private long incoming;
    private boolean stopped;

    // While Established.
    private Connection upConnection;
    private Channel upChannel;
    private Negotiated negotiated;
    private CodecContext outbound;
    private RibPeer ribPeer;
    private int generation;
    private boolean pullInFlight;
    private boolean pullAgain;
    private boolean readPaused;
    /** UPDATEs of the current session handed to the RIB and not yet applied; a new counter per session. */
    private AtomicInteger inboundQueued = new AtomicInteger();
    private final Set<AfiSafi> endOfRibReceived = new HashSet<>();
    private ScheduledFuture<?> restartTimer;

    // The RIB thread's.
    private AdjRibOut ribOut;
    private RibPeer ribPeerInRib;
    /** A restarting peer's paths not yet announced again (RFC 4724 section 4.2). */
    private final StalePaths stale = new StalePaths();

    // Status.
    private volatile PeerStatus status;
    private String protocolState = "start";
    private Instant since = Instant.now();
    private boolean establishedOnce;
    private long establishedTransitions;
    /** Written on the loop only; read by {@link #status()} from any thread. */
    private volatile long updatesReceived;
    private volatile long updatesSent;
    private Negotiated published;
    private Object publishedError;
    private String publishedState;
    private String peerRouterId = "";

    PeerSession(PeerSpec spec, Speaker.Context speaker, int ribId) {
        this.spec = spec;
        this.speaker = speaker;
        this.loop = speaker.loop();
        this.ribId = ribId;
        this.timers = new SessionTimers(loop, t -> feed(t.expiry()));
        this.session = Session.initial(sessionConfig(spec, speaker.config(), speaker.fibPresent()));
        this.status = snapshotStatus();
    }

    /** What we offer the peer and how the FSM runs, from the spec and Calico's BIRD defaults. */
    static SessionConfig sessionConfig(PeerSpec spec, SpeakerConfig config, boolean fib) {
        boolean v4 = !spec.ipv6() || config.nextHopIpv4() != null;
        boolean v6 = spec.ipv6() || config.nextHopIpv6() != null;
        List<AfiSafi> families = new ArrayList<>();
        if (v4) {
            families.add(AfiSafi.IPV4_UNICAST);
        }
        if (v6) {
            families.add(AfiSafi.IPV6_UNICAST);
        }
        List<Capability> caps = new ArrayList<>();
        for (AfiSafi f : families) {
            caps.add(new Multiprotocol(f));
        }
        caps.add(RouteRefreshSupport.INSTANCE);
        caps.add(EnhancedRouteRefresh.INSTANCE);
        List<GracefulRestart.Family> gr = new ArrayList<>();
        for (AfiSafi f : families) {
            // Forwarding state is kept across our restarts when we program the kernel: its routes stay.
            gr.add(new GracefulRestart.Family(f, fib ? GracefulRestart.FORWARDING_STATE : 0));
        }
        long restart = Math.min(4095, Math.max(0, config.gracefulRestartTime().toSeconds()));
        caps.add(new GracefulRestart(0, (int) restart, gr));
        List<AddPath.Family> addPath = new ArrayList<>();
        for (AfiSafi f : families) {
            addPath.add(new AddPath.Family(f, AddPath.RECEIVE));
        }
        caps.add(new AddPath(addPath));
        caps.add(ExtendedMessage.INSTANCE);
        return SessionConfig.builder(spec.localAs(), RouterIds.of(config.routerId()), spec.peerAs())
                .capabilities(caps)
                .holdTime(spec.holdTime())
                .keepaliveTime(spec.keepaliveTime())
                .passive(spec.passive())
                .build();
    }

    /** The status as last published, with the UPDATE counters as they are now. */
    PeerStatus status() {
        return status.withUpdates(updatesReceived, updatesSent);
    }

    int ribId() {
        return ribId;
    }

    /** Starts the session (event 3). */
    void start() {
        feed(new Event.AutomaticStart());
    }

    /**
     * Stops the session for good: {@code cease} to the peer when a connection is up, the
     * peer's routes withdrawn, its timers and channels gone.
     */
    void stop(Event stopEvent) {
        if (stopped) {
            return;
        }
        feed(stopEvent);
        stopped = true;
        timers.stopAll();
        if (restartTimer != null) {
            restartTimer.cancel(false);
        }
        for (Channel ch : channels.values()) {
            close(ch);
        }
        channels.clear();
        if (upConnection != null) {
            down();
        }
        speaker.rib().execute(() -> {
            if (ribOut != null) {
                speaker.rib().rib().removeListener(ribOut);
                ribOut.reset();
                ribOut = null;
            }
            if (ribPeerInRib != null) {
                speaker.rib().rib().removePeer(ribPeerInRib);
                ribPeerInRib = null;
            }
            stale.clear();
        });
        protocolState = "down";
        since = Instant.now();
        publish();
    }

    /** A connection from the peer's address was accepted; null when it is refused. */
    Connection accepted(Channel channel) {
        if (stopped) {
            return null;
        }
        if (upConnection != null && negotiated != null && negotiated.peerGracefulRestart().isPresent()) {
            // The peer connects again while we still think its session is up: it restarted and
            // our old connection is dead but not yet noticed (a crash, a power cut). With graceful
            // restart negotiated that old session ends now as a restart (its routes are kept,
            // stale), and the new connection is taken, as BIRD does, rather than refused as a
            // collision until our hold timer runs out (RFC 4724 section 4.2).
            LOG.log(Level.INFO, "{0}: new connection while Established: the peer restarted; old session closed",
                    spec.name());
            Connection old = upConnection;
            Channel oldChannel = channels.remove(old);
            if (oldChannel != null) {
                oldChannel.close();
            }
            feed(new Event.TcpConnectionFails(old, "Graceful restart"));
            feed(new Event.ManualStart()); // start again now, not after the damping wait
        }
        Connection c = Connection.incoming(++incoming);
        channels.put(c, channel);
        speaker.applySocketOptions(channel, spec);
        feed(new Event.TcpConnectionConfirmed(c));
        return c;
    }

    void received(Connection c, DecodeResult result) {
        if (stopped) {
            return;
        }
        switch (result) {
            case DecodeResult.Decoded d -> {
                for (var m : d.discarded()) {
                    LOG.log(Level.WARNING, "{0}: attribute discarded (RFC 7606): {1}", spec.name(), m.reason());
                }
                feed(Event.received(c, d.message()));
            }
            case DecodeResult.TreatAsWithdraw t -> {
                LOG.log(Level.WARNING, "{0}: malformed UPDATE, its prefixes treated as withdrawn (RFC 7606): {1}",
                        spec.name(), t.errors());
                for (Map.Entry<AfiSafi, PrefixList> e : t.withdrawals().entrySet()) {
                    Update w = e.getKey().equals(AfiSafi.IPV4_UNICAST)
                            ? Update.withdraw(e.getValue())
                            : Update.withdraw(new MpUnreachNlri(e.getKey(), e.getValue()));
                    feed(new Event.UpdateMsg(c, w));
                }
            }
            case DecodeResult.SessionReset r -> {
                LOG.log(Level.WARNING, "{0}: malformed message, resetting the session: {1}", spec.name(), r.error());
                feed(Event.malformed(c, r.notification()));
            }
        }
    }

    void closed(Connection c, String cause) {
        if (channels.remove(c) != null && !stopped) {
            feed(new Event.TcpConnectionFails(c, cause));
        }
    }

    void writable(Connection c) {
        if (c.equals(upConnection)) {
            pullRequested(generation);
        }
    }

    private void feed(Event event) {
        Transition t = fsm.step(session, event);
        session = t.next();
        List<Channel> written = new ArrayList<>(2);
        for (Action a : t.actions()) {
            perform(a, written);
        }
        for (Channel ch : written) {
            ch.flush();
        }
        publish();
    }

    private void perform(Action action, List<Channel> written) {
        switch (action) {
            case Action.Connect c -> connect(c.connection());
            case Action.Close c -> {
                Channel ch = channels.remove(c.connection());
                if (ch != null) {
                    close(ch);
                }
            }
            case Action.SendOpen o -> write(o.connection(), o.open(), written);
            case Action.SendKeepalive k -> write(k.connection(), Keepalive.INSTANCE, written);
            case Action.SendNotification n -> {
                LOG.log(Level.INFO, "{0}: sending NOTIFICATION {1}", spec.name(), n.notification().describe());
                write(n.connection(), n.notification(), written);
            }
            case Action.StartTimer s -> timers.start(s.timer(), s.duration());
            case Action.StopTimer s -> timers.stop(s.timer());
            case Action.DeliverUpdate u -> deliver(u.update());
            case Action.DeliverRouteRefresh r -> {
                LOG.log(Level.INFO, "{0}: route refresh requested, sending our routes again", spec.name());
                speaker.rib().execute(() -> {
                    if (ribOut != null) {
                        ribOut.resendAll();
                    }
                });
            }
            case Action.SessionUp up -> up(up.connection(), up.negotiated());
            case Action.SessionDown d -> {
                LOG.log(Level.INFO, "{0}: session down: {1}", spec.name(), d.reason().describe());
                if (upConnection != null) {
                    boolean keep = gracefulRestartApplies(d.reason());
                    down();
                    if (keep) {
                        keepRoutesWhileRestarting();
                    } else {
                        withdrawRoutes();
                    }
                }
            }
            case Action.ReleaseResources r -> {
                // The Adj-RIB-Out and the peer's routes were dealt with at SessionDown.
            }
        }
    }

    /**
     * Closes a channel once what was written to it (a NOTIFICATION) is out; at once when the
     * peer has stopped reading, and after a few seconds at the latest, so a hung peer cannot
     * keep closed connections around.
     */
    private void close(Channel ch) {
        if (!ch.isWritable()) {
            ch.close();
            return;
        }
        ch.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        loop.schedule(() -> {
            ch.close();
        }, 5, TimeUnit.SECONDS);
    }

    private void connect(Connection c) {
        Channel ch = speaker.connect(this, c);
        channels.put(c, ch);
    }

    /** Called by the speaker when an outgoing connection attempt ends. */
    void connected(Connection c, Throwable failure) {
        if (stopped || !channels.containsKey(c)) {
            return;
        }
        if (failure == null) {
            feed(new Event.TcpCrAcked(c));
        } else {
            channels.remove(c);
            feed(new Event.TcpConnectionFails(c, SocketErrors.describe(failure)));
        }
    }

    private void write(Connection c, BgpMessage message, List<Channel> written) {
        Channel ch = channels.get(c);
        if (ch == null) {
            return;
        }
        CodecContext ctx = c.equals(upConnection) ? outbound : CodecContext.DEFAULT;
        ch.write(MessageEncoder.encode(message, ctx, ch.alloc()));
        if (!written.contains(ch)) {
            written.add(ch);
        }
    }

    private void up(Connection c, Negotiated n) {
        Channel ch = channels.get(c);
        upConnection = c;
        upChannel = ch;
        negotiated = n;
        outbound = n.outbound();
        // The next message is read with what the OPENs settled (4-octet AS, ADD-PATH, length).
        ch.pipeline().get(BgpFrameDecoder.class).decoder(new MessageDecoder(n.inbound()));
        generation++;
        establishedOnce = true;
        establishedTransitions++;
        peerRouterId = RouterIds.dotted(n.peerId());
        endOfRibReceived.clear();
        // A restarting peer's stale routes stay until its End-of-RIB, or until the restart timer
        // (still running) runs out; families its new OPEN does not say it preserved go now
        // (RFC 4724 section 4.2).
        Set<AfiSafi> preserved = new HashSet<>();
        n.peerGracefulRestart().ifPresent(gr -> gr.families().stream()
                .filter(f -> (f.flags() & GracefulRestart.FORWARDING_STATE) != 0)
                .forEach(f -> preserved.add(f.family())));
        preserved.retainAll(n.families());
        boolean internal = n.internal();
        RibPeer peer = new RibPeer(ribId, internal ? RibPeer.Kind.INTERNAL : RibPeer.Kind.EXTERNAL, spec.address(),
                n.peerAs(), n.peerId(), internal && spec.routeReflectorClient());
        ribPeer = peer;
        ExportOptions options = exportOptions((InetSocketAddress) ch.localAddress());
        Set<AfiSafi> families = new LinkedHashSet<>();
        for (AfiSafi f : n.families()) {
            if (f.equals(AfiSafi.IPV4_UNICAST) && options.localIpv4() != null
                    || f.equals(AfiSafi.IPV6_UNICAST) && options.localIpv6() != null) {
                families.add(f);
            }
        }
        LOG.log(Level.INFO, "{0}: Established with AS {1} ({2}), families {3}, hold time {4} s", spec.name(),
                Long.toString(n.peerAs()), peerRouterId, n.families(), n.holdTime());
        int gen = generation;
        RibThread rt = speaker.rib();
        rt.execute(() -> {
            Rib rib = rt.rib();
            if (ribPeerInRib != null && !ribPeerInRib.equals(peer)) {
                // Restarted as a different speaker (another router ID or AS): what it said before goes.
                rib.removePeer(ribPeerInRib);
                stale.clear();
            }
            rib.addPeer(peer, route -> rt.importFilter().apply(route), spec.allowedLocalAs());
            ribPeerInRib = peer;
            if (!stale.isEmpty()) {
                for (AfiSafi f : List.of(AfiSafi.IPV4_UNICAST, AfiSafi.IPV6_UNICAST)) {
                    if (!preserved.contains(f)) {
                        int gone = withdrawStale(f);
                        if (gone > 0) {
                            LOG.log(Level.INFO, "{0}: forwarding state for {1} not preserved, withdrew {2} stale routes",
                                    spec.name(), f, Integer.toString(gone));
                        }
                    }
                }
            }
            AdjRibOut out = new AdjRibOut(rib, peer, options, route -> rt.exportFilter().apply(route));
            rib.addListener(out);
            out.onPending(() -> speaker.post(() -> pullRequested(gen)));
            ribOut = out;
            out.start(n.outbound(), families);
        });
    }

    private ExportOptions exportOptions(InetSocketAddress local) {
        SpeakerConfig c = speaker.config();
        InetAddress v4 = spec.sourceAddress() instanceof Inet4Address a ? a : c.nextHopIpv4();
        InetAddress v6 = spec.sourceAddress() instanceof Inet6Address a ? a : c.nextHopIpv6();
        if (local != null) {
            InetAddress l = local.getAddress();
            if (v4 == null && l instanceof Inet4Address) {
                v4 = l;
            }
            if (v6 == null && l instanceof Inet6Address && !l.isLinkLocalAddress()) {
                v6 = l;
            }
        }
        ExportOptions o = new ExportOptions(v4, v6, false, false, null);
        return switch (spec.nextHopMode()) {
            case AUTO -> o;
            case SELF -> o.withNextHopSelf(true);
            case KEEP -> o.withKeepOriginalNextHop(true);
        };
    }

    /** Leaves Established: nothing more goes out or comes in on the old connection. */
    private void down() {
        upConnection = null;
        upChannel = null;
        negotiated = null;
        outbound = null;
        ribPeer = null;
        generation++;
        pullInFlight = false;
        pullAgain = false;
        readPaused = false;
        inboundQueued = new AtomicInteger();
        speaker.rib().execute(() -> {
            if (ribOut != null) {
                speaker.rib().rib().removeListener(ribOut);
                ribOut.reset();
                ribOut = null;
            }
        });
    }

    /**
     * RFC 4724 section 4.2: a peer that offered Graceful Restart and whose session ended without
     * a NOTIFICATION (the TCP connection failed: it is restarting) keeps its routes for its
     * restart time.
     */
    private boolean gracefulRestartApplies(Reason reason) {
        if (negotiated == null || reason.kind() != Reason.Kind.CONNECTION_FAILED) {
            return false;
        }
        return negotiated.peerGracefulRestart().map(gr -> gr.restartTime() > 0).orElse(false);
    }

    private void keepRoutesWhileRestarting() {
        GracefulRestart gr = negotiated == null ? null : negotiated.peerGracefulRestart().orElse(null);
        long seconds = Math.min(spec.gracefulRestartTime().toSeconds(),
                gr == null ? PeerSpec.DEFAULT_GRACEFUL_RESTART_TIME.toSeconds() : gr.restartTime());
        LOG.log(Level.INFO, "{0}: peer restarting, keeping its routes as stale for up to {1} s", spec.name(), seconds);
        if (restartTimer != null) {
            restartTimer.cancel(false);
        }
        speaker.rib().execute(() -> {
            stale.clear();
            if (ribPeerInRib != null) {
                stale.capture(speaker.rib().rib(), ribPeerInRib);
            }
        });
        restartTimer = loop.schedule(() -> {
            restartTimer = null;
            LOG.log(Level.INFO, "{0}: restart time ran out, dropping its stale routes", spec.name());
            speaker.rib().execute(this::sweepAllStale);
        }, seconds, TimeUnit.SECONDS);
    }

    private void withdrawRoutes() {
        speaker.rib().execute(() -> {
            if (ribPeerInRib != null) {
                speaker.rib().rib().removePeer(ribPeerInRib);
                ribPeerInRib = null;
            }
            stale.clear();
        });
    }

    /** On the RIB thread. */
    private void sweepAllStale() {
        if (ribPeerInRib != null) {
            int n = withdrawStale(null);
            LOG.log(Level.INFO, "{0}: withdrew {1} stale routes", spec.name(), Integer.toString(n));
            if (ribOut == null) {
                // Still down: the peer is gone for now.
                speaker.rib().rib().removePeer(ribPeerInRib);
                ribPeerInRib = null;
            }
        }
        stale.clear();
    }

    /** On the RIB thread: withdraws the stale paths of {@code family}, or of every family when null. */
    private int withdrawStale(AfiSafi family) {
        return stale.withdraw(speaker.rib().rib(), ribPeerInRib, family);
    }

    /** Whether a path of this peer is stale. On the RIB thread. */
    boolean stale(Prefix prefix, int pathId) {
        return stale.contains(prefix, pathId);
    }

    private void deliver(Update update) {
        updatesReceived++;
        RibPeer peer = ribPeer;
        if (peer == null) {
            return;
        }
        Optional<AfiSafi> eor = update.endOfRib();
        if (eor.isPresent()) {
            AfiSafi family = eor.get();
            endOfRibReceived.add(family);
            speaker.rib().execute(() -> {
                if (!stale.isEmpty()) {
                    int n = withdrawStale(family);
                    LOG.log(Level.INFO, "{0}: End-of-RIB for {1}, withdrew {2} stale routes", spec.name(), family, Integer.toString(n));
                }
            });
            if (endOfRibReceived.containsAll(negotiated.families())) {
                speaker.endOfRibReceived(this);
            }
            return;
        }
        AtomicInteger queued = inboundQueued;
        if (queued.incrementAndGet() >= INBOUND_HIGH && !readPaused && upChannel != null) {
            readPaused = true;
            upChannel.config().setAutoRead(false);
        }
        int gen = generation;
        speaker.rib().execute(() -> {
            stale.confirm(update);
            speaker.rib().rib().update(peer, update);
            if (queued.decrementAndGet() == INBOUND_LOW) {
                speaker.post(() -> resumeReading(gen));
            }
        });
    }

    private void resumeReading(int gen) {
        if (gen == generation && readPaused && upChannel != null) {
            readPaused = false;
            upChannel.config().setAutoRead(true);
        }
    }

    private void pullRequested(int gen) {
        if (gen != generation || upChannel == null || stopped) {
            return;
        }
        if (pullInFlight) {
            pullAgain = true;
            return;
        }
        if (!upChannel.isWritable()) {
            return; // channelWritabilityChanged asks again
        }
        pullInFlight = true;
        speaker.rib().execute(() -> {
            AdjRibOut out = ribOut;
            List<Update> updates = out == null ? List.of() : out.pull(PULL_BATCH);
            boolean more = out != null && out.hasPending();
            speaker.post(() -> pulled(gen, updates, more));
        });
    }

    private void pulled(int gen, List<Update> updates, boolean more) {
        if (gen != generation || upChannel == null) {
            return;
        }
        pullInFlight = false;
        for (Update u : updates) {
            upChannel.write(MessageEncoder.encode(u, outbound, upChannel.alloc()));
        }
        if (!updates.isEmpty()) {
            upChannel.flush();
            updatesSent += updates.size();
        }
        if (more || pullAgain) {
            pullAgain = false;
            pullRequested(gen);
        }
    }

    /** On the RIB thread: prefixes we announce to the peer. */
    long advertisedOnRibThread() {
        return ribOut == null ? 0 : ribOut.advertisedCount();
    }

    /**
     * Makes a new status when the session's state, last error or negotiated parameters changed:
     * after every FSM step, so most calls (an UPDATE, a KEEPALIVE) find nothing new and return.
     * The UPDATE counters are read at {@link #status()} instead.
     */
    private void publish() {
        String next = stopped ? "down" : session.state() instanceof State.Established ? "up" : "start";
        String state = session.state().name();
        Object error = session.lastError().orElse(null);
        if (next.equals(protocolState) && state.equals(publishedState) && error == publishedError
                && negotiated == published) {
            return;
        }
        if (!next.equals(protocolState)) {
            protocolState = next;
            since = Instant.now();
        }
        publishedState = state;
        publishedError = error;
        published = negotiated;
        PeerStatus before = status;
        PeerStatus now = snapshotStatus();
        status = now;
        if (!now.bgpState().equals(before.bgpState()) || !now.protocolState().equals(before.protocolState())
                || !now.info().equals(before.info())) {
            speaker.peerChanged(before, now);
        }
    }

    private PeerStatus snapshotStatus() {
        String state = session.state().name();
        String error = session.lastError().map(BirdWording::describe).orElse("");
        String info = state.equals("Established") || error.isEmpty() ? state : state + " " + error;
        return new PeerStatus(spec.name(), spec.type(), spec.address(), spec.port(), spec.peerAs(), spec.localAs(),
                state, protocolState, since, info, error, establishedOnce, peerRouterId,
                negotiated == null ? 0 : negotiated.holdTime(), updatesReceived, updatesSent, 0, 0, 0,
                establishedTransitions);
    }

    /** On the RIB thread: the peer as the RIB knows it, or null. */
    RibPeer ribPeerOnRibThread() {
        return ribPeerInRib;
    }

    /** On the RIB thread: every prefix goes to the peer again (a changed export policy). */
    void resendAllOnRibThread() {
        if (ribOut != null) {
            ribOut.resendAll();
        }
    }

    boolean endOfRibComplete() {
        return negotiated != null && endOfRibReceived.containsAll(negotiated.families());
    }

    @Override
    public String toString() {
        return spec.name();
    }

    /** The notification a removed peer is sent (RFC 4486 subcode 3). */
    static Event deconfigured() {
        return new Event.AutomaticStop(dev.jbgp.core.message.NotificationError.Cease.PEER_DE_CONFIGURED);
    }

    /** The notification a peer whose settings changed is sent before it restarts (RFC 4486 subcode 6). */
    static Event reconfigured() {
        return new Event.AutomaticStop(dev.jbgp.core.message.NotificationError.Cease.OTHER_CONFIGURATION_CHANGE);
    }
}
