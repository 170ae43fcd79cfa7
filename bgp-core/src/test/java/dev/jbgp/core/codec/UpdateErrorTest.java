package dev.jbgp.core.codec;

import static dev.jbgp.core.codec.DecodeAssertions.assertClean;
import static dev.jbgp.core.codec.DecodeAssertions.assertDiscarded;
import static dev.jbgp.core.codec.DecodeAssertions.assertReset;
import static dev.jbgp.core.codec.DecodeAssertions.assertTreatAsWithdraw;
import static dev.jbgp.core.codec.DecodeAssertions.decode;
import static dev.jbgp.core.codec.WireBytes.OPTIONAL;
import static dev.jbgp.core.codec.WireBytes.OPTIONAL_TRANSITIVE;
import static dev.jbgp.core.codec.WireBytes.UPDATE;
import static dev.jbgp.core.codec.WireBytes.WELL_KNOWN;
import static dev.jbgp.core.codec.WireBytes.address;
import static dev.jbgp.core.codec.WireBytes.asPath4;
import static dev.jbgp.core.codec.WireBytes.attribute;
import static dev.jbgp.core.codec.WireBytes.attributeWithLength;
import static dev.jbgp.core.codec.WireBytes.cat;
import static dev.jbgp.core.codec.WireBytes.hex;
import static dev.jbgp.core.codec.WireBytes.mandatory;
import static dev.jbgp.core.codec.WireBytes.message;
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
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jbgp.core.AfiSafi;
import dev.jbgp.core.Prefix;
import dev.jbgp.core.PrefixList;
import dev.jbgp.core.attribute.AtomicAggregate;
import dev.jbgp.core.attribute.MultiExitDisc;
import dev.jbgp.core.attribute.Origin;
import dev.jbgp.core.attribute.UnknownAttribute;
import dev.jbgp.core.message.Update;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * The UPDATE as a whole: RFC 4271 section 6.3 as RFC 7606 sections 3 to 5 revise it. The
 * attribute-by-attribute rules of RFC 7606 section 7 are in {@link AttributeErrorTest}.
 */
class UpdateErrorTest {
    private static final byte[] NO_DATA = new byte[0];
    private static final byte[] NLRI = prefix("198.19.21.0/26");
    private static final byte[] BAD_ORIGIN = attribute(WELL_KNOWN, 1, octets(7));

    private static byte[] ipv6Reach(String prefix) {
        return mpReach(2, 1, address("fd00:198:19::2"), prefix(prefix));
    }

    @Test
    void withdrawnRoutesLengthOverrunIsMalformedAttributeList() {
        // RFC 4271 section 6.3 (kept by RFC 7606 section 3 (b)): Withdrawn Routes Length too
        // large -> 3/1, session reset.
        assertReset(decode(message(UPDATE, u16(5), u16(0))), 3, 1, NO_DATA);
    }

    @Test
    void totalAttributeLengthOverrunIsMalformedAttributeList() {
        // RFC 7606 section 3 (b): Withdrawn Routes Length + Total Attribute Length + 23 > Length -> 3/1.
        assertReset(decode(message(UPDATE, u16(0), u16(5), octets(0x40, 1, 1))), 3, 1, NO_DATA);
    }

    @Test
    void malformedWithdrawnPrefixIsInvalidNetworkField() {
        // RFC 7606 sections 3 (i) and (j): the Withdrawn Routes are checked like the NLRI and an
        // error there is a session reset; RFC 4271 section 6.3 names it Invalid Network Field.
        assertReset(decode(update(octets(33, 10, 0, 0, 0, 0), new byte[0], new byte[0])), 3, 10, NO_DATA);
        assertReset(decode(update(octets(24, 10, 0), new byte[0], new byte[0])), 3, 10, NO_DATA);
    }

    @Test
    void malformedNlriPrefixIsInvalidNetworkField() {
        // RFC 7606 section 3 (j) and 5.3: a prefix longer than 32 bits or one that overruns.
        assertReset(decode(update(mandatory(), octets(33, 10, 0, 0, 0, 0))), 3, 10, NO_DATA);
        assertReset(decode(update(mandatory(), cat(NLRI, octets(24, 10, 0)))), 3, 10, NO_DATA);
    }

    @Test
    void attributeLengthOverrunIsTreatAsWithdraw() {
        // RFC 7606 section 4: the last attribute's length runs past the Total Attribute Length;
        // the NLRI field is still found through the Total Attribute Length.
        byte[] attrs = cat(mandatory(), attributeWithLength(OPTIONAL, 4, 10, u32(0)));
        DecodeResult.TreatAsWithdraw taw = assertTreatAsWithdraw(decode(update(attrs, NLRI)), 3, 5, NO_DATA);
        assertEquals(Map.of(AfiSafi.IPV4_UNICAST, PrefixList.of(Prefix.parse("198.19.21.0/26"))), taw.withdrawals());
    }

    @Test
    void fewerThanThreeOctetsLeftForAnAttributeIsTreatAsWithdraw() {
        // RFC 7606 section 4: octets left, but fewer than an attribute header needs (3, or 4
        // with the Extended Length bit).
        assertTreatAsWithdraw(decode(update(cat(mandatory(), octets(0x80, 4)), NLRI)), 3, 1, NO_DATA);
        assertTreatAsWithdraw(decode(update(cat(mandatory(), octets(0x90, 4, 0)), NLRI)), 3, 1, NO_DATA);
    }

    @Test
    void unrecognizedWellKnownAttributeResetsWithTheAttribute() {
        // RFC 4271 section 6.3: Unrecognized Well-known Attribute, 3/2, "The Data field MUST
        // contain the unrecognized attribute (type, length, and value)." RFC 7606 keeps the reset.
        byte[] unknown = attribute(WELL_KNOWN, 99, octets(1, 2));
        assertReset(decode(update(cat(mandatory(), unknown), NLRI)), 3, 2, unknown);
    }

    @Test
    void optionalAndTransitiveBitsInConflictAreTreatAsWithdraw() {
        // RFC 7606 section 3 (c): ORIGIN marked optional, MED marked well-known, NEXT_HOP
        // marked optional transitive: each malformed, treat-as-withdraw, 3/4 with the attribute.
        byte[] origin = attribute(OPTIONAL_TRANSITIVE, 1, octets(0));
        assertTreatAsWithdraw(decode(update(cat(origin, asPath4(64512), nextHop("198.19.0.3")), NLRI)), 3, 4, origin);
        byte[] med = attribute(WELL_KNOWN, 4, u32(10));
        assertTreatAsWithdraw(decode(update(cat(mandatory(), med), NLRI)), 3, 4, med);
        byte[] nextHop = attribute(OPTIONAL_TRANSITIVE, 3, octets(198, 19, 0, 3));
        assertTreatAsWithdraw(decode(update(cat(originIgp(), asPath4(64512), nextHop), NLRI)), 3, 4, nextHop);
    }

    @Test
    void mpReachFlagsInConflictReset() {
        // RFC 7606 section 3 (c) defers to the attribute's own rule: a malformed MP_REACH_NLRI
        // is a session reset (section 7.11), 3/4 with the attribute.
        byte[] reach = ipv6Reach("fd00:198:19::/48");
        reach[0] = (byte) OPTIONAL_TRANSITIVE;
        assertReset(decode(update(cat(originIgp(), asPath4(64512), reach), new byte[0])), 3, 4, reach);
    }

    @Test
    void mpReachTwiceIsMalformedAttributeList() {
        // RFC 7606 section 3 (g): MP_REACH_NLRI or MP_UNREACH_NLRI more than once -> 3/1 reset.
        byte[] attrs = cat(originIgp(), asPath4(64512), ipv6Reach("fd00:1::/48"), ipv6Reach("fd00:2::/48"));
        assertReset(decode(update(attrs, new byte[0])), 3, 1, NO_DATA);
        byte[] unreach = mpUnreach(2, 1, prefix("fd00:1::/48"));
        assertReset(decode(update(cat(unreach, unreach), new byte[0])), 3, 1, NO_DATA);
    }

    @Test
    void otherAttributeTwiceKeepsTheFirstAndDiscardsTheRest() {
        // RFC 7606 section 3 (g): "all the occurrences of the attribute other than the first one
        // SHALL be discarded and the UPDATE message will continue to be processed."
        byte[] attrs = cat(mandatory(), attribute(OPTIONAL, 4, u32(5)), attribute(OPTIONAL, 4, u32(7)));
        Update u = assertDiscarded(decode(update(attrs, NLRI)), 3, 1, NO_DATA);
        assertEquals(new MultiExitDisc(5), u.attributes().med());
        assertEquals(1, u.nlri().size());
    }

    @ParameterizedTest(name = "type {0} missing")
    @ValueSource(ints = {1, 2, 3})
    void missingWellKnownMandatoryAttributeIsTreatAsWithdrawWithItsTypeCode(int missing) {
        // RFC 7606 section 3 (d) and RFC 4271 section 6.3: Missing Well-known Attribute, 3/3,
        // "The Data field MUST contain the Attribute Type Code of the missing, well-known attribute."
        byte[][] all = {originIgp(), asPath4(64512), nextHop("198.19.0.3")};
        byte[] attrs = new byte[0];
        for (int type = 1; type <= 3; type++) {
            attrs = type == missing ? attrs : cat(attrs, all[type - 1]);
        }
        assertTreatAsWithdraw(decode(update(attrs, NLRI)), 3, 3, octets(missing));
    }

    @Test
    void mpReachAloneNeedsNoNextHop() {
        // RFC 4760 section 3 (and RFC 7606 section 3 (d)'s note): NEXT_HOP is needed only for
        // the NLRI field.
        Update u = assertClean(decode(update(cat(originIgp(), asPath4(64512), ipv6Reach("fd00:198:19::/48")), new byte[0])),
                Update.class);
        assertNull(u.attributes().nextHop());
        assertEquals(1, u.mpReach().nlri().size());
    }

    @ParameterizedTest
    @ValueSource(strings = {"198.19.0.3", "0.0.0.0"})
    void nextHopBesideMpReachAloneIsIgnored(String address) {
        // RFC 4760 section 3: a receiver SHOULD ignore NEXT_HOP in an UPDATE whose only NLRI is in
        // MP_REACH_NLRI, so even an invalid one neither withdraws the IPv6 prefixes nor is kept.
        Update u = assertClean(decode(update(cat(originIgp(), asPath4(64512), nextHop(address),
                ipv6Reach("fd00:198:19::/48")), new byte[0])), Update.class);
        assertNull(u.attributes().nextHop());
        assertEquals(1, u.mpReach().nlri().size());
    }

    @Test
    void nextHopWithConflictingFlagsBesideMpReachAloneIsIgnored() {
        byte[] optionalNextHop = attribute(OPTIONAL_TRANSITIVE, 3, octets(198, 19, 0, 3));
        Update u = assertClean(decode(update(cat(originIgp(), asPath4(64512), optionalNextHop,
                ipv6Reach("fd00:198:19::/48")), new byte[0])), Update.class);
        assertNull(u.attributes().nextHop());
    }

    @Test
    void mpReachWithoutOriginIsTreatAsWithdraw() {
        assertTreatAsWithdraw(decode(update(cat(asPath4(64512), ipv6Reach("fd00:198:19::/48")), new byte[0])), 3, 3, octets(1));
    }

    @Test
    void withdrawalsOnlyNeedNoAttributes() {
        // RFC 4271 section 4.3: an UPDATE that only withdraws carries no path attributes.
        Update u = assertClean(decode(update(NLRI, new byte[0], new byte[0])), Update.class);
        assertEquals(1, u.withdrawn().size());
    }

    @Test
    void strongestActionWinsWhenSeveralErrorsCoexist() {
        // RFC 7606 section 3 (h): "the approach with the strongest action MUST be used".
        byte[] atomic = attribute(WELL_KNOWN, 6, octets(0));
        DecodeResult.TreatAsWithdraw taw = assertTreatAsWithdraw(
                decode(update(cat(BAD_ORIGIN, asPath4(64512), nextHop("198.19.0.3"), atomic), NLRI)), 3, 6, BAD_ORIGIN);
        assertEquals(2, taw.errors().size());
        assertTrue(taw.errors().stream().anyMatch(m -> m.action() == ErrorAction.ATTRIBUTE_DISCARD && m.data().length == 4));

        // A treat-as-withdraw error then a malformed MP_UNREACH_NLRI: the reset wins.
        byte[] badUnreach = attribute(OPTIONAL, 15, u16(2));
        assertReset(decode(update(cat(BAD_ORIGIN, asPath4(64512), nextHop("198.19.0.3"), badUnreach), NLRI)), 3, 9, badUnreach);
    }

    @Test
    void treatAsWithdrawWithdrawsEveryPrefixTheUpdateCarries() {
        // RFC 7606 section 2: the routes of the NLRI field, the Withdrawn Routes and both MP
        // attributes are all withdrawn.
        byte[] attrs = cat(mpUnreach(2, 1, prefix("fd00:1::/48")), ipv6Reach("fd00:2::/48"), BAD_ORIGIN,
                asPath4(64512), nextHop("198.19.0.3"));
        DecodeResult.TreatAsWithdraw taw = assertTreatAsWithdraw(decode(update(prefix("10.0.0.0/8"), attrs, NLRI)), 3, 6, BAD_ORIGIN);
        assertEquals(Map.of(
                AfiSafi.IPV4_UNICAST, PrefixList.of(Prefix.parse("10.0.0.0/8"), Prefix.parse("198.19.21.0/26")),
                AfiSafi.IPV6_UNICAST, PrefixList.of(Prefix.parse("fd00:1::/48"), Prefix.parse("fd00:2::/48"))),
                taw.withdrawals());
    }

    @Test
    void treatAsWithdrawErrorWithoutAnnouncedPrefixesResets() {
        // RFC 7606 section 5.2: an UPDATE with path attributes but no reachable NLRI, "if any
        // encountered error specifies an error-handling approach other than 'attribute
        // discard', then the 'session reset' approach MUST be used" - with the error's own
        // NOTIFICATION (here Invalid ORIGIN Attribute, 3/6, and the attribute).
        assertReset(decode(update(cat(BAD_ORIGIN, asPath4(64512)), new byte[0])), 3, 6, BAD_ORIGIN);
        // Withdrawn routes are not reachable NLRI.
        byte[] med = attribute(OPTIONAL, 4, octets(0, 0, 1));
        assertReset(decode(update(NLRI, med, new byte[0])), 3, 5, med);
        // Nor is an MP_UNREACH_NLRI; here the damage even hides what follows it.
        assertReset(decode(update(cat(mpUnreach(2, 1, prefix("fd00:1::/48")), octets(0x80, 4)), new byte[0])), 3, 1, NO_DATA);
    }

    @Test
    void attributeDiscardWithoutAnnouncedPrefixesDoesNotReset() {
        // RFC 7606 section 5.2 exempts "attribute discard".
        Update u = assertDiscarded(decode(update(cat(originIgp(), asPath4(64512), attribute(WELL_KNOWN, 6, octets(1))),
                new byte[0])), 3, 5, attribute(WELL_KNOWN, 6, octets(1)));
        assertEquals(Origin.IGP, u.attributes().origin());
    }

    @Test
    void unknownOptionalTransitiveAttributeIsKeptAndPassedOnWithPartialSet() {
        // RFC 4271 section 5: an unrecognized optional transitive attribute is accepted and
        // passed on with the Partial bit set.
        byte[] unknown = attribute(OPTIONAL_TRANSITIVE, 99, octets(1, 2, 3));
        Update u = assertClean(decode(update(cat(mandatory(), unknown), NLRI)), Update.class);
        assertEquals(new UnknownAttribute(0xC0, 99, octets(1, 2, 3)), u.attributes().byType(99));
        String encoded = hex(MessageEncoder.toBytes(u, CodecContext.DEFAULT));
        assertTrue(encoded.contains("e06303010203"), encoded);
        Update again = assertClean(decode(MessageEncoder.toBytes(u, CodecContext.DEFAULT)), Update.class);
        assertEquals(new UnknownAttribute(0xE0, 99, octets(1, 2, 3)), again.attributes().byType(99));
    }

    @Test
    void unknownOptionalNonTransitiveAttributeIsDropped() {
        // RFC 4271 section 5: "If an optional non-transitive attribute is unrecognized, it is
        // quietly ignored."
        Update u = assertClean(decode(update(cat(mandatory(), attribute(OPTIONAL, 99, octets(1, 2, 3))), NLRI)), Update.class);
        assertNull(u.attributes().byType(99));
        assertEquals(3, u.attributes().size());
    }

    @Test
    void extendedLengthBitOnAShortAttributeIsAccepted() {
        // RFC 4271 section 4.3: the Extended Length bit only says how the length is written.
        byte[] origin = attribute(WELL_KNOWN | WireBytes.EXTENDED_LENGTH, 1, octets(2));
        assertEquals("5001000102", hex(origin));
        Update u = assertClean(decode(update(cat(origin, asPath4(64512), nextHop("198.19.0.3")), NLRI)), Update.class);
        assertEquals(Origin.INCOMPLETE, u.attributes().origin());
    }

    @Test
    void atomicAggregateSurvivesARoundTrip() {
        Update u = assertClean(decode(update(cat(mandatory(), attribute(WELL_KNOWN, 6)), NLRI)), Update.class);
        assertEquals(AtomicAggregate.INSTANCE, u.attributes().byType(6));
    }
}
