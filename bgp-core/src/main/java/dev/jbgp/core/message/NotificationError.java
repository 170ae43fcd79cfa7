package dev.jbgp.core.message;

/**
 * The Error Code / Error Subcode pairs a NOTIFICATION carries: RFC 4271 section 4.5 and 6,
 * RFC 4486 and RFC 8538 (Cease), RFC 6608 (FSM), RFC 7313 (ROUTE-REFRESH), RFC 5492 and
 * RFC 9234 (OPEN), RFC 9687 (Send Hold Timer). Each code is an enum of its subcodes, so code and subcode travel together.
 */
public sealed interface NotificationError {
    int MESSAGE_HEADER = 1;
    int OPEN_MESSAGE = 2;
    int UPDATE_MESSAGE = 3;
    int HOLD_TIMER_EXPIRED = 4;
    int FSM = 5;
    int CEASE = 6;
    int ROUTE_REFRESH_MESSAGE = 7;
    int SEND_HOLD_TIMER_EXPIRED = 8;

    int code();

    int subcode();

    String description();

    /** The name of an error code, or {@code code N} for one no RFC defines. */
    static String codeName(int code) {
        return switch (code) {
            case MESSAGE_HEADER -> "Message Header Error";
            case OPEN_MESSAGE -> "OPEN Message Error";
            case UPDATE_MESSAGE -> "UPDATE Message Error";
            case HOLD_TIMER_EXPIRED -> "Hold Timer Expired";
            case FSM -> "Finite State Machine Error";
            case CEASE -> "Cease";
            case ROUTE_REFRESH_MESSAGE -> "ROUTE-REFRESH Message Error";
            case SEND_HOLD_TIMER_EXPIRED -> "Send Hold Timer Expired";
            default -> "code " + code;
        };
    }

    /** The named pair for a code and subcode, or null when none is defined. */
    static NotificationError of(int code, int subcode) {
        NotificationError[] values = switch (code) {
            case MESSAGE_HEADER -> Header.values();
            case OPEN_MESSAGE -> Open.values();
            case UPDATE_MESSAGE -> Update.values();
            case HOLD_TIMER_EXPIRED -> HoldTimer.values();
            case FSM -> Fsm.values();
            case CEASE -> Cease.values();
            case ROUTE_REFRESH_MESSAGE -> RouteRefresh.values();
            case SEND_HOLD_TIMER_EXPIRED -> SendHoldTimer.values();
            default -> new NotificationError[0];
        };
        for (NotificationError e : values) {
            if (e.subcode() == subcode) {
                return e;
            }
        }
        return null;
    }

    /** Code 1, RFC 4271 section 6.1. */
    enum Header implements NotificationError {
        UNSPECIFIC(0, "Unspecific"),
        CONNECTION_NOT_SYNCHRONIZED(1, "Connection Not Synchronized"),
        BAD_MESSAGE_LENGTH(2, "Bad Message Length"),
        BAD_MESSAGE_TYPE(3, "Bad Message Type");

        private final int subcode;
        private final String description;

        Header(int subcode, String description) {
            this.subcode = subcode;
            this.description = description;
        }

        @Override public int code() { return MESSAGE_HEADER; }
        @Override public int subcode() { return subcode; }
        @Override public String description() { return description; }
    }

    /** Code 2, RFC 4271 section 6.2, RFC 5492 (7), RFC 9234 (11). */
    enum Open implements NotificationError {
        UNSPECIFIC(0, "Unspecific"),
        UNSUPPORTED_VERSION_NUMBER(1, "Unsupported Version Number"),
        BAD_PEER_AS(2, "Bad Peer AS"),
        BAD_BGP_IDENTIFIER(3, "Bad BGP Identifier"),
        UNSUPPORTED_OPTIONAL_PARAMETER(4, "Unsupported Optional Parameter"),
        AUTHENTICATION_FAILURE(5, "Authentication Failure (deprecated)"),
        UNACCEPTABLE_HOLD_TIME(6, "Unacceptable Hold Time"),
        UNSUPPORTED_CAPABILITY(7, "Unsupported Capability"),
        ROLE_MISMATCH(11, "Role Mismatch");

        private final int subcode;
        private final String description;

        Open(int subcode, String description) {
            this.subcode = subcode;
            this.description = description;
        }

        @Override public int code() { return OPEN_MESSAGE; }
        @Override public int subcode() { return subcode; }
        @Override public String description() { return description; }
    }

    /** Code 3, RFC 4271 section 6.3. */
    enum Update implements NotificationError {
        UNSPECIFIC(0, "Unspecific"),
        MALFORMED_ATTRIBUTE_LIST(1, "Malformed Attribute List"),
        UNRECOGNIZED_WELL_KNOWN_ATTRIBUTE(2, "Unrecognized Well-known Attribute"),
        MISSING_WELL_KNOWN_ATTRIBUTE(3, "Missing Well-known Attribute"),
        ATTRIBUTE_FLAGS_ERROR(4, "Attribute Flags Error"),
        ATTRIBUTE_LENGTH_ERROR(5, "Attribute Length Error"),
        INVALID_ORIGIN_ATTRIBUTE(6, "Invalid ORIGIN Attribute"),
        AS_ROUTING_LOOP(7, "AS Routing Loop (deprecated)"),
        INVALID_NEXT_HOP_ATTRIBUTE(8, "Invalid NEXT_HOP Attribute"),
        OPTIONAL_ATTRIBUTE_ERROR(9, "Optional Attribute Error"),
        INVALID_NETWORK_FIELD(10, "Invalid Network Field"),
        MALFORMED_AS_PATH(11, "Malformed AS_PATH");

        private final int subcode;
        private final String description;

        Update(int subcode, String description) {
            this.subcode = subcode;
            this.description = description;
        }

        @Override public int code() { return UPDATE_MESSAGE; }
        @Override public int subcode() { return subcode; }
        @Override public String description() { return description; }
    }

    /** Code 4, RFC 4271 section 6.5: no subcodes. */
    enum HoldTimer implements NotificationError {
        EXPIRED;

        @Override public int code() { return HOLD_TIMER_EXPIRED; }
        @Override public int subcode() { return 0; }
        @Override public String description() { return "Hold Timer Expired"; }
    }

    /** Code 5, RFC 4271 section 6.6 and RFC 6608. */
    enum Fsm implements NotificationError {
        UNSPECIFIED(0, "Unspecified Error"),
        UNEXPECTED_MESSAGE_IN_OPEN_SENT(1, "Receive Unexpected Message in OpenSent State"),
        UNEXPECTED_MESSAGE_IN_OPEN_CONFIRM(2, "Receive Unexpected Message in OpenConfirm State"),
        UNEXPECTED_MESSAGE_IN_ESTABLISHED(3, "Receive Unexpected Message in Established State");

        private final int subcode;
        private final String description;

        Fsm(int subcode, String description) {
            this.subcode = subcode;
            this.description = description;
        }

        @Override public int code() { return FSM; }
        @Override public int subcode() { return subcode; }
        @Override public String description() { return description; }
    }

    /** Code 6, RFC 4486, RFC 8538 (Hard Reset), RFC 9384 (BFD Down). */
    enum Cease implements NotificationError {
        UNSPECIFIC(0, "Unspecific"),
        MAXIMUM_NUMBER_OF_PREFIXES_REACHED(1, "Maximum Number of Prefixes Reached"),
        ADMINISTRATIVE_SHUTDOWN(2, "Administrative Shutdown"),
        PEER_DE_CONFIGURED(3, "Peer De-configured"),
        ADMINISTRATIVE_RESET(4, "Administrative Reset"),
        CONNECTION_REJECTED(5, "Connection Rejected"),
        OTHER_CONFIGURATION_CHANGE(6, "Other Configuration Change"),
        CONNECTION_COLLISION_RESOLUTION(7, "Connection Collision Resolution"),
        OUT_OF_RESOURCES(8, "Out of Resources"),
        HARD_RESET(9, "Hard Reset"),
        BFD_DOWN(10, "BFD Down");

        private final int subcode;
        private final String description;

        Cease(int subcode, String description) {
            this.subcode = subcode;
            this.description = description;
        }

        @Override public int code() { return CEASE; }
        @Override public int subcode() { return subcode; }
        @Override public String description() { return description; }
    }

    /** Code 7, RFC 7313 section 5. */
    enum RouteRefresh implements NotificationError {
        RESERVED(0, "Reserved"),
        INVALID_MESSAGE_LENGTH(1, "Invalid Message Length");

        private final int subcode;
        private final String description;

        RouteRefresh(int subcode, String description) {
            this.subcode = subcode;
            this.description = description;
        }

        @Override public int code() { return ROUTE_REFRESH_MESSAGE; }
        @Override public int subcode() { return subcode; }
        @Override public String description() { return description; }
    }

    /** Code 8, RFC 9687: the peer stopped reading and our messages could not be sent. */
    enum SendHoldTimer implements NotificationError {
        EXPIRED;

        @Override public int code() { return SEND_HOLD_TIMER_EXPIRED; }
        @Override public int subcode() { return 0; }
        @Override public String description() { return "Send Hold Timer Expired"; }
    }
}
