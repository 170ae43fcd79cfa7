package dev.jbgp.examples.scale;

import dev.jbgp.core.Prefix;
import dev.jbgp.peering.PeerSpec;
import dev.jbgp.peering.PeerStatus;
import dev.jbgp.peering.PeerType;
import dev.jbgp.peering.RouteView;
import dev.jbgp.peering.Speaker;
import dev.jbgp.peering.SpeakerConfig;
import dev.jbgp.peering.SpeakerListener;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The clients of a run: one jbgp {@link Speaker} per client of the layout, in this JVM, each
 * announcing its block and peering only with the reflector. Each one counts the other clients'
 * blocks it holds with the owner's address as next hop (reflection keeps NEXT_HOP); the fleet
 * notes the moment the last session came up and the moment the last client held every block.
 *
 * <p>The speakers are built first with no peer, and {@link #connect()} then gives each its
 * reflector session, so that building 200 event loops is not counted in the convergence time.
 */
final class ClientFleet implements AutoCloseable {
    private final ScaleLayout layout;
    private final int count;
    private final Map<Prefix, InetAddress> owners = new HashMap<>();
    private final List<Speaker> speakers = new ArrayList<>();
    private final List<Tracker> trackers = new ArrayList<>();
    private final AtomicInteger established = new AtomicInteger();
    private final AtomicInteger converged = new AtomicInteger();
    private final AtomicInteger wrongNextHops = new AtomicInteger();
    private final AtomicLong allEstablishedAt = new AtomicLong();
    private final AtomicLong allConvergedAt = new AtomicLong();
    private volatile long connectedAt;

    ClientFleet(ScaleLayout layout) {
        this.layout = layout;
        this.count = layout.clients().size();
        for (ScaleLayout.Client c : layout.clients()) {
            owners.put(c.block(), c.address());
        }
        try {
            for (ScaleLayout.Client c : layout.clients()) {
                // No listener: every client connects to the reflector, which waits.
                Speaker s = Speaker.start(SpeakerConfig.builder(ScaleLayout.AS, c.address()).listen(c.address(), -1)
                        .originate(List.of(c.block())).build(), List.of());
                speakers.add(s);
                Tracker t = new Tracker(c);
                trackers.add(t);
                s.addListener(t);
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** Gives every client its session to the reflector; the clock of the run starts here. */
    void connect() {
        connectedAt = System.nanoTime();
        for (int i = 0; i < speakers.size(); i++) {
            ScaleLayout.Client c = layout.clients().get(i);
            speakers.get(i).addPeer(PeerSpec.of(
                            PeerSpec.sessionName(PeerType.CONFIGURED, layout.reflector(), layout.port()),
                            PeerType.CONFIGURED, layout.reflector(), ScaleLayout.AS, ScaleLayout.AS)
                    .withPort(layout.port())
                    .withSourceAddress(c.address()));
        }
    }

    int size() {
        return count;
    }

    int established() {
        return established.get();
    }

    int converged() {
        return converged.get();
    }

    /** Routes to another client's block with a next hop other than that client: reflection changed NEXT_HOP. */
    int wrongNextHops() {
        return wrongNextHops.get();
    }

    /** Since {@link #connect()} until every session had been Established once, or null while not yet. */
    Duration untilAllEstablished() {
        return since(allEstablishedAt.get());
    }

    /** Since {@link #connect()} until every client held every other client's block, or null while not yet. */
    Duration untilAllConverged() {
        return since(allConvergedAt.get());
    }

    /** The fewest other clients' blocks any client holds now. */
    int fewestBlocksHeld() {
        return trackers.stream().mapToInt(t -> t.held.size()).min().orElse(0);
    }

    private Duration since(long at) {
        return at == 0 ? null : Duration.ofNanos(at - connectedAt);
    }

    /** Stops every client (Cease to the reflector), a few at a time. */
    @Override
    public void close() {
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            for (Speaker s : speakers) {
                pool.execute(s::close);
            }
            pool.shutdown();
            if (!pool.awaitTermination(60, TimeUnit.SECONDS)) {
                pool.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One client's count, updated on its speaker's threads. */
    private final class Tracker implements SpeakerListener {
        private final ScaleLayout.Client client;
        private final Set<Prefix> held = ConcurrentHashMap.newKeySet();
        private volatile boolean up;
        private volatile boolean done;

        Tracker(ScaleLayout.Client client) {
            this.client = client;
        }

        @Override
        public void peerChanged(PeerStatus before, PeerStatus now) {
            if (!up && now.establishedOnce()) {
                up = true;
                if (established.incrementAndGet() == count) {
                    allEstablishedAt.set(System.nanoTime());
                }
            }
        }

        @Override
        public void bestPathChanged(Prefix prefix, RouteView route) {
            InetAddress owner = owners.get(prefix);
            if (owner == null || prefix.equals(client.block())) {
                return;
            }
            if (route == null) {
                held.remove(prefix);
                return;
            }
            if (!route.paths().getFirst().nextHop().equals(owner.getHostAddress())) {
                wrongNextHops.incrementAndGet();
                held.remove(prefix);
                return;
            }
            held.add(prefix);
            if (!done && held.size() == owners.size() - 1) {
                done = true;
                if (converged.incrementAndGet() == count) {
                    allConvergedAt.set(System.nanoTime());
                }
            }
        }
    }
}
