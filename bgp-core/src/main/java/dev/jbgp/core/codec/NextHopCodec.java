package dev.jbgp.core.codec;

import dev.jbgp.core.attribute.NextHop;
import dev.jbgp.core.attribute.PathAttribute;
import dev.jbgp.core.message.NotificationError;
import io.netty.buffer.ByteBuf;

/**
 * NEXT_HOP, type 3: an IPv4 address. A wrong length or an address that cannot be a host's
 * (0.0.0.0, multicast, broadcast: RFC 4271 section 6.3) is treat-as-withdraw (RFC 7606 7.3).
 * Whether the address is the receiver's own is for the session to judge.
 */
final class NextHopCodec implements AttributeCodec {
    static final NextHopCodec INSTANCE = new NextHopCodec();

    @Override public int typeCode() { return PathAttribute.NEXT_HOP; }
    @Override public int flags() { return WELL_KNOWN; }
    @Override public ErrorAction errorAction() { return ErrorAction.TREAT_AS_WITHDRAW; }

    @Override
    public PathAttribute decode(ByteBuf value, CodecContext ctx) throws MalformedException {
        expectLength(value, 4);
        int address = value.readInt();
        int first = address >>> 24;
        if (address == 0 || address == -1 || (first >= 224 && first <= 239)) {
            throw malformed(NotificationError.Update.INVALID_NEXT_HOP_ATTRIBUTE, "not a host address: " + new NextHop(address).inetAddress().getHostAddress());
        }
        return new NextHop(address);
    }

    @Override
    public int valueLength(PathAttribute attribute, CodecContext ctx) {
        return 4;
    }

    @Override
    public void encodeValue(PathAttribute attribute, ByteBuf out, CodecContext ctx) {
        out.writeInt(((NextHop) attribute).address());
    }
}
