package dev.jbgp.core.capability;

/** Enhanced Route Refresh (RFC 7313 section 3): the speaker brackets re-advertisements with BoRR and EoRR. */
public record EnhancedRouteRefresh() implements Capability {
    public static final EnhancedRouteRefresh INSTANCE = new EnhancedRouteRefresh();

    @Override
    public int code() {
        return ENHANCED_ROUTE_REFRESH;
    }
}
