package dev.jbgp.core.codec;

import dev.jbgp.core.attribute.Aggregator;
import dev.jbgp.core.attribute.PathAttribute;
import io.netty.buffer.ByteBuf;

/**
 * AGGREGATOR, type 7 (AS of 2 or 4 octets as the session negotiated, then an IPv4 address),
 * and AS4_AGGREGATOR, type 18 (always 4 octets; RFC 6793). Both malformed: attribute discard
 * (RFC 7606 section 7.7, RFC 6793 section 6).
 */
final class AggregatorCodec implements AttributeCodec {
    static final AggregatorCodec AGGREGATOR = new AggregatorCodec(PathAttribute.AGGREGATOR);
    static final AggregatorCodec AS4_AGGREGATOR = new AggregatorCodec(PathAttribute.AS4_AGGREGATOR);

    private final int typeCode;

    private AggregatorCodec(int typeCode) {
        this.typeCode = typeCode;
    }

    @Override public int typeCode() { return typeCode; }
    @Override public int flags() { return OPTIONAL_TRANSITIVE; }
    @Override public ErrorAction errorAction() { return ErrorAction.ATTRIBUTE_DISCARD; }

    private boolean fourOctet(CodecContext ctx) {
        return typeCode == PathAttribute.AS4_AGGREGATOR || ctx.fourOctetAs();
    }

    @Override
    public PathAttribute decode(ByteBuf value, CodecContext ctx) throws MalformedException {
        boolean four = fourOctet(ctx);
        expectLength(value, four ? 8 : 6);
        long as = four ? value.readUnsignedInt() : value.readUnsignedShort();
        return new Aggregator(as, value.readInt());
    }

    @Override
    public int valueLength(PathAttribute attribute, CodecContext ctx) {
        return fourOctet(ctx) ? 8 : 6;
    }

    @Override
    public void encodeValue(PathAttribute attribute, ByteBuf out, CodecContext ctx) {
        Aggregator a = (Aggregator) attribute;
        if (fourOctet(ctx)) {
            out.writeInt((int) a.asNumber());
        } else {
            out.writeShort(a.asNumber() > 0xFFFF ? dev.jbgp.core.message.Open.AS_TRANS : (int) a.asNumber());
        }
        out.writeInt(a.address());
    }
}
