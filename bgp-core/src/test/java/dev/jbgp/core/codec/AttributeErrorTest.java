package dev.jbgp.core.codec;

import static dev.jbgp.core.codec.DecodeAssertions.assertDiscarded;
import static dev.jbgp.core.codec.DecodeAssertions.assertReset;
import static dev.jbgp.core.codec.DecodeAssertions.assertTreatAsWithdraw;
import static dev.jbgp.core.codec.DecodeAssertions.decode;
import static dev.jbgp.core.codec.WireBytes.OPTIONAL;
import static dev.jbgp.core.codec.WireBytes.OPTIONAL_TRANSITIVE;
import static dev.jbgp.core.codec.WireBytes.WELL_KNOWN;
import static dev.jbgp.core.codec.WireBytes.address;
import static dev.jbgp.core.codec.WireBytes.asPath2;
import static dev.jbgp.core.codec.WireBytes.asPath4;
import static dev.jbgp.core.codec.WireBytes.asSegment4;
import static dev.jbgp.core.codec.WireBytes.attribute;
import static dev.jbgp.core.codec.WireBytes.cat;
import static dev.jbgp.core.codec.WireBytes.ipv4;
import static dev.jbgp.core.codec.WireBytes.mandatory;
import static dev.jbgp.core.codec.WireBytes.mpReach;
import static dev.jbgp.core.codec.WireBytes.mpUnreach;
import static dev.jbgp.core.codec.WireBytes.nextHop;
import static dev.jbgp.core.codec.WireBytes.octets;
import static dev.jbgp.core.codec.WireBytes.originIgp;
import static dev.jbgp.core.codec.WireBytes.prefix;
import static dev.jbgp.core.codec.WireBytes.u16;
import static dev.jbgp.core.codec.WireBytes.u32;
import static dev.jbgp.core.codec.WireBytes.update;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.jbgp.core.AfiSafi;
import dev.jbgp.core.Prefix;
import dev.jbgp.core.PrefixList;
import dev.jbgp.core.message.Update;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * One test per attribute rule of RFC 7606 section 7 (and RFC 8092 section 6 for large
 * communities): the action and the NOTIFICATION the error maps to, data the whole attribute.
 */
class AttributeErrorTest {
    private static final CodecContext TWO_OCTET = CodecContext.DEFAULT.withFourOctetAs(false);
    private static final byte[] NLRI = prefix("198.19.21.0/26");
    private static final byte[] ORIGIN_AS_PATH = cat(originIgp(), asPath4(64512));

    /** An announcement of 198.19.21.0/26 with the mandatory attributes and {@code extra}. */
    private static byte[] announce(byte[] extra) {
        return update(cat(mandatory(), extra), NLRI);
    }

    /** The same with {@code replacement} in place of the named mandatory attribute. */
    private static byte[] announceWith(int type, byte[] replacement) {
        return update(switch (type) {
            case 1 -> cat(replacement, asPath4(64512), nextHop("198.19.0.3"));
            case 2 -> cat(originIgp(), replacement, nextHop("198.19.0.3"));
            default -> cat(ORIGIN_AS_PATH, replacement);
        }, NLRI);
    }

    private static void assertWithdrawsTheNlri(DecodeResult.TreatAsWithdraw taw) {
        assertEquals(Map.of(AfiSafi.IPV4_UNICAST, PrefixList.of(Prefix.parse("198.19.21.0/26"))), taw.withdrawals());
    }

    // RFC 7606 section 7.1: ORIGIN malformed if its length is not 1 or its value undefined.

    @Test
    void originOfTwoOctetsIsTreatAsWithdraw() {
        byte[] origin = attribute(WELL_KNOWN, 1, octets(0, 0));
        assertWithdrawsTheNlri(assertTreatAsWithdraw(decode(announceWith(1, origin)), 3, 5, origin));
    }

    @Test
    void originOfUndefinedValueIsTreatAsWithdraw() {
        // RFC 4271 section 6.3: Invalid ORIGIN Attribute, 3/6.
        byte[] origin = attribute(WELL_KNOWN, 1, octets(3));
        assertTreatAsWithdraw(decode(announceWith(1, origin)), 3, 6, origin);
    }

    // RFC 7606 section 7.2: AS_PATH malformed on an unrecognized segment type, an overrun, a
    // lone octet after the last segment, or a zero-length segment; treat-as-withdraw, 3/11.

    @Test
    void asPathWithUnknownSegmentTypeIsTreatAsWithdraw() {
        byte[] path = attribute(WELL_KNOWN, 2, asSegment4(5, 64512));
        assertTreatAsWithdraw(decode(announceWith(2, path)), 3, 11, path);
    }

    @Test
    void asPathSegmentOverrunIsTreatAsWithdraw() {
        // An AS_SEQUENCE that says 3 AS numbers in an attribute holding 2.
        byte[] path = attribute(WELL_KNOWN, 2, octets(2, 3), u32(64512), u32(64513));
        assertTreatAsWithdraw(decode(announceWith(2, path)), 3, 11, path);
    }

    @Test
    void asPathSegmentOverrunOnATwoOctetSessionIsTreatAsWithdraw() {
        // 2-octet AS numbers: one AS_SEQUENCE of 2 with 3 octets of numbers.
        byte[] path = attribute(WELL_KNOWN, 2, octets(2, 2, 0xFC, 0x00, 0xFC));
        byte[] bytes = update(cat(originIgp(), path, nextHop("198.19.0.3")), NLRI);
        assertTreatAsWithdraw(decode(TWO_OCTET, bytes), 3, 11, path);
    }

    @Test
    void asPathWithALoneTrailingOctetIsTreatAsWithdraw() {
        byte[] path = attribute(WELL_KNOWN, 2, asSegment4(2, 64512), octets(2));
        assertTreatAsWithdraw(decode(announceWith(2, path)), 3, 11, path);
    }

    @Test
    void asPathWithAnEmptySegmentIsTreatAsWithdraw() {
        byte[] path = attribute(WELL_KNOWN, 2, octets(2, 0));
        assertTreatAsWithdraw(decode(announceWith(2, path)), 3, 11, path);
    }

    // RFC 7606 section 7.3: NEXT_HOP malformed if its length is not 4; RFC 4271 section 6.3:
    // one that is not a valid host address is an Invalid NEXT_HOP Attribute (3/8).

    @Test
    void nextHopOfFiveOctetsIsTreatAsWithdraw() {
        byte[] nh = attribute(WELL_KNOWN, 3, octets(198, 19, 0, 3, 0));
        assertTreatAsWithdraw(decode(announceWith(3, nh)), 3, 5, nh);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.0.0.0", "224.0.0.5", "239.255.255.255", "255.255.255.255"})
    void nextHopThatIsNoHostAddressIsTreatAsWithdraw(String address) {
        byte[] nh = attribute(WELL_KNOWN, 3, ipv4(address));
        assertTreatAsWithdraw(decode(announceWith(3, nh)), 3, 8, nh);
    }

    // RFC 7606 sections 7.4 and 7.5: MULTI_EXIT_DISC and LOCAL_PREF malformed if not 4 octets.

    @Test
    void multiExitDiscOfThreeOctetsIsTreatAsWithdraw() {
        byte[] med = attribute(OPTIONAL, 4, octets(0, 0, 1));
        assertTreatAsWithdraw(decode(announce(med)), 3, 5, med);
    }

    @Test
    void localPrefOfFiveOctetsIsTreatAsWithdraw() {
        byte[] localPref = attribute(WELL_KNOWN, 5, octets(0, 0, 0, 100, 0));
        assertTreatAsWithdraw(decode(announce(localPref)), 3, 5, localPref);
    }

    // RFC 7606 sections 7.6 and 7.7: ATOMIC_AGGREGATE and AGGREGATOR are discarded.

    @Test
    void atomicAggregateWithAValueIsDiscarded() {
        byte[] atomic = attribute(WELL_KNOWN, 6, octets(1));
        Update u = assertDiscarded(decode(announce(atomic)), 3, 5, atomic);
        assertNull(u.attributes().byType(6));
        assertEquals(3, u.attributes().size());
        assertEquals(1, u.nlri().size());
    }

    @Test
    void aggregatorOfSixOctetsOnAFourOctetSessionIsDiscarded() {
        // "its length is not ... 8 (when the 4-octet AS number capability is both advertised
        // to and received from the peer)".
        byte[] aggregator = attribute(OPTIONAL_TRANSITIVE, 7, u16(64512), ipv4("198.19.0.3"));
        Update u = assertDiscarded(decode(announce(aggregator)), 3, 5, aggregator);
        assertNull(u.attributes().aggregator());
    }

    @Test
    void aggregatorMarkedWellKnownIsDiscardedNotWithdrawn() {
        // RFC 7606 section 3 (c): flags in conflict make the attribute malformed; a malformed
        // AGGREGATOR is handled by attribute discard (section 7.7), so the route stays.
        byte[] aggregator = attribute(WELL_KNOWN, 7, u32(64512), ipv4("198.19.0.3"));
        Update u = assertDiscarded(decode(announce(aggregator)), 3, 4, aggregator);
        assertNull(u.attributes().aggregator());
        assertEquals(1, u.nlri().size());
    }

    @Test
    void aggregatorOfEightOctetsOnATwoOctetSessionIsDiscarded() {
        // "its length is not 6 (when the 4-octet AS number capability is not advertised to, or
        // not received from the peer)".
        byte[] aggregator = attribute(OPTIONAL_TRANSITIVE, 7, u32(64512), ipv4("198.19.0.3"));
        byte[] bytes = update(cat(originIgp(), asPath2(64512), nextHop("198.19.0.3"), aggregator), NLRI);
        Update u = assertDiscarded(decode(TWO_OCTET, bytes), 3, 5, aggregator);
        assertNull(u.attributes().aggregator());
    }

    // RFC 7606 section 7.8, 7.14 and RFC 8092 section 6: the community attributes are
    // malformed when empty or not a multiple of their element size; treat-as-withdraw.

    @ParameterizedTest
    @ValueSource(ints = {0, 5})
    void communitiesOfBadLengthAreTreatAsWithdraw(int length) {
        byte[] communities = attribute(OPTIONAL_TRANSITIVE, 8, new byte[length]);
        assertTreatAsWithdraw(decode(announce(communities)), 3, 9, communities);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 12})
    void extendedCommunitiesOfBadLengthAreTreatAsWithdraw(int length) {
        byte[] communities = attribute(OPTIONAL_TRANSITIVE, 16, new byte[length]);
        assertTreatAsWithdraw(decode(announce(communities)), 3, 9, communities);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 16})
    void largeCommunitiesOfBadLengthAreTreatAsWithdraw(int length) {
        byte[] communities = attribute(OPTIONAL_TRANSITIVE, 32, new byte[length]);
        assertTreatAsWithdraw(decode(announce(communities)), 3, 9, communities);
    }

    // RFC 7606 sections 7.9 and 7.10 (from an internal peer; a session discards them from an
    // external one): ORIGINATOR_ID of 4 octets, CLUSTER_LIST a non-zero multiple of 4.

    @Test
    void originatorIdOfFiveOctetsIsTreatAsWithdraw() {
        byte[] originatorId = attribute(OPTIONAL, 9, octets(198, 19, 0, 1, 0));
        assertTreatAsWithdraw(decode(announce(originatorId)), 3, 5, originatorId);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 6})
    void clusterListOfBadLengthIsTreatAsWithdraw(int length) {
        byte[] clusterList = attribute(OPTIONAL, 10, new byte[length]);
        assertTreatAsWithdraw(decode(announce(clusterList)), 3, 5, clusterList);
    }

    // RFC 7606 section 7.11 and RFC 4760 section 7: a malformed MP_REACH_NLRI is a session
    // reset with Optional Attribute Error, 3/9, data the attribute.

    @ParameterizedTest
    @ValueSource(ints = {4, 5, 24})
    void mpReachWithANextHopLengthIpv6DoesNotAllowResets(int nextHopLength) {
        // RFC 2545 section 3: an IPv6 next hop is 16 octets, or 32 with the link-local address.
        byte[] reach = mpReach(2, 1, new byte[nextHopLength], prefix("fd00:198:19::/48"));
        assertReset(decode(update(cat(ORIGIN_AS_PATH, reach), new byte[0])), 3, 9, reach);
    }

    @Test
    void mpReachWhoseNextHopOverrunsResets() {
        // Next hop length 32 with 17 octets after it.
        byte[] reach = attribute(OPTIONAL, 14, u16(2), octets(1, 32), address("fd00::2"), octets(0));
        assertReset(decode(update(cat(ORIGIN_AS_PATH, reach), new byte[0])), 3, 9, reach);
    }

    @Test
    void mpReachShorterThanItsFixedFieldsResets() {
        byte[] reach = attribute(OPTIONAL, 14, u16(2), octets(1, 16));
        assertReset(decode(update(cat(ORIGIN_AS_PATH, reach), new byte[0])), 3, 9, reach);
    }

    @Test
    void mpReachWithMalformedNlriResets() {
        // RFC 7606 section 7.11: "the length of the NLRI ... is inconsistent"; a 129-bit prefix,
        // then a prefix that overruns.
        byte[] tooLong = mpReach(2, 1, address("fd00::2"), octets(129), new byte[17]);
        assertReset(decode(update(cat(ORIGIN_AS_PATH, tooLong), new byte[0])), 3, 9, tooLong);
        byte[] overrun = mpReach(2, 1, address("fd00::2"), octets(64, 0xFD, 0));
        assertReset(decode(update(cat(ORIGIN_AS_PATH, overrun), new byte[0])), 3, 9, overrun);
    }

    @Test
    void mpReachForAFamilyThatIsNoIpFamilyIsDiscarded() {
        // RFC 4760 section 7: NLRI of a family the speaker did not negotiate (L2VPN EVPN, 25/70)
        // is ignored; the UPDATE goes on without it.
        byte[] reach = mpReach(25, 70, address("198.19.0.3"), octets(1, 2, 3));
        Update u = assertDiscarded(decode(update(cat(ORIGIN_AS_PATH, reach), new byte[0])), 3, 9, reach);
        assertNull(u.mpReach());
    }

    // RFC 7606 section 7.12: a malformed MP_UNREACH_NLRI is a session reset.

    @Test
    void mpUnreachShorterThanAfiAndSafiResets() {
        byte[] unreach = attribute(OPTIONAL, 15, u16(2));
        assertReset(decode(update(unreach, new byte[0])), 3, 9, unreach);
    }

    @Test
    void mpUnreachWithMalformedWithdrawnRoutesResets() {
        byte[] tooLong = mpUnreach(2, 1, octets(129), new byte[17]);
        assertReset(decode(update(tooLong, new byte[0])), 3, 9, tooLong);
        byte[] overrun = mpUnreach(2, 1, octets(48, 0xFD, 0));
        assertReset(decode(update(overrun, new byte[0])), 3, 9, overrun);
    }
}
