package dev.jbgp.core.codec;

import dev.jbgp.core.attribute.ExtendedCommunities;
import dev.jbgp.core.attribute.PathAttribute;
import dev.jbgp.core.message.NotificationError;
import io.netty.buffer.ByteBuf;

/** EXTENDED_COMMUNITIES, type 16: eight octets each. Malformed: treat-as-withdraw (RFC 7606 section 7.14). */
final class ExtendedCommunitiesCodec implements AttributeCodec {
    static final ExtendedCommunitiesCodec INSTANCE = new ExtendedCommunitiesCodec();

    @Override public int typeCode() { return PathAttribute.EXTENDED_COMMUNITIES; }
    @Override public int flags() { return OPTIONAL_TRANSITIVE; }
    @Override public ErrorAction errorAction() { return ErrorAction.TREAT_AS_WITHDRAW; }

    @Override
    public PathAttribute decode(ByteBuf value, CodecContext ctx) throws MalformedException {
        int len = value.readableBytes();
        if (len == 0 || len % 8 != 0) {
            throw malformed(NotificationError.Update.OPTIONAL_ATTRIBUTE_ERROR, "length " + len + " is not a non-zero multiple of 8");
        }
        long[] values = new long[len / 8];
        for (int i = 0; i < values.length; i++) {
            values[i] = value.readLong();
        }
        return new ExtendedCommunities(values);
    }

    @Override
    public int valueLength(PathAttribute attribute, CodecContext ctx) {
        return 8 * ((ExtendedCommunities) attribute).size();
    }

    @Override
    public void encodeValue(PathAttribute attribute, ByteBuf out, CodecContext ctx) {
        ExtendedCommunities c = (ExtendedCommunities) attribute;
        for (int i = 0; i < c.size(); i++) {
            out.writeLong(c.get(i));
        }
    }
}
