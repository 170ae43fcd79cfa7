package dev.jbgp.core.capability;

import dev.jbgp.core.AfiSafi;
import java.util.List;

/**
 * Graceful Restart (RFC 4724 section 3, N bit from RFC 8538).
 *
 * @param flags the 4 Restart Flags bits: {@link #RESTART_STATE} (R), {@link #NOTIFICATION} (N)
 * @param restartTime seconds, 12 bits
 * @param families the families whose state is preserved, each with its Forwarding State flags
 */
public record GracefulRestart(int flags, int restartTime, List<Family> families) implements Capability {
    public static final int RESTART_STATE = 0x8;
    public static final int NOTIFICATION = 0x4;
    /** The Forwarding State bit of a family's flags octet. */
    public static final int FORWARDING_STATE = 0x80;

    public GracefulRestart {
        if (flags < 0 || flags > 0xF) {
            throw new IllegalArgumentException("restart flags are 4 bits: " + flags);
        }
        if (restartTime < 0 || restartTime > 0xFFF) {
            throw new IllegalArgumentException("restart time is 12 bits: " + restartTime);
        }
        families = List.copyOf(families);
    }

    /** A family and its flags octet (bit 0x80: forwarding state preserved). */
    public record Family(AfiSafi family, int flags) {
        public Family {
            if (flags < 0 || flags > 0xFF) {
                throw new IllegalArgumentException("family flags are one octet: " + flags);
            }
        }

        public boolean forwardingPreserved() {
            return (flags & FORWARDING_STATE) != 0;
        }
    }

    public boolean restarting() {
        return (flags & RESTART_STATE) != 0;
    }

    public boolean notificationSupport() {
        return (flags & NOTIFICATION) != 0;
    }

    @Override
    public int code() {
        return GRACEFUL_RESTART;
    }
}
