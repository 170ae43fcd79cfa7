package dev.jbgp.core.capability;

import dev.jbgp.core.AfiSafi;
import java.util.List;

/** ADD-PATH (RFC 7911 section 4): per family, whether the speaker receives, sends, or both. */
public record AddPath(List<Family> families) implements Capability {
    public static final int RECEIVE = 1;
    public static final int SEND = 2;
    public static final int BOTH = 3;

    public AddPath {
        families = List.copyOf(families);
    }

    /** A family and its Send/Receive value (1 receive, 2 send, 3 both). */
    public record Family(AfiSafi family, int sendReceive) {
        public Family {
            if (sendReceive < 0 || sendReceive > 0xFF) {
                throw new IllegalArgumentException("send/receive is one octet: " + sendReceive);
            }
        }

        /** RFC 7911 section 4: a value other than 1, 2 or 3 is as if the family were not listed. */
        public boolean receives() {
            return sendReceive == RECEIVE || sendReceive == BOTH;
        }

        public boolean sends() {
            return sendReceive == SEND || sendReceive == BOTH;
        }
    }

    @Override
    public int code() {
        return ADD_PATH;
    }
}
