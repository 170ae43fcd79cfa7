package dev.jbgp.core.codec;

import dev.jbgp.core.attribute.Origin;
import dev.jbgp.core.attribute.PathAttribute;
import dev.jbgp.core.message.NotificationError;
import io.netty.buffer.ByteBuf;

/** ORIGIN, type 1: one octet, 0..2. Malformed: treat-as-withdraw (RFC 7606 section 7.1). */
final class OriginCodec implements AttributeCodec {
    static final OriginCodec INSTANCE = new OriginCodec();

    @Override public int typeCode() { return PathAttribute.ORIGIN; }
    @Override public int flags() { return WELL_KNOWN; }
    @Override public ErrorAction errorAction() { return ErrorAction.TREAT_AS_WITHDRAW; }

    @Override
    public PathAttribute decode(ByteBuf value, CodecContext ctx) throws MalformedException {
        expectLength(value, 1);
        int v = value.readUnsignedByte();
        Origin origin = Origin.of(v);
        if (origin == null) {
            throw malformed(NotificationError.Update.INVALID_ORIGIN_ATTRIBUTE, "undefined value " + v);
        }
        return origin;
    }

    @Override
    public int valueLength(PathAttribute attribute, CodecContext ctx) {
        return 1;
    }

    @Override
    public void encodeValue(PathAttribute attribute, ByteBuf out, CodecContext ctx) {
        out.writeByte(((Origin) attribute).value());
    }
}
