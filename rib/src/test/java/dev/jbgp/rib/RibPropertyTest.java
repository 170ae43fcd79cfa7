package dev.jbgp.rib;

import static dev.jbgp.rib.Peers.OUR_AS;
import static dev.jbgp.rib.Peers.address;
import static dev.jbgp.rib.Peers.ebgp;
import static dev.jbgp.rib.Peers.ibgp;
import static dev.jbgp.rib.Peers.id;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jbgp.core.AfiSafi;
import dev.jbgp.core.Prefix;
import dev.jbgp.core.PrefixList;
import dev.jbgp.core.attribute.AsPath;
import dev.jbgp.core.attribute.AsPath.Segment;
import dev.jbgp.core.attribute.AsPath.SegmentType;
import dev.jbgp.core.attribute.ClusterList;
import dev.jbgp.core.attribute.Communities;
import dev.jbgp.core.attribute.LocalPref;
import dev.jbgp.core.attribute.MpReachNlri;
import dev.jbgp.core.attribute.MpUnreachNlri;
import dev.jbgp.core.attribute.MultiExitDisc;
import dev.jbgp.core.attribute.NextHop;
import dev.jbgp.core.attribute.Origin;
import dev.jbgp.core.attribute.OriginatorId;
import dev.jbgp.core.attribute.PathAttribute;
import dev.jbgp.core.attribute.PathAttributes;
import dev.jbgp.core.message.Update;
import java.net.InetAddress;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.ToLongFunction;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * Properties of the RIB over random announcements and withdrawals from several peers, every
 * run seeded: a failure names its seed, and {@code -Drib.property.seed=N} replays that seed
 * alone.
 *
 * <ul>
 *   <li>The Loc-RIB (best path and multipath set of each prefix) depends on what the peers
 *       last said, not on the order they said it in; it is what RFC 4271 section 9.1.2.2
 *       selects by eliminating paths step by step, and what the listeners were last told.
 *   <li>Taking every peer away, and our own routes, leaves every table empty: no
 *       destination, no path, no attribute set left in the interner.
 *   <li>The open-addressing prefix table behaves as a map.
 * </ul>
 */
class RibPropertyTest {
    private static final long[] FIXED_SEEDS = {1L, 42L, 0x5EEDL};
    private static final int COUNTED_SEEDS = 60;
    private static final int ORDERS = 4;

    private static final int ROUTER_ID = id("198.19.0.100");
    /** A cluster ID that is none of ours: the speaker reflects nothing (cluster loops are route-reflector's tests). */
    private static final int CLUSTER_ID = id("198.19.0.200");

    private static final RibPeer LOCAL = RibPeer.local(address("198.19.0.100"), OUR_AS, ROUTER_ID);
    /**
     * Two sessions to one router in AS 65001 (parallel links: one router ID, two addresses), one
     * peer each in 65002 and 65003, two iBGP peers.
     */
    private static final List<RibPeer> PEERS = List.of(
            ebgp(1, "192.0.2.1", 65001, "10.0.0.5"),
            ebgp(2, "192.0.2.2", 65001, "10.0.0.5"),
            ebgp(3, "192.0.2.3", 65002, "10.0.0.4"),
            ebgp(4, "192.0.2.4", 65003, "200.0.0.1"),
            ibgp(5, "198.19.1.1", "10.1.0.5"),
            ibgp(6, "198.19.1.2", "10.1.0.2"));
    /** Peer 5 sends ADD-PATH with these path identifiers; the others send none. */
    private static final int[] ADD_PATH_IDS = {1, 2};
    private static final int ADD_PATH_PEER = 5;

    /** Next hops and their interior cost; the last of each family cannot be reached. */
    private static final Map<InetAddress, Integer> IGP = Map.of(
            address("198.19.0.1"), 0, address("198.19.0.2"), 0, address("198.19.0.3"), 5,
            address("198.19.0.4"), 10, address("fd00::1"), 0, address("fd00::2"), 5);
    private static final List<String> V4_HOPS = List.of("198.19.0.1", "198.19.0.2", "198.19.0.1", "198.19.0.2",
            "198.19.0.3", "198.19.0.4", "198.19.0.99");
    private static final List<String> V6_HOPS = List.of("fd00::1", "fd00::2", "fd00::99");
    private static final NextHopResolver RESOLVER = hop -> IGP.getOrDefault(hop, NextHopResolver.UNRESOLVABLE);

    private static final int PREFER = Communities.community(65000, 1);
    private static final int REJECT = Communities.community(65000, 2);
    /** Import policy: a deterministic function of the route, so it cannot depend on order. */
    private static final ImportFilter POLICY = route -> {
        Communities c = route.attributes().communities();
        if (c != null && c.contains(REJECT)) {
            return null;
        }
        if (c != null && c.contains(PREFER) && route.source().external()) {
            return route.attributes().with(new LocalPref(200));
        }
        return route.attributes();
    };

    private static long[] seeds() {
        String replay = System.getProperty("rib.property.seed");
        if (replay != null) {
            return new long[] {Long.decode(replay)};
        }
        return LongStream.concat(LongStream.of(FIXED_SEEDS), LongStream.range(1000, 1000 + COUNTED_SEEDS)).toArray();
    }

    // --- (a) and (b) ---------------------------------------------------------------------------

    @Test
    void locRibDependsOnWhatPeersLastSaidNotOnTheOrderAndEmptiesWhenTheyAllGo() {
        Reach reach = new Reach();
        long[] seeds = seeds();
        for (long seed : seeds) {
            try {
                new Scenario(seed, reach).check();
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError("seed " + seed + " (replay: -Drib.property.seed=" + seed + "): " + e.getMessage(),
                        e);
            }
        }
        System.out.printf("RibPropertyTest: %d seeds x %d orders; %d destinations, %d with several eligible paths, "
                        + "%d with a multipath set of 2 or more, %d where MED makes the pairwise comparison cyclic; "
                        + "best decided at %s; ineligible: %s%n",
                seeds.length, ORDERS, reach.destinations, reach.contested, reach.multipath, reach.intransitive,
                reach.decidingSteps, reach.ineligible);
        if (seeds.length > 1) {
            // The generator must reach what the properties talk about, or they check nothing.
            assertEquals(EnumSet.allOf(DecisionStep.class).stream().filter(s -> s != DecisionStep.OLDEST_EXTERNAL)
                    .toList(), List.copyOf(reach.decidingSteps), "every step decides some prefix");
            // The speaker reflects nothing, so no cluster loop: the RIB sets such paths aside as it does
            // originator loops, and route-reflector tests where they come from.
            assertEquals(EnumSet.complementOf(EnumSet.of(Ineligible.CLUSTER_LOOP)), reach.ineligible,
                    "every reason to set a path aside occurs");
            assertTrue(reach.multipath >= seeds.length / 4, "multipath sets form: " + reach.multipath);
            assertTrue(reach.intransitive >= 5, "MED cycles occur: " + reach.intransitive);
        }
    }

    /** What the generated scenarios reached, over all seeds. */
    private static final class Reach {
        long destinations;
        long contested;
        long multipath;
        long intransitive;
        final Set<DecisionStep> decidingSteps = EnumSet.noneOf(DecisionStep.class);
        final Set<Ineligible> ineligible = EnumSet.noneOf(Ineligible.class);
    }

    /** Who sends what about which prefix, under which path identifier. */
    private record Key(RibPeer peer, Prefix prefix, int pathId) {
        @Override
        public String toString() {
            return (peer.local() ? "local" : "peer " + peer.id()) + (pathId != 0 ? " id " + pathId : "");
        }
    }

    /** One announcement (attributes, and the MP next hop of an IPv6 one) or withdrawal (null attributes). */
    private record Op(Key key, PathAttributes attributes, InetAddress mpNextHop) {
    }

    /** A path as a test sees it, comparable across RIBs: who, and what. */
    private record Seen(String key, PathAttributes received, InetAddress nextHop, Ineligible ineligible) {
    }

    /** The Loc-RIB selection of one prefix and its Adj-RIB-In. */
    private record Selection(List<String> multipath, Set<Seen> paths) {
        String best() {
            return multipath.isEmpty() ? null : multipath.getFirst();
        }
    }

    private static final class Scenario {
        private final long seed;
        private final Reach reach;
        private final SplittableRandom random;
        private final RibConfig config;
        private final List<Prefix> prefixes = new ArrayList<>();
        private final Map<Key, List<Op>> opsByKey = new LinkedHashMap<>();

        Scenario(long seed, Reach reach) {
            this.seed = seed;
            this.reach = reach;
            this.random = new SplittableRandom(seed);
            int[] maxPaths = {1, 2, 3, 16};
            this.config = new RibConfig(OUR_AS, ROUTER_ID, 0, random.nextInt(4) == 0 ? 1 : 0,
                    new DecisionConfig(random.nextInt(4) == 0, random.nextBoolean(), false,
                            maxPaths[random.nextInt(maxPaths.length)], RESOLVER));
            generate();
        }

        private void generate() {
            int v4 = 8 + random.nextInt(24);
            Set<Prefix> distinct = new HashSet<>();
            while (distinct.size() < v4) {
                int length = new int[] {0, 16, 24, 24, 26, 26, 32}[random.nextInt(7)];
                distinct.add(Prefix.ipv4(0xC633_0000 | random.nextInt(1 << 12) << 4, length));
            }
            while (distinct.size() < v4 + 1 + random.nextInt(4)) {
                distinct.add(Prefix.ipv6(0xFD00_0198_0000_0000L | (long) random.nextInt(64) << 16, 0, 48 + random.nextInt(17)));
            }
            prefixes.addAll(distinct);
            prefixes.sort(Comparator.naturalOrder());
            for (Prefix prefix : prefixes) {
                for (RibPeer peer : PEERS) {
                    int[] ids = peer.id() == ADD_PATH_PEER ? ADD_PATH_IDS : new int[] {0};
                    for (int id : ids) {
                        if (random.nextInt(10) < 6) {
                            ops(new Key(peer, prefix, id));
                        }
                    }
                }
                if (random.nextInt(10) == 0) {
                    ops(new Key(LOCAL, prefix, 0));
                }
            }
        }

        private void ops(Key key) {
            List<Op> ops = new ArrayList<>();
            int n = 1 + random.nextInt(3);
            for (int i = 0; i < n; i++) {
                if (random.nextInt(4) == 0) {
                    ops.add(new Op(key, null, null));
                } else {
                    ops.add(announcement(key));
                }
            }
            opsByKey.put(key, ops);
        }

        /** Small value ranges, so that paths often tie far down the decision process. */
        private Op announcement(Key key) {
            RibPeer peer = key.peer();
            boolean v6 = !key.prefix().isIpv4();
            List<PathAttribute> a = new ArrayList<>();
            a.add(random.nextInt(10) < 8 ? Origin.IGP : random.nextBoolean() ? Origin.EGP : Origin.INCOMPLETE);
            a.add(peer.local() ? AsPath.EMPTY : asPath(peer));
            InetAddress mpNextHop = null;
            if (v6) {
                // Our own routes carry no MP next hop: originate takes attributes only.
                mpNextHop = peer.local() ? null : address(V6_HOPS.get(random.nextInt(V6_HOPS.size())));
            } else {
                a.add(NextHop.of(V4_HOPS.get(random.nextInt(V4_HOPS.size()))));
            }
            if (random.nextInt(4) != 0) {
                a.add(new MultiExitDisc(new long[] {0, 0, 10, 20}[random.nextInt(4)]));
            }
            if (peer.internal() || random.nextInt(8) == 0) {
                long[] prefs = {100, 100, 100, 100, 100, 200};
                if (random.nextInt(4) != 0) {
                    a.add(new LocalPref(prefs[random.nextInt(prefs.length)]));
                }
            }
            if (peer.internal() && random.nextInt(3) == 0) {
                int[] originators = {id("10.1.0.2"), id("10.1.0.9"), id("10.1.0.1")};
                a.add(new OriginatorId(random.nextInt(20) == 0 ? ROUTER_ID : originators[random.nextInt(3)]));
            }
            if (peer.internal() && random.nextInt(3) == 0) {
                int[] clusters = {id("1.1.1.1"), id("2.2.2.2")};
                int[] list = new int[1 + random.nextInt(2)];
                for (int i = 0; i < list.length; i++) {
                    list[i] = random.nextInt(20) == 0 ? CLUSTER_ID : clusters[random.nextInt(2)];
                }
                a.add(new ClusterList(list));
            }
            if (random.nextInt(8) == 0) {
                a.add(Communities.of(random.nextInt(3) == 0 ? REJECT : PREFER));
            }
            return new Op(key, PathAttributes.of(a), mpNextHop);
        }

        private AsPath asPath(RibPeer peer) {
            long first = peer.external() ? peer.asNumber() : random.nextBoolean() ? 65001 : 65002;
            int length = random.nextInt(4) == 0 ? 3 : 2;
            long[] asns = new long[length];
            asns[0] = first;
            for (int i = 1; i < length; i++) {
                asns[i] = random.nextInt(25) == 0 ? OUR_AS : 65100 + random.nextInt(4);
            }
            List<Segment> segments = new ArrayList<>();
            segments.add(new Segment(SegmentType.AS_SEQUENCE, asns));
            if (random.nextInt(8) == 0) {
                segments.add(new Segment(SegmentType.AS_SET, new long[] {65200, 65201}));
            }
            return new AsPath(segments);
        }

        void check() {
            Map<Prefix, Selection> expectedAdjRibIn = expectedPaths();
            Map<Prefix, Selection> first = null;
            for (int order = 0; order < ORDERS; order++) {
                Rib rib = newRib();
                Listener told = new Listener();
                rib.addListener(told);
                for (Op op : interleaving(order)) {
                    apply(rib, op);
                }
                Map<Prefix, Selection> selection = snapshot(rib);
                if (first == null) {
                    first = selection;
                    checkAgainstTheRfc(rib);
                    count(rib);
                } else {
                    assertEquals(first.keySet(), selection.keySet(), "order " + order + ": prefixes");
                    for (Prefix p : first.keySet()) {
                        assertEquals(first.get(p), selection.get(p), "order " + order + " against order 0 for " + p);
                    }
                }
                assertEquals(expectedAdjRibIn.keySet(), selection.keySet(), "prefixes with paths");
                for (Map.Entry<Prefix, Selection> e : expectedAdjRibIn.entrySet()) {
                    assertEquals(announced(e.getValue()), announced(selection.get(e.getKey())),
                            "the Adj-RIB-In of " + e.getKey() + " holds what the peers last announced");
                }
                assertEquals(told.view(), bests(rib), "listeners were last told what the Loc-RIB holds");

                removeEverything(rib);
                assertEquals(0, rib.prefixCount(), "destinations left");
                assertEquals(0, rib.pathCount(), "paths left");
                assertEquals(0, rib.attributeSetCount(), "attribute sets left in the interner");
                assertEquals(Map.of(), told.view(), "listeners were told every prefix went");
            }
        }

        private Rib newRib() {
            Rib rib = new Rib(config, LOCAL);
            for (RibPeer p : PEERS) {
                rib.addPeer(p, POLICY);
            }
            return rib;
        }

        /** Order 0 takes each key's operations in a row; the others interleave keys at random. */
        private List<Op> interleaving(int order) {
            List<Op> out = new ArrayList<>();
            if (order == 0) {
                opsByKey.values().forEach(out::addAll);
                return out;
            }
            List<ArrayDeque<Op>> queues = new ArrayList<>();
            opsByKey.values().forEach(ops -> queues.add(new ArrayDeque<>(ops)));
            while (!queues.isEmpty()) {
                int i = random.nextInt(queues.size());
                out.add(queues.get(i).poll());
                if (queues.get(i).isEmpty()) {
                    queues.set(i, queues.getLast());
                    queues.removeLast();
                }
            }
            return out;
        }

        /** As a session hands it over: one UPDATE per operation, IPv6 in MP_REACH / MP_UNREACH. */
        private static void apply(Rib rib, Op op) {
            Key k = op.key();
            if (k.peer().local()) {
                if (op.attributes() == null) {
                    rib.withdrawOriginated(k.prefix());
                } else {
                    rib.originate(k.prefix(), op.attributes());
                }
                return;
            }
            int[] ids = k.peer().id() == ADD_PATH_PEER ? new int[] {k.pathId()} : null;
            PrefixList nlri = PrefixList.of(List.of(k.prefix()), ids);
            Update u;
            if (k.prefix().isIpv4()) {
                u = op.attributes() == null ? Update.withdraw(nlri) : Update.announce(op.attributes(), nlri);
            } else {
                u = op.attributes() == null ? Update.withdraw(new MpUnreachNlri(AfiSafi.IPV6_UNICAST, nlri))
                        : Update.announce(op.attributes(), MpReachNlri.of(AfiSafi.IPV6_UNICAST, nlri, op.mpNextHop()));
            }
            rib.update(k.peer(), u);
        }

        private static List<String> announced(Selection s) {
            return s.paths().stream().map(p -> p.key() + " " + p.received() + " " + p.nextHop()).sorted().toList();
        }

        private Map<Prefix, Selection> expectedPaths() {
            Map<Prefix, Selection> m = new TreeMap<>();
            opsByKey.forEach((key, ops) -> {
                Op last = ops.getLast();
                if (last.attributes() != null) {
                    Selection s = m.computeIfAbsent(key.prefix(), p -> new Selection(List.of(), new HashSet<>()));
                    s.paths().add(new Seen(key.toString(), last.attributes(), last.mpNextHop(), null));
                }
            });
            return m;
        }

        private void removeEverything(Rib rib) {
            List<RibPeer> order = new ArrayList<>(PEERS);
            for (int i = order.size() - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                order.set(i, order.set(j, order.get(i)));
            }
            int localAt = random.nextInt(order.size() + 1);
            for (int i = 0; i <= order.size(); i++) {
                if (i == localAt) {
                    for (Prefix p : prefixes) {
                        rib.withdrawOriginated(p);
                    }
                }
                if (i < order.size()) {
                    rib.removePeer(order.get(i));
                }
            }
        }

        /** The selection checked against RFC 4271 section 9.1.2.2 applied as the RFC words it. */
        private void checkAgainstTheRfc(Rib rib) {
            rib.forEach((prefix, d) -> {
                List<Path> eligible = d.paths().stream().filter(Path::eligible).toList();
                List<Path> expected = Elimination.multipathSet(eligible, config.decision());
                assertEquals(keys(expected), keys(d.multipathSet()), "multipath set of " + prefix + " among "
                        + describe(d.paths()));
                for (Path p : d.paths()) {
                    assertEquals(expectedIneligible(prefix, p), p.ineligible(), key(p) + " for " + prefix);
                }
            });
        }

        /** RFC 4271 section 9.1.2 and RFC 4456 section 8, then policy, then the next hop. */
        private Ineligible expectedIneligible(Prefix prefix, Path p) {
            PathAttributes a = p.received();
            if (p.peer().local()) {
                return null;
            }
            long ours = a.asPath().segments().stream().flatMapToLong(s -> Arrays.stream(s.asns()))
                    .filter(asn -> asn == OUR_AS).count();
            if (ours > config.allowOwnAs()) {
                return Ineligible.AS_LOOP;
            }
            if (a.originatorId() != null && a.originatorId().id() == ROUTER_ID) {
                return Ineligible.ORIGINATOR_LOOP;
            }
            if (POLICY.apply(new Route(prefix, p.pathId(), a, p.peer())) == null) {
                return Ineligible.REJECTED_BY_POLICY;
            }
            InetAddress hop = p.nextHop() != null ? p.nextHop() : a.nextHop().inetAddress();
            return RESOLVER.cost(hop) < 0 ? Ineligible.NEXT_HOP_UNRESOLVABLE : null;
        }

        private void count(Rib rib) {
            Decision decision = new Decision(config.decision());
            rib.forEach((prefix, d) -> {
                reach.destinations++;
                d.paths().forEach(p -> {
                    if (!p.eligible()) {
                        reach.ineligible.add(p.ineligible());
                    }
                });
                if (d.multipathCount() > 1) {
                    reach.multipath++;
                }
                List<Path> eligible = d.paths().stream().filter(Path::eligible).toList();
                if (eligible.size() > 1) {
                    reach.contested++;
                    reach.decidingSteps.add(Decision.step(decision.compare(d.best(), eligible.get(1))));
                    if (intransitive(eligible, decision)) {
                        reach.intransitive++;
                    }
                }
            });
        }
    }

    /** Three paths of which each beats the next and the last beats the first (MED between some of them only). */
    private static boolean intransitive(List<Path> paths, Decision decision) {
        for (Path a : paths) {
            for (Path b : paths) {
                for (Path c : paths) {
                    if (decision.compare(a, b) < 0 && decision.compare(b, c) < 0 && decision.compare(c, a) < 0) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** Follows the Loc-RIB through what it is told. */
    private static final class Listener implements LocRibListener {
        private final Map<Prefix, List<Path>> view = new HashMap<>();

        @Override
        public void changed(Prefix prefix, Destination d) {
            if (d.best() == null) {
                assertNotNull(view.remove(prefix), "told " + prefix + " went, but it was never there");
            } else {
                List<Path> now = List.copyOf(d.multipathSet());
                List<Path> before = view.put(prefix, now);
                assertFalse(before != null && identical(before, now), "told of " + prefix + " but nothing changed");
            }
        }

        private static boolean identical(List<Path> a, List<Path> b) {
            if (a.size() != b.size()) {
                return false;
            }
            for (int i = 0; i < a.size(); i++) {
                if (a.get(i) != b.get(i)) {
                    return false;
                }
            }
            return true;
        }

        Map<Prefix, List<Path>> view() {
            return view;
        }
    }

    private static Map<Prefix, List<Path>> bests(Rib rib) {
        Map<Prefix, List<Path>> m = new HashMap<>();
        rib.forEach((prefix, d) -> {
            if (d.best() != null) {
                m.put(prefix, List.copyOf(d.multipathSet()));
            }
        });
        return m;
    }

    private static Map<Prefix, Selection> snapshot(Rib rib) {
        Map<Prefix, Selection> m = new TreeMap<>();
        rib.forEach((prefix, d) -> {
            Set<Seen> paths = new HashSet<>();
            for (Path p : d.paths()) {
                paths.add(new Seen(key(p), p.received(), p.nextHop(), p.ineligible()));
            }
            m.put(prefix, new Selection(keys(d.multipathSet()), paths));
        });
        return m;
    }

    private static String key(Path p) {
        return new Key(p.peer(), null, p.pathId()).toString();
    }

    private static List<String> keys(List<Path> paths) {
        return paths.stream().map(RibPropertyTest::key).toList();
    }

    private static String describe(List<Path> paths) {
        StringBuilder sb = new StringBuilder();
        for (Path p : paths) {
            sb.append("\n  ").append(key(p)).append(": ").append(p.attributes()).append(" via ")
                    .append(p.forwardingAddress()).append(p.eligible() ? "" : " (" + p.ineligible() + ")");
        }
        return sb.toString();
    }

    /**
     * RFC 4271 section 9.1.2.2 as a sequence of eliminations over the whole set of eligible
     * paths (MED among paths of one neighbouring AS), written apart from {@link Decision}.
     */
    private static final class Elimination {
        static List<Path> multipathSet(List<Path> eligible, DecisionConfig config) {
            List<Path> s = new ArrayList<>(eligible);
            if (s.isEmpty()) {
                return s;
            }
            keepLowest(s, p -> p.peer().local() ? 0 : 1);
            keepLowest(s, p -> -(p.attributes().localPref() == null ? 100 : p.attributes().localPref().value()));
            keepLowest(s, p -> p.attributes().asPath() == null ? 0 : p.attributes().asPath().pathLength());
            keepLowest(s, p -> p.attributes().origin().value());
            List<Path> beforeMed = List.copyOf(s);
            s.removeIf(p -> beforeMed.stream().anyMatch(q -> (config.alwaysCompareMed() || neighbour(q) == neighbour(p))
                    && med(q, config) < med(p, config)));
            keepLowest(s, p -> p.peer().external() ? 0 : 1);
            // A route we originate may have no next hop: cost 0.
            keepLowest(s, p -> p.forwardingAddress() == null ? 0 : RESOLVER.cost(p.forwardingAddress()));
            // The survivors share traffic; the tie-breakers order them.
            s.sort(Comparator.<Path>comparingLong(p -> Integer.toUnsignedLong(p.attributes().originatorId() != null
                            ? p.attributes().originatorId().id() : p.peer().routerId()))
                    .thenComparingInt(p -> p.attributes().clusterList() == null ? 0 : p.attributes().clusterList().size())
                    .thenComparing(p -> p.peer().address().getAddress(), Arrays::compareUnsigned)
                    .thenComparingLong(p -> Integer.toUnsignedLong(p.pathId())));
            return s.subList(0, Math.min(s.size(), config.maxPaths()));
        }

        private static void keepLowest(List<Path> s, ToLongFunction<Path> key) {
            long min = s.stream().mapToLong(key).min().orElseThrow();
            s.removeIf(p -> key.applyAsLong(p) != min);
        }

        private static long neighbour(Path p) {
            AsPath a = p.attributes().asPath();
            return a == null || a.segments().isEmpty() ? 0 : a.firstAs();
        }

        private static long med(Path p, DecisionConfig config) {
            MultiExitDisc m = p.attributes().med();
            return m != null ? m.value() : config.missingMedWorst() ? 0xFFFF_FFFFL : 0;
        }
    }

    // --- (c) --------------------------------------------------------------------------------

    @Test
    void prefixTableBehavesAsAMapThroughGrowthAndBackwardShiftDeletion() {
        long[] seeds = seeds();
        long operations = 0;
        int largest = 0;
        for (long seed : seeds) {
            try {
                int[] stats = prefixTableRun(seed);
                operations += stats[0];
                largest = Math.max(largest, stats[1]);
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError("seed " + seed + " (replay: -Drib.property.seed=" + seed + "): " + e.getMessage(),
                        e);
            }
        }
        System.out.printf("RibPropertyTest: prefix table, %d seeds, %d operations, up to %d prefixes%n", seeds.length,
                operations, largest);
    }

    /** Returns the operation count and the largest size reached. */
    private static int[] prefixTableRun(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        // A pool small enough that prefixes come back after removal, dense enough to probe long runs.
        int poolSize = 64 + random.nextInt(4000);
        List<Prefix> pool = new ArrayList<>(poolSize);
        Set<Prefix> distinct = new HashSet<>(List.of(Prefix.parse("0.0.0.0/0"), Prefix.parse("255.255.255.255/32")));
        pool.addAll(distinct);
        while (pool.size() < poolSize) {
            Prefix p = random.nextInt(50) == 0
                    ? Prefix.ipv6(0xFD00_0000_0000_0000L | random.nextInt(1 << 16), 0, 48 + random.nextInt(17))
                    : Prefix.ipv4(0x0A00_0000 | random.nextInt(1 << 16) << 8, new int[] {24, 26, 32}[random.nextInt(3)]);
            if (distinct.add(p)) {
                pool.add(p);
            }
        }
        PrefixTable table = new PrefixTable();
        Map<Prefix, Destination> model = new HashMap<>();
        Set<Integer> liveIds = new HashSet<>();
        int steps = 4 * poolSize + 2000;
        int largest = 0;
        int phase = 2000;
        for (int step = 0; step < steps; step++) {
            // Fill for a while, then drain for a while: the table grows, then empties through removals.
            boolean filling = (step / phase) % 2 == 0;
            Prefix p = pool.get(random.nextInt(pool.size()));
            int op = random.nextInt(10);
            if (op < (filling ? 6 : 2)) {
                Destination before = model.get(p);
                Destination d = table.getOrCreate(p);
                if (before != null) {
                    assertSame(before, d, "getOrCreate of " + p + " at step " + step);
                } else {
                    assertTrue(liveIds.add(d.id()), "id " + d.id() + " handed out twice at step " + step);
                    model.put(p, d);
                }
            } else if (op < 9) {
                table.remove(p);
                Destination gone = model.remove(p);
                if (gone != null) {
                    liveIds.remove(gone.id());
                }
            }
            assertSame(model.get(p), table.get(p), "get " + p + " at step " + step);
            assertEquals(model.size(), table.size());
            largest = Math.max(largest, model.size());
            if (step % 2000 == 0 || step == steps - 1) {
                assertSameContents(model, table);
            }
        }
        for (Prefix p : new ArrayList<>(model.keySet())) {
            table.remove(p);
            model.remove(p);
            assertNull(table.get(p));
        }
        assertEquals(0, table.size());
        assertSameContents(model, table);
        return new int[] {steps, largest};
    }

    private static void assertSameContents(Map<Prefix, Destination> model, PrefixTable table) {
        Map<Prefix, Destination> seen = new HashMap<>();
        Set<Integer> ids = new HashSet<>();
        table.forEach((p, d) -> {
            assertNull(seen.put(p, d), "forEach gives " + p + " twice");
            assertTrue(ids.add(d.id()), "two live destinations share id " + d.id());
            assertTrue(d.id() < table.idLimit());
        });
        assertEquals(model, seen);
        for (Map.Entry<Prefix, Destination> e : model.entrySet()) {
            assertSame(e.getValue(), table.get(e.getKey()));
        }
    }
}
