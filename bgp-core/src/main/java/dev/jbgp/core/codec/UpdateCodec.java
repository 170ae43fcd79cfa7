package dev.jbgp.core.codec;

import dev.jbgp.core.AfiSafi;
import dev.jbgp.core.PrefixList;
import dev.jbgp.core.attribute.Aggregator;
import dev.jbgp.core.attribute.AsPath;
import dev.jbgp.core.attribute.AttributeInterner;
import dev.jbgp.core.attribute.MpReachNlri;
import dev.jbgp.core.attribute.MpUnreachNlri;
import dev.jbgp.core.attribute.PathAttribute;
import dev.jbgp.core.attribute.PathAttributes;
import dev.jbgp.core.attribute.UnknownAttribute;
import dev.jbgp.core.message.NotificationError;
import dev.jbgp.core.message.Update;
import io.netty.buffer.ByteBuf;

/**
 * The UPDATE body (RFC 4271 section 4.3) with the error handling of RFC 7606.
 *
 * <pre>
 *  +-----------------------------------------------------+
 *  |   Withdrawn Routes Length (2 octets)                |
 *  |   Withdrawn Routes (variable)                       |
 *  |   Total Path Attribute Length (2 octets)            |
 *  |   Path Attributes (variable)                        |
 *  |   Network Layer Reachability Information (variable) |
 *  +-----------------------------------------------------+
 * </pre>
 *
 * The prefixes are read before the attributes: "treat-as-withdraw" needs them, and an error
 * in them leaves nothing to withdraw, which is why it resets the session (RFC 7606 5.3).
 */
final class UpdateCodec {
    private UpdateCodec() {
    }

    static DecodeResult decode(ByteBuf body, CodecContext ctx, AttributeInterner interner) {
        int withdrawnLength = body.readUnsignedShort();
        if (withdrawnLength > body.readableBytes() - 2) {
            return reset(NotificationError.Update.MALFORMED_ATTRIBUTE_LIST, "Withdrawn Routes Length " + withdrawnLength + " overruns the message", null);
        }
        ByteBuf withdrawnField = body.readSlice(withdrawnLength);
        int attributesLength = body.readUnsignedShort();
        if (attributesLength > body.readableBytes()) {
            return reset(NotificationError.Update.MALFORMED_ATTRIBUTE_LIST, "Total Path Attribute Length " + attributesLength + " overruns the message", null);
        }
        ByteBuf attributeField = body.readSlice(attributesLength);
        boolean addPathV4 = ctx.addPath(AfiSafi.IPV4_UNICAST);
        PrefixList withdrawn = NlriCodec.decode(withdrawnField, AfiSafi.AFI_IPV4, addPathV4);
        if (withdrawn == null) {
            return reset(NotificationError.Update.INVALID_NETWORK_FIELD, "malformed prefix in Withdrawn Routes", null);
        }
        PrefixList nlri = NlriCodec.decode(body, AfiSafi.AFI_IPV4, addPathV4);
        if (nlri == null) {
            return reset(NotificationError.Update.INVALID_NETWORK_FIELD, "malformed prefix in the NLRI field", null);
        }
        return new UpdateAttributeReader(ctx, withdrawn, nlri).read(attributeField, interner);
    }

    private static DecodeResult.SessionReset reset(NotificationError.Update error, String reason, byte[] data) {
        return new DecodeResult.SessionReset(new Malformation(ErrorAction.SESSION_RESET, error, data, reason));
    }

    static void encode(Update update, CodecContext ctx, ByteBuf out) {
        boolean addPathV4 = ctx.addPath(AfiSafi.IPV4_UNICAST);
        out.writeShort(NlriCodec.encodedLength(update.withdrawn(), addPathV4));
        NlriCodec.encode(update.withdrawn(), addPathV4, out);
        int lengthAt = out.writerIndex();
        out.writeShort(0);
        int start = out.writerIndex();
        // RFC 7606 section 5.1: MP_REACH_NLRI / MP_UNREACH_NLRI go first, so a receiver can
        // always find the prefixes to treat as withdrawn.
        if (update.mpUnreach() != null) {
            writeAttribute(MpUnreachNlriCodec.INSTANCE, update.mpUnreach(), ctx, out);
        }
        if (update.mpReach() != null) {
            writeAttribute(MpReachNlriCodec.INSTANCE, update.mpReach(), ctx, out);
        }
        PathAttributes attributes = update.attributes();
        As4Attributes as4 = As4Attributes.of(attributes, ctx);
        AsPath as4Path = as4.path();
        Aggregator as4Aggregator = as4.aggregator();
        for (int i = 0; i < attributes.size(); i++) {
            PathAttribute a = attributes.get(i);
            if (a.typeCode() > PathAttribute.AS4_PATH && as4Path != null) {
                writeAttribute(AsPathCodec.AS4_PATH, as4Path, ctx, out);
                as4Path = null;
            }
            if (a.typeCode() > PathAttribute.AS4_AGGREGATOR && as4Aggregator != null) {
                writeAttribute(AggregatorCodec.AS4_AGGREGATOR, as4Aggregator, ctx, out);
                as4Aggregator = null;
            }
            if (a instanceof UnknownAttribute u) {
                writeUnknown(u, out);
            } else {
                writeAttribute(AttributeCodec.forType(a.typeCode()), a, ctx, out);
            }
        }
        if (as4Path != null) {
            writeAttribute(AsPathCodec.AS4_PATH, as4Path, ctx, out);
        }
        if (as4Aggregator != null) {
            writeAttribute(AggregatorCodec.AS4_AGGREGATOR, as4Aggregator, ctx, out);
        }
        out.setShort(lengthAt, out.writerIndex() - start);
        NlriCodec.encode(update.nlri(), addPathV4, out);
    }

    /** The encoded size of an UPDATE body without its NLRI field. */
    static int bodyLengthWithoutNlri(Update update, CodecContext ctx) {
        boolean addPathV4 = ctx.addPath(AfiSafi.IPV4_UNICAST);
        int len = 4 + NlriCodec.encodedLength(update.withdrawn(), addPathV4);
        if (update.mpUnreach() != null) {
            len += attributeLength(MpUnreachNlriCodec.INSTANCE, update.mpUnreach(), ctx);
        }
        if (update.mpReach() != null) {
            len += attributeLength(MpReachNlriCodec.INSTANCE, update.mpReach(), ctx);
        }
        return len + attributesLength(update.attributes(), ctx);
    }

    /** The encoded size of an attribute set, AS4_PATH and AS4_AGGREGATOR included where needed. */
    static int attributesLength(PathAttributes attributes, CodecContext ctx) {
        int len = 0;
        for (PathAttribute a : attributes) {
            if (a instanceof UnknownAttribute u) {
                len += (u.value().length > 255 ? 4 : 3) + u.value().length;
            } else {
                len += attributeLength(AttributeCodec.forType(a.typeCode()), a, ctx);
            }
        }
        As4Attributes as4 = As4Attributes.of(attributes, ctx);
        if (as4.path() != null) {
            len += attributeLength(AsPathCodec.AS4_PATH, as4.path(), ctx);
        }
        if (as4.aggregator() != null) {
            len += attributeLength(AggregatorCodec.AS4_AGGREGATOR, as4.aggregator(), ctx);
        }
        return len;
    }

    /**
     * The AS4_PATH and AS4_AGGREGATOR a 2-octet session needs beside AS_PATH and AGGREGATOR
     * (RFC 6793 section 4.2.2), each null when not needed; worked out once for both sizing
     * and writing so the two cannot disagree.
     */
    private record As4Attributes(AsPath path, Aggregator aggregator) {
        private static final As4Attributes NONE = new As4Attributes(null, null);

        static As4Attributes of(PathAttributes attributes, CodecContext ctx) {
            if (ctx.fourOctetAs()) {
                return NONE;
            }
            AsPath path = attributes.asPath();
            Aggregator aggregator = attributes.aggregator();
            return new As4Attributes(path == null ? null : AsPathCodec.as4PathFor(path),
                    aggregator != null && aggregator.asNumber() > 0xFFFF ? aggregator : null);
        }
    }

    private static int attributeLength(AttributeCodec codec, PathAttribute a, CodecContext ctx) {
        int len = codec.valueLength(a, ctx);
        return (len > 255 ? 4 : 3) + len;
    }

    private static void writeAttribute(AttributeCodec codec, PathAttribute a, CodecContext ctx, ByteBuf out) {
        int len = codec.valueLength(a, ctx);
        writeHeader(codec.flags(), codec.typeCode(), len, out);
        int before = out.writerIndex();
        codec.encodeValue(a, out, ctx);
        if (out.writerIndex() - before != len) {
            throw new IllegalStateException(PathAttribute.name(codec.typeCode()) + " wrote "
                    + (out.writerIndex() - before) + " octets, announced " + len);
        }
    }

    /** RFC 4271 section 5: an unrecognized optional transitive attribute is passed on with Partial set. */
    private static void writeUnknown(UnknownAttribute u, ByteBuf out) {
        byte[] value = u.value();
        int flags = u.flags() | (u.transitive() ? PathAttribute.FLAG_PARTIAL : 0);
        writeHeader(flags, u.typeCode(), value.length, out);
        out.writeBytes(value);
    }

    private static void writeHeader(int flags, int type, int length, ByteBuf out) {
        if (length > 255) {
            out.writeByte(flags | PathAttribute.FLAG_EXTENDED_LENGTH).writeByte(type).writeShort(length);
        } else {
            out.writeByte(flags & ~PathAttribute.FLAG_EXTENDED_LENGTH).writeByte(type).writeByte(length);
        }
    }
}
