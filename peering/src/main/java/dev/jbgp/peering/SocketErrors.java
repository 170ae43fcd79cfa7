package dev.jbgp.peering;

import java.net.ConnectException;

/** Socket failures in the words BIRD's status shows after {@code Socket:} ({@code Connection refused}). */
final class SocketErrors {
    private static final String[] KNOWN = {
        "Connection refused", "Connection reset by peer", "Connection timed out", "No route to host",
        "Network is unreachable", "Broken pipe", "Cannot assign requested address", "Address already in use",
        "Permission denied", "Operation not permitted",
    };

    private SocketErrors() {
    }

    static String describe(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            String m = t.getMessage();
            if (m != null) {
                for (String k : KNOWN) {
                    if (m.contains(k)) {
                        return k;
                    }
                }
            }
            if (t instanceof io.netty.channel.ConnectTimeoutException) {
                return "Connection timed out";
            }
        }
        if (cause instanceof ConnectException && cause.getMessage() != null) {
            return cause.getMessage();
        }
        String m = cause.getMessage();
        return m == null || m.isBlank() ? cause.getClass().getSimpleName() : m;
    }
}
