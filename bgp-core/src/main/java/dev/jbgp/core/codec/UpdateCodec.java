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
import dev.jbgp.core.message.Open;
import dev.jbgp.core.message.Update;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.util.ArrayList;
import java.util.List;

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
    private static final int UPDATE_ERROR = 3;

    private UpdateCodec() {
    }

    static DecodeResult decode(ByteBuf body, CodecContext ctx, AttributeInterner interner) {
        int withdrawnLength = body.readUnsignedShort();
        if (withdrawnLength > body.readableBytes() - 2) {
            return reset(1, "Withdrawn Routes Length " + withdrawnLength + " overruns the message", null);
        }
        ByteBuf withdrawnField = body.readSlice(withdrawnLength);
        int attributesLength = body.readUnsignedShort();
        if (attributesLength > body.readableBytes()) {
            return reset(1, "Total Path Attribute Length " + attributesLength + " overruns the message", null);
        }
        ByteBuf attributeField = body.readSlice(attributesLength);
        boolean addPathV4 = ctx.addPath(AfiSafi.IPV4_UNICAST);
        PrefixList withdrawn = NlriCodec.decode(withdrawnField, AfiSafi.AFI_IPV4, addPathV4);
        if (withdrawn == null) {
            return reset(10, "malformed prefix in Withdrawn Routes", null);
        }
        PrefixList nlri = NlriCodec.decode(body, AfiSafi.AFI_IPV4, addPathV4);
        if (nlri == null) {
            return reset(10, "malformed prefix in the NLRI field", null);
        }
        return new AttributeReader(ctx, withdrawn, nlri).read(attributeField, interner);
    }

    private static DecodeResult.SessionReset reset(int subcode, String reason, byte[] data) {
        return new DecodeResult.SessionReset(new Malformation(ErrorAction.SESSION_RESET, UPDATE_ERROR, subcode, data, reason));
    }

    /** The state of reading one UPDATE's attributes: what was seen, kept and found wrong. */
    private static final class AttributeReader {
        private final CodecContext ctx;
        private final PrefixList withdrawn;
        private final PrefixList nlri;
        private final long[] seen = new long[4];
        private final List<PathAttribute> kept = new ArrayList<>(8);
        private List<Malformation> errors = List.of();
        private ErrorAction worst;
        private MpReachNlri mpReach;
        private MpUnreachNlri mpUnreach;
        private AsPath as4Path;
        private Aggregator as4Aggregator;

        AttributeReader(CodecContext ctx, PrefixList withdrawn, PrefixList nlri) {
            this.ctx = ctx;
            this.withdrawn = withdrawn;
            this.nlri = nlri;
        }

        DecodeResult read(ByteBuf field, AttributeInterner interner) {
            boolean lostTail = false;
            while (field.isReadable()) {
                int start = field.readerIndex();
                int remaining = field.readableBytes();
                int flags = field.getUnsignedByte(start);
                boolean extended = (flags & PathAttribute.FLAG_EXTENDED_LENGTH) != 0;
                int headerLength = extended ? 4 : 3;
                if (remaining < headerLength) {
                    // RFC 7606 section 4: too few octets left for an attribute header.
                    note(new Malformation(ErrorAction.TREAT_AS_WITHDRAW, UPDATE_ERROR, 1, null,
                            remaining + " octets after the last attribute, too few for an attribute header"));
                    lostTail = true;
                    break;
                }
                int type = field.getUnsignedByte(start + 1);
                int length = extended ? field.getUnsignedShort(start + 2) : field.getUnsignedByte(start + 2);
                if (length > remaining - headerLength) {
                    // RFC 7606 section 4: the attribute overruns the Total Path Attribute Length.
                    note(new Malformation(ErrorAction.TREAT_AS_WITHDRAW, UPDATE_ERROR, 5, null,
                            PathAttribute.name(type) + " of length " + length + " overruns the path attributes"));
                    lostTail = true;
                    break;
                }
                field.skipBytes(headerLength);
                ByteBuf value = field.readSlice(length);
                DecodeResult.SessionReset reset = readOne(flags, type, value, field, start);
                if (reset != null) {
                    return reset;
                }
            }
            mergeAs4();
            checkMandatory();
            if (worst == ErrorAction.TREAT_AS_WITHDRAW && !announces()) {
                // RFC 7606 section 5.2: an UPDATE with path attributes but no reachable NLRI has
                // nothing to treat as withdrawn (and an MP_REACH_NLRI may hide past lost bytes),
                // so an error calling for more than an attribute discard resets the session.
                return lostTail
                        ? reset(1, "path attributes are malformed and no announced prefixes could be located", null)
                        : new DecodeResult.SessionReset(firstTreatAsWithdrawEscalated());
            }
            PathAttributes attributes = interner.intern(PathAttributes.of(kept));
            Update update = new Update(withdrawn, attributes, nlri, mpReach, mpUnreach);
            if (worst == ErrorAction.TREAT_AS_WITHDRAW) {
                return new DecodeResult.TreatAsWithdraw(update, errors);
            }
            return new DecodeResult.Decoded(update, errors);
        }

        /** Reads one attribute; returns a reset when the error calls for one. */
        private DecodeResult.SessionReset readOne(int flags, int type, ByteBuf value, ByteBuf field, int start) {
            if (seen(type)) {
                if (type == PathAttribute.MP_REACH_NLRI || type == PathAttribute.MP_UNREACH_NLRI) {
                    return reset(1, PathAttribute.name(type) + " appears twice", null); // RFC 7606 3 (g)
                }
                note(new Malformation(ErrorAction.ATTRIBUTE_DISCARD, UPDATE_ERROR, 1, null,
                        "a second " + PathAttribute.name(type) + " discarded")); // RFC 7606 3 (g)
                return null;
            }
            markSeen(type);
            AttributeCodec codec = AttributeCodec.forType(type);
            if (codec == null) {
                if ((flags & PathAttribute.FLAG_OPTIONAL) == 0) {
                    return reset(2, "unrecognized well-known attribute type " + type, bytes(field, start));
                }
                if ((flags & PathAttribute.FLAG_TRANSITIVE) != 0) {
                    kept.add(new UnknownAttribute(flags, type, ByteBufUtil.getBytes(value)));
                }
                return null; // RFC 4271 section 5: unknown optional non-transitive is quietly ignored
            }
            int oAndT = flags & (PathAttribute.FLAG_OPTIONAL | PathAttribute.FLAG_TRANSITIVE);
            if (oAndT != codec.flags()) {
                // RFC 7606 section 3 (c): flags in conflict make the attribute malformed.
                ErrorAction action = codec.errorAction() == ErrorAction.SESSION_RESET
                        ? ErrorAction.SESSION_RESET : ErrorAction.TREAT_AS_WITHDRAW;
                Malformation m = new Malformation(action, UPDATE_ERROR, 4, bytes(field, start),
                        PathAttribute.name(type) + ": flags 0x" + Integer.toHexString(flags) + " in conflict with its type");
                return action == ErrorAction.SESSION_RESET ? new DecodeResult.SessionReset(m) : note(m);
            }
            PathAttribute attribute;
            try {
                attribute = codec.decode(value, ctx);
            } catch (MalformedException e) {
                Malformation m = e.toMalformation(bytes(field, start));
                return m.action() == ErrorAction.SESSION_RESET ? new DecodeResult.SessionReset(m) : note(m);
            }
            switch (type) {
                case PathAttribute.MP_REACH_NLRI -> mpReach = (MpReachNlri) attribute;
                case PathAttribute.MP_UNREACH_NLRI -> mpUnreach = (MpUnreachNlri) attribute;
                case PathAttribute.AS4_PATH -> as4Path = (AsPath) attribute;
                case PathAttribute.AS4_AGGREGATOR -> as4Aggregator = (Aggregator) attribute;
                default -> kept.add(attribute);
            }
            return null;
        }

        /** RFC 6793 section 4.2.3 on a 2-octet session; section 4.1 (ignore them) on a 4-octet one. */
        private void mergeAs4() {
            if (as4Path == null && as4Aggregator == null) {
                return;
            }
            if (ctx.fourOctetAs()) {
                note(new Malformation(ErrorAction.ATTRIBUTE_DISCARD, UPDATE_ERROR, 9, null,
                        "AS4_PATH / AS4_AGGREGATOR on a 4-octet AS session discarded (RFC 6793 section 4.1)"));
                return;
            }
            int aggregatorAt = indexOf(PathAttribute.AGGREGATOR);
            if (as4Aggregator != null) {
                Aggregator aggregator = aggregatorAt < 0 ? null : (Aggregator) kept.get(aggregatorAt);
                if (aggregator != null && aggregator.asNumber() != Open.AS_TRANS) {
                    // The AGGREGATOR names a 2-octet AS: the route was aggregated by an old speaker
                    // after the AS4 attributes were attached, so both are stale.
                    note(new Malformation(ErrorAction.ATTRIBUTE_DISCARD, UPDATE_ERROR, 9, null,
                            "AS4_AGGREGATOR and AS4_PATH ignored: AGGREGATOR is not AS_TRANS (RFC 6793 4.2.3)"));
                    return;
                }
                if (aggregator != null) {
                    kept.set(aggregatorAt, as4Aggregator);
                }
            }
            int asPathAt = indexOf(PathAttribute.AS_PATH);
            if (as4Path != null && asPathAt >= 0) {
                kept.set(asPathAt, AsPathCodec.merge((AsPath) kept.get(asPathAt), as4Path));
            }
        }

        /** Whether the UPDATE carries reachable NLRI: prefixes in the NLRI field or in MP_REACH_NLRI. */
        private boolean announces() {
            return !nlri.isEmpty() || (mpReach != null && !mpReach.nlri().isEmpty());
        }

        private Malformation firstTreatAsWithdrawEscalated() {
            for (Malformation m : errors) {
                if (m.action() == ErrorAction.TREAT_AS_WITHDRAW) {
                    return new Malformation(ErrorAction.SESSION_RESET, m.code(), m.subcode(), m.data(),
                            m.reason() + ", in an UPDATE that announces no prefixes (RFC 7606 section 5.2)");
                }
            }
            throw new IllegalStateException("no treat-as-withdraw error to escalate");
        }

        /** RFC 7606 section 3 (d): a missing well-known mandatory attribute is treat-as-withdraw. */
        private void checkMandatory() {
            if (!announces()) {
                return;
            }
            requirePresent(PathAttribute.ORIGIN);
            requirePresent(PathAttribute.AS_PATH);
            if (!nlri.isEmpty()) {
                requirePresent(PathAttribute.NEXT_HOP); // not needed for MP_REACH_NLRI alone (RFC 4760)
            }
        }

        private void requirePresent(int type) {
            if (!seen(type)) {
                note(new Malformation(ErrorAction.TREAT_AS_WITHDRAW, UPDATE_ERROR, 3, new byte[] {(byte) type},
                        "missing well-known attribute " + PathAttribute.name(type)));
            }
        }

        private int indexOf(int type) {
            for (int i = 0; i < kept.size(); i++) {
                if (kept.get(i).typeCode() == type) {
                    return i;
                }
            }
            return -1;
        }

        private DecodeResult.SessionReset note(Malformation m) {
            if (errors.isEmpty()) {
                errors = new ArrayList<>(2);
            }
            errors.add(m);
            worst = worst == null ? m.action() : worst.strongest(m.action());
            return null;
        }

        private boolean seen(int type) {
            return (seen[type >>> 6] & (1L << (type & 63))) != 0;
        }

        private void markSeen(int type) {
            seen[type >>> 6] |= 1L << (type & 63);
        }

        /** The whole attribute (flags, type, length, value): the Data of its NOTIFICATION. */
        private static byte[] bytes(ByteBuf field, int start) {
            return ByteBufUtil.getBytes(field, start, field.readerIndex() - start);
        }
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
        AsPath as4Path = null;
        Aggregator as4Aggregator = null;
        if (!ctx.fourOctetAs()) {
            AsPath path = attributes.asPath();
            as4Path = path == null ? null : AsPathCodec.as4PathFor(path);
            Aggregator aggregator = attributes.aggregator();
            as4Aggregator = aggregator != null && aggregator.asNumber() > 0xFFFF ? aggregator : null;
        }
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
        if (!ctx.fourOctetAs()) {
            AsPath as4Path = attributes.asPath() == null ? null : AsPathCodec.as4PathFor(attributes.asPath());
            if (as4Path != null) {
                len += attributeLength(AsPathCodec.AS4_PATH, as4Path, ctx);
            }
            if (attributes.aggregator() != null && attributes.aggregator().asNumber() > 0xFFFF) {
                len += 3 + 8;
            }
        }
        return len;
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
