package dev.jbgp.core.bench;

import dev.jbgp.core.attribute.AttributeInterner;
import dev.jbgp.core.attribute.PathAttributes;
import dev.jbgp.core.codec.CodecContext;
import dev.jbgp.core.codec.DecodeResult;
import dev.jbgp.core.codec.MessageDecoder;
import dev.jbgp.core.codec.MessageEncoder;
import dev.jbgp.core.message.Update;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Decoding and encoding a full IPv4 table of {@value #PREFIXES} prefixes ({@link Ipv4Table}) on
 * one core. One operation is the whole table; {@link CodecBenchmarkMain} turns the scores into
 * prefixes per second and allocated bytes per prefix.
 *
 * <p>{@code decodeTable} reads the UPDATEs back to back from one buffer, as a session reads its
 * TCP receive stream, and interns attribute sets in a map that lives for one iteration, as the
 * RIB's interner does: what a RIB would keep is each UPDATE's packed prefixes (8 octets a
 * prefix) and one attribute set per distinct set. {@code encodeTable} writes every UPDATE into
 * one reused buffer. {@code buffer} chooses pooled direct memory (what an epoll channel reads
 * into) or pooled heap memory.
 *
 * <p>Run: {@code mvn -B -ntp -pl bgp-core -Pbench test-compile exec:exec} (see bgp-core/pom.xml).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g", "-XX:+AlwaysPreTouch",
        // JMH itself reads fields through sun.misc.Unsafe; Netty stays on its Java 25 default (no Unsafe).
        "--sun-misc-unsafe-memory-access=allow", "-Dio.netty.noUnsafe=true"})
public class CodecBenchmark {
    static final int PREFIXES = 1_000_000;
    static final long SEED = 20261121L;

    @Param({"direct", "heap"})
    public String buffer;

    private final CodecContext ctx = CodecContext.DEFAULT;
    private List<Update> updates;
    private ByteBuf stream;
    private ByteBuf out;
    private MessageDecoder decoder;

    @Setup(Level.Trial)
    public void buildTable() {
        Ipv4Table table = Ipv4Table.generate(SEED, PREFIXES, ctx);
        updates = table.updates();
        int octets = 0;
        for (Update u : updates) {
            octets += MessageEncoder.updateLength(u, ctx);
        }
        stream = allocate(octets);
        for (Update u : updates) {
            MessageEncoder.encode(u, ctx, stream);
        }
        out = allocate(octets);
        checkDecodesToTheTable();
        System.out.printf("%n%,d prefixes, %,d attribute sets, %,d UPDATEs, %,d octets%n",
                table.prefixCount(), table.attributeSets(), updates.size(), octets);
    }

    /** A fresh interner per iteration: the first pass interns every set, later ones find them. */
    @Setup(Level.Iteration)
    public void newRib() {
        Map<PathAttributes, PathAttributes> sets = new HashMap<>();
        AttributeInterner interner = a -> {
            PathAttributes known = sets.putIfAbsent(a, a);
            return known == null ? a : known;
        };
        decoder = new MessageDecoder(ctx, interner);
    }

    @TearDown(Level.Trial)
    public void release() {
        stream.release();
        out.release();
    }

    @Benchmark
    public int decodeTable(Blackhole bh) {
        ByteBuf in = stream;
        in.readerIndex(0);
        int prefixes = 0;
        while (in.isReadable()) {
            DecodeResult r = decoder.decode(in);
            if (r instanceof DecodeResult.Decoded(Update u, var discarded)) {
                prefixes += u.nlri().size();
            }
            bh.consume(r);
        }
        return prefixes;
    }

    @Benchmark
    public int encodeTable() {
        ByteBuf o = out;
        o.clear();
        for (int i = 0, n = updates.size(); i < n; i++) {
            MessageEncoder.encode(updates.get(i), ctx, o);
        }
        return o.writerIndex();
    }

    private ByteBuf allocate(int octets) {
        return buffer.equals("heap")
                ? PooledByteBufAllocator.DEFAULT.heapBuffer(octets, octets)
                : PooledByteBufAllocator.DEFAULT.directBuffer(octets, octets);
    }

    /** The benchmark measures nothing if the stream does not decode to the very table built. */
    private void checkDecodesToTheTable() {
        MessageDecoder check = new MessageDecoder(ctx, AttributeInterner.none());
        for (Update expected : updates) {
            DecodeResult r = check.decode(stream);
            if (!(r instanceof DecodeResult.Decoded d) || !d.message().equals(expected)) {
                throw new IllegalStateException("the encoded table does not decode to itself: " + r);
            }
        }
        if (stream.isReadable()) {
            throw new IllegalStateException(stream.readableBytes() + " octets left after the table");
        }
        stream.readerIndex(0);
    }
}
