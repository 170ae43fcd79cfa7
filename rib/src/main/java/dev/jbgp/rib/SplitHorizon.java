package dev.jbgp.rib;

import dev.jbgp.core.attribute.PathAttributes;

/** {@link Reflection#NONE}: iBGP split horizon, no reflection. */
enum SplitHorizon implements Reflection {
    INSTANCE;

    @Override
    public boolean reflects(RibPeer source, RibPeer target) {
        return false;
    }

    @Override
    public PathAttributes reflect(PathAttributes attributes, int sourceRouterId) {
        throw new IllegalStateException("a speaker that is not a route reflector reflects nothing");
    }
}
