package dev.jbgp.core.codec;

import dev.jbgp.core.capability.Capability;
import dev.jbgp.core.message.BgpMessage;
import dev.jbgp.core.message.Keepalive;
import dev.jbgp.core.message.MessageType;
import dev.jbgp.core.message.Notification;
import dev.jbgp.core.message.Open;
import dev.jbgp.core.message.RouteRefresh;
import dev.jbgp.core.message.Update;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;

/**
 * Writes messages straight into a (pooled) {@link ByteBuf}: header, body, then the Length
 * field patched in. Stateless; one instance of nothing is needed, the methods are static.
 * A message that does not fit the negotiated maximum is a bug in the caller (the UPDATE
 * packer sizes messages first) and throws {@link IllegalArgumentException}.
 */
public final class MessageEncoder {
    private static final byte[] MARKER = {-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1};

    private MessageEncoder() {
    }

    /** Encodes into a new buffer from {@code allocator}; the caller owns (and releases) it. */
    public static ByteBuf encode(BgpMessage message, CodecContext ctx, ByteBufAllocator allocator) {
        ByteBuf out = allocator.buffer(estimate(message));
        try {
            encode(message, ctx, out);
            return out;
        } catch (RuntimeException e) {
            out.release();
            throw e;
        }
    }

    public static byte[] toBytes(BgpMessage message, CodecContext ctx) {
        ByteBuf out = Unpooled.buffer(estimate(message));
        encode(message, ctx, out);
        return ByteBufUtil.getBytes(out);
    }

    /** Appends the message to {@code out}. */
    public static void encode(BgpMessage message, CodecContext ctx, ByteBuf out) {
        int start = out.writerIndex();
        out.writeBytes(MARKER).writeShort(0).writeByte(message.type().code());
        switch (message) {
            case Open open -> OpenCodec.encode(open, out);
            case Update update -> UpdateCodec.encode(update, ctx, out);
            case Notification n -> out.writeByte(n.code()).writeByte(n.subcode()).writeBytes(n.data());
            case Keepalive k -> { }
            case RouteRefresh r -> out.writeShort(r.family().afi()).writeByte(r.subtype()).writeByte(r.family().safi());
        }
        int length = out.writerIndex() - start;
        int max = message.type() == MessageType.OPEN || message.type() == MessageType.KEEPALIVE
                ? CodecContext.MAX_MESSAGE_LENGTH : ctx.maxMessageLength();
        if (length > max) {
            out.writerIndex(start);
            throw new IllegalArgumentException(message.type() + " of " + length + " octets exceeds " + max);
        }
        out.setShort(start + MessageDecoder.MARKER_LENGTH, length);
    }

    /**
     * A capability as code, length and value: the form an OPEN carries it in, and the data of
     * an Unsupported Capability NOTIFICATION (RFC 5492 section 5).
     */
    public static byte[] capabilityBytes(Capability capability) {
        ByteBuf out = Unpooled.buffer(16);
        CapabilityCodec.encode(capability, out);
        return ByteBufUtil.getBytes(out);
    }

    /** The encoded size of an UPDATE, to pack prefixes into messages without trial encoding. */
    public static int updateLength(Update update, CodecContext ctx) {
        return MessageDecoder.HEADER_LENGTH + UpdateCodec.bodyLengthWithoutNlri(update, ctx)
                + NlriCodec.encodedLength(update.nlri(), ctx.addPath(dev.jbgp.core.AfiSafi.IPV4_UNICAST));
    }

    private static int estimate(BgpMessage message) {
        return switch (message) {
            case Update u -> updateLength(u, CodecContext.DEFAULT);
            case Notification n -> 21 + n.dataLength();
            default -> 64;
        };
    }
}
