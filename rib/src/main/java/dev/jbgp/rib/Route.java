package dev.jbgp.rib;

import dev.jbgp.core.Prefix;
import dev.jbgp.core.attribute.PathAttributes;

/**
 * One route as policy sees it: a prefix, the path identifier it came with (RFC 7911; 0
 * without ADD-PATH), its attributes, and where it came from.
 */
public record Route(Prefix prefix, int pathId, PathAttributes attributes, RibPeer source) {
}
