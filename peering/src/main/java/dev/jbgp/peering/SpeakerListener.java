package dev.jbgp.peering;

import dev.jbgp.core.Prefix;

/**
 * Events of a running {@link Speaker}. Called on the speaker's own threads (a session's event
 * loop, the RIB thread): return quickly and do not call back into the speaker's blocking methods.
 */
public interface SpeakerListener {

    /** A peer's status changed (state, error, counters at the change). {@code before} is null for a new peer. */
    default void peerChanged(PeerStatus before, PeerStatus now) {
    }

    /** A peer was removed from the configuration; its session is closed. */
    default void peerRemoved(PeerStatus last) {
    }

    /** The best path of {@code prefix} changed; {@code route} is null when the prefix became unreachable. */
    default void bestPathChanged(Prefix prefix, RouteView route) {
    }
}
