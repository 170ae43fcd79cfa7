package dev.jbgp.core.message;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;

/** NOTIFICATION (RFC 4271 section 4.5): error code, subcode and data. */
public record Notification(int code, int subcode, byte[] data) implements BgpMessage {
    /** RFC 9003 raised the shutdown communication limit from RFC 8203's 128 octets to 255. */
    public static final int MAX_SHUTDOWN_COMMUNICATION = 255;

    public Notification {
        if (code < 0 || code > 0xFF || subcode < 0 || subcode > 0xFF) {
            throw new IllegalArgumentException("code/subcode out of range: " + code + "/" + subcode);
        }
        data = data == null ? new byte[0] : data.clone();
    }

    public static Notification of(NotificationError error) {
        return new Notification(error.code(), error.subcode(), null);
    }

    public static Notification of(NotificationError error, byte[] data) {
        return new Notification(error.code(), error.subcode(), data);
    }

    /**
     * A Cease with a shutdown communication (RFC 8203 / RFC 9003): the text, UTF-8, cut at a
     * character boundary to fit 255 octets. Meant for Administrative Shutdown and Reset.
     */
    public static Notification cease(NotificationError.Cease subcode, String communication) {
        if (communication == null || communication.isEmpty()) {
            return of(subcode);
        }
        byte[] text = truncateUtf8(communication, MAX_SHUTDOWN_COMMUNICATION);
        byte[] d = new byte[text.length + 1];
        d[0] = (byte) text.length;
        System.arraycopy(text, 0, d, 1, text.length);
        return of(subcode, d);
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    public int dataLength() {
        return data.length;
    }

    /** The named error, or null when the code/subcode pair is not one an RFC defines. */
    public NotificationError error() {
        return NotificationError.of(code, subcode);
    }

    /** {@code Cease / Administrative Shutdown}, or the numbers for an undefined pair. */
    public String describe() {
        NotificationError e = error();
        String sub = e != null ? e.description() : "subcode " + subcode;
        return NotificationError.codeName(code) + " / " + sub;
    }

    /**
     * The shutdown communication of a Cease Administrative Shutdown or Reset (RFC 8203,
     * RFC 9003); empty when absent or when its length octet overruns the data.
     */
    public Optional<String> shutdownCommunication() {
        boolean shutdown = code == NotificationError.CEASE
                && (subcode == NotificationError.Cease.ADMINISTRATIVE_SHUTDOWN.subcode()
                        || subcode == NotificationError.Cease.ADMINISTRATIVE_RESET.subcode());
        if (!shutdown || data.length == 0) {
            return Optional.empty();
        }
        int len = data[0] & 0xFF;
        if (len == 0 || len + 1 > data.length) {
            return Optional.empty();
        }
        return Optional.of(new String(data, 1, len, StandardCharsets.UTF_8));
    }

    @Override
    public MessageType type() {
        return MessageType.NOTIFICATION;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Notification n && n.code == code && n.subcode == subcode && Arrays.equals(n.data, data);
    }

    @Override
    public int hashCode() {
        return (code * 256 + subcode) * 31 + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "Notification[" + code + "/" + subcode + " " + describe()
                + (data.length > 0 ? ", data=" + HexFormat.of().formatHex(data) : "") + "]";
    }

    private static byte[] truncateUtf8(String s, int max) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        if (b.length <= max) {
            return b;
        }
        int end = max;
        while (end > 0 && (b[end] & 0xC0) == 0x80) {
            end--; // do not cut inside a multi-byte character
        }
        return Arrays.copyOf(b, end);
    }
}
