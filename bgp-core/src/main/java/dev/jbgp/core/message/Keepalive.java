package dev.jbgp.core.message;

/** KEEPALIVE (RFC 4271 section 4.4): the header alone. */
public record Keepalive() implements BgpMessage {
    public static final Keepalive INSTANCE = new Keepalive();

    @Override
    public MessageType type() {
        return MessageType.KEEPALIVE;
    }
}
