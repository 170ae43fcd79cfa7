package dev.jbgp.core.codec;

import dev.jbgp.core.attribute.Communities;
import dev.jbgp.core.attribute.PathAttribute;
import dev.jbgp.core.message.NotificationError;
import io.netty.buffer.ByteBuf;

/** COMMUNITIES, type 8: four octets each. Malformed: treat-as-withdraw (RFC 7606 section 7.8). */
final class CommunitiesCodec implements AttributeCodec {
    static final CommunitiesCodec INSTANCE = new CommunitiesCodec();

    @Override public int typeCode() { return PathAttribute.COMMUNITIES; }
    @Override public int flags() { return OPTIONAL_TRANSITIVE; }
    @Override public ErrorAction errorAction() { return ErrorAction.TREAT_AS_WITHDRAW; }

    @Override
    public PathAttribute decode(ByteBuf value, CodecContext ctx) throws MalformedException {
        int len = value.readableBytes();
        if (len == 0 || len % 4 != 0) {
            throw malformed(NotificationError.Update.OPTIONAL_ATTRIBUTE_ERROR, "length " + len + " is not a non-zero multiple of 4");
        }
        int[] values = new int[len / 4];
        for (int i = 0; i < values.length; i++) {
            values[i] = value.readInt();
        }
        return new Communities(values);
    }

    @Override
    public int valueLength(PathAttribute attribute, CodecContext ctx) {
        return 4 * ((Communities) attribute).size();
    }

    @Override
    public void encodeValue(PathAttribute attribute, ByteBuf out, CodecContext ctx) {
        Communities c = (Communities) attribute;
        for (int i = 0; i < c.size(); i++) {
            out.writeInt(c.get(i));
        }
    }
}
