package dev.jbgp.core.codec;

import dev.jbgp.core.attribute.AsPath.Segment;
import dev.jbgp.core.attribute.AsPath.SegmentType;
import dev.jbgp.core.attribute.AsPath;
import dev.jbgp.core.attribute.PathAttribute;
import dev.jbgp.core.message.NotificationError;
import dev.jbgp.core.message.Open;
import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;

/**
 * AS_PATH, type 2, and AS4_PATH, type 17 (RFC 6793): segments of type, count and AS numbers.
 *
 * <pre>
 *  +------------------+------------------+---------------------------+
 *  | segment type (1) | AS count (1)     | AS numbers (2 or 4 each)  |
 *  +------------------+------------------+---------------------------+
 * </pre>
 *
 * A malformed AS_PATH (unknown segment type, a segment that overruns, a lone trailing octet,
 * an empty segment: RFC 7606 section 7.2) is treat-as-withdraw; a malformed AS4_PATH is
 * discarded (RFC 6793 section 6).
 */
final class AsPathCodec implements AttributeCodec {
    static final AsPathCodec AS_PATH = new AsPathCodec(PathAttribute.AS_PATH);
    static final AsPathCodec AS4_PATH = new AsPathCodec(PathAttribute.AS4_PATH);

    private final int typeCode;

    private AsPathCodec(int typeCode) {
        this.typeCode = typeCode;
    }

    @Override public int typeCode() { return typeCode; }

    @Override
    public int flags() {
        return typeCode == PathAttribute.AS_PATH ? WELL_KNOWN : OPTIONAL_TRANSITIVE;
    }

    @Override
    public ErrorAction errorAction() {
        return typeCode == PathAttribute.AS_PATH ? ErrorAction.TREAT_AS_WITHDRAW : ErrorAction.ATTRIBUTE_DISCARD;
    }

    private int width(CodecContext ctx) {
        return typeCode == PathAttribute.AS4_PATH || ctx.fourOctetAs() ? 4 : 2;
    }

    @Override
    public PathAttribute decode(ByteBuf value, CodecContext ctx) throws MalformedException {
        int width = width(ctx);
        NotificationError.Update error = typeCode == PathAttribute.AS_PATH
                ? NotificationError.Update.MALFORMED_AS_PATH : NotificationError.Update.OPTIONAL_ATTRIBUTE_ERROR;
        if (!value.isReadable()) {
            return AsPath.EMPTY;
        }
        List<Segment> segments = new ArrayList<>(2);
        while (value.isReadable()) {
            if (value.readableBytes() < 2) {
                throw malformed(error, "a lone octet after the last segment");
            }
            int code = value.readUnsignedByte();
            int count = value.readUnsignedByte();
            SegmentType type = SegmentType.of(code);
            if (type == null) {
                throw malformed(error, "unknown segment type " + code);
            }
            if (count == 0) {
                throw malformed(error, "empty " + type + " segment");
            }
            if (value.readableBytes() < count * width) {
                throw malformed(error, type + " of " + count + " AS numbers overruns the attribute");
            }
            long[] asns = new long[count];
            for (int i = 0; i < count; i++) {
                asns[i] = width == 4 ? value.readUnsignedInt() : value.readUnsignedShort();
            }
            segments.add(new Segment(type, asns));
        }
        return new AsPath(segments);
    }

    @Override
    public int valueLength(PathAttribute attribute, CodecContext ctx) {
        int len = 0;
        for (Segment s : ((AsPath) attribute).segments()) {
            len += 2 + s.size() * width(ctx);
        }
        return len;
    }

    @Override
    public void encodeValue(PathAttribute attribute, ByteBuf out, CodecContext ctx) {
        int width = width(ctx);
        for (Segment s : ((AsPath) attribute).segments()) {
            out.writeByte(s.type().code());
            out.writeByte(s.size());
            for (int i = 0; i < s.size(); i++) {
                long a = s.asn(i);
                if (width == 4) {
                    out.writeInt((int) a);
                } else {
                    out.writeShort(a > 0xFFFF ? Open.AS_TRANS : (int) a);
                }
            }
        }
    }

    /**
     * The AS4_PATH a 2-octet session needs beside {@code path} (RFC 6793 section 4.2.2): the
     * path without confederation segments, or null when every AS number fits two octets.
     */
    static AsPath as4PathFor(AsPath path) {
        boolean needed = false;
        List<Segment> kept = new ArrayList<>(path.segments().size());
        for (Segment s : path.segments()) {
            if (s.type().isConfederation()) {
                continue;
            }
            kept.add(s);
            for (int i = 0; i < s.size(); i++) {
                needed |= s.asn(i) > 0xFFFF;
            }
        }
        return needed ? new AsPath(kept) : null;
    }

    /**
     * Rebuilds the 4-octet path from a 2-octet session's AS_PATH and AS4_PATH (RFC 6793 section
     * 4.2.3): if AS_PATH is shorter than AS4_PATH, AS4_PATH is ignored; otherwise the leading
     * AS numbers of AS_PATH that AS4_PATH does not cover (and any confederation segments
     * before them) are followed by AS4_PATH.
     */
    static AsPath merge(AsPath asPath, AsPath as4Path) {
        int surplus = asPath.pathLength() - as4Path.pathLength();
        if (surplus < 0) {
            return asPath;
        }
        List<Segment> out = new ArrayList<>(asPath.segments().size() + as4Path.segments().size());
        for (Segment s : asPath.segments()) {
            if (s.type().isConfederation()) {
                out.add(s);
                continue;
            }
            if (surplus == 0) {
                break;
            }
            if (s.type() == SegmentType.AS_SET) {
                out.add(s);
                surplus -= 1;
            } else if (s.size() <= surplus) {
                out.add(s);
                surplus -= s.size();
            } else {
                long[] head = new long[surplus];
                for (int i = 0; i < surplus; i++) {
                    head[i] = s.asn(i);
                }
                out.add(new Segment(s.type(), head));
                surplus = 0;
            }
        }
        boolean junction = true;
        for (Segment s : as4Path.segments()) {
            if (s.type().isConfederation()) {
                continue;
            }
            Segment last = out.isEmpty() ? null : out.getLast();
            if (junction && last != null && last.type() == SegmentType.AS_SEQUENCE
                    && s.type() == SegmentType.AS_SEQUENCE && last.size() + s.size() <= 255) {
                // The AS numbers are prepended to AS4_PATH's first sequence: one sequence, as a
                // 4-octet session would have carried it.
                long[] joined = new long[last.size() + s.size()];
                System.arraycopy(last.asns(), 0, joined, 0, last.size());
                System.arraycopy(s.asns(), 0, joined, last.size(), s.size());
                out.set(out.size() - 1, new Segment(SegmentType.AS_SEQUENCE, joined));
            } else {
                out.add(s);
            }
            junction = false;
        }
        return new AsPath(out);
    }
}
