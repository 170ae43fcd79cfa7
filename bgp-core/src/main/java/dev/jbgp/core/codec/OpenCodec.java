package dev.jbgp.core.codec;

import dev.jbgp.core.capability.Capability;
import dev.jbgp.core.message.NotificationError;
import dev.jbgp.core.message.Open;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;

/**
 * The OPEN body (RFC 4271 section 4.2), with the extended optional parameters length of
 * RFC 9072 for parameter lists of 255 octets or more.
 *
 * <pre>
 *  +-----------+---------------+-----------+----------------+---------------+------------+
 *  | Version 1 | My AS 2       | Hold 2    | BGP Identifier | Opt Parm Len 1| Parameters |
 *  +-----------+---------------+-----------+----------------+---------------+------------+
 *  RFC 9072: Opt Parm Len 255, then type 255, then a 2-octet length; each parameter's
 *  length is then 2 octets too.
 * </pre>
 *
 * Checks here are the ones the bytes alone decide (RFC 4271 section 6.2): version, hold time
 * 1 or 2, a zero BGP Identifier, parameter types and shapes. Peer AS and identifier collisions
 * need configuration and are the session's.
 */
final class OpenCodec {
    static final int CAPABILITIES_PARAMETER = 2;
    private static final int EXTENDED = 255;

    private OpenCodec() {
    }

    static Open decode(ByteBuf body) throws MalformedException {
        int version = body.readUnsignedByte();
        if (version != Open.VERSION) {
            // Data: the largest version we support, as a 2-octet number.
            throw new MalformedException(ErrorAction.SESSION_RESET, NotificationError.Open.UNSUPPORTED_VERSION_NUMBER,
                    new byte[] {0, Open.VERSION},
                    "unsupported BGP version " + version);
        }
        int myAs = body.readUnsignedShort();
        int holdTime = body.readUnsignedShort();
        int bgpIdentifier = body.readInt();
        if (holdTime == 1 || holdTime == 2) {
            throw MalformedException.reset(NotificationError.Open.UNACCEPTABLE_HOLD_TIME, "hold time " + holdTime + " is neither 0 nor at least 3");
        }
        if (bgpIdentifier == 0) {
            throw MalformedException.reset(NotificationError.Open.BAD_BGP_IDENTIFIER, "BGP Identifier 0.0.0.0");
        }
        int parametersLength = body.readUnsignedByte();
        boolean extended = false;
        // RFC 9072 section 3: a non-zero Non-Ext OP Len followed by a Non-Ext OP Type of 255
        // selects the extended form, whatever the Non-Ext OP Len (senders use 255).
        if (parametersLength != 0 && body.isReadable() && body.getUnsignedByte(body.readerIndex()) == EXTENDED) {
            body.skipBytes(1);
            if (body.readableBytes() < 2) {
                throw MalformedException.reset(NotificationError.Open.UNSPECIFIC, "extended optional parameters length is cut off");
            }
            parametersLength = body.readUnsignedShort();
            extended = true;
        }
        if (parametersLength != body.readableBytes()) {
            throw MalformedException.reset(NotificationError.Open.UNSPECIFIC, "optional parameters length " + parametersLength + " but "
                    + body.readableBytes() + " octets follow");
        }
        List<Capability> capabilities = new ArrayList<>();
        int parameterHeader = extended ? 3 : 2;
        while (body.isReadable()) {
            if (body.readableBytes() < parameterHeader) {
                throw MalformedException.reset(NotificationError.Open.UNSPECIFIC, "optional parameter header is cut off");
            }
            int type = body.readUnsignedByte();
            int length = extended ? body.readUnsignedShort() : body.readUnsignedByte();
            if (length > body.readableBytes()) {
                throw MalformedException.reset(NotificationError.Open.UNSPECIFIC, "optional parameter of length " + length + " overruns the OPEN");
            }
            ByteBuf parameter = body.readSlice(length);
            if (type != CAPABILITIES_PARAMETER) {
                throw MalformedException.reset(NotificationError.Open.UNSUPPORTED_OPTIONAL_PARAMETER, "unsupported optional parameter type " + type);
            }
            while (parameter.isReadable()) {
                if (parameter.readableBytes() < 2) {
                    throw MalformedException.reset(NotificationError.Open.UNSPECIFIC, "capability header is cut off");
                }
                int code = parameter.readUnsignedByte();
                int capabilityLength = parameter.readUnsignedByte();
                if (capabilityLength > parameter.readableBytes()) {
                    throw MalformedException.reset(NotificationError.Open.UNSPECIFIC, "capability " + code + " of length " + capabilityLength
                            + " overruns its parameter");
                }
                capabilities.add(CapabilityCodec.decode(code, parameter.readSlice(capabilityLength)));
            }
        }
        return new Open(myAs, holdTime, bgpIdentifier, capabilities);
    }

    /**
     * Writes the body: every capability in one Capabilities parameter, in the RFC 9072
     * extended form only when the parameters do not fit the 1-octet length.
     */
    static void encode(Open open, ByteBuf out) {
        out.writeByte(Open.VERSION).writeShort(open.myAs()).writeShort(open.holdTime()).writeInt(open.bgpIdentifier());
        if (open.capabilities().isEmpty()) {
            out.writeByte(0);
            return;
        }
        ByteBuf caps = Unpooled.buffer(64);
        try {
            for (Capability c : open.capabilities()) {
                CapabilityCodec.encode(c, caps);
            }
            int capsLength = caps.readableBytes();
            if (capsLength + 2 <= 255) {
                out.writeByte(capsLength + 2).writeByte(CAPABILITIES_PARAMETER).writeByte(capsLength);
            } else {
                out.writeByte(EXTENDED).writeByte(EXTENDED).writeShort(capsLength + 3);
                out.writeByte(CAPABILITIES_PARAMETER).writeShort(capsLength);
            }
            out.writeBytes(caps);
        } finally {
            caps.release();
        }
    }
}
