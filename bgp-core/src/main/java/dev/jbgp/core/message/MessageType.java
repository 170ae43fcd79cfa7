package dev.jbgp.core.message;

/** The Type octet of the message header (RFC 4271 section 4.1, RFC 2918 for ROUTE-REFRESH). */
public enum MessageType {
    OPEN(1),
    UPDATE(2),
    NOTIFICATION(3),
    KEEPALIVE(4),
    ROUTE_REFRESH(5);

    private final int code;

    MessageType(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** The type for a header's Type octet, or null when the octet names no message type. */
    public static MessageType of(int code) {
        return switch (code) {
            case 1 -> OPEN;
            case 2 -> UPDATE;
            case 3 -> NOTIFICATION;
            case 4 -> KEEPALIVE;
            case 5 -> ROUTE_REFRESH;
            default -> null;
        };
    }
}
