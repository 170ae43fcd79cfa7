package dev.jbgp.core.codec;

import dev.jbgp.core.attribute.LocalPref;
import dev.jbgp.core.attribute.PathAttribute;
import io.netty.buffer.ByteBuf;

/**
 * LOCAL_PREF, type 5: four octets. Malformed: treat-as-withdraw (RFC 7606 section 7.5); one
 * received from an external peer is discarded by the session, which knows the peer type.
 */
final class LocalPrefCodec implements AttributeCodec {
    static final LocalPrefCodec INSTANCE = new LocalPrefCodec();

    @Override public int typeCode() { return PathAttribute.LOCAL_PREF; }
    @Override public int flags() { return WELL_KNOWN; }
    @Override public ErrorAction errorAction() { return ErrorAction.TREAT_AS_WITHDRAW; }

    @Override
    public PathAttribute decode(ByteBuf value, CodecContext ctx) throws MalformedException {
        expectLength(value, 4);
        return new LocalPref(value.readUnsignedInt());
    }

    @Override
    public int valueLength(PathAttribute attribute, CodecContext ctx) {
        return 4;
    }

    @Override
    public void encodeValue(PathAttribute attribute, ByteBuf out, CodecContext ctx) {
        out.writeInt((int) ((LocalPref) attribute).value());
    }
}
