package dev.jbgp.core.message;

/** A BGP-4 message (RFC 4271 section 4); a {@code switch} over it replaces visitors. */
public sealed interface BgpMessage permits Open, Update, Notification, Keepalive, RouteRefresh {
    MessageType type();
}
