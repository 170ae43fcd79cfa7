package dev.jbgp.core.codec;

import dev.jbgp.core.attribute.MultiExitDisc;
import dev.jbgp.core.attribute.PathAttribute;
import io.netty.buffer.ByteBuf;

/** MULTI_EXIT_DISC, type 4: four octets. Malformed: treat-as-withdraw (RFC 7606 section 7.4). */
final class MultiExitDiscCodec implements AttributeCodec {
    static final MultiExitDiscCodec INSTANCE = new MultiExitDiscCodec();

    @Override public int typeCode() { return PathAttribute.MULTI_EXIT_DISC; }
    @Override public int flags() { return OPTIONAL_NON_TRANSITIVE; }
    @Override public ErrorAction errorAction() { return ErrorAction.TREAT_AS_WITHDRAW; }

    @Override
    public PathAttribute decode(ByteBuf value, CodecContext ctx) throws MalformedException {
        expectLength(value, 4);
        return new MultiExitDisc(value.readUnsignedInt());
    }

    @Override
    public int valueLength(PathAttribute attribute, CodecContext ctx) {
        return 4;
    }

    @Override
    public void encodeValue(PathAttribute attribute, ByteBuf out, CodecContext ctx) {
        out.writeInt((int) ((MultiExitDisc) attribute).value());
    }
}
