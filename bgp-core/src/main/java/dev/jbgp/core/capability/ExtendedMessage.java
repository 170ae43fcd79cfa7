package dev.jbgp.core.capability;

/** Extended Message (RFC 8654): messages other than OPEN and KEEPALIVE may be up to 65535 octets. */
public record ExtendedMessage() implements Capability {
    public static final ExtendedMessage INSTANCE = new ExtendedMessage();

    @Override
    public int code() {
        return EXTENDED_MESSAGE;
    }
}
