package dev.jbgp.core.capability;

import dev.jbgp.core.AfiSafi;
import java.util.List;

/** Long-Lived Graceful Restart (RFC 9494 section 3): per family, flags and a 24-bit stale time. */
public record LongLivedGracefulRestart(List<Family> families) implements Capability {
    /** The Forwarding State bit of a family's flags octet. */
    public static final int FORWARDING_STATE = 0x80;

    public LongLivedGracefulRestart {
        families = List.copyOf(families);
    }

    /** A family, its flags octet and its long-lived stale time in seconds. */
    public record Family(AfiSafi family, int flags, int staleTime) {
        public Family {
            if (flags < 0 || flags > 0xFF) {
                throw new IllegalArgumentException("family flags are one octet: " + flags);
            }
            if (staleTime < 0 || staleTime > 0xFF_FFFF) {
                throw new IllegalArgumentException("long-lived stale time is 24 bits: " + staleTime);
            }
        }
    }

    @Override
    public int code() {
        return LONG_LIVED_GRACEFUL_RESTART;
    }
}
