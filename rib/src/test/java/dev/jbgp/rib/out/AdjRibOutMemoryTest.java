package dev.jbgp.rib.out;

import static dev.jbgp.rib.out.Lab.HOST1;
import static dev.jbgp.rib.out.Lab.IPV4;
import static dev.jbgp.rib.out.Lab.NODE1_ADDRESSES;
import static dev.jbgp.rib.out.Lab.NODE2;
import static dev.jbgp.rib.out.Lab.announce;
import static dev.jbgp.rib.out.Lab.fromExternal;
import static dev.jbgp.rib.out.Lab.slash24s;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jbgp.core.AfiSafi;
import dev.jbgp.core.Prefix;
import dev.jbgp.core.PrefixList;
import dev.jbgp.core.attribute.Communities;
import dev.jbgp.core.attribute.LocalPref;
import dev.jbgp.core.attribute.PathAttributes;
import dev.jbgp.core.codec.CodecContext;
import dev.jbgp.core.codec.MessageEncoder;
import dev.jbgp.core.message.Update;
import dev.jbgp.rib.Rib;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * An Adj-RIB-Out keeps no copy of what it sent: for a million prefixes it holds a bit each,
 * plus the prefixes pending and, while a pull is under way, the batch being sent.
 */
class AdjRibOutMemoryTest {
    private static final int PREFIXES = 1_000_000;
    private static final int SETS = 10;
    private static final int CHANGED = PREFIXES / 10;

    @Test
    void aMillionPrefixesCostAboutOneBitEachOnceSentAndAFewBytesEachWhilePending() {
        Rib rib = Lab.rib();
        List<Prefix> all = slash24s("10.0.0.0", PREFIXES);
        for (int i = 0; i < PREFIXES; i += 1000) {
            announce(rib, HOST1, set(i / 1000 % SETS), all.subList(i, i + 1000));
        }
        AdjRibOut out = Lab.adjRibOut(rib, NODE2, NODE1_ADDRESSES, ExportFilter.ACCEPT_ALL, CodecContext.DEFAULT, IPV4);
        long beforePull = out.footprint();

        List<Update> first = out.pull(1);
        long whileSending = out.footprint();
        List<Update> rest = out.pull(Integer.MAX_VALUE);
        long sent = out.footprint();

        int updates = first.size() + rest.size();
        int expected = 1;   // End-of-RIB
        for (int s = 0; s < SETS; s++) {
            int base = MessageEncoder.updateLength(Update.announce(set(s).with(new LocalPref(100)),
                    PrefixList.empty(AfiSafi.AFI_IPV4)), CodecContext.DEFAULT);
            int perUpdate = (CodecContext.MAX_MESSAGE_LENGTH - base) / 4;
            expected += (PREFIXES / SETS + perUpdate - 1) / perUpdate;
        }
        assertEquals(expected, updates);
        assertEquals(PREFIXES, first.stream().mapToInt(u -> u.nlri().size()).sum()
                + rest.stream().mapToInt(u -> u.nlri().size()).sum());
        assertEquals(PREFIXES, out.advertisedCount());

        PathAttributes changed = fromExternal(HOST1, Communities.of(Communities.NO_EXPORT));
        for (int i = 0; i < CHANGED; i += 1000) {
            announce(rib, HOST1, changed, all.subList(i, i + 1000));
        }
        long pending = out.footprint();
        List<Update> again = out.pull(Integer.MAX_VALUE);
        long settled = out.footprint();

        assertEquals(CHANGED, again.stream().mapToInt(u -> u.nlri().size()).sum());
        System.out.printf("Adj-RIB-Out of %,d prefixes: %,d bytes before the first pull, %.2f bytes/prefix while "
                + "the table is sent, %.3f once sent, %.2f with %,d pending, %.3f once they are sent; %,d UPDATEs%n",
                PREFIXES, beforePull, perPrefix(whileSending), perPrefix(sent), perPrefix(pending), CHANGED,
                perPrefix(settled), updates);
        assertTrue(beforePull < 1024, "nothing is worked out before the session pulls: " + beforePull);
        assertTrue(perPrefix(sent) < 0.2, "a bit per prefix once sent: " + perPrefix(sent));
        assertTrue(perPrefix(settled) < 0.2, "and again once the changes are sent: " + perPrefix(settled));
        assertTrue((pending - sent) / (double) CHANGED < 24, "a packed long per pending prefix: " + (pending - sent));
        assertTrue(perPrefix(whileSending) < 20, "a packed long and an identifier per prefix in the batch: "
                + perPrefix(whileSending));
    }

    private static PathAttributes set(int i) {
        return fromExternal(HOST1, Communities.of(Communities.community(65000, i)));
    }

    private static double perPrefix(long bytes) {
        return bytes / (double) PREFIXES;
    }
}
