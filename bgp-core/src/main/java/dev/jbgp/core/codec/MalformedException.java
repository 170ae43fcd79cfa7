package dev.jbgp.core.codec;

import dev.jbgp.core.message.NotificationError;

/**
 * Unwinds from the point inside a bounded slice where an error is found to the message
 * decoder, which turns it into a {@link DecodeResult}. Never leaves the codec package; no
 * stack trace is filled in, as it is control flow on hostile input, not a bug report.
 */
final class MalformedException extends Exception {
    private static final long serialVersionUID = 1L;

    final ErrorAction action;
    final int code;
    final int subcode;
    final byte[] data;

    MalformedException(ErrorAction action, int code, int subcode, byte[] data, String reason) {
        super(reason, null, false, false);
        this.action = action;
        this.code = code;
        this.subcode = subcode;
        this.data = data;
    }

    MalformedException(ErrorAction action, NotificationError error, byte[] data, String reason) {
        this(action, error.code(), error.subcode(), data, reason);
    }

    static MalformedException reset(NotificationError error, String reason) {
        return new MalformedException(ErrorAction.SESSION_RESET, error, null, reason);
    }

    Malformation toMalformation(byte[] defaultData) {
        return new Malformation(action, code, subcode, data != null ? data : defaultData, getMessage());
    }
}
