package dev.jbgp.core.codec;

import dev.jbgp.core.message.Notification;
import dev.jbgp.core.message.NotificationError;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * One error found while decoding: what to do about it, the NOTIFICATION code, subcode and
 * data the RFCs assign to it (sent only when the action is a session reset), and a sentence
 * for the log.
 */
public record Malformation(ErrorAction action, int code, int subcode, byte[] data, String reason) {
    public Malformation {
        data = data == null ? new byte[0] : data.clone();
    }

    public Malformation(ErrorAction action, NotificationError error, byte[] data, String reason) {
        this(action, error.code(), error.subcode(), data, reason);
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    /** Data of a NOTIFICATION that fits a 4096-octet message (header and code octets take 21). */
    public static final int MAX_NOTIFICATION_DATA = CodecContext.MAX_MESSAGE_LENGTH - 21;

    /**
     * The NOTIFICATION this error maps to. The data is cut to fit 4096 octets: the offending
     * attribute of an extended message may be longer (RFC 8654 section 4 asks the payload to fit).
     */
    public Notification notification() {
        return new Notification(code, subcode,
                data.length <= MAX_NOTIFICATION_DATA ? data : Arrays.copyOf(data, MAX_NOTIFICATION_DATA));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Malformation m && m.action == action && m.code == code && m.subcode == subcode
                && Arrays.equals(m.data, data) && m.reason.equals(reason);
    }

    @Override
    public int hashCode() {
        return ((action.hashCode() * 31 + code) * 31 + subcode) * 31 + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return action + " " + code + "/" + subcode + " (" + notification().describe() + "): " + reason
                + (data.length > 0 ? " [data " + HexFormat.of().formatHex(data) + "]" : "");
    }
}
