package dev.jbgp.core.capability;

/**
 * A capability of the OPEN message's Capabilities optional parameter (RFC 5492). Codes are
 * IANA's "Capability Codes"; a capability jbgp does not know is kept as raw bytes.
 */
public sealed interface Capability permits Multiprotocol, RouteRefreshSupport, ExtendedNextHop, ExtendedMessage,
        GracefulRestart, FourOctetAs, AddPath, EnhancedRouteRefresh, LongLivedGracefulRestart, Fqdn,
        UnknownCapability {
    int MULTIPROTOCOL = 1;
    int ROUTE_REFRESH = 2;
    int EXTENDED_NEXT_HOP = 5;
    int EXTENDED_MESSAGE = 6;
    int GRACEFUL_RESTART = 64;
    int FOUR_OCTET_AS = 65;
    int ADD_PATH = 69;
    int ENHANCED_ROUTE_REFRESH = 70;
    int LONG_LIVED_GRACEFUL_RESTART = 71;
    int FQDN = 73;

    int code();
}
