package dev.jbgp.peering.transport;

import dev.jbgp.core.codec.DecodeResult;
import dev.jbgp.core.codec.MessageDecoder;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;
import java.util.Objects;

/**
 * Cuts the TCP byte stream into BGP messages and decodes each into a {@link DecodeResult}:
 * the Length field of the 19-octet header (RFC 4271 section 4.1) says where a message ends.
 * A broken header is passed on as soon as the 19 octets are in, as a session reset; after any
 * session reset the stream is ignored, since the session is closing.
 *
 * <p>The decoder is per-channel state: the session swaps it with {@link #decoder(MessageDecoder)}
 * once the OPEN exchange has settled 4-octet AS, ADD-PATH and extended messages.
 */
public final class BgpFrameDecoder extends ByteToMessageDecoder {
    private MessageDecoder decoder;
    private boolean reset;

    public BgpFrameDecoder(MessageDecoder decoder) {
        this.decoder = Objects.requireNonNull(decoder, "decoder");
    }

    /** Decodes the messages after this call with a decoder for a newly negotiated context. */
    public void decoder(MessageDecoder next) {
        this.decoder = Objects.requireNonNull(next, "decoder");
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (reset) {
            in.skipBytes(in.readableBytes());
            return;
        }
        int frame = decoder.frameLength(in);
        if (frame < 0 || in.readableBytes() < frame) {
            return; // wait for the rest of the message
        }
        DecodeResult result = decoder.decode(in); // moves the reader index past the message
        reset = result instanceof DecodeResult.SessionReset;
        out.add(result);
    }
}
