package dev.jbgp.core.message;

import dev.jbgp.core.AfiSafi;

/**
 * ROUTE-REFRESH (RFC 2918) with the Message Subtype of enhanced route refresh (RFC 7313):
 * 0 asks for the peer's Adj-RIB-Out, 1 (BoRR) and 2 (EoRR) bracket a re-advertisement.
 */
public record RouteRefresh(AfiSafi family, int subtype) implements BgpMessage {
    public static final int NORMAL = 0;
    public static final int BEGIN_OF_ROUTE_REFRESH = 1;
    public static final int END_OF_ROUTE_REFRESH = 2;

    public RouteRefresh {
        if (subtype < 0 || subtype > 0xFF) {
            throw new IllegalArgumentException("subtype out of range: " + subtype);
        }
    }

    public static RouteRefresh request(AfiSafi family) {
        return new RouteRefresh(family, NORMAL);
    }

    /** The subtype's RFC 7313 name, or {@code reserved(n)}: RFC 7313 says such a message is ignored. */
    public String subtypeName() {
        return switch (subtype) {
            case NORMAL -> "normal";
            case BEGIN_OF_ROUTE_REFRESH -> "BoRR";
            case END_OF_ROUTE_REFRESH -> "EoRR";
            default -> "reserved(" + subtype + ")";
        };
    }

    @Override
    public MessageType type() {
        return MessageType.ROUTE_REFRESH;
    }
}
