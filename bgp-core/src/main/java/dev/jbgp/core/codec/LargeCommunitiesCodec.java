package dev.jbgp.core.codec;

import dev.jbgp.core.attribute.LargeCommunities.LargeCommunity;
import dev.jbgp.core.attribute.LargeCommunities;
import dev.jbgp.core.attribute.PathAttribute;
import dev.jbgp.core.message.NotificationError;
import io.netty.buffer.ByteBuf;

/** LARGE_COMMUNITY, type 32: twelve octets each. Malformed: treat-as-withdraw (RFC 8092 section 6). */
final class LargeCommunitiesCodec implements AttributeCodec {
    static final LargeCommunitiesCodec INSTANCE = new LargeCommunitiesCodec();

    @Override public int typeCode() { return PathAttribute.LARGE_COMMUNITY; }
    @Override public int flags() { return OPTIONAL_TRANSITIVE; }
    @Override public ErrorAction errorAction() { return ErrorAction.TREAT_AS_WITHDRAW; }

    @Override
    public PathAttribute decode(ByteBuf value, CodecContext ctx) throws MalformedException {
        int len = value.readableBytes();
        if (len == 0 || len % 12 != 0) {
            throw malformed(NotificationError.Update.OPTIONAL_ATTRIBUTE_ERROR, "length " + len + " is not a non-zero multiple of 12");
        }
        LargeCommunity[] values = new LargeCommunity[len / 12];
        for (int i = 0; i < values.length; i++) {
            values[i] = new LargeCommunity(value.readInt(), value.readInt(), value.readInt());
        }
        return LargeCommunities.of(values);
    }

    @Override
    public int valueLength(PathAttribute attribute, CodecContext ctx) {
        return 12 * ((LargeCommunities) attribute).values().size();
    }

    @Override
    public void encodeValue(PathAttribute attribute, ByteBuf out, CodecContext ctx) {
        for (LargeCommunity c : ((LargeCommunities) attribute).values()) {
            out.writeInt(c.globalAdministrator()).writeInt(c.localData1()).writeInt(c.localData2());
        }
    }
}
