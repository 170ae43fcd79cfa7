package dev.jbgp.core.codec;

import dev.jbgp.core.AfiSafi;
import dev.jbgp.core.attribute.AttributeInterner;
import dev.jbgp.core.message.BgpMessage;
import dev.jbgp.core.message.Keepalive;
import dev.jbgp.core.message.MessageType;
import dev.jbgp.core.message.Notification;
import dev.jbgp.core.message.NotificationError;
import dev.jbgp.core.message.RouteRefresh;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.util.List;

/**
 * Turns the bytes of one message into a {@link DecodeResult}: the message, a treat-as-withdraw,
 * or a session reset with the NOTIFICATION the RFCs assign. Whatever the bytes, nothing else
 * comes out, and no read leaves the message's own bounds.
 *
 * <pre>
 *  0                   1                   2                   3
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                           Marker (16 octets of 0xFF)          |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |          Length               |      Type     |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *                       RFC 4271 section 4.1
 * </pre>
 *
 * One decoder serves one session direction; when the OPEN exchange changes what was
 * negotiated, the session makes a new one with the new {@link CodecContext}.
 */
public final class MessageDecoder {
    public static final int HEADER_LENGTH = 19;
    public static final int MARKER_LENGTH = 16;
    private static final int MIN_OPEN = 29;
    private static final int MIN_UPDATE = 23;
    private static final int MIN_NOTIFICATION = 21;
    private static final int ROUTE_REFRESH_LENGTH = 23;

    private final CodecContext context;
    private final AttributeInterner interner;

    /** A decoder whose attribute sets are not interned: the RIB interns them on its own thread. */
    public MessageDecoder(CodecContext context) {
        this(context, AttributeInterner.none());
    }

    /**
     * A decoder that passes the attribute sets of cleanly decoded UPDATEs through
     * {@code interner}, which is called on the decoding thread only (a per-session cache).
     */
    public MessageDecoder(CodecContext context, AttributeInterner interner) {
        this.context = context;
        this.interner = interner;
    }

    public CodecContext context() {
        return context;
    }

    /**
     * How many octets the message starting at {@code in}'s reader index occupies: -1 while
     * fewer than 19 octets are there; the Length field when it is sane; 19 when the header is
     * bad, so a stream framer hands the header over at once and {@link #decode} reports it.
     */
    public int frameLength(ByteBuf in) {
        if (in.readableBytes() < HEADER_LENGTH) {
            return -1;
        }
        int start = in.readerIndex();
        for (int i = 0; i < MARKER_LENGTH; i++) {
            if (in.getByte(start + i) != (byte) 0xFF) {
                return HEADER_LENGTH;
            }
        }
        int length = in.getUnsignedShort(start + MARKER_LENGTH);
        return length < HEADER_LENGTH || length > context.maxMessageLength() ? HEADER_LENGTH : length;
    }

    /** Decodes a whole message held in a byte array (a capture, a test vector). */
    public DecodeResult decode(byte[] message) {
        return decode(Unpooled.wrappedBuffer(message));
    }

    /**
     * Decodes the message at {@code in}'s reader index and moves the reader index past it (to
     * the end of the buffer when the header is so broken that the stream cannot be followed).
     */
    public DecodeResult decode(ByteBuf in) {
        int start = in.readerIndex();
        int available = in.readableBytes();
        if (available < HEADER_LENGTH) {
            in.skipBytes(available);
            return headerError(NotificationError.Header.BAD_MESSAGE_LENGTH, available >= MARKER_LENGTH + 2 ? lengthField(in, start) : null,
                    "message of " + available + " octets is shorter than the 19-octet header");
        }
        for (int i = 0; i < MARKER_LENGTH; i++) {
            if (in.getByte(start + i) != (byte) 0xFF) {
                in.skipBytes(available);
                return headerError(NotificationError.Header.CONNECTION_NOT_SYNCHRONIZED, null, "marker is not all ones");
            }
        }
        int length = in.getUnsignedShort(start + MARKER_LENGTH);
        int typeCode = in.getUnsignedByte(start + MARKER_LENGTH + 2);
        if (length < HEADER_LENGTH || length > context.maxMessageLength()) {
            in.skipBytes(available);
            return headerError(NotificationError.Header.BAD_MESSAGE_LENGTH, lengthField(in, start), "length " + length + " is outside 19.." + context.maxMessageLength());
        }
        if (length > available) {
            in.skipBytes(available);
            return headerError(NotificationError.Header.BAD_MESSAGE_LENGTH, lengthField(in, start), "length " + length + " but only " + available + " octets present");
        }
        MessageType type = MessageType.of(typeCode);
        if (type == null) {
            in.skipBytes(length);
            return headerError(NotificationError.Header.BAD_MESSAGE_TYPE, new byte[] {(byte) typeCode}, "unknown message type " + typeCode);
        }
        String badLength = checkLength(type, length);
        if (badLength != null) {
            in.skipBytes(length);
            return headerError(NotificationError.Header.BAD_MESSAGE_LENGTH, lengthField(in, start), badLength);
        }
        ByteBuf body = in.slice(start + HEADER_LENGTH, length - HEADER_LENGTH);
        in.skipBytes(length);
        return switch (type) {
            case OPEN -> decodeOpen(body);
            case UPDATE -> UpdateCodec.decode(body, context, interner);
            case NOTIFICATION -> decoded(new Notification(body.readUnsignedByte(), body.readUnsignedByte(),
                    ByteBufUtil.getBytes(body)));
            case KEEPALIVE -> decoded(Keepalive.INSTANCE);
            case ROUTE_REFRESH -> decodeRouteRefresh(in, start, length, body);
        };
    }

    /** RFC 4271 section 6.1 (and RFC 8654: OPEN and KEEPALIVE stay within 4096 octets). */
    private static String checkLength(MessageType type, int length) {
        return switch (type) {
            case OPEN -> length < MIN_OPEN ? "OPEN of " + length + " octets is shorter than 29"
                    : length > CodecContext.MAX_MESSAGE_LENGTH ? "OPEN of " + length + " octets exceeds 4096" : null;
            case UPDATE -> length < MIN_UPDATE ? "UPDATE of " + length + " octets is shorter than 23" : null;
            case NOTIFICATION -> length < MIN_NOTIFICATION ? "NOTIFICATION of " + length + " octets is shorter than 21" : null;
            case KEEPALIVE -> length != HEADER_LENGTH ? "KEEPALIVE of " + length + " octets, not 19" : null;
            case ROUTE_REFRESH -> null; // subtype-dependent, see decodeRouteRefresh
        };
    }

    /**
     * ROUTE-REFRESH (RFC 2918 section 3): AFI (2 octets), Message Subtype (1, RFC 7313), SAFI (1).
     * RFC 7313 section 5: a BoRR or EoRR of any other length is error 7/1 with the whole message
     * as data. A normal request may carry ORF entries after the four octets (RFC 5291), which
     * jbgp never negotiates and ignores; one too short to hold its fields is a header length error.
     */
    private static DecodeResult decodeRouteRefresh(ByteBuf in, int start, int length, ByteBuf body) {
        int subtype = body.readableBytes() >= 3 ? body.getUnsignedByte(body.readerIndex() + 2) : -1;
        boolean bracket = subtype == RouteRefresh.BEGIN_OF_ROUTE_REFRESH || subtype == RouteRefresh.END_OF_ROUTE_REFRESH;
        if (length != ROUTE_REFRESH_LENGTH && bracket) {
            return new DecodeResult.SessionReset(new Malformation(ErrorAction.SESSION_RESET,
                    NotificationError.RouteRefresh.INVALID_MESSAGE_LENGTH, ByteBufUtil.getBytes(in, start, length), "ROUTE-REFRESH " + (subtype == 1 ? "BoRR" : "EoRR")
                            + " of " + length + " octets, not 23"));
        }
        if (length < ROUTE_REFRESH_LENGTH) {
            return headerError(NotificationError.Header.BAD_MESSAGE_LENGTH, lengthField(in, start), "ROUTE-REFRESH of " + length + " octets is shorter than 23");
        }
        int afi = body.readUnsignedShort();
        body.skipBytes(1);
        return decoded(new RouteRefresh(new AfiSafi(afi, body.readUnsignedByte()), subtype));
    }

    private static DecodeResult decodeOpen(ByteBuf body) {
        try {
            return decoded(OpenCodec.decode(body));
        } catch (MalformedException e) {
            return new DecodeResult.SessionReset(e.toMalformation(null));
        }
    }

    private static DecodeResult decoded(BgpMessage message) {
        return new DecodeResult.Decoded(message, List.of());
    }

    private static byte[] lengthField(ByteBuf in, int start) {
        return ByteBufUtil.getBytes(in, start + MARKER_LENGTH, 2);
    }

    private static DecodeResult headerError(NotificationError.Header error, byte[] data, String reason) {
        return new DecodeResult.SessionReset(new Malformation(ErrorAction.SESSION_RESET, error, data, reason));
    }
}
