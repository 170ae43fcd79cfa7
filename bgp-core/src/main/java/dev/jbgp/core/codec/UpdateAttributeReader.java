package dev.jbgp.core.codec;

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
import dev.jbgp.core.message.Open;
import dev.jbgp.core.message.Update;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads one UPDATE's path attributes with the error handling of RFC 7606: what was seen,
 * kept and found wrong, the strongest action winning (section 3 (h)). The prefixes are read
 * before, so "treat-as-withdraw" knows what to withdraw.
 */
final class UpdateAttributeReader {
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

    UpdateAttributeReader(CodecContext ctx, PrefixList withdrawn, PrefixList nlri) {
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
                note(new Malformation(ErrorAction.TREAT_AS_WITHDRAW, NotificationError.Update.MALFORMED_ATTRIBUTE_LIST, null,
                        remaining + " octets after the last attribute, too few for an attribute header"));
                lostTail = true;
                break;
            }
            int type = field.getUnsignedByte(start + 1);
            int length = extended ? field.getUnsignedShort(start + 2) : field.getUnsignedByte(start + 2);
            if (length > remaining - headerLength) {
                // RFC 7606 section 4: the attribute overruns the Total Path Attribute Length.
                note(new Malformation(ErrorAction.TREAT_AS_WITHDRAW, NotificationError.Update.ATTRIBUTE_LENGTH_ERROR, null,
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
                    ? reset(NotificationError.Update.MALFORMED_ATTRIBUTE_LIST, "path attributes are malformed and no announced prefixes could be located", null)
                    : new DecodeResult.SessionReset(firstTreatAsWithdrawEscalated());
        }
        PathAttributes attributes = PathAttributes.of(kept);
        if (worst == ErrorAction.TREAT_AS_WITHDRAW) {
            // Not interned: no route will hold these attributes.
            return new DecodeResult.TreatAsWithdraw(new Update(withdrawn, attributes, nlri, mpReach, mpUnreach), errors);
        }
        return new DecodeResult.Decoded(
                new Update(withdrawn, interner.intern(attributes), nlri, mpReach, mpUnreach), errors);
    }

    /** Reads one attribute; returns a reset when the error calls for one. */
    private DecodeResult.SessionReset readOne(int flags, int type, ByteBuf value, ByteBuf field, int start) {
        if (seen(type)) {
            if (type == PathAttribute.MP_REACH_NLRI || type == PathAttribute.MP_UNREACH_NLRI) {
                return reset(NotificationError.Update.MALFORMED_ATTRIBUTE_LIST, PathAttribute.name(type) + " appears twice", null); // RFC 7606 3 (g)
            }
            note(new Malformation(ErrorAction.ATTRIBUTE_DISCARD, NotificationError.Update.MALFORMED_ATTRIBUTE_LIST, null,
                    "a second " + PathAttribute.name(type) + " discarded")); // RFC 7606 3 (g)
            return null;
        }
        markSeen(type);
        if (type == PathAttribute.NEXT_HOP && nlri.isEmpty()) {
            // RFC 4760 section 3: NEXT_HOP beside prefixes carried only in MP_REACH_NLRI
            // is to be ignored, so it can neither withdraw them nor travel with them.
            return null;
        }
        AttributeCodec codec = AttributeCodec.forType(type);
        if (codec == null) {
            if ((flags & PathAttribute.FLAG_OPTIONAL) == 0) {
                return reset(NotificationError.Update.UNRECOGNIZED_WELL_KNOWN_ATTRIBUTE, "unrecognized well-known attribute type " + type, bytes(field, start));
            }
            if ((flags & PathAttribute.FLAG_TRANSITIVE) != 0) {
                kept.add(new UnknownAttribute(flags, type, ByteBufUtil.getBytes(value)));
            }
            return null; // RFC 4271 section 5: unknown optional non-transitive is quietly ignored
        }
        int oAndT = flags & (PathAttribute.FLAG_OPTIONAL | PathAttribute.FLAG_TRANSITIVE);
        if (oAndT != codec.flags()) {
            // RFC 7606 section 3 (c): flags in conflict make the attribute malformed, handled
            // as that attribute's malformations are (attribute discard for AGGREGATOR,
            // ATOMIC_AGGREGATE and the AS4 attributes, sections 7.6, 7.7; RFC 6793 section 6).
            ErrorAction action = codec.errorAction();
            Malformation m = new Malformation(action, NotificationError.Update.ATTRIBUTE_FLAGS_ERROR, bytes(field, start),
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
            note(new Malformation(ErrorAction.ATTRIBUTE_DISCARD, NotificationError.Update.OPTIONAL_ATTRIBUTE_ERROR, null,
                    "AS4_PATH / AS4_AGGREGATOR on a 4-octet AS session discarded (RFC 6793 section 4.1)"));
            return;
        }
        int aggregatorAt = indexOf(PathAttribute.AGGREGATOR);
        if (as4Aggregator != null) {
            Aggregator aggregator = aggregatorAt < 0 ? null : (Aggregator) kept.get(aggregatorAt);
            if (aggregator != null && aggregator.asNumber() != Open.AS_TRANS) {
                // The AGGREGATOR names a 2-octet AS: the route was aggregated by an old speaker
                // after the AS4 attributes were attached, so both are stale.
                note(new Malformation(ErrorAction.ATTRIBUTE_DISCARD, NotificationError.Update.OPTIONAL_ATTRIBUTE_ERROR, null,
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
            note(new Malformation(ErrorAction.TREAT_AS_WITHDRAW, NotificationError.Update.MISSING_WELL_KNOWN_ATTRIBUTE, new byte[] {(byte) type},
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

    private static DecodeResult.SessionReset reset(NotificationError.Update error, String reason, byte[] data) {
        return new DecodeResult.SessionReset(new Malformation(ErrorAction.SESSION_RESET, error, data, reason));
    }
}
