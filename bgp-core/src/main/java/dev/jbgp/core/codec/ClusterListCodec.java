package dev.jbgp.core.codec;

import dev.jbgp.core.attribute.ClusterList;
import dev.jbgp.core.attribute.PathAttribute;
import dev.jbgp.core.message.NotificationError;
import io.netty.buffer.ByteBuf;

/** CLUSTER_LIST, type 10: four octets per ID. Malformed: treat-as-withdraw (RFC 7606 section 7.10). */
final class ClusterListCodec implements AttributeCodec {
    static final ClusterListCodec INSTANCE = new ClusterListCodec();

    @Override public int typeCode() { return PathAttribute.CLUSTER_LIST; }
    @Override public int flags() { return OPTIONAL_NON_TRANSITIVE; }
    @Override public ErrorAction errorAction() { return ErrorAction.TREAT_AS_WITHDRAW; }

    @Override
    public PathAttribute decode(ByteBuf value, CodecContext ctx) throws MalformedException {
        int len = value.readableBytes();
        if (len == 0 || len % 4 != 0) {
            throw malformed(NotificationError.Update.ATTRIBUTE_LENGTH_ERROR, "length " + len + " is not a non-zero multiple of 4");
        }
        int[] ids = new int[len / 4];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = value.readInt();
        }
        return new ClusterList(ids);
    }

    @Override
    public int valueLength(PathAttribute attribute, CodecContext ctx) {
        return 4 * ((ClusterList) attribute).size();
    }

    @Override
    public void encodeValue(PathAttribute attribute, ByteBuf out, CodecContext ctx) {
        for (int id : ((ClusterList) attribute).ids()) {
            out.writeInt(id);
        }
    }
}
