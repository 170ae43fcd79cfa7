package dev.jbgp.core.codec;

import dev.jbgp.core.AfiSafi;
import dev.jbgp.core.PrefixList;
import dev.jbgp.core.attribute.MpUnreachNlri;
import dev.jbgp.core.attribute.PathAttribute;
import dev.jbgp.core.message.NotificationError;
import io.netty.buffer.ByteBuf;

/**
 * MP_UNREACH_NLRI, type 15 (RFC 4760 section 4): AFI (2 octets), SAFI (1), withdrawn routes.
 * Malformed: session reset (RFC 7606 section 7.12). For a family that is not an IP family only
 * the empty form (End-of-RIB) is kept; one with routes is discarded.
 */
final class MpUnreachNlriCodec implements AttributeCodec {
    static final MpUnreachNlriCodec INSTANCE = new MpUnreachNlriCodec();

    @Override public int typeCode() { return PathAttribute.MP_UNREACH_NLRI; }
    @Override public int flags() { return OPTIONAL_NON_TRANSITIVE; }
    @Override public ErrorAction errorAction() { return ErrorAction.SESSION_RESET; }

    @Override
    public PathAttribute decode(ByteBuf value, CodecContext ctx) throws MalformedException {
        if (value.readableBytes() < 3) {
            throw malformed(NotificationError.Update.OPTIONAL_ATTRIBUTE_ERROR, "length " + value.readableBytes() + " is shorter than AFI and SAFI");
        }
        AfiSafi family = new AfiSafi(value.readUnsignedShort(), value.readUnsignedByte());
        if (!family.hasIpPrefixes()) {
            if (value.isReadable()) {
                throw new MalformedException(ErrorAction.ATTRIBUTE_DISCARD, NotificationError.Update.OPTIONAL_ATTRIBUTE_ERROR, null,
                        "MP_UNREACH_NLRI for " + family + ", which is not negotiated, ignored");
            }
            return new MpUnreachNlri(family, PrefixList.empty(AfiSafi.AFI_IPV4));
        }
        PrefixList withdrawn = NlriCodec.decode(value, family.afi(), ctx.addPath(family));
        if (withdrawn == null) {
            throw malformed(NotificationError.Update.OPTIONAL_ATTRIBUTE_ERROR, "malformed " + family + " withdrawn routes");
        }
        return new MpUnreachNlri(family, withdrawn);
    }

    @Override
    public int valueLength(PathAttribute attribute, CodecContext ctx) {
        MpUnreachNlri m = (MpUnreachNlri) attribute;
        return 3 + NlriCodec.encodedLength(m.withdrawn(), ctx.addPath(m.family()));
    }

    @Override
    public void encodeValue(PathAttribute attribute, ByteBuf out, CodecContext ctx) {
        MpUnreachNlri m = (MpUnreachNlri) attribute;
        out.writeShort(m.family().afi());
        out.writeByte(m.family().safi());
        NlriCodec.encode(m.withdrawn(), ctx.addPath(m.family()), out);
    }
}
