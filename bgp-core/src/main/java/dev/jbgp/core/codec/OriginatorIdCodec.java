package dev.jbgp.core.codec;

import dev.jbgp.core.attribute.OriginatorId;
import dev.jbgp.core.attribute.PathAttribute;
import io.netty.buffer.ByteBuf;

/** ORIGINATOR_ID, type 9: four octets. Malformed: treat-as-withdraw (RFC 7606 section 7.9). */
final class OriginatorIdCodec implements AttributeCodec {
    static final OriginatorIdCodec INSTANCE = new OriginatorIdCodec();

    @Override public int typeCode() { return PathAttribute.ORIGINATOR_ID; }
    @Override public int flags() { return OPTIONAL_NON_TRANSITIVE; }
    @Override public ErrorAction errorAction() { return ErrorAction.TREAT_AS_WITHDRAW; }

    @Override
    public PathAttribute decode(ByteBuf value, CodecContext ctx) throws MalformedException {
        expectLength(value, 4);
        return new OriginatorId(value.readInt());
    }

    @Override
    public int valueLength(PathAttribute attribute, CodecContext ctx) {
        return 4;
    }

    @Override
    public void encodeValue(PathAttribute attribute, ByteBuf out, CodecContext ctx) {
        out.writeInt(((OriginatorId) attribute).id());
    }
}
