package dev.jbgp.rib;

import dev.jbgp.core.AfiSafi;
import dev.jbgp.core.Prefix;
import dev.jbgp.core.PrefixList;
import dev.jbgp.core.attribute.AsPath;
import dev.jbgp.core.attribute.Communities;
import dev.jbgp.core.attribute.MultiExitDisc;
import dev.jbgp.core.attribute.NextHop;
import dev.jbgp.core.attribute.Origin;
import dev.jbgp.core.attribute.PathAttribute;
import dev.jbgp.core.attribute.PathAttributes;
import dev.jbgp.core.codec.CodecContext;
import dev.jbgp.core.message.Update;
import dev.jbgp.rib.out.AdjRibOut;
import dev.jbgp.rib.out.ExportFilter;
import dev.jbgp.rib.out.ExportOptions;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.ref.Reference;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import javax.management.ObjectName;

/**
 * A full table from one eBGP peer through the RIB: import (accept all), the decision process,
 * and three listeners standing in for the Adj-RIB-Out of three peers (each counts changes).
 * Figures, not a test; run through the {@code bench} profile of rib/pom.xml.
 *
 * <p>The table: {@value #DEFAULT_PREFIXES} IPv4 prefixes, half /24s and half /26s (four to a
 * /24, like Calico's IPAM blocks), all distinct, drawn from unicast space outside the
 * special-purpose ranges, in UPDATEs of one attribute set each carrying 100 to 200 prefixes,
 * as a peer packs them; no two attribute sets are equal.
 *
 * <p>Reports prefixes per second on the RIB thread (the best of several runs after warm-up,
 * for announcing the table and for withdrawing it), and the heap the RIB retains per path:
 * used heap after full collections, before and after building it, divided by the paths.
 *
 * <p>Options: {@code --prefixes N} (a multiple of 8), {@code --warmups N}, {@code --runs N},
 * {@code --seed N}, {@code --histogram} (print the classes that hold the RIB's heap).
 */
public final class RibBenchmark {
    static final int DEFAULT_PREFIXES = 1_000_000;
    private static final int MIN_GROUP = 100;
    private static final int MAX_GROUP = 200;
    private static final long PEER_AS = 65001;
    private static final long[] UPSTREAMS = {174, 1299, 3356, 6939};

    /** Special-purpose IPv4 ranges (RFC 6890) as {first /24, count of /24s}: never drawn. */
    private static final int[][] RESERVED = {
        {slot(10, 0, 0), 1 << 16}, {slot(100, 64, 0), 1 << 14}, {slot(127, 0, 0), 1 << 16},
        {slot(169, 254, 0), 1 << 8}, {slot(172, 16, 0), 1 << 12}, {slot(192, 0, 0), 1},
        {slot(192, 0, 2), 1}, {slot(192, 168, 0), 1 << 8}, {slot(198, 18, 0), 1 << 9},
        {slot(198, 51, 100), 1}, {slot(203, 0, 113), 1},
    };

    private RibBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int prefixes = DEFAULT_PREFIXES;
        int warmups = 3;
        int runs = 5;
        long seed = 20_240_611L;
        boolean histogram = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--prefixes" -> prefixes = Integer.parseInt(args[++i]);
                case "--warmups" -> warmups = Integer.parseInt(args[++i]);
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--seed" -> seed = Long.parseLong(args[++i]);
                case "--histogram" -> histogram = true;
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        RibPeer peer = new RibPeer(1, RibPeer.Kind.EXTERNAL, address("198.19.0.1"), PEER_AS, 0xC613_0001, false);

        System.out.printf("Machine: %d cores (%s), %s; %s %s%n", Runtime.getRuntime().availableProcessors(), cpuModel(),
                memTotal(), System.getProperty("java.vm.name"), System.getProperty("java.runtime.version"));
        System.out.printf("JVM: %s; GC %s; max heap %d MiB%n",
                String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()),
                ManagementFactory.getGarbageCollectorMXBeans().stream().map(GarbageCollectorMXBean::getName)
                        .collect(Collectors.joining(", ")),
                Runtime.getRuntime().maxMemory() >> 20);

        // Memory first, on a fresh heap: nothing but this class before, the RIB alone after.
        long before = usedAfterGc();
        List<Update> table = table(seed, prefixes);
        int sets = table.size();
        long usedWithTable = usedAfterGc();
        Run cold = announce(peer, table);
        long usedWithTableAndRib = usedAfterGc();
        table = null;
        long usedWithRib = usedAfterGc();
        Rib rib = cold.rib();
        long paths = rib.pathCount();
        MemoryReport estimate = rib.memory();
        System.out.printf("Table: %,d prefixes (%,d /24, %,d /26) in %,d UPDATEs of one attribute set each;"
                        + " %,d attribute sets in the RIB%n", prefixes, prefixes / 2, prefixes / 2, sets,
                rib.attributeSetCount());
        System.out.printf("Heap retained by the RIB: %,d bytes for %,d paths = %.1f bytes/path%n",
                usedWithRib - before, paths, (double) (usedWithRib - before) / paths);
        System.out.printf("  of which destinations, paths and tables (attribute sets shared with the UPDATEs left out):"
                + " %.1f bytes/path%n", (double) (usedWithTableAndRib - usedWithTable) / paths);
        System.out.printf("  Rib.memory() estimate: %.1f bytes/path (table %.1f, destinations %.1f, paths %.1f,"
                        + " attribute sets %.1f)%n", estimate.bytesPerPath(), (double) estimate.tableBytes() / paths,
                (double) estimate.destinationBytes() / paths, (double) estimate.pathBytes() / paths,
                (double) estimate.attributeBytes() / paths);
        if (histogram) {
            System.out.println("Classes on the heap with the RIB alone (jcmd GC.class_histogram, top 20):");
            System.out.println(histogram(20));
        }
        Reference.reachabilityFence(rib);
        rib = null;
        cold = null;

        // Speed: the same table, announced into a new RIB and withdrawn again, run after run.
        table = table(seed, prefixes);
        List<Update> withdrawals = new ArrayList<>(table.size());
        for (Update u : table) {
            withdrawals.add(Update.withdraw(u.nlri()));
        }
        usedAfterGc();
        double bestAnnounce = 0;
        double bestWithdraw = 0;
        double bestAnnounceOutsideGc = 0;
        for (int i = 0; i < warmups + runs; i++) {
            Run r = announce(peer, table);
            long gc = gcMillis();
            long t0 = System.nanoTime();
            for (Update u : withdrawals) {
                r.rib().update(peer, u);
            }
            long withdrawNanos = System.nanoTime() - t0;
            long withdrawGc = gcMillis() - gc;
            r.check(prefixes);
            double announceRate = prefixes / (r.nanos() / 1e9);
            double withdrawRate = prefixes / (withdrawNanos / 1e9);
            boolean measured = i >= warmups;
            System.out.printf("%s %d: announce %,.0f prefixes/s (%.0f ms, %d ms of it in GC), withdraw %,.0f prefixes/s"
                            + " (%.0f ms, %d ms in GC)%n", measured ? "run" : "warm-up",
                    measured ? i - warmups + 1 : i + 1, announceRate, r.nanos() / 1e6, r.gcMillis(), withdrawRate,
                    withdrawNanos / 1e6, withdrawGc);
            if (measured) {
                bestAnnounce = Math.max(bestAnnounce, announceRate);
                bestAnnounceOutsideGc = Math.max(bestAnnounceOutsideGc,
                        prefixes / ((r.nanos() - r.gcMillis() * 1e6) / 1e9));
                bestWithdraw = Math.max(bestWithdraw, withdrawRate);
            }
            // Start each run on a clean heap, as the first run of a process does.
            r = null;
            usedAfterGc();
        }
        throughExport(peer, table, prefixes, runs);
        System.out.printf("Best of %d runs: announce %.2fM prefixes/s (%.2fM/s with the GC's time taken out),"
                        + " withdraw %.2fM prefixes/s; targets: >= 2M/s, <= 120 bytes/path%n", runs, bestAnnounce / 1e6,
                bestAnnounceOutsideGc / 1e6, bestWithdraw / 1e6);
    }

    /**
     * The whole path on the RIB thread: the table in from one eBGP peer, and out again as
     * UPDATEs to three eBGP peers through real Adj-RIB-Outs (export rules, packing by
     * attribute set), as sessions would pull them.
     */
    private static void throughExport(RibPeer peer, List<Update> table, int prefixes, int runs) throws Exception {
        double best = 0;
        for (int i = 0; i < runs; i++) {
            Rib rib = new Rib(RibConfig.of(64512, 0xC613_0064), RibPeer.local(address("198.19.0.100"), 64512, 0xC613_0064));
            rib.addPeer(peer, ImportFilter.ACCEPT_ALL);
            List<AdjRibOut> outs = new ArrayList<>();
            for (int k = 1; k <= 3; k++) {
                RibPeer target = new RibPeer(1 + k, RibPeer.Kind.EXTERNAL, address("198.19.0." + (10 + k)), 65000 + k,
                        0xC613_0000 + 10 + k, false);
                rib.addPeer(target, ImportFilter.ACCEPT_ALL);
                AdjRibOut out = new AdjRibOut(rib, target, ExportOptions.of(address("198.19.0.100")), ExportFilter.ACCEPT_ALL);
                rib.addListener(out);
                out.start(CodecContext.DEFAULT, Set.of(AfiSafi.IPV4_UNICAST));
                outs.add(out);
            }
            usedAfterGc();
            long gc = gcMillis();
            long t0 = System.nanoTime();
            for (Update u : table) {
                rib.update(peer, u);
            }
            long importNanos = System.nanoTime() - t0;
            long importGc = gcMillis() - gc;
            long updates = 0;
            long sent = 0;
            for (AdjRibOut out : outs) {
                for (List<Update> batch = out.pull(1024); !batch.isEmpty(); batch = out.pull(1024)) {
                    updates += batch.size();
                    for (Update u : batch) {
                        sent += u.nlri().size();
                    }
                }
            }
            long nanos = System.nanoTime() - t0;
            if (sent != 3L * prefixes) {
                throw new AssertionError("sent " + sent + " prefixes to three peers, not " + 3L * prefixes);
            }
            double rate = prefixes / (nanos / 1e9);
            best = Math.max(best, rate);
            long totalGc = gcMillis() - gc;
            System.out.printf("export run %d: %,.0f prefixes/s in and out to 3 peers (%.0f ms, %d ms in GC; in %.0f ms"
                            + " with %d in GC, out %.0f ms with %d in GC), %,d UPDATEs sent%n", i + 1, rate, nanos / 1e6,
                    totalGc, importNanos / 1e6, importGc, (nanos - importNanos) / 1e6, totalGc - importGc, updates);
        }
        System.out.printf("Best through import, decision and export to three peers: %.2fM prefixes/s%n", best / 1e6);
    }

    /** Counts Loc-RIB changes, as an Adj-RIB-Out would mark prefixes to send. */
    private static final class Export implements LocRibListener {
        long changes;

        @Override
        public void changed(Prefix prefix, Destination destination) {
            changes++;
        }
    }

    private record Run(Rib rib, List<Export> exports, long nanos, long gcMillis) {
        /** The table went in and out whole, and every export heard of each prefix twice. */
        void check(int prefixes) {
            if (rib.prefixCount() != 0 || rib.pathCount() != 0 || rib.attributeSetCount() != 0) {
                throw new AssertionError("the RIB is not empty after the withdrawals");
            }
            for (Export e : exports) {
                if (e.changes != 2L * prefixes) {
                    throw new AssertionError("an export saw " + e.changes + " changes, not " + 2L * prefixes);
                }
            }
        }
    }

    private static Run announce(RibPeer peer, List<Update> table) {
        Rib rib = new Rib(RibConfig.of(64512, 0xC613_0064), RibPeer.local(address("198.19.0.100"), 64512, 0xC613_0064));
        rib.addPeer(peer, ImportFilter.ACCEPT_ALL);
        List<Export> exports = List.of(new Export(), new Export(), new Export());
        exports.forEach(rib::addListener);
        long gc = gcMillis();
        long t0 = System.nanoTime();
        for (Update u : table) {
            rib.update(peer, u);
        }
        long nanos = System.nanoTime() - t0;
        return new Run(rib, exports, nanos, gcMillis() - gc);
    }

    /** The UPDATEs of a table of {@code prefixCount} prefixes (see the class comment). */
    static List<Update> table(long seed, int prefixCount) {
        if (prefixCount % 8 != 0) {
            throw new IllegalArgumentException("prefix count must be a multiple of 8: " + prefixCount);
        }
        SplittableRandom random = new SplittableRandom(seed);
        long[] words = prefixes(random, prefixCount);
        for (int i = words.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            long t = words[i];
            words[i] = words[j];
            words[j] = t;
        }
        List<Update> updates = new ArrayList<>(prefixCount / MIN_GROUP + 1);
        NextHop nextHop = NextHop.of("198.19.0.1");
        int group = 0;
        for (int from = 0; from < words.length; group++) {
            int to = Math.min(words.length, from + MIN_GROUP + random.nextInt(MAX_GROUP - MIN_GROUP + 1));
            List<PathAttribute> a = new ArrayList<>(6);
            a.add(random.nextInt(10) < 9 ? Origin.IGP : Origin.INCOMPLETE);
            long[] path = new long[2 + random.nextInt(5)];
            path[0] = PEER_AS;
            path[1] = UPSTREAMS[random.nextInt(UPSTREAMS.length)];
            for (int i = 2; i < path.length - 1; i++) {
                path[i] = 1 + random.nextInt(64_000);
            }
            path[path.length - 1] = 131_072 + group;    // the origin AS: no two sets alike
            a.add(AsPath.sequence(path));
            a.add(nextHop);
            if (random.nextInt(3) == 0) {
                a.add(new MultiExitDisc(random.nextInt(100)));
            }
            if (random.nextInt(4) == 0) {
                a.add(Communities.of(Communities.community((int) PEER_AS, random.nextInt(1000))));
            }
            PrefixList nlri = PrefixList.wrap(AfiSafi.AFI_IPV4, Arrays.copyOfRange(words, from, to), null);
            updates.add(Update.announce(PathAttributes.of(a), nlri));
            from = to;
        }
        return updates;
    }

    /** Packed prefixes: {@code count / 2} /24s and {@code count / 8} /24s cut into four /26s each. */
    private static long[] prefixes(SplittableRandom random, int count) {
        BitSet taken = new BitSet(1 << 24);
        taken.set(0, slot(1, 0, 0));                 // 0.0.0.0/8
        taken.set(slot(224, 0, 0), 1 << 24);         // multicast and reserved
        for (int[] r : RESERVED) {
            taken.set(r[0], r[0] + r[1]);
        }
        long[] words = new long[count];
        int n = 0;
        for (int i = 0; i < count / 2 + count / 8; i++) {
            int s;
            do {
                s = random.nextInt(1 << 24);
            } while (taken.get(s));
            taken.set(s);
            int address = s << 8;
            if (i < count / 2) {
                words[n++] = PrefixList.packIpv4(address, 24);
            } else {
                for (int k = 0; k < 4; k++) {
                    words[n++] = PrefixList.packIpv4(address | k << 6, 26);
                }
            }
        }
        return words;
    }

    private static int slot(int a, int b, int c) {
        return a << 16 | b << 8 | c;
    }

    /** Time spent in collections (pauses and concurrent work), as the JVM counts it. */
    private static long gcMillis() {
        long ms = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            ms += Math.max(0, gc.getCollectionTime());
        }
        return ms;
    }

    /** Used heap after full collections, once it stops shrinking. */
    private static long usedAfterGc() throws InterruptedException {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 10; i++) {
            System.gc();
            Thread.sleep(100);
            long now = memory.getHeapMemoryUsage().getUsed();
            if (i >= 2 && now >= used) {
                return now;
            }
            used = Math.min(used, now);
        }
        return used;
    }

    /** The top of {@code jcmd <pid> GC.class_histogram}, asked of this JVM through its diagnostic command bean. */
    private static String histogram(int rows) throws Exception {
        Object all = ManagementFactory.getPlatformMBeanServer().invoke(
                new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                new Object[] {null}, new String[] {String[].class.getName()});
        return all.toString().lines().limit(rows + 2).collect(Collectors.joining("\n"));
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(java.nio.file.Path.of("/proc/cpuinfo")).stream()
                    .filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).strip())
                    .findFirst().orElse("unknown CPU");
        } catch (IOException e) {
            return "unknown CPU";
        }
    }

    private static String memTotal() {
        try {
            return Files.readAllLines(java.nio.file.Path.of("/proc/meminfo")).stream()
                    .filter(l -> l.startsWith("MemTotal"))
                    .map(l -> Long.parseLong(l.replaceAll("\\D", "")) / (1 << 20) + " GiB RAM")
                    .findFirst().orElse("unknown RAM");
        } catch (IOException e) {
            return "unknown RAM";
        }
    }

    private static InetAddress address(String text) {
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(text, e);
        }
    }
}
