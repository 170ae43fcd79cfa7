package dev.jbgp.core.codec;

import dev.jbgp.core.AfiSafi;
import dev.jbgp.core.PrefixList;
import dev.jbgp.core.attribute.MpReachNlri;
import dev.jbgp.core.attribute.PathAttribute;
import dev.jbgp.core.message.NotificationError;
import io.netty.buffer.ByteBuf;

/**
 * MP_REACH_NLRI, type 14 (RFC 4760 section 3):
 *
 * <pre>
 *  +---------------------------------------------------------+
 *  | Address Family Identifier (2 octets)                    |
 *  | Subsequent Address Family Identifier (1 octet)          |
 *  | Length of Next Hop Network Address (1 octet)            |
 *  | Network Address of Next Hop (variable)                  |
 *  | Reserved (1 octet)                                      |
 *  | Network Layer Reachability Information (variable)       |
 *  +---------------------------------------------------------+
 * </pre>
 *
 * A malformed one cannot be withdrawn from, so it resets the session (RFC 7606 section 7.11,
 * Optional Attribute Error as RFC 4760 section 7 names it). One for a family whose NLRI is not
 * an IP prefix, which jbgp never negotiates, is discarded.
 */
final class MpReachNlriCodec implements AttributeCodec {
    static final MpReachNlriCodec INSTANCE = new MpReachNlriCodec();


    @Override public int typeCode() { return PathAttribute.MP_REACH_NLRI; }
    @Override public int flags() { return OPTIONAL_NON_TRANSITIVE; }
    @Override public ErrorAction errorAction() { return ErrorAction.SESSION_RESET; }

    @Override
    public PathAttribute decode(ByteBuf value, CodecContext ctx) throws MalformedException {
        if (value.readableBytes() < 5) {
            throw malformed(NotificationError.Update.OPTIONAL_ATTRIBUTE_ERROR, "length " + value.readableBytes() + " is shorter than its fixed fields");
        }
        int afi = value.readUnsignedShort();
        int safi = value.readUnsignedByte();
        int nextHopLength = value.readUnsignedByte();
        AfiSafi family = new AfiSafi(afi, safi);
        if (value.readableBytes() < nextHopLength + 1) {
            throw malformed(NotificationError.Update.OPTIONAL_ATTRIBUTE_ERROR, "next hop length " + nextHopLength + " overruns the attribute");
        }
        if (!family.hasIpPrefixes()) {
            throw new MalformedException(ErrorAction.ATTRIBUTE_DISCARD, NotificationError.Update.OPTIONAL_ATTRIBUTE_ERROR, null,
                    "MP_REACH_NLRI for " + family + ", which is not negotiated, ignored");
        }
        if (!MpReachNlri.validNextHopLength(family, nextHopLength)) {
            throw malformed(NotificationError.Update.OPTIONAL_ATTRIBUTE_ERROR, "a " + nextHopLength + "-octet next hop for " + family);
        }
        byte[] nextHop = new byte[nextHopLength];
        value.readBytes(nextHop);
        value.skipBytes(1); // reserved, ignored on receipt (RFC 4760 section 3)
        PrefixList nlri = NlriCodec.decode(value, afi, ctx.addPath(family));
        if (nlri == null) {
            throw malformed(NotificationError.Update.OPTIONAL_ATTRIBUTE_ERROR, "malformed " + family + " NLRI");
        }
        return new MpReachNlri(family, nextHop, nlri);
    }

    @Override
    public int valueLength(PathAttribute attribute, CodecContext ctx) {
        MpReachNlri m = (MpReachNlri) attribute;
        return 5 + m.nextHopLength() + NlriCodec.encodedLength(m.nlri(), ctx.addPath(m.family()));
    }

    @Override
    public void encodeValue(PathAttribute attribute, ByteBuf out, CodecContext ctx) {
        MpReachNlri m = (MpReachNlri) attribute;
        out.writeShort(m.family().afi());
        out.writeByte(m.family().safi());
        out.writeByte(m.nextHopLength());
        out.writeBytes(m.nextHop());
        out.writeByte(0);
        NlriCodec.encode(m.nlri(), ctx.addPath(m.family()), out);
    }
}
