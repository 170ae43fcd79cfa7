package dev.jbgp.core.codec;

import static dev.jbgp.core.codec.DecodeAssertions.assertClean;
import static dev.jbgp.core.codec.DecodeAssertions.assertDiscarded;
import static dev.jbgp.core.codec.DecodeAssertions.decode;
import static dev.jbgp.core.codec.WireBytes.OPTIONAL_TRANSITIVE;
import static dev.jbgp.core.codec.WireBytes.PARTIAL;
import static dev.jbgp.core.codec.WireBytes.WELL_KNOWN;
import static dev.jbgp.core.codec.WireBytes.asPath2;
import static dev.jbgp.core.codec.WireBytes.asSegment2;
import static dev.jbgp.core.codec.WireBytes.asSegment4;
import static dev.jbgp.core.codec.WireBytes.attribute;
import static dev.jbgp.core.codec.WireBytes.cat;
import static dev.jbgp.core.codec.WireBytes.ipv4;
import static dev.jbgp.core.codec.WireBytes.mandatory;
import static dev.jbgp.core.codec.WireBytes.nextHop;
import static dev.jbgp.core.codec.WireBytes.octets;
import static dev.jbgp.core.codec.WireBytes.originIgp;
import static dev.jbgp.core.codec.WireBytes.prefix;
import static dev.jbgp.core.codec.WireBytes.u16;
import static dev.jbgp.core.codec.WireBytes.u32;
import static dev.jbgp.core.codec.WireBytes.update;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jbgp.core.attribute.Aggregator;
import dev.jbgp.core.attribute.AsPath;
import dev.jbgp.core.message.Update;
import org.junit.jupiter.api.Test;

/**
 * AS4_PATH and AS4_AGGREGATOR (RFC 6793): ignored between 4-octet speakers, merged on a 2-octet
 * session, and discarded when malformed or stale.
 */
class As4ErrorTest {
    private static final CodecContext TWO_OCTET = CodecContext.DEFAULT.withFourOctetAs(false);
    private static final int AS_TRANS = 23456;
    private static final byte[] NLRI = prefix("198.19.21.0/26");
    private static final byte[] NO_DATA = new byte[0];

    private static byte[] as4Path(byte[]... segments) {
        return attribute(OPTIONAL_TRANSITIVE | PARTIAL, 17, segments);
    }

    private static byte[] aggregator2(int as, String address) {
        return attribute(OPTIONAL_TRANSITIVE, 7, u16(as), ipv4(address));
    }

    private static byte[] as4Aggregator(long as, String address) {
        return attribute(OPTIONAL_TRANSITIVE | PARTIAL, 18, u32(as), ipv4(address));
    }

    /** An announcement on a 2-octet session: ORIGIN, the given AS_PATH, NEXT_HOP, then {@code more}. */
    private static byte[] twoOctetAnnounce(byte[] asPath, byte[]... more) {
        return update(cat(originIgp(), asPath, nextHop("198.19.0.3"), cat(more)), NLRI);
    }

    @Test
    void as4PathOnAFourOctetSessionIsDiscarded() {
        // RFC 6793 section 3: between NEW speakers AS4_PATH and AS4_AGGREGATOR are not expected,
        // and "MUST be discarded" if received.
        byte[] bytes = update(cat(mandatory(), as4Path(asSegment4(2, 4200000001L))), NLRI);
        Update u = assertDiscarded(decode(bytes), 3, 9, NO_DATA);
        assertEquals(AsPath.sequence(64512), u.attributes().asPath());
    }

    @Test
    void as4AggregatorOnAFourOctetSessionIsDiscarded() {
        byte[] aggregator = attribute(OPTIONAL_TRANSITIVE, 7, u32(4200000001L), ipv4("198.19.0.9"));
        byte[] bytes = update(cat(mandatory(), aggregator, as4Aggregator(4200000002L, "198.19.0.8")), NLRI);
        Update u = assertDiscarded(decode(bytes), 3, 9, NO_DATA);
        assertEquals(new Aggregator(4200000001L, 0xC6130009), u.attributes().aggregator());
    }

    @Test
    void malformedAs4PathOnATwoOctetSessionIsDiscarded() {
        // RFC 6793 section 6: a malformed AS4_PATH is handled by "attribute discard"; the
        // AS_PATH stays as received, AS_TRANS included.
        byte[] as4Path = as4Path(octets(2, 0));
        Update u = assertDiscarded(decode(TWO_OCTET, twoOctetAnnounce(asPath2(64512, AS_TRANS), as4Path)), 3, 9, as4Path);
        assertEquals(AsPath.sequence(64512, AS_TRANS), u.attributes().asPath());
    }

    @Test
    void malformedAs4AggregatorOnATwoOctetSessionIsDiscarded() {
        // RFC 6793 section 6: AS4_AGGREGATOR is 8 octets; otherwise discarded.
        byte[] as4Aggregator = attribute(OPTIONAL_TRANSITIVE | PARTIAL, 18, u16(64512), ipv4("198.19.0.9"));
        Update u = assertDiscarded(decode(TWO_OCTET,
                twoOctetAnnounce(asPath2(64512), aggregator2(AS_TRANS, "198.19.0.9"), as4Aggregator)), 3, 5, as4Aggregator);
        assertEquals(new Aggregator(AS_TRANS, 0xC6130009), u.attributes().aggregator());
    }

    @Test
    void aggregatorOtherThanAsTransMakesBothAs4AttributesIgnored() {
        // RFC 6793 section 4.2.3: "if the AGGREGATOR attribute ... carries an AS number other
        // than AS_TRANS, then ... the AS4_AGGREGATOR attribute and the AS4_PATH attribute (if
        // present) MUST be ignored".
        byte[] bytes = twoOctetAnnounce(asPath2(64512, AS_TRANS), aggregator2(65001, "198.19.0.9"),
                as4Path(asSegment4(2, 4200000001L)), as4Aggregator(4200000001L, "198.19.0.9"));
        Update u = assertDiscarded(decode(TWO_OCTET, bytes), 3, 9, NO_DATA);
        assertEquals(new Aggregator(65001, 0xC6130009), u.attributes().aggregator());
        assertEquals(AsPath.sequence(64512, AS_TRANS), u.attributes().asPath());
    }

    @Test
    void aggregatorAsTransIsReplacedByAs4Aggregator() {
        // RFC 6793 section 4.2.3: with AGGREGATOR naming AS_TRANS, AS4_AGGREGATOR is the aggregator.
        byte[] bytes = twoOctetAnnounce(asPath2(64512, AS_TRANS), aggregator2(AS_TRANS, "198.19.0.9"),
                as4Path(asSegment4(2, 4200000001L)), as4Aggregator(4200000001L, "198.19.0.9"));
        Update u = assertClean(decode(TWO_OCTET, bytes), Update.class);
        assertEquals(new Aggregator(4200000001L, 0xC6130009), u.attributes().aggregator());
        assertEquals("64512 4200000001", u.attributes().asPath().toString());
    }

    @Test
    void as4PathLongerThanAsPathIsIgnored() {
        // RFC 6793 section 4.2.3: "If the number of AS numbers in the AS_PATH attribute is less
        // than the number of AS numbers in the AS4_PATH attribute, then the AS4_PATH attribute
        // SHALL be ignored, and the AS_PATH attribute SHALL be taken as the AS path information."
        byte[] bytes = twoOctetAnnounce(asPath2(64512), as4Path(asSegment4(2, 4200000001L, 4200000002L)));
        Update u = assertClean(decode(TWO_OCTET, bytes), Update.class);
        assertEquals(AsPath.sequence(64512), u.attributes().asPath());
    }

    @Test
    void leadingConfederationSegmentIsKeptInFrontOfTheMergedPath() {
        // RFC 6793 section 4.2.3: confederation segments come from AS_PATH (AS4_PATH carries
        // none) and count for nothing when the lengths are compared.
        byte[] asPath = attribute(WELL_KNOWN, 2, asSegment2(3, 65001), asSegment2(2, 64512, AS_TRANS));
        Update u = assertClean(decode(TWO_OCTET, twoOctetAnnounce(asPath, as4Path(asSegment4(2, 4200000001L)))), Update.class);
        AsPath path = u.attributes().asPath();
        assertEquals("(65001) 64512 4200000001", path.toString());
        assertEquals(2, path.pathLength());
    }
}
