package dev.jbgp.core.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jbgp.core.attribute.AsPath;
import dev.jbgp.core.attribute.PathAttribute;
import dev.jbgp.core.capability.Capability;
import dev.jbgp.core.capability.Fqdn;
import dev.jbgp.core.message.BgpMessage;
import dev.jbgp.core.message.Open;
import dev.jbgp.core.message.Update;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * Hostile bytes: random frames and mutations of real messages from {@link Generators}, each a
 * seeded try checked against {@link DecodeInvariants} (no exception, one of the three results,
 * a sendable NOTIFICATION, re-encodable output). Over 100,000 tries across the contexts; a
 * failure names the seed, the mutation and the input bytes. {@code -Djbgp.tries=N} sets the
 * tries per strategy and context.
 */
class RobustnessTest {
    private static final int TRIES = Integer.getInteger("jbgp.tries", 5000);
    /** Messages cut at every octet, per context; kept short so every cut is affordable. */
    private static final int TRUNCATED_MESSAGES = 60;
    private static final int MAX_TRUNCATED_LENGTH = 600;
    /** Mutated messages stay below some 10 kB even with extended messages: size adds time, not cases. */
    private static final int MUTATED_SCALE = 1000;

    static final List<NamedContext> CONTEXTS = NamedContext.ALL;

    @ParameterizedTest(name = "{0}")
    @FieldSource("CONTEXTS")
    void randomFramesBehindAValidMarkerNeverBreakTheDecoder(NamedContext c) {
        DecodeInvariants invariants = new DecodeInvariants(c);
        for (int i = 0; i < TRIES; i++) {
            long seed = seed("random frame", i);
            invariants.check(new RandomFrames(seed, c.context()).next(), seed, "random frame");
        }
        finish(invariants, true);
    }

    @ParameterizedTest(name = "{0}")
    @FieldSource("CONTEXTS")
    void changedLengthFieldsNeverBreakTheDecoder(NamedContext c) {
        DecodeInvariants invariants = new DecodeInvariants(c);
        for (int i = 0; i < TRIES; i++) {
            long seed = seed("length field", i);
            Generators g = new Generators(seed, c.context()).capped(MUTATED_SCALE);
            byte[] bytes = MessageEncoder.toBytes(baseMessage(g), c.context());
            List<WireLayout.Field> fields = WireLayout.lengthFields(bytes, c.context());
            WireLayout.Field f = fields.get(g.random.nextInt(fields.size()));
            int old = f.read(bytes);
            int value = switch (g.random.nextInt(6)) {
                case 0 -> 0;
                case 1 -> old + 1;
                case 2 -> old - 1;
                case 3 -> f.max();
                case 4 -> old + g.random.nextInt(-16, 17);
                default -> g.random.nextInt(f.max() + 1);
            };
            f.write(bytes, value & f.max());
            invariants.check(bytes, seed, f.name() + " " + old + " -> " + (value & f.max()));
        }
        finish(invariants, true);
    }

    @ParameterizedTest(name = "{0}")
    @FieldSource("CONTEXTS")
    void flippedAttributeFlagsNeverBreakTheDecoder(NamedContext c) {
        DecodeInvariants invariants = new DecodeInvariants(c);
        for (int i = 0; i < TRIES; i++) {
            long seed = seed("attribute flags", i);
            Generators g = new Generators(seed, c.context()).capped(MUTATED_SCALE);
            byte[] bytes;
            List<Integer> flags;
            do {
                bytes = MessageEncoder.toBytes(g.update(), c.context());
                flags = WireLayout.attributeFlags(bytes);
            } while (flags.isEmpty());
            StringBuilder how = new StringBuilder("flags");
            for (int k = g.random.nextInt(4) == 0 ? 2 : 1; k > 0; k--) {
                int at = flags.get(g.random.nextInt(flags.size()));
                // Mostly the four defined bits (Optional, Transitive, Partial, Extended Length), sometimes the unused ones.
                int bit = g.random.nextInt(5) == 0 ? 1 << g.random.nextInt(4) : 0x10 << g.random.nextInt(4);
                bytes[at] ^= (byte) bit;
                how.append(" @").append(at).append("^0x").append(Integer.toHexString(bit));
            }
            invariants.check(bytes, seed, how.toString());
        }
        finish(invariants, true);
    }

    @ParameterizedTest(name = "{0}")
    @FieldSource("CONTEXTS")
    void insertedAndDeletedOctetsNeverBreakTheDecoder(NamedContext c) {
        DecodeInvariants invariants = new DecodeInvariants(c);
        for (int i = 0; i < TRIES; i++) {
            long seed = seed("insert delete", i);
            Generators g = new Generators(seed, c.context()).capped(MUTATED_SCALE);
            byte[] bytes = MessageEncoder.toBytes(baseMessage(g), c.context());
            SplittableRandom r = g.random;
            int at = r.nextInt(4) == 0 ? r.nextInt(bytes.length + 1) : r.nextInt(MessageDecoder.HEADER_LENGTH, bytes.length + 1);
            int count = r.nextInt(1, 5);
            byte[] mutated;
            String how;
            if (r.nextBoolean()) {
                mutated = new byte[bytes.length + count];
                System.arraycopy(bytes, 0, mutated, 0, at);
                for (int k = 0; k < count; k++) {
                    mutated[at + k] = (byte) r.nextInt(256);
                }
                System.arraycopy(bytes, at, mutated, at + count, bytes.length - at);
                how = "inserted " + count + " at " + at;
            } else {
                count = Math.min(count, bytes.length - at);
                mutated = new byte[bytes.length - count];
                System.arraycopy(bytes, 0, mutated, 0, at);
                System.arraycopy(bytes, at + count, mutated, at, bytes.length - at - count);
                how = "deleted " + count + " at " + at;
            }
            // Mostly keep the header honest so the change reaches the body decoder.
            if (r.nextInt(4) != 0 && at >= MessageDecoder.HEADER_LENGTH) {
                new WireLayout.Field("message length", 16, 2).write(mutated, mutated.length);
                how += ", length patched";
            }
            invariants.check(mutated, seed, how);
        }
        finish(invariants, true);
    }

    @ParameterizedTest(name = "{0}")
    @FieldSource("CONTEXTS")
    void messagesCutAtEveryOctetNeverBreakTheDecoder(NamedContext c) {
        DecodeInvariants invariants = new DecodeInvariants(c);
        int messages = 0;
        for (int i = 0; messages < TRUNCATED_MESSAGES; i++) {
            long seed = seed("truncation", i);
            byte[] bytes = MessageEncoder.toBytes(baseMessage(new Generators(seed, c.context()).capped(MUTATED_SCALE)), c.context());
            if (bytes.length > MAX_TRUNCATED_LENGTH) {
                continue;
            }
            messages++;
            for (int cut = 0; cut < bytes.length; cut++) {
                byte[] head = Arrays.copyOf(bytes, cut);
                invariants.check(head, seed, "cut at " + cut);
                if (cut >= MessageDecoder.HEADER_LENGTH) {
                    // The same cut with a Length field that agrees, so the body decoders see the short body.
                    new WireLayout.Field("message length", 16, 2).write(head, cut);
                    invariants.check(head, seed, "cut at " + cut + ", length patched");
                }
            }
        }
        finish(invariants, false);
    }

    @Test
    void pathRebuiltFromAs4PathOnATwoOctetSessionCanOutgrowTheMessageItCameIn() {
        CodecContext twoOctet = CodecContext.DEFAULT.withFourOctetAs(false);
        // Built per RFC 6793 section 4.2.3: AS_PATH holds three AS_TRANS, AS4_PATH three AS_SETs of 255
        // 4-octet numbers. Each set counts as one, so the path lengths agree and AS4_PATH replaces AS_PATH.
        ByteBuf attributes = Unpooled.buffer();
        attributes.writeBytes(new byte[] {0x40, 1, 1, 0}); // ORIGIN IGP
        attributes.writeBytes(new byte[] {0x40, 2, 8, 2, 3, 0x5b, (byte) 0xa0, 0x5b, (byte) 0xa0, 0x5b, (byte) 0xa0});
        attributes.writeBytes(new byte[] {0x40, 3, 4, (byte) 198, 19, 0, 3}); // NEXT_HOP 198.19.0.3
        attributes.writeByte(0xD0).writeByte(PathAttribute.AS4_PATH).writeShort(3 * (2 + 4 * 255));
        for (int set = 0; set < 3; set++) {
            attributes.writeByte(AsPath.SegmentType.AS_SET.code()).writeByte(255);
            for (int k = 0; k < 255; k++) {
                attributes.writeInt(65_536 + 255 * set + k);
            }
        }
        ByteBuf message = Unpooled.buffer();
        message.writeBytes(new byte[16]).writeShort(0).writeByte(2).writeShort(0);
        message.writeShort(attributes.readableBytes()).writeBytes(attributes);
        message.writeBytes(new byte[] {26, (byte) 198, 19, 21, 64}); // NLRI 198.19.21.64/26
        for (int i = 0; i < 16; i++) {
            message.setByte(i, 0xFF);
        }
        message.setShort(16, message.readableBytes());
        assertTrue(message.readableBytes() <= CodecContext.MAX_MESSAGE_LENGTH);

        DecodeResult r = new MessageDecoder(twoOctet).decode(message);
        Update u = (Update) assertInstanceOf(DecodeResult.Decoded.class, r, () -> "decoded as " + r).message();
        assertEquals(3 * 255, u.attributes().asPath().segments().stream().mapToInt(AsPath.Segment::size).sum());
        // Written back, AS_PATH takes 2 octets per number and AS4_PATH 4 more: past 4096.
        int length = MessageEncoder.updateLength(u, twoOctet);
        assertTrue(length > CodecContext.MAX_MESSAGE_LENGTH, "re-encoded length " + length);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MessageEncoder.toBytes(u, twoOctet));
        assertEquals("UPDATE of " + length + " octets exceeds 4096", e.getMessage());
    }

    @Test
    void fqdnNameThatIsNotUtf8DecodesLossilyAndMayNotFitWhenWrittenBack() {
        // An OPEN with only the FQDN capability (code 73): a hostname of 120 octets 0xff, no domain.
        ByteBuf message = Unpooled.buffer();
        message.writeBytes(new byte[16]).writeShort(0).writeByte(1);
        message.writeByte(4).writeShort(64512).writeShort(90).writeInt(0xC613_0002);
        message.writeByte(2 + 2 + 122).writeByte(OpenCodec.CAPABILITIES_PARAMETER).writeByte(2 + 122);
        message.writeByte(Capability.FQDN).writeByte(122).writeByte(120);
        for (int i = 0; i < 120; i++) {
            message.writeByte(0xFF);
        }
        message.writeByte(0);
        for (int i = 0; i < 16; i++) {
            message.setByte(i, 0xFF);
        }
        message.setShort(16, message.readableBytes());

        DecodeResult r = new MessageDecoder(CodecContext.DEFAULT).decode(message);
        Open open = (Open) assertInstanceOf(DecodeResult.Decoded.class, r, () -> "decoded as " + r).message();
        Fqdn fqdn = open.capability(Fqdn.class).orElseThrow();
        assertEquals("\uFFFD".repeat(120), fqdn.hostname());
        // Each U+FFFD takes three octets in UTF-8: 2 + 360 octets cannot be a capability value.
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MessageEncoder.toBytes(open, CodecContext.DEFAULT));
        assertEquals("capability 73 value of 362 octets exceeds 255", e.getMessage());
    }

    /** Mostly UPDATEs and OPENs, where the length fields are; now and then any message. */
    private static BgpMessage baseMessage(Generators g) {
        return switch (g.random.nextInt(10)) {
            case 0, 1, 2, 3, 4, 5 -> g.message(Update.class);
            case 6, 7, 8 -> g.message(Open.class);
            default -> g.message();
        };
    }

    /** Each strategy must reach past the header: some tries decode, some reset. */
    private static void finish(DecodeInvariants invariants, boolean expectTreatAsWithdraw) {
        System.out.println(invariants.summary());
        assertTrue(invariants.decoded > 0 && invariants.reset > 0, invariants.summary());
        if (expectTreatAsWithdraw) {
            assertTrue(invariants.treatAsWithdraw > 0, invariants.summary());
        }
    }

    private static long seed(String strategy, int i) {
        return (long) strategy.hashCode() << 32 | i;
    }
}
