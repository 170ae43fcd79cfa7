package dev.jbgp.core.codec;

import dev.jbgp.core.AfiSafi;
import dev.jbgp.core.attribute.PathAttribute;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.util.SplittableRandom;

/**
 * Random messages behind a valid marker: random length and type, and a body that is either
 * noise or noise in the shape of an OPEN or UPDATE (plausible fixed fields, TLVs with the
 * codes and flags the decoder knows, lengths that are right or nearly right), so the bytes get
 * past the first checks and reach the capability and attribute decoders.
 */
final class RandomFrames {
    private static final int[] ATTRIBUTE_TYPES = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 14, 15, 16, 17, 18, 32};
    private static final int[] CAPABILITY_CODES = {1, 2, 5, 6, 64, 65, 69, 70, 71, 73};
    private static final int[] NEXT_HOP_LENGTHS = {0, 4, 16, 32, 12, 24};

    private final SplittableRandom r;
    private final CodecContext ctx;

    RandomFrames(long seed, CodecContext ctx) {
        this.r = new SplittableRandom(seed);
        this.ctx = ctx;
    }

    byte[] next() {
        int type = r.nextInt(8) == 0 ? r.nextInt(256) : r.nextInt(1, 6);
        ByteBuf body = Unpooled.buffer();
        switch (r.nextInt(3) == 0 ? 0 : type) {
            case 1 -> openBody(body);
            case 2 -> updateBody(body);
            default -> body.writeBytes(noise(switch (r.nextInt(8)) {
                case 0 -> 0;
                case 1 -> r.nextInt(4096);
                default -> r.nextInt(40);
            }));
        }
        int length = MessageDecoder.HEADER_LENGTH + body.readableBytes();
        ByteBuf m = Unpooled.buffer(length);
        for (int i = 0; i < MessageDecoder.MARKER_LENGTH; i++) {
            m.writeByte(0xFF);
        }
        m.writeShort(r.nextInt(4) == 0 ? r.nextInt(0x10000) : length).writeByte(type).writeBytes(body);
        return ByteBufUtil.getBytes(m);
    }

    private void openBody(ByteBuf b) {
        b.writeByte(r.nextInt(8) == 0 ? r.nextInt(256) : 4);
        b.writeShort(r.nextInt(0x10000));
        b.writeShort(r.nextInt(6) == 0 ? r.nextInt(4) : r.nextInt(0x10000));
        b.writeInt(r.nextInt(8) == 0 ? 0 : r.nextInt());
        ByteBuf caps = Unpooled.buffer();
        for (int i = r.nextInt(12); i > 0; i--) {
            int code = r.nextInt(4) == 0 ? r.nextInt(256) : CAPABILITY_CODES[r.nextInt(CAPABILITY_CODES.length)];
            byte[] value = noise(r.nextInt(3) == 0 ? r.nextInt(256) : r.nextInt(12));
            caps.writeByte(code).writeByte(r.nextInt(6) == 0 ? r.nextInt(256) : value.length).writeBytes(value);
        }
        int n = caps.readableBytes();
        boolean extended = n + 2 > 255 || r.nextInt(6) == 0;
        int parameterType = r.nextInt(8) == 0 ? r.nextInt(256) : OpenCodec.CAPABILITIES_PARAMETER;
        if (extended) {
            b.writeByte(255).writeByte(255).writeShort(n + 3).writeByte(parameterType).writeShort(n);
        } else {
            b.writeByte(n + 2).writeByte(parameterType).writeByte(n);
        }
        b.writeBytes(caps);
    }

    private void updateBody(ByteBuf b) {
        byte[] withdrawn = r.nextBoolean() ? new byte[0] : prefixes(AfiSafi.IPV4_UNICAST);
        b.writeShort(withdrawn.length).writeBytes(withdrawn);
        int totalAt = b.writerIndex();
        b.writeShort(0);
        for (int i = r.nextInt(8); i > 0; i--) {
            int type = r.nextInt(5) == 0 ? r.nextInt(256) : ATTRIBUTE_TYPES[r.nextInt(ATTRIBUTE_TYPES.length)];
            AttributeCodec codec = AttributeCodec.forType(type);
            int flags = codec == null || r.nextInt(8) == 0 ? r.nextInt(256) & 0xF0 : codec.flags();
            byte[] value = value(type);
            boolean extended = value.length > 255 || r.nextInt(8) == 0;
            b.writeByte(extended ? flags | PathAttribute.FLAG_EXTENDED_LENGTH : flags & ~PathAttribute.FLAG_EXTENDED_LENGTH);
            b.writeByte(type);
            int length = r.nextInt(10) == 0 ? value.length + r.nextInt(-2, 3) : value.length;
            if (extended) {
                b.writeShort(length);
            } else {
                b.writeByte(length);
            }
            b.writeBytes(value);
        }
        b.setShort(totalAt, b.writerIndex() - totalAt - 2 + (r.nextInt(10) == 0 ? r.nextInt(-2, 3) : 0));
        if (r.nextBoolean()) {
            b.writeBytes(prefixes(AfiSafi.IPV4_UNICAST));
        }
    }

    /** A value the size and shape the type expects, or close to it. */
    private byte[] value(int type) {
        ByteBuf v = Unpooled.buffer();
        switch (type) {
            case PathAttribute.ORIGIN -> v.writeByte(r.nextInt(4));
            case PathAttribute.AS_PATH, PathAttribute.AS4_PATH -> {
                int width = r.nextBoolean() ? 4 : 2;
                for (int s = r.nextInt(4); s > 0; s--) {
                    int count = r.nextInt(6) == 0 ? r.nextInt(256) : r.nextInt(1, 5);
                    v.writeByte(r.nextInt(6)).writeByte(count);
                    v.writeBytes(noise(Math.min(count, 6) * width));
                }
            }
            case PathAttribute.NEXT_HOP, PathAttribute.MULTI_EXIT_DISC, PathAttribute.LOCAL_PREF,
                 PathAttribute.ORIGINATOR_ID -> v.writeBytes(noise(r.nextInt(6) == 0 ? r.nextInt(8) : 4));
            case PathAttribute.ATOMIC_AGGREGATE -> v.writeBytes(noise(r.nextInt(6) == 0 ? 1 : 0));
            case PathAttribute.AGGREGATOR, PathAttribute.AS4_AGGREGATOR -> v.writeBytes(noise(r.nextBoolean() ? 6 : 8));
            case PathAttribute.COMMUNITIES, PathAttribute.CLUSTER_LIST -> v.writeBytes(noise(4 * r.nextInt(4) + (r.nextInt(6) == 0 ? 1 : 0)));
            case PathAttribute.EXTENDED_COMMUNITIES -> v.writeBytes(noise(8 * r.nextInt(3)));
            case PathAttribute.LARGE_COMMUNITY -> v.writeBytes(noise(12 * r.nextInt(3)));
            case PathAttribute.MP_REACH_NLRI -> {
                AfiSafi family = family();
                int nextHop = NEXT_HOP_LENGTHS[r.nextInt(NEXT_HOP_LENGTHS.length)];
                v.writeShort(family.afi()).writeByte(family.safi()).writeByte(nextHop).writeBytes(noise(nextHop));
                v.writeByte(0).writeBytes(prefixes(family));
            }
            case PathAttribute.MP_UNREACH_NLRI -> {
                AfiSafi family = family();
                v.writeShort(family.afi()).writeByte(family.safi());
                if (r.nextInt(4) != 0) {
                    v.writeBytes(prefixes(family));
                }
            }
            default -> v.writeBytes(noise(r.nextInt(6) == 0 ? r.nextInt(300) : r.nextInt(10)));
        }
        return ByteBufUtil.getBytes(v);
    }

    /** Prefixes as the family encodes them under the context, with a bad length or cut now and then. */
    private byte[] prefixes(AfiSafi family) {
        int max = family.afi() == AfiSafi.AFI_IPV6 ? 128 : 32;
        ByteBuf p = Unpooled.buffer();
        for (int i = r.nextInt(6); i > 0; i--) {
            if (ctx.addPath(family)) {
                p.writeInt(r.nextInt());
            }
            int bits = r.nextInt(12) == 0 ? r.nextInt(256) : r.nextInt(max + 1);
            p.writeByte(bits).writeBytes(noise(Math.min(16, (bits + 7) >>> 3)));
        }
        if (r.nextInt(10) == 0 && p.isReadable()) {
            p.writerIndex(p.writerIndex() - 1);
        }
        return ByteBufUtil.getBytes(p);
    }

    private AfiSafi family() {
        return switch (r.nextInt(6)) {
            case 0 -> new AfiSafi(r.nextInt(0x10000), r.nextInt(256));
            case 1, 2 -> AfiSafi.IPV4_UNICAST;
            default -> AfiSafi.IPV6_UNICAST;
        };
    }

    private byte[] noise(int length) {
        byte[] b = new byte[length];
        for (int i = 0; i < length; i++) {
            b[i] = (byte) r.nextInt(256);
        }
        return b;
    }
}
