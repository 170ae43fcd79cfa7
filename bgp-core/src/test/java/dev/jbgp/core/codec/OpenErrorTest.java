package dev.jbgp.core.codec;

import static dev.jbgp.core.codec.DecodeAssertions.assertClean;
import static dev.jbgp.core.codec.DecodeAssertions.assertReset;
import static dev.jbgp.core.codec.DecodeAssertions.decode;
import static dev.jbgp.core.codec.WireBytes.OPEN;
import static dev.jbgp.core.codec.WireBytes.cat;
import static dev.jbgp.core.codec.WireBytes.hex;
import static dev.jbgp.core.codec.WireBytes.message;
import static dev.jbgp.core.codec.WireBytes.octets;
import static dev.jbgp.core.codec.WireBytes.u16;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jbgp.core.AfiSafi;
import dev.jbgp.core.capability.FourOctetAs;
import dev.jbgp.core.capability.Multiprotocol;
import dev.jbgp.core.capability.RouteRefreshSupport;
import dev.jbgp.core.capability.UnknownCapability;
import dev.jbgp.core.message.Open;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * RFC 4271 section 6.2, OPEN Message Error Handling, with capabilities (RFC 5492) and the
 * extended optional parameters length of RFC 9072.
 */
class OpenErrorTest {
    private static final byte[] NO_DATA = new byte[0];

    /** An OPEN body's fixed part: version, My AS 64512, the hold time, BGP Identifier. */
    private static byte[] fixed(int version, int holdTime, byte[] identifier) {
        return cat(octets(version), u16(64512), u16(holdTime), identifier);
    }

    /** An OPEN with a 1-octet Opt Parm Len worked out from {@code parameters}. */
    private static byte[] open(int version, int holdTime, byte[] identifier, byte[] parameters) {
        return message(OPEN, fixed(version, holdTime, identifier), octets(parameters.length), parameters);
    }

    private static byte[] open(byte[] parameters) {
        return open(4, 90, octets(198, 19, 0, 2), parameters);
    }

    /** A Capabilities optional parameter (type 2, RFC 5492 section 4) holding {@code capabilities}. */
    private static byte[] capabilities(byte[]... capabilities) {
        byte[] c = cat(capabilities);
        return cat(octets(2, c.length), c);
    }

    @ParameterizedTest
    @ValueSource(ints = {3, 5})
    void unsupportedVersionNamesVersionFour(int version) {
        // RFC 4271 section 6.2: 2/1, data "a 2-octet unsigned integer" giving the largest
        // supported version below the one bid, or the smallest supported one: 4 either way.
        assertReset(decode(open(version, 90, octets(198, 19, 0, 2), new byte[0])), 2, 1, u16(4));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void holdTimeOfOneOrTwoSecondsIsUnacceptable(int holdTime) {
        // RFC 4271 section 6.2: "An implementation MUST reject Hold Time values of one or two seconds" -> 2/6.
        assertReset(decode(open(4, holdTime, octets(198, 19, 0, 2), new byte[0])), 2, 6, NO_DATA);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 3, 65535})
    void holdTimeOfZeroOrThreeOrMoreIsAccepted(int holdTime) {
        assertEquals(holdTime, assertClean(decode(open(4, holdTime, octets(198, 19, 0, 2), new byte[0])), Open.class).holdTime());
    }

    @Test
    void bgpIdentifierZeroIsBad() {
        // RFC 4271 section 6.2 and RFC 6286 section 2.2: the BGP Identifier is non-zero -> 2/3.
        assertReset(decode(open(4, 90, octets(0, 0, 0, 0), new byte[0])), 2, 3, NO_DATA);
    }

    @Test
    void unknownOptionalParameterTypeIsUnsupported() {
        // RFC 4271 section 6.2: an unrecognized Optional Parameter -> 2/4. Type 1 was
        // Authentication Information, deprecated by RFC 5492.
        assertReset(decode(open(octets(1, 2, 0xAA, 0xBB))), 2, 4, NO_DATA);
    }

    @Test
    void optionalParametersLengthThatDisagreesWithTheMessageIsUnspecific() {
        // Opt Parm Len says 10 but 6 octets follow: the parameters cannot be read -> 2/0.
        byte[] params = capabilities(octets(2, 0), octets(70, 0));
        byte[] bad = message(OPEN, fixed(4, 90, octets(198, 19, 0, 2)), octets(10), params);
        assertReset(decode(bad), 2, 0, NO_DATA);
    }

    @Test
    void optionalParameterOverrunIsUnspecific() {
        // A Capabilities parameter whose Parameter Length (10) runs past the 6 octets left.
        assertReset(decode(open(octets(2, 10, 1, 4, 0, 1, 0, 1))), 2, 0, NO_DATA);
    }

    @Test
    void optionalParameterHeaderCutOffIsUnspecific() {
        assertReset(decode(open(octets(2))), 2, 0, NO_DATA);
    }

    @Test
    void capabilityOverrunningItsParameterIsUnspecific() {
        // RFC 5492 section 4: Capability Length 8 with 4 octets left in the parameter.
        assertReset(decode(open(capabilities(octets(1, 8, 0, 1, 0, 1)))), 2, 0, NO_DATA);
    }

    @Test
    void capabilityHeaderCutOffIsUnspecific() {
        assertReset(decode(open(capabilities(octets(65)))), 2, 0, NO_DATA);
    }

    static Stream<Arguments> malformedCapabilities() {
        return Stream.of(
                Arguments.of("Multiprotocol of 3 octets (RFC 4760 section 8: 4)", octets(1, 3, 0, 1, 0)),
                Arguments.of("Route Refresh with a value (RFC 2918 section 2: 0)", octets(2, 1, 0)),
                Arguments.of("Extended Next Hop of 4 octets (RFC 8950 section 3: 6 per entry)", octets(5, 4, 0, 1, 0, 1)),
                Arguments.of("Extended Message with a value (RFC 8654 section 3: 0)", octets(6, 1, 0)),
                Arguments.of("Graceful Restart of 3 octets (RFC 4724 section 3: 2 + 4 per family)", octets(64, 3, 0, 120, 0)),
                Arguments.of("4-octet AS of 2 octets (RFC 6793 section 3: 4)", octets(65, 2, 0xFC, 0)),
                Arguments.of("ADD-PATH of 5 octets (RFC 7911 section 4: 4 per family)", octets(69, 5, 0, 1, 1, 3, 0)),
                Arguments.of("Enhanced Route Refresh with a value (RFC 7313 section 3: 0)", octets(70, 1, 0)),
                Arguments.of("Long-Lived GR of 6 octets (RFC 9494 section 3: 7 per family)", octets(71, 6, 0, 1, 1, 0, 0, 0)),
                Arguments.of("FQDN whose host name overruns", octets(73, 3, 5, 'a', 'b')));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedCapabilities")
    void malformedKnownCapabilityIsUnspecific(String what, byte[] capability) {
        // RFC 4271 section 6.2: "If one of the Optional Parameters in the OPEN message is
        // recognized, but is malformed, then the Error Subcode MUST be set to 0 (Unspecific)."
        assertReset(decode(open(capabilities(capability))), 2, 0, NO_DATA);
    }

    @Test
    void unknownCapabilityIsKeptAsBytes() {
        // RFC 5492 section 5: a speaker ignores capabilities it does not understand.
        Open o = assertClean(decode(open(capabilities(octets(200, 2, 0xAB, 0xCD), octets(2, 0)))), Open.class);
        assertEquals(List.of(new UnknownCapability(200, octets(0xAB, 0xCD)), RouteRefreshSupport.INSTANCE), o.capabilities());
    }

    // RFC 9072: Non-Ext OP Len (1) | Non-Ext OP Type 255 (1) | Extended Opt. Parm. Length (2),
    // then each parameter as Type (1) | Length (2) | Value.

    @Test
    void extendedOptionalParametersLengthIsRead() {
        // RFC 9072 section 2: the extended form is legal for short parameter lists too.
        byte[] caps = cat(octets(1, 4, 0, 1, 0, 1), octets(65, 4, 0, 0, 0xFC, 0));
        byte[] params = cat(octets(2), u16(caps.length), caps);
        byte[] bytes = message(OPEN, fixed(4, 90, octets(198, 19, 0, 2)), octets(255, 255), u16(params.length), params);
        Open o = assertClean(decode(bytes), Open.class);
        assertEquals(List.of(new Multiprotocol(AfiSafi.IPV4_UNICAST), new FourOctetAs(64512)), o.capabilities());
    }

    @Test
    void extendedFormIsChosenByTheTypeOctetWhateverTheNonExtendedLength() {
        // RFC 9072 section 3: "if the one-octet 'Optional Parameters Length' field ... is non-zero,
        // a BGP speaker MUST use the value of the octet following [it] to determine" the
        // encoding; 255 there means the extended form, whatever the first octet held.
        byte[] params = cat(octets(2), u16(2), octets(2, 0));
        byte[] bytes = message(OPEN, fixed(4, 90, octets(198, 19, 0, 2)), octets(1, 255), u16(params.length), params);
        assertEquals(List.of(RouteRefreshSupport.INSTANCE), assertClean(decode(bytes), Open.class).capabilities());
    }

    @Test
    void extendedLengthCutOffIsUnspecific() {
        byte[] bytes = message(OPEN, fixed(4, 90, octets(198, 19, 0, 2)), octets(255, 255, 0));
        assertReset(decode(bytes), 2, 0, NO_DATA);
    }

    @Test
    void extendedLengthThatDisagreesWithTheMessageIsUnspecific() {
        byte[] params = cat(octets(2), u16(2), octets(2, 0));
        byte[] bytes = message(OPEN, fixed(4, 90, octets(198, 19, 0, 2)), octets(255, 255), u16(params.length + 1), params);
        assertReset(decode(bytes), 2, 0, NO_DATA);
    }

    @Test
    void extendedParameterOverrunIsUnspecific() {
        // The parameter's 2-octet length (300) runs past the 2 octets that follow.
        byte[] params = cat(octets(2), u16(300), octets(2, 0));
        byte[] bytes = message(OPEN, fixed(4, 90, octets(198, 19, 0, 2)), octets(255, 255), u16(params.length), params);
        assertReset(decode(bytes), 2, 0, NO_DATA);
    }

    @Test
    void extendedFormWithUnknownParameterTypeIsUnsupported() {
        byte[] params = cat(octets(1), u16(2), octets(0xAA, 0xBB));
        byte[] bytes = message(OPEN, fixed(4, 90, octets(198, 19, 0, 2)), octets(255, 255), u16(params.length), params);
        assertReset(decode(bytes), 2, 4, NO_DATA);
    }

    @Test
    void openWithoutParametersDecodes() {
        // RFC 4271 section 4.2: the 29-octet minimum OPEN.
        byte[] bytes = open(new byte[0]);
        assertEquals("ffffffffffffffffffffffffffffffff001d0104fc00005ac6130002" + "00", hex(bytes));
        Open o = assertClean(decode(bytes), Open.class);
        assertEquals(new Open(64512, 90, 0xC6130002, List.of()), o);
    }
}
