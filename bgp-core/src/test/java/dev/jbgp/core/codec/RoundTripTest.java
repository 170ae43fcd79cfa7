package dev.jbgp.core.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.jbgp.core.AfiSafi;
import dev.jbgp.core.Prefix;
import dev.jbgp.core.PrefixList;
import dev.jbgp.core.attribute.Aggregator;
import dev.jbgp.core.attribute.AsPath;
import dev.jbgp.core.attribute.AsPath.Segment;
import dev.jbgp.core.attribute.AsPath.SegmentType;
import dev.jbgp.core.attribute.Communities;
import dev.jbgp.core.attribute.NextHop;
import dev.jbgp.core.attribute.Origin;
import dev.jbgp.core.attribute.PathAttribute;
import dev.jbgp.core.attribute.PathAttributes;
import dev.jbgp.core.attribute.UnknownAttribute;
import dev.jbgp.core.capability.Capability;
import dev.jbgp.core.capability.Multiprotocol;
import dev.jbgp.core.capability.UnknownCapability;
import dev.jbgp.core.message.BgpMessage;
import dev.jbgp.core.message.Notification;
import dev.jbgp.core.message.NotificationError;
import dev.jbgp.core.message.Open;
import dev.jbgp.core.message.Update;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.FieldSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * decode(encode(m)) equals m, and encode(decode(bytes)) equals bytes for the encoder's own
 * bytes, over thousands of seeded messages per kind and per session context. A failure names
 * the seed, the context and the bytes; {@code -Djbgp.seeds=N} runs N seeds per kind.
 */
class RoundTripTest {
    private static final int SEEDS = Integer.getInteger("jbgp.seeds", 2000);
    private static final HexFormat HEX = HexFormat.of();
    private static final CodecContext TWO_OCTET = CodecContext.DEFAULT.withFourOctetAs(false);
    private static final PrefixList NO_PREFIXES = PrefixList.empty(AfiSafi.AFI_IPV4);

    static final List<NamedContext> CONTEXTS = NamedContext.ALL;

    static Stream<Arguments> messageKinds() {
        return everyContextWith(Generators.MESSAGE_KINDS);
    }

    static Stream<Arguments> attributeKinds() {
        return everyContextWith(Generators.ATTRIBUTE_KINDS);
    }

    static Stream<Class<?>> capabilityKinds() {
        return Generators.CAPABILITY_KINDS.stream();
    }

    private static Stream<Arguments> everyContextWith(List<Class<?>> kinds) {
        return CONTEXTS.stream().flatMap(c -> kinds.stream().map(k -> Arguments.of(c, k.getSimpleName(), k)));
    }

    @ParameterizedTest(name = "{1} under {0}")
    @MethodSource("messageKinds")
    void everyMessageKindDecodesToItselfAndEncodesToTheSameBytes(NamedContext c, String name, Class<?> kind) {
        MessageDecoder decoder = new MessageDecoder(c.context());
        for (int i = 0; i < SEEDS; i++) {
            long seed = seed(name, i);
            assertRoundTrip(new Generators(seed, c.context()).message(kind), c, decoder, seed);
        }
    }

    @ParameterizedTest(name = "{1} under {0}")
    @MethodSource("attributeKinds")
    void everyAttributeKindAloneInAnUpdateDecodesToItself(NamedContext c, String name, Class<?> kind) {
        MessageDecoder decoder = new MessageDecoder(c.context());
        for (int i = 0; i < SEEDS; i++) {
            long seed = seed(name, i);
            assertRoundTrip(new Generators(seed, c.context()).minimalUpdateWith(kind), c, decoder, seed);
        }
    }

    /** OPEN is exchanged before anything is negotiated: its bytes do not depend on the context. */
    @ParameterizedTest
    @MethodSource("capabilityKinds")
    void everyCapabilityKindAloneInAnOpenDecodesToItself(Class<?> kind) {
        NamedContext c = CONTEXTS.getFirst();
        MessageDecoder decoder = new MessageDecoder(c.context());
        for (int i = 0; i < SEEDS; i++) {
            long seed = seed(kind.getSimpleName(), i);
            assertRoundTrip(new Generators(seed, c.context()).openWith(kind), c, decoder, seed);
        }
    }

    @ParameterizedTest(name = "{0}")
    @FieldSource("CONTEXTS")
    void mixedMessagesBackToBackInOneBufferDecodeInOrder(NamedContext c) {
        MessageDecoder decoder = new MessageDecoder(c.context());
        for (int i = 0; i < SEEDS / 10; i++) {
            long seed = seed("stream", i);
            Generators g = new Generators(seed, c.context());
            List<BgpMessage> sent = new ArrayList<>();
            ByteBuf stream = Unpooled.buffer();
            for (int k = g.random.nextInt(1, 8); k > 0; k--) {
                BgpMessage m = g.message();
                sent.add(m);
                MessageEncoder.encode(m, c.context(), stream);
            }
            for (BgpMessage m : sent) {
                int frame = decoder.frameLength(stream);
                int before = stream.readerIndex();
                DecodeResult r = decoder.decode(stream);
                if (!(r instanceof DecodeResult.Decoded d) || !d.message().equals(m) || stream.readerIndex() - before != frame) {
                    fail("seed " + seed + " under " + c + ": " + m + " came back as " + r + " after a frame of " + frame);
                }
            }
            assertFalse(stream.isReadable(), "seed " + seed + ": bytes left over");
        }
    }

    // ---- wire facts the property cannot see ----------------------------------------------

    @Test
    void fourOctetPathOnTwoOctetSessionTravelsAsAsTransPlusAs4PathAndMergesBack() {
        AsPath path = new AsPath(List.of(new Segment(SegmentType.AS_CONFED_SEQUENCE, new long[] {65001}),
                new Segment(SegmentType.AS_SEQUENCE, new long[] {64512, 4_200_000_001L, 65000})));
        Aggregator aggregator = new Aggregator(4_200_000_001L, 0xC613_0003); // 198.19.0.3
        Update u = Update.announce(PathAttributes.of(Origin.IGP, path, NextHop.of("198.19.0.3"), aggregator),
                PrefixList.of(Prefix.parse("198.19.21.64/26")));

        byte[] wire = MessageEncoder.toBytes(u, TWO_OCTET);
        Map<Integer, WireLayout.Attribute> attributes = byType(wire);
        // RFC 6793 section 4.2.2: AS_TRANS (0x5ba0) stands in for 4200000001 (0xfa56ea01) in AS_PATH,
        // and AS4_PATH (optional transitive) carries the true path without confederation segments.
        assertEquals("0301fde9" + "0203fc005ba0fde8", hex(attributes.get(PathAttribute.AS_PATH), wire));
        assertEquals(PathAttribute.FLAG_OPTIONAL | PathAttribute.FLAG_TRANSITIVE, attributes.get(PathAttribute.AS4_PATH).flags());
        assertEquals("0203" + "0000fc00" + "fa56ea01" + "0000fde8", hex(attributes.get(PathAttribute.AS4_PATH), wire));
        assertEquals("5ba0" + "c6130003", hex(attributes.get(PathAttribute.AGGREGATOR), wire));
        assertEquals("fa56ea01" + "c6130003", hex(attributes.get(PathAttribute.AS4_AGGREGATOR), wire));
        assertEquals(u, decodedMessage(wire, TWO_OCTET));

        // RFC 6793 section 4.1: between 4-octet speakers the path travels as it is, without AS4_*.
        byte[] wide = MessageEncoder.toBytes(u, CodecContext.DEFAULT);
        Map<Integer, WireLayout.Attribute> wideAttributes = byType(wide);
        assertEquals("0301" + "0000fde9" + "0203" + "0000fc00" + "fa56ea01" + "0000fde8",
                hex(wideAttributes.get(PathAttribute.AS_PATH), wide));
        assertFalse(wideAttributes.containsKey(PathAttribute.AS4_PATH));
        assertFalse(wideAttributes.containsKey(PathAttribute.AS4_AGGREGATOR));
        assertEquals(u, decodedMessage(wide, CodecContext.DEFAULT));
    }

    @Test
    void twoOctetPathOnTwoOctetSessionNeedsNoAs4Path() {
        Update u = Update.announce(PathAttributes.of(Origin.IGP, AsPath.sequence(64512, 65000), NextHop.of("198.19.0.3"),
                new Aggregator(64512, 0xC613_0003)), PrefixList.of(Prefix.parse("198.19.21.64/26")));
        byte[] wire = MessageEncoder.toBytes(u, TWO_OCTET);
        Map<Integer, WireLayout.Attribute> attributes = byType(wire);
        assertEquals("0202fc00fde8", hex(attributes.get(PathAttribute.AS_PATH), wire));
        assertFalse(attributes.containsKey(PathAttribute.AS4_PATH));
        assertFalse(attributes.containsKey(PathAttribute.AS4_AGGREGATOR));
        assertEquals(u, decodedMessage(wire, TWO_OCTET));
    }

    @Test
    void capabilitiesPast255OctetsUseRfc9072ExtendedOptionalParameters() {
        // 64 Multiprotocol capabilities of 2 + 4 octets: 384 octets, too many for the 1-octet length.
        List<Capability> caps = IntStream.range(0, 64).<Capability>mapToObj(i -> new Multiprotocol(new AfiSafi(i + 1, 1))).toList();
        Open open = new Open(64512, 90, 0xC613_0002, caps);
        byte[] wire = MessageEncoder.toBytes(open, CodecContext.DEFAULT);
        // RFC 9072 section 2: Non-Ext OP Len 255, Non-Ext OP Type 255, a 2-octet Extended Opt. Parm. Length,
        // then each parameter with a 2-octet length.
        assertEquals(0xFF, WireLayout.u8(wire, 28));
        assertEquals(0xFF, WireLayout.u8(wire, 29));
        assertEquals(3 + 384, WireLayout.u16(wire, 30));
        assertEquals(OpenCodec.CAPABILITIES_PARAMETER, WireLayout.u8(wire, 32));
        assertEquals(384, WireLayout.u16(wire, 33));
        assertEquals(19 + 10 + 6 + 384, wire.length);
        assertEquals(open, decodedMessage(wire, CodecContext.DEFAULT));
    }

    @ParameterizedTest(name = "capabilities of {0} octets")
    @ValueSource(ints = {2, 252, 253, 254, 255, 600})
    void optionalParametersTakeTheExtendedFormOnlyWhenTheyExceed255Octets(int capabilityOctets) {
        // Unknown capabilities of 2 + 200 octets filling capabilityOctets, then the Capabilities parameter header (2).
        List<Capability> caps = new ArrayList<>();
        for (int left = capabilityOctets; left > 0; left -= Math.min(left, 202)) {
            caps.add(new UnknownCapability(200, new byte[Math.min(left, 202) - 2]));
        }
        Open open = new Open(64512, 90, 0xC613_0002, caps);
        byte[] wire = MessageEncoder.toBytes(open, CodecContext.DEFAULT);
        boolean extended = capabilityOctets + 2 > 255;
        assertEquals(extended, WireLayout.u8(wire, 28) == 0xFF && WireLayout.u8(wire, 29) == 0xFF);
        assertEquals(extended ? 255 : capabilityOctets + 2, WireLayout.u8(wire, 28));
        assertEquals(open, decodedMessage(wire, CodecContext.DEFAULT));
    }

    @ParameterizedTest(name = "value of {0} octets")
    @ValueSource(ints = {0, 1, 254, 255, 256, 1000})
    void extendedLengthFlagIsSetExactlyWhenAnAttributeValueExceeds255Octets(int length) {
        int flags = PathAttribute.FLAG_OPTIONAL | PathAttribute.FLAG_TRANSITIVE | PathAttribute.FLAG_PARTIAL;
        Update u = new Update(NO_PREFIXES, PathAttributes.of(new UnknownAttribute(flags, 99, new byte[length])),
                NO_PREFIXES, null, null);
        byte[] wire = MessageEncoder.toBytes(u, CodecContext.DEFAULT);
        WireLayout.Attribute a = WireLayout.attributes(wire).getFirst();
        assertEquals(length > 255, a.extendedLength());
        assertEquals(length > 255 ? 4 : 3, a.valueOffset() - a.offset());
        assertEquals(length, a.length());
        assertEquals(u, decodedMessage(wire, CodecContext.DEFAULT));
    }

    @ParameterizedTest(name = "{0} communities")
    @ValueSource(ints = {63, 64})
    void communitiesPast255OctetsTakeTheExtendedLength(int count) {
        Update u = new Update(NO_PREFIXES, PathAttributes.of(Communities.of(IntStream.range(0, count).toArray())),
                NO_PREFIXES, null, null);
        byte[] wire = MessageEncoder.toBytes(u, CodecContext.DEFAULT);
        assertEquals(4 * count > 255, WireLayout.attributes(wire).getFirst().extendedLength());
        assertEquals(u, decodedMessage(wire, CodecContext.DEFAULT));
    }

    @ParameterizedTest(name = "{0}")
    @FieldSource("CONTEXTS")
    void endOfRibForIpv4IsTheEmptyUpdateAndIsRecognised(NamedContext c) {
        byte[] wire = MessageEncoder.toBytes(Update.endOfRib(AfiSafi.IPV4_UNICAST), c.context());
        // RFC 4724 section 2: an UPDATE with no withdrawn routes, no attributes and no NLRI.
        assertEquals("00000000", HEX.formatHex(wire, 19, wire.length));
        Update decoded = assertInstanceOf(Update.class, decodedMessage(wire, c.context()));
        assertEquals(Optional.of(AfiSafi.IPV4_UNICAST), decoded.endOfRib());
    }

    @ParameterizedTest(name = "{0}")
    @FieldSource("CONTEXTS")
    void endOfRibForIpv6IsAnEmptyMpUnreachAndIsRecognised(NamedContext c) {
        byte[] wire = MessageEncoder.toBytes(Update.endOfRib(AfiSafi.IPV6_UNICAST), c.context());
        // RFC 4724 section 2: only MP_UNREACH_NLRI (optional, type 15) holding AFI 2, SAFI 1 and no routes.
        assertEquals("0000" + "0006" + "800f03" + "000201", HEX.formatHex(wire, 19, wire.length));
        Update decoded = assertInstanceOf(Update.class, decodedMessage(wire, c.context()));
        assertEquals(Optional.of(AfiSafi.IPV6_UNICAST), decoded.endOfRib());
    }

    @Test
    void updateThatWithdrawsIsNotAnEndOfRib() {
        Update u = Update.withdraw(PrefixList.of(Prefix.parse("198.19.21.64/26")));
        Update decoded = assertInstanceOf(Update.class, decodedMessage(MessageEncoder.toBytes(u, CodecContext.DEFAULT),
                CodecContext.DEFAULT));
        assertEquals(Optional.empty(), decoded.endOfRib());
    }

    @Test
    void shutdownCommunicationSurvivesTheRoundTrip() {
        String text = "maintenance of node1, back at 22:00 ☕";
        Notification n = Notification.cease(NotificationError.Cease.ADMINISTRATIVE_SHUTDOWN, text);
        Notification decoded = assertInstanceOf(Notification.class,
                decodedMessage(MessageEncoder.toBytes(n, CodecContext.DEFAULT), CodecContext.DEFAULT));
        assertEquals(Optional.of(text), decoded.shutdownCommunication());
    }

    @Test
    void shutdownCommunicationLongerThan255OctetsIsCutAtACharacterBoundary() {
        String text = "日".repeat(100); // 300 octets of 3-octet characters
        Notification n = Notification.cease(NotificationError.Cease.ADMINISTRATIVE_RESET, text);
        Notification decoded = assertInstanceOf(Notification.class,
                decodedMessage(MessageEncoder.toBytes(n, CodecContext.DEFAULT), CodecContext.DEFAULT));
        // RFC 9003 section 2: at most 255 octets; 85 whole characters fill exactly 255.
        assertEquals(255, decoded.data()[0] & 0xFF);
        assertEquals(Optional.of("日".repeat(85)), decoded.shutdownCommunication());
    }

    // ---- the property ---------------------------------------------------------------------

    /**
     * The message encodes, UPDATE sizes agree with {@link MessageEncoder#updateLength}, the bytes
     * decode to an equal message with nothing discarded, that message encodes to the same bytes,
     * and an UPDATE's attributes sit in canonical order with the extended-length flag exactly on
     * values past 255 octets.
     */
    static void assertRoundTrip(BgpMessage m, NamedContext c, MessageDecoder decoder, long seed) {
        CodecContext ctx = c.context();
        byte[] bytes;
        try {
            bytes = MessageEncoder.toBytes(m, ctx);
        } catch (RuntimeException e) {
            throw new AssertionError(report(seed, c, m, null, "encoding threw " + e), e);
        }
        if (m instanceof Update u && MessageEncoder.updateLength(u, ctx) != bytes.length) {
            fail(report(seed, c, m, bytes, "updateLength says " + MessageEncoder.updateLength(u, ctx)));
        }
        DecodeResult r = decoder.decode(bytes);
        if (!(r instanceof DecodeResult.Decoded d) || !d.discarded().isEmpty() || !d.message().equals(m)) {
            fail(report(seed, c, m, bytes, "decoded as " + r));
            return;
        }
        byte[] again = MessageEncoder.toBytes(d.message(), ctx);
        if (!Arrays.equals(bytes, again)) {
            fail(report(seed, c, m, bytes, "re-encoded as " + HEX.formatHex(again)));
        }
        if (m instanceof Update) {
            String problem = canonicalAttributeProblem(bytes);
            if (problem != null) {
                fail(report(seed, c, m, bytes, problem));
            }
        }
    }

    /** MP_UNREACH_NLRI, then MP_REACH_NLRI, then the rest by type code; extended length only past 255 octets. */
    private static String canonicalAttributeProblem(byte[] update) {
        int last = -1;
        for (WireLayout.Attribute a : WireLayout.attributes(update)) {
            if (a.extendedLength() != a.length() > 255) {
                return PathAttribute.name(a.type()) + " of " + a.length() + " octets has flags 0x" + Integer.toHexString(a.flags());
            }
            int rank = switch (a.type()) {
                case PathAttribute.MP_UNREACH_NLRI -> 0;
                case PathAttribute.MP_REACH_NLRI -> 1;
                default -> 2 + a.type();
            };
            if (rank <= last) {
                return PathAttribute.name(a.type()) + " is out of canonical order";
            }
            last = rank;
        }
        return null;
    }

    static String report(long seed, NamedContext c, BgpMessage m, byte[] bytes, String what) {
        String text = "seed " + seed + " under " + c + ": " + what + "\n  message " + m
                + (bytes == null ? "" : "\n  hex " + HEX.formatHex(bytes));
        System.err.println(text);
        return text;
    }

    private static long seed(String kind, int i) {
        return (long) kind.hashCode() << 32 | i;
    }

    private static BgpMessage decodedMessage(byte[] wire, CodecContext ctx) {
        DecodeResult r = new MessageDecoder(ctx).decode(wire);
        DecodeResult.Decoded d = assertInstanceOf(DecodeResult.Decoded.class, r, () -> "decoded as " + r);
        assertTrue(d.discarded().isEmpty(), () -> "discarded " + d.discarded());
        return d.message();
    }

    private static Map<Integer, WireLayout.Attribute> byType(byte[] update) {
        return WireLayout.attributes(update).stream().collect(Collectors.toMap(WireLayout.Attribute::type, Function.identity()));
    }

    private static String hex(WireLayout.Attribute a, byte[] wire) {
        assertTrue(a != null, "attribute missing");
        return HEX.formatHex(a.value(wire));
    }
}
