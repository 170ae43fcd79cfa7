package dev.jbgp.core.capability;

/** Route Refresh (RFC 2918 section 2): the speaker answers ROUTE-REFRESH messages. */
public record RouteRefreshSupport() implements Capability {
    public static final RouteRefreshSupport INSTANCE = new RouteRefreshSupport();

    @Override
    public int code() {
        return ROUTE_REFRESH;
    }
}
