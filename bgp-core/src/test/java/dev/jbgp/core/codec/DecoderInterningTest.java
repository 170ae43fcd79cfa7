package dev.jbgp.core.codec;

import static dev.jbgp.core.codec.WireBytes.asPath4;
import static dev.jbgp.core.codec.WireBytes.attribute;
import static dev.jbgp.core.codec.WireBytes.cat;
import static dev.jbgp.core.codec.WireBytes.nextHop;
import static dev.jbgp.core.codec.WireBytes.octets;
import static dev.jbgp.core.codec.WireBytes.originIgp;
import static dev.jbgp.core.codec.WireBytes.prefix;
import static dev.jbgp.core.codec.WireBytes.update;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.jbgp.core.attribute.AttributeInterner;
import dev.jbgp.core.attribute.PathAttributes;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The decoder interns only the attribute sets that routes will hold. */
class DecoderInterningTest {
    private final Map<PathAttributes, PathAttributes> sets = new HashMap<>();
    private int calls;
    private final AttributeInterner interner = a -> {
        calls++;
        return sets.computeIfAbsent(a, k -> k);
    };

    @Test
    void equalAttributeSetsOfTwoUpdatesAreOneInstance() {
        MessageDecoder decoder = new MessageDecoder(CodecContext.DEFAULT, interner);
        byte[] attrs = cat(originIgp(), asPath4(64512), nextHop("198.19.0.3"));
        var first = (dev.jbgp.core.message.Update) assertInstanceOf(DecodeResult.Decoded.class,
                decoder.decode(update(attrs, prefix("198.19.21.0/26")))).message();
        var second = (dev.jbgp.core.message.Update) assertInstanceOf(DecodeResult.Decoded.class,
                decoder.decode(update(attrs, prefix("198.19.21.64/26")))).message();
        assertSame(first.attributes(), second.attributes());
    }

    @Test
    void treatAsWithdrawIsNotInterned() {
        // No route keeps the attributes of an UPDATE treated as withdrawn (RFC 7606 section 2);
        // a reference-counting interner must not be charged for them.
        MessageDecoder decoder = new MessageDecoder(CodecContext.DEFAULT, interner);
        byte[] badMed = attribute(0x80, 4, octets(0, 0, 1));
        DecodeResult r = decoder.decode(update(cat(originIgp(), asPath4(64512), nextHop("198.19.0.3"), badMed),
                prefix("198.19.21.0/26")));
        assertInstanceOf(DecodeResult.TreatAsWithdraw.class, r);
        assertEquals(0, calls);
    }
}
