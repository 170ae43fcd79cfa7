package dev.jbgp.core.codec;

import dev.jbgp.core.attribute.AtomicAggregate;
import dev.jbgp.core.attribute.PathAttribute;
import io.netty.buffer.ByteBuf;

/** ATOMIC_AGGREGATE, type 6: no value. Malformed: attribute discard (RFC 7606 section 7.6). */
final class AtomicAggregateCodec implements AttributeCodec {
    static final AtomicAggregateCodec INSTANCE = new AtomicAggregateCodec();

    @Override public int typeCode() { return PathAttribute.ATOMIC_AGGREGATE; }
    @Override public int flags() { return WELL_KNOWN; }
    @Override public ErrorAction errorAction() { return ErrorAction.ATTRIBUTE_DISCARD; }

    @Override
    public PathAttribute decode(ByteBuf value, CodecContext ctx) throws MalformedException {
        expectLength(value, 0);
        return AtomicAggregate.INSTANCE;
    }

    @Override
    public int valueLength(PathAttribute attribute, CodecContext ctx) {
        return 0;
    }

    @Override
    public void encodeValue(PathAttribute attribute, ByteBuf out, CodecContext ctx) {
    }
}
