package dev.jbgp.core.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jbgp.core.PrefixList;
import dev.jbgp.core.attribute.AttributeInterner;
import dev.jbgp.core.attribute.PathAttributes;
import dev.jbgp.core.codec.CodecContext;
import dev.jbgp.core.codec.DecodeResult;
import dev.jbgp.core.codec.MessageDecoder;
import dev.jbgp.core.codec.MessageEncoder;
import dev.jbgp.core.message.Update;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The benchmark's table, at a size a unit test can afford, is what the benchmark claims. */
class Ipv4TableTest {
    private static final CodecContext CTX = CodecContext.DEFAULT;
    private static final int PREFIXES = 40_000;
    private static final Ipv4Table TABLE = Ipv4Table.generate(CodecBenchmark.SEED, PREFIXES, CTX);

    @Test
    void prefixesAreDistinctAndHalfOfThemAreSlash26() {
        Set<Long> distinct = new HashSet<>();
        int slash26 = 0;
        for (Update u : TABLE.updates()) {
            PrefixList nlri = u.nlri();
            for (int i = 0; i < nlri.size(); i++) {
                assertTrue(distinct.add(nlri.packedIpv4(i)), () -> "duplicate prefix in " + u);
                slash26 += nlri.length(i) == 26 ? 1 : 0;
            }
        }
        assertEquals(PREFIXES, distinct.size());
        assertEquals(PREFIXES / 2, slash26);
    }

    @Test
    void eachAttributeSetCarriesOneGroupOfPrefixes() {
        Map<PathAttributes, Integer> perSet = new HashMap<>();
        for (Update u : TABLE.updates()) {
            perSet.merge(u.attributes(), u.nlri().size(), Integer::sum);
        }
        assertEquals(TABLE.attributeSets(), perSet.size());
        int last = 0; // only the final group may be short
        for (int n : perSet.values()) {
            last += n < Ipv4Table.MIN_GROUP ? 1 : 0;
            assertTrue(n <= Ipv4Table.MAX_GROUP, n + " prefixes share one set");
        }
        assertTrue(last <= 1);
    }

    @Test
    void updatesFitTheMessageLimitAndDecodeBackToThemselves() {
        MessageDecoder decoder = new MessageDecoder(CTX, AttributeInterner.none());
        for (Update u : TABLE.updates()) {
            byte[] bytes = MessageEncoder.toBytes(u, CTX);
            assertEquals(MessageEncoder.updateLength(u, CTX), bytes.length);
            assertTrue(bytes.length <= CTX.maxMessageLength());
            assertEquals(u, assertInstanceOf(DecodeResult.Decoded.class, decoder.decode(bytes)).message());
        }
    }

    @Test
    void aGroupTooLargeForOneMessageFillsEachUpdateBeforeStartingTheNext() {
        // 2,000 /26s take 10,000 octets of NLRI: three UPDATEs of at most 4096 octets.
        long[] group = new long[2_000];
        for (int i = 0; i < group.length; i++) {
            group[i] = PrefixList.packIpv4(0x0A00_0000 | i << 6, 26);
        }
        List<Update> packed = Ipv4Table.pack(TABLE.updates().getFirst().attributes(), group, CTX);
        assertEquals(3, packed.size());
        for (int i = 0; i < packed.size() - 1; i++) {
            int length = MessageEncoder.updateLength(packed.get(i), CTX);
            assertTrue(length > CTX.maxMessageLength() - 5, "UPDATE " + i + " left room: " + length + " octets");
        }
        assertEquals(group.length, packed.stream().mapToInt(u -> u.nlri().size()).sum());
    }
}
