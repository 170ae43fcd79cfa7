package dev.jbgp.peering;

import dev.jbgp.core.message.Notification;
import dev.jbgp.fsm.Reason;

/**
 * Errors worded as BIRD words them in {@code show protocols} (and so in {@code calicoctl node
 * status}): a class ({@code Socket:}, {@code Received:}, {@code BGP Error:}) and BIRD's text for
 * the NOTIFICATION code and subcode ({@code Bad peer AS}, {@code Hold timer expired}), so that
 * operators and scripts that read BIRD's output read ours the same way.
 */
final class BirdWording {
    private BirdWording() {
    }

    /** The last-error part of INFO; empty when BIRD shows none (a stop asked for by the operator). */
    static String describe(Reason reason) {
        return switch (reason.kind()) {
            case CONNECTION_FAILED -> "Socket: " + reason.detail();
            case NOTIFICATION_RECEIVED -> "Received: " + reason.notification().map(BirdWording::text).orElse(reason.detail())
                    + reason.notification().flatMap(Notification::shutdownCommunication)
                            .filter(s -> !s.isEmpty()).map(s -> " \"" + s + "\"").orElse("");
            case NOTIFICATION_SENT -> "BGP Error: " + reason.notification().map(BirdWording::text).orElse(reason.detail());
            case UNEXPECTED_EVENT -> "Error: " + reason.detail();
            case MANUAL_STOP, AUTOMATIC_STOP -> "";
        };
    }

    /** BIRD's text for a NOTIFICATION's code and subcode. */
    static String text(Notification n) {
        return text(n.code(), n.subcode());
    }

    static String text(int code, int subcode) {
        return switch (code) {
            case 1 -> switch (subcode) {
                case 1 -> "Connection not synchronized";
                case 2 -> "Bad message length";
                case 3 -> "Bad message type";
                default -> "Invalid message header";
            };
            case 2 -> switch (subcode) {
                case 1 -> "Unsupported version number";
                case 2 -> "Bad peer AS";
                case 3 -> "Bad BGP identifier";
                case 4 -> "Unsupported optional parameter";
                case 5 -> "Authentication failure";
                case 6 -> "Unacceptable hold time";
                case 7 -> "Required capability missing";
                case 8 -> "No supported AFI/SAFI";
                case 11 -> "Role mismatch";
                default -> "Invalid OPEN message";
            };
            case 3 -> switch (subcode) {
                case 1 -> "Malformed attribute list";
                case 2 -> "Unrecognized well-known attribute";
                case 3 -> "Missing mandatory attribute";
                case 4 -> "Invalid attribute flags";
                case 5 -> "Invalid attribute length";
                case 6 -> "Invalid ORIGIN attribute";
                case 7 -> "AS routing loop";
                case 8 -> "Invalid NEXT_HOP attribute";
                case 9 -> "Optional attribute error";
                case 10 -> "Invalid network field";
                case 11 -> "Malformed AS_PATH";
                default -> "Invalid UPDATE message";
            };
            case 4 -> "Hold timer expired";
            case 5 -> switch (subcode) {
                case 1 -> "Unexpected message in OpenSent state";
                case 2 -> "Unexpected message in OpenConfirm state";
                case 3 -> "Unexpected message in Established state";
                default -> "Finite state machine error";
            };
            case 6 -> switch (subcode) {
                case 1 -> "Maximum number of prefixes reached";
                case 2 -> "Administrative shutdown";
                case 3 -> "Peer de-configured";
                case 4 -> "Administrative reset";
                case 5 -> "Connection rejected";
                case 6 -> "Other configuration change";
                case 7 -> "Connection collision resolution";
                case 8 -> "Out of Resources";
                case 9 -> "Hard reset";
                default -> "Cease";
            };
            case 7 -> "Invalid ROUTE-REFRESH message";
            default -> "Unknown error " + code + "." + subcode;
        };
    }
}
