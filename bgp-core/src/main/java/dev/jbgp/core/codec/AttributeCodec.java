package dev.jbgp.core.codec;

import dev.jbgp.core.attribute.PathAttribute;
import dev.jbgp.core.message.NotificationError;
import io.netty.buffer.ByteBuf;

/**
 * The wire form of one path attribute type: the descriptor BIRD keeps per attribute code.
 * {@link #decode} gets a slice bounded to the attribute's own value, so it cannot read its
 * neighbour's bytes; it throws {@link MalformedException} with the RFC 7606 action decided
 * where the error is found.
 */
interface AttributeCodec {
    int OPTIONAL_TRANSITIVE = PathAttribute.FLAG_OPTIONAL | PathAttribute.FLAG_TRANSITIVE;
    int WELL_KNOWN = PathAttribute.FLAG_TRANSITIVE;
    int OPTIONAL_NON_TRANSITIVE = PathAttribute.FLAG_OPTIONAL;

    int typeCode();

    /** The Optional and Transitive bits the attribute must carry. */
    int flags();

    /** The RFC 7606 action for a malformed instance (flags in conflict included). */
    ErrorAction errorAction();

    PathAttribute decode(ByteBuf value, CodecContext ctx) throws MalformedException;

    int valueLength(PathAttribute attribute, CodecContext ctx);

    void encodeValue(PathAttribute attribute, ByteBuf out, CodecContext ctx);

    /** The codec for a type code, or null for a type jbgp does not interpret. */
    static AttributeCodec forType(int typeCode) {
        return switch (typeCode) {
            case PathAttribute.ORIGIN -> OriginCodec.INSTANCE;
            case PathAttribute.AS_PATH -> AsPathCodec.AS_PATH;
            case PathAttribute.NEXT_HOP -> NextHopCodec.INSTANCE;
            case PathAttribute.MULTI_EXIT_DISC -> MultiExitDiscCodec.INSTANCE;
            case PathAttribute.LOCAL_PREF -> LocalPrefCodec.INSTANCE;
            case PathAttribute.ATOMIC_AGGREGATE -> AtomicAggregateCodec.INSTANCE;
            case PathAttribute.AGGREGATOR -> AggregatorCodec.AGGREGATOR;
            case PathAttribute.COMMUNITIES -> CommunitiesCodec.INSTANCE;
            case PathAttribute.ORIGINATOR_ID -> OriginatorIdCodec.INSTANCE;
            case PathAttribute.CLUSTER_LIST -> ClusterListCodec.INSTANCE;
            case PathAttribute.MP_REACH_NLRI -> MpReachNlriCodec.INSTANCE;
            case PathAttribute.MP_UNREACH_NLRI -> MpUnreachNlriCodec.INSTANCE;
            case PathAttribute.EXTENDED_COMMUNITIES -> ExtendedCommunitiesCodec.INSTANCE;
            case PathAttribute.AS4_PATH -> AsPathCodec.AS4_PATH;
            case PathAttribute.AS4_AGGREGATOR -> AggregatorCodec.AS4_AGGREGATOR;
            case PathAttribute.LARGE_COMMUNITY -> LargeCommunitiesCodec.INSTANCE;
            default -> null;
        };
    }

    /** A malformation of this attribute with its own action and the given UPDATE error. */
    default MalformedException malformed(NotificationError.Update error, String reason) {
        return new MalformedException(errorAction(), error, null, PathAttribute.name(typeCode()) + ": " + reason);
    }

    /** The common "length must be exactly n" check (RFC 7606 section 7: Attribute Length Error). */
    default void expectLength(ByteBuf value, int length) throws MalformedException {
        if (value.readableBytes() != length) {
            throw malformed(NotificationError.Update.ATTRIBUTE_LENGTH_ERROR, "length " + value.readableBytes() + ", expected " + length);
        }
    }
}
