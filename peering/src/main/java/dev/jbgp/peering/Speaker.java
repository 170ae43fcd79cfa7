package dev.jbgp.peering;

import dev.jbgp.core.Prefix;
import dev.jbgp.core.codec.CodecContext;
import dev.jbgp.core.codec.MessageDecoder;
import dev.jbgp.fsm.Connection;
import dev.jbgp.fsm.Event;
import dev.jbgp.peering.transport.BgpFrameDecoder;
import dev.jbgp.peering.transport.Transport;
import dev.jbgp.rib.Decision;
import dev.jbgp.rib.ImportFilter;
import dev.jbgp.rib.Path;
import dev.jbgp.rib.RibPeer;
import dev.jbgp.rib.kernel.KernelRule;
import dev.jbgp.rib.out.ExportFilter;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.epoll.EpollChannelOption;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A running BGP speaker: the listener on TCP 179, one session per configured peer, the RIB and
 * the kernel table. The daemon ({@code jbgp run}), the admin API and embedders all drive it
 * through these methods, which may be called from any thread.
 *
 * <pre>{@code
 * try (Speaker s = Speaker.start(SpeakerConfig.builder(64512, routerId).build(),
 *         List.of(PeerSpec.of("Peer_198_19_0_3", PeerType.CONFIGURED, peerAddress, 64512, 64512)))) {
 *     s.announce(Prefix.parse("198.19.22.128/26"));
 *     s.addListener(new SpeakerListener() { ... });
 * }
 * }</pre>
 *
 * <p>Threads: every session runs on one event loop (BGP sessions are light; BIRD runs them all
 * on one thread too), the RIB on its own thread, the kernel table on a third.
 */
public final class Speaker implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Speaker.class.getName());
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);
    /** How long a status request waits for fresh prefix counts before using the last ones. */
    private static final Duration COUNT_WAIT = Duration.ofMillis(250);

    /** What {@link #setPeers} did, by session name. */
    public record Applied(List<String> added, List<String> removed, List<String> restarted, List<String> unchanged) {
        public Applied {
            added = List.copyOf(added);
            removed = List.copyOf(removed);
            restarted = List.copyOf(restarted);
            unchanged = List.copyOf(unchanged);
        }
    }

    /** What a session needs from the speaker. */
    interface Context {
        EventLoop loop();

        SpeakerConfig config();

        boolean fibPresent();

        RibThread rib();

        Channel connect(PeerSession session, Connection connection);

        void applySocketOptions(Channel channel, PeerSpec spec);

        void endOfRibReceived(PeerSession session);

        void peerChanged(PeerStatus before, PeerStatus now);

        /** Runs {@code task} on the loop, from any thread; dropped once the speaker is shutting down. */
        void post(Runnable task);
    }

    private final SpeakerConfig config;
    private final Transport transport;
    private final EventLoopGroup group;
    private final EventLoop loop;
    private final RibThread rib;
    private final Channel server;
    private final int boundPort;
    private final Instant startedAt = Instant.now();
    private final List<SpeakerListener> listeners = new CopyOnWriteArrayList<>();
    private final Context context = new SessionContext();
    /** The loop's. */
    private final Map<String, PeerSession> sessions = new LinkedHashMap<>();
    /** Read by the RIB thread when it names paths and marks stale ones. */
    private final Map<Integer, PeerSession> byRibId = new ConcurrentHashMap<>();
    private int nextRibId = 1;
    private final java.util.concurrent.atomic.AtomicBoolean countPending = new java.util.concurrent.atomic.AtomicBoolean();
    private volatile Map<Integer, long[]> lastCounts = Map.of();
    private boolean fibSwept;
    private volatile boolean closed;

    private Speaker(SpeakerConfig config, Collection<PeerSpec> peers) {
        this.config = config;
        this.transport = Transport.select();
        this.group = transport.newEventLoopGroup(1);
        this.loop = group.next();
        // Each peer's numAllowedLocalASNumbers is its own (PeerSession adds it with the peer).
        this.rib = new RibThread(config, 0, listeners, this::nameOf, this::stale);
        Channel bound = null;
        int port = -1;
        if (config.listenPort() >= 0) {
            InetSocketAddress at = config.listenAddress() == null
                    ? new InetSocketAddress(config.listenPort())
                    : new InetSocketAddress(config.listenAddress(), config.listenPort());
            ServerBootstrap b = new ServerBootstrap()
                    .group(group, group)
                    .channel(transport.serverChannelType())
                    .option(ChannelOption.SO_REUSEADDR, true)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(64 << 10, 256 << 10))
                    .childHandler(acceptedPipeline());
            ChannelFuture f = b.bind(at).awaitUninterruptibly();
            if (!f.isSuccess()) {
                rib.close();
                group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
                String where = (config.listenAddress() == null ? "*" : config.listenAddress().getHostAddress()) + " port "
                        + config.listenPort();
                throw new UncheckedIOException(new IOException(
                        "cannot listen on " + where + ": " + SocketErrors.describe(f.cause()), f.cause()));
            }
            bound = f.channel();
            port = ((InetSocketAddress) bound.localAddress()).getPort();
        }
        this.server = bound;
        this.boundPort = port;
        LOG.log(Level.INFO, "BGP speaker AS {0} router ID {1} on {2}, transport {3}", Long.toString(config.localAs()),
                config.routerId().getHostAddress(), port < 0 ? "no listener" : "port " + port, transport.describe());
    }

    /** Starts a speaker: binds the listener and starts a session to each of {@code peers}. */
    public static Speaker start(SpeakerConfig config, Collection<PeerSpec> peers) {
        Objects.requireNonNull(config, "config");
        checkNames(peers);
        Speaker s = new Speaker(config, peers);
        s.onLoop(() -> {
            for (PeerSpec p : peers) {
                s.addOnLoop(p);
            }
            s.updateServerPasswords();
            return null;
        });
        if (config.fib() != null) {
            s.loop.schedule(() -> s.sweepFib("the restart time ran out"), config.gracefulRestartTime().toMillis(),
                    TimeUnit.MILLISECONDS);
            if (peers.isEmpty()) {
                s.loop.execute(() -> s.sweepFib("no peers are configured"));
            }
        }
        return s;
    }

    public SpeakerConfig config() {
        return config;
    }

    /** The port the listener is bound to (the configured one, or the one the system chose for 0); -1 without a listener. */
    public int listenPort() {
        return boundPort;
    }

    public void addListener(SpeakerListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    public void removeListener(SpeakerListener listener) {
        listeners.remove(listener);
    }

    /** Adds a peer and starts its session. */
    public void addPeer(PeerSpec spec) {
        onLoop(() -> {
            if (sessions.containsKey(spec.name())) {
                throw new IllegalArgumentException("a peer named " + spec.name() + " exists already");
            }
            addOnLoop(spec);
            updateServerPasswords();
            return null;
        });
    }

    /** Removes a peer: Cease / Peer De-configured to it, its routes withdrawn. False when there is no such peer. */
    public boolean removePeer(String name) {
        return onLoop(() -> {
            PeerSession s = sessions.remove(name);
            if (s == null) {
                return false;
            }
            removeOnLoop(s, PeerSession.deconfigured());
            updateServerPasswords();
            return true;
        });
    }

    /**
     * Makes the configured peers exactly {@code peers}: new ones start, missing ones stop with
     * Cease / Peer De-configured, ones whose spec changed restart (Cease / Other Configuration
     * Change), the others are left alone.
     */
    public Applied setPeers(Collection<PeerSpec> peers) {
        checkNames(peers);
        return onLoop(() -> {
            Map<String, PeerSpec> wanted = new LinkedHashMap<>();
            for (PeerSpec p : peers) {
                wanted.put(p.name(), p);
            }
            List<String> added = new ArrayList<>();
            List<String> removed = new ArrayList<>();
            List<String> restarted = new ArrayList<>();
            List<String> unchanged = new ArrayList<>();
            for (PeerSession s : List.copyOf(sessions.values())) {
                PeerSpec next = wanted.get(s.spec.name());
                if (next == null) {
                    sessions.remove(s.spec.name());
                    removeOnLoop(s, PeerSession.deconfigured());
                    removed.add(s.spec.name());
                } else if (!next.equals(s.spec)) {
                    sessions.remove(s.spec.name());
                    removeOnLoop(s, PeerSession.reconfigured());
                    addOnLoop(next);
                    restarted.add(next.name());
                } else {
                    unchanged.add(next.name());
                }
            }
            for (PeerSpec p : wanted.values()) {
                if (!sessions.containsKey(p.name())) {
                    addOnLoop(p);
                    added.add(p.name());
                }
            }
            updateServerPasswords();
            Applied a = new Applied(added, removed, restarted, unchanged);
            LOG.log(Level.INFO, "peers applied: {0} added, {1} removed, {2} restarted, {3} unchanged", added.size(),
                    removed.size(), restarted.size(), unchanged.size());
            return a;
        });
    }

    /** The configured peers. */
    public List<PeerSpec> peers() {
        return onLoop(() -> sessions.values().stream().map(s -> s.spec).toList());
    }

    /** Announces {@code prefix} as ours (origin IGP, empty AS path, ourselves as next hop). */
    public void announce(Prefix prefix) {
        Objects.requireNonNull(prefix, "prefix");
        rib.execute(() -> rib.originate(prefix));
    }

    /** Withdraws a prefix {@link #announce}d before. */
    public void withdraw(Prefix prefix) {
        Objects.requireNonNull(prefix, "prefix");
        rib.execute(() -> rib.withdrawOriginated(prefix));
    }

    /** Makes the prefixes we announce exactly {@code prefixes}. */
    public void setOriginated(Collection<Prefix> prefixes) {
        List<Prefix> copy = List.copyOf(prefixes);
        rib.execute(() -> rib.setOriginated(copy));
    }

    /** Replaces import and export policy and the kernel rule; routes are re-evaluated without resetting sessions. */
    public void setPolicy(ImportFilter importFilter, ExportFilter exportFilter, KernelRule kernelRule) {
        Objects.requireNonNull(importFilter, "importFilter");
        Objects.requireNonNull(exportFilter, "exportFilter");
        Objects.requireNonNull(kernelRule, "kernelRule");
        rib.execute(() -> {
            List<RibPeer> inRib = new ArrayList<>();
            for (PeerSession s : byRibId.values()) {
                RibPeer p = s.ribPeerOnRibThread();
                if (p != null) {
                    inRib.add(p);
                }
            }
            rib.setPolicy(importFilter, exportFilter, kernelRule, inRib,
                    () -> byRibId.values().forEach(PeerSession::resendAllOnRibThread));
        });
    }

    /** The status of the speaker and of every peer, now. */
    public StatusSnapshot status() {
        List<PeerSession> all = onLoop(() -> List.copyOf(sessions.values()));
        Map<Integer, long[]> counts = prefixCounts(all);
        List<PeerStatus> peers = new ArrayList<>();
        boolean allUp = true;
        for (PeerSession s : all) {
            long[] c = counts.getOrDefault(s.ribId(), new long[] {-1, -1, -1});
            PeerStatus p = s.status().withPrefixes(c[0], c[1], c[2]);
            peers.add(p);
            allUp &= p.establishedOnce();
        }
        peers.sort(Comparator.comparing((PeerStatus p) -> p.address() instanceof Inet6Address)
                .thenComparing(p -> p.address().getAddress(), Arrays::compareUnsigned)
                .thenComparingInt(PeerStatus::port));
        Instant now = Instant.now();
        boolean ready = allUp || !now.isBefore(startedAt.plus(config.readinessGrace()));
        return new StatusSnapshot(config.routerId().getHostAddress(), config.localAs(), startedAt, now, peers,
                rib.fibStalePending(), ready, rib.prefixes(), rib.paths(), rib.kernelRoutes());
    }

    /**
     * Prefixes received, accepted and advertised per peer. Counting walks the table on the RIB
     * thread, so a status request (a readiness probe) asks for a fresh count and waits for it only
     * briefly: while the RIB is busy it answers with the last count taken, or -1 for a peer not
     * counted yet, rather than keep the caller waiting.
     */
    private Map<Integer, long[]> prefixCounts(List<PeerSession> all) {
        CompletableFuture<Void> fresh = null;
        if (countPending.compareAndSet(false, true)) {
            CompletableFuture<Void> done = new CompletableFuture<>();
            fresh = done;
            try {
                rib.execute(() -> {
                    try {
                        Map<Integer, long[]> m = new HashMap<>();
                        for (PeerSession s : all) {
                            m.put(s.ribId(), new long[] {0, 0, s.advertisedOnRibThread()});
                        }
                        rib.rib().forEach((prefix, d) -> {
                            for (Path p : d.paths()) {
                                long[] c = m.get(p.peer().id());
                                if (c != null) {
                                    c[0]++;
                                    if (p.eligible()) {
                                        c[1]++;
                                    }
                                }
                            }
                        });
                        lastCounts = m;
                    } finally {
                        countPending.set(false);
                        done.complete(null);
                    }
                });
            } catch (RuntimeException e) {
                countPending.set(false); // the RIB thread is gone (the speaker is closing)
                fresh = null;
            }
        }
        if (fresh != null) {
            try {
                fresh.get(COUNT_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                // a busy RIB: the last count will do
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException e) {
                // counted nothing: the last count will do
            }
        }
        return lastCounts;
    }

    /** The Loc-RIB: every prefix with its paths, sorted by prefix. */
    public List<RouteView> routes() {
        return rib.call(() -> {
            Decision decision = new Decision(config.decision());
            List<Prefix> prefixes = new ArrayList<>();
            rib.rib().forEach((p, d) -> prefixes.add(p));
            prefixes.sort(null);
            List<RouteView> out = new ArrayList<>(prefixes.size());
            for (Prefix p : prefixes) {
                out.add(RouteViews.of(p, rib.rib().destination(p), decision, this::nameOf, this::stale));
            }
            return out;
        }, CALL_TIMEOUT);
    }

    /** One prefix of the Loc-RIB, or null when it holds no path for it. */
    public RouteView route(Prefix prefix) {
        return rib.call(() -> {
            var d = rib.rib().destination(prefix);
            return d == null || d.isEmpty() ? null
                    : RouteViews.of(prefix, d, new Decision(config.decision()), this::nameOf, this::stale);
        }, CALL_TIMEOUT);
    }

    /** Stops every session with Cease / Administrative Shutdown; the kernel keeps our routes. */
    @Override
    public void close() {
        close("jbgp shutting down");
    }

    /** {@link #close()} with {@code message} as the shutdown communication (RFC 8203). */
    public void close(String message) {
        if (closed) {
            return;
        }
        closed = true;
        try {
            // The kernel keeps our routes across a restart (BIRD's persist): the withdrawals
            // that stopping the sessions causes must not reach it.
            rib.call(() -> {
                rib.detachFib();
                return null;
            }, CALL_TIMEOUT);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "detaching the kernel table failed", e);
        }
        try {
            onLoop(() -> {
                for (PeerSession s : sessions.values()) {
                    s.stop(new Event.ManualStop(message));
                }
                sessions.clear();
                if (server != null) {
                    server.close();
                }
                return null;
            });
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "stopping the sessions failed", e);
        }
        try {
            rib.call(() -> null, CALL_TIMEOUT); // what the stops queued on the RIB thread is done
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "the RIB did not drain", e);
        }
        group.shutdownGracefully(100, 2000, TimeUnit.MILLISECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
        rib.close();
    }

    private String nameOf(int ribId) {
        PeerSession s = byRibId.get(ribId);
        return s == null ? "peer " + ribId : s.spec.name();
    }

    private boolean stale(Prefix prefix, Path p) {
        PeerSession s = byRibId.get(p.peer().id());
        return s != null && s.stale(prefix, p.pathId());
    }

    private void addOnLoop(PeerSpec spec) {
        PeerSession s = new PeerSession(spec, context, nextRibId++);
        sessions.put(spec.name(), s);
        byRibId.put(s.ribId(), s);
        for (SpeakerListener l : listeners) {
            l.peerChanged(null, s.status());
        }
        s.start();
    }

    private void removeOnLoop(PeerSession s, Event stop) {
        s.stop(stop);
        // The RIB forgets the peer in a task queued by stop; names are looked up until then.
        rib.execute(() -> byRibId.remove(s.ribId()));
        for (SpeakerListener l : listeners) {
            l.peerRemoved(s.status());
        }
    }

    private PeerSession lookupOnLoop(InetSocketAddress remote) {
        for (PeerSession s : sessions.values()) {
            if (s.spec.address().equals(remote.getAddress())) {
                return s;
            }
        }
        return null;
    }

    private void updateServerPasswords() {
        if (server == null || transport != Transport.EPOLL) {
            return;
        }
        Map<InetAddress, byte[]> keys = new HashMap<>();
        for (PeerSession s : sessions.values()) {
            if (s.spec.password() != null) {
                keys.put(s.spec.address(), s.spec.password().getBytes(StandardCharsets.US_ASCII));
            }
        }
        try {
            server.config().setOption(EpollChannelOption.TCP_MD5SIG, keys);
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "cannot set TCP MD5 keys on the listener: {0}", e.toString());
        }
    }

    private void sweepFib(String why) {
        if (!fibSwept && rib.hasFib()) {
            fibSwept = true;
            LOG.log(Level.INFO, "sweeping stale kernel routes: {0}", why);
            // Through the RIB thread, after the routes already received have reached the kernel.
            rib.execute(rib::sweepFibStale);
        }
    }

    /** The pipeline of an accepted connection: its session is found from the remote address. */
    private ChannelInitializer<Channel> acceptedPipeline() {
        return new ChannelInitializer<>() {
            @Override
            protected void initChannel(Channel ch) {
                ch.pipeline().addLast(new BgpFrameDecoder(new MessageDecoder(CodecContext.DEFAULT)),
                        new SessionChannel(Speaker.this::lookupOnLoop));
            }
        };
    }

    private static void checkNames(Collection<PeerSpec> peers) {
        Set<String> names = new HashSet<>();
        for (PeerSpec p : peers) {
            if (!names.add(p.name())) {
                throw new IllegalArgumentException("two peers are named " + p.name());
            }
        }
    }

    private <T> T onLoop(Callable<T> task) {
        if (loop.inEventLoop()) {
            try {
                return task.call();
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        Future<T> f = loop.submit(task);
        try {
            return f.get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("the session loop did not answer within " + CALL_TIMEOUT);
        }
    }

    private final class SessionContext implements Context {
        @Override
        public EventLoop loop() {
            return loop;
        }

        @Override
        public SpeakerConfig config() {
            return config;
        }

        @Override
        public boolean fibPresent() {
            return config.fib() != null;
        }

        @Override
        public RibThread rib() {
            return rib;
        }

        @Override
        public Channel connect(PeerSession session, Connection connection) {
            PeerSpec spec = session.spec;
            Bootstrap b = new Bootstrap()
                    .group(loop)
                    .channel(transport.socketChannelType())
                    .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 10_000)
                    .option(ChannelOption.TCP_NODELAY, true)
                    .option(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(64 << 10, 256 << 10))
                    .handler(new ChannelInitializer<>() {
                        @Override
                        protected void initChannel(Channel ch) {
                            ch.pipeline().addLast(new BgpFrameDecoder(new MessageDecoder(CodecContext.DEFAULT)),
                                    new SessionChannel(session, connection));
                        }
                    });
            if (transport == Transport.EPOLL) {
                if (spec.password() != null) {
                    b.option(EpollChannelOption.TCP_MD5SIG,
                            Map.of(spec.address(), spec.password().getBytes(StandardCharsets.US_ASCII)));
                }
                TtlOptions.of(spec).forEach(b::option);
            } else if (spec.password() != null || spec.ttlSecurityHops() > 0) {
                LOG.log(Level.ERROR, "{0}: TCP MD5 and GTSM need the epoll transport, which is not available",
                        spec.name());
            }
            InetSocketAddress remote = new InetSocketAddress(spec.address(), spec.port());
            InetAddress source = sourceFor(spec);
            ChannelFuture f = source == null ? b.connect(remote) : b.connect(remote, new InetSocketAddress(source, 0));
            // When the channel could not even be created, the future completes on another thread.
            f.addListener(done -> post(() -> session.connected(connection, done.isSuccess() ? null : done.cause())));
            return f.channel();
        }

        /** The peer's source address, else the address we listen on when it is of the peer's family. */
        private InetAddress sourceFor(PeerSpec spec) {
            if (spec.sourceAddress() != null) {
                return spec.sourceAddress();
            }
            InetAddress listen = config.listenAddress();
            if (listen != null && !listen.isAnyLocalAddress()
                    && (listen instanceof Inet6Address) == (spec.address() instanceof Inet6Address)) {
                return listen;
            }
            return null;
        }

        @Override
        public void applySocketOptions(Channel channel, PeerSpec spec) {
            if (transport != Transport.EPOLL) {
                return;
            }
            try {
                TtlOptions.of(spec).forEach((option, value) -> channel.config().setOption(option, value));
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "{0}: cannot set the TTL options: {1}", spec.name(), e.toString());
            }
        }

        @Override
        public void endOfRibReceived(PeerSession session) {
            if (fibSwept) {
                return;
            }
            for (PeerSession s : sessions.values()) {
                if (!s.endOfRibComplete()) {
                    return;
                }
            }
            sweepFib("every peer sent End-of-RIB");
        }

        @Override
        public void post(Runnable task) {
            if (!loop.isShuttingDown()) {
                try {
                    loop.execute(task);
                } catch (java.util.concurrent.RejectedExecutionException e) {
                    // Shutting down: nothing is sent any more.
                }
            }
        }

        @Override
        public void peerChanged(PeerStatus before, PeerStatus now) {
            if (before == null) {
                return; // announced by addOnLoop once the session is registered
            }
            for (SpeakerListener l : listeners) {
                try {
                    l.peerChanged(before, now);
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "a listener failed", e);
                }
            }
        }
    }
}
