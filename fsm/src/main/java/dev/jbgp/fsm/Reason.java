package dev.jbgp.fsm;

import dev.jbgp.core.message.Notification;
import java.util.Optional;

/**
 * Why a session went down or a connection was dropped, in the words operators read in a
 * status table ({@code Received: Bad Peer AS}, {@code Socket: Connection refused}).
 *
 * @param notification the NOTIFICATION sent or received, when there was one
 * @param detail a line of context, never empty
 */
public record Reason(Kind kind, Optional<Notification> notification, String detail) {
    public enum Kind {
        /** The operator stopped the session (event 2). */
        MANUAL_STOP,
        /** The system stopped the session (event 8). */
        AUTOMATIC_STOP,
        /** The TCP connection failed or closed (event 18). */
        CONNECTION_FAILED,
        /** We sent a NOTIFICATION: an error in what the peer sent, a timer, a collision. */
        NOTIFICATION_SENT,
        /** The peer sent a NOTIFICATION (events 24, 25). */
        NOTIFICATION_RECEIVED,
        /** An event the FSM does not expect in its state, where the RFC sends no NOTIFICATION. */
        UNEXPECTED_EVENT
    }

    public Reason {
        if (kind == null || notification == null || detail == null || detail.isBlank()) {
            throw new IllegalArgumentException("a reason has a kind, an optional notification and a detail");
        }
    }

    static Reason sent(Notification notification, String detail) {
        return new Reason(Kind.NOTIFICATION_SENT, Optional.of(notification), detail);
    }

    static Reason received(Notification notification) {
        return new Reason(Kind.NOTIFICATION_RECEIVED, Optional.of(notification), notification.describe());
    }

    static Reason of(Kind kind, String detail) {
        return new Reason(kind, Optional.empty(), detail);
    }

    /** One line for a status table, in BIRD's manner: {@code Received: Cease / Administrative Shutdown}. */
    public String describe() {
        return switch (kind) {
            case MANUAL_STOP -> "Stopped: " + detail;
            case AUTOMATIC_STOP -> "Stopped: " + notification.map(Notification::describe).orElse(detail);
            case CONNECTION_FAILED -> "Socket: " + detail;
            case NOTIFICATION_SENT -> "Error: " + notification.map(Notification::describe).orElse(detail);
            case NOTIFICATION_RECEIVED -> "Received: " + notification.map(Notification::describe).orElse(detail)
                    + notification.flatMap(Notification::shutdownCommunication).map(s -> " \"" + s + "\"").orElse("");
            case UNEXPECTED_EVENT -> "Error: " + detail;
        };
    }
}
