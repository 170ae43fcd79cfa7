package dev.jbgp.core.codec;

import dev.jbgp.core.AfiSafi;
import dev.jbgp.core.PrefixList;
import dev.jbgp.core.message.BgpMessage;
import dev.jbgp.core.message.Notification;
import dev.jbgp.core.message.Update;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What decoding one message gives: the message (perhaps with attributes discarded), an UPDATE
 * whose prefixes must be treated as withdrawn, or a session reset with its NOTIFICATION
 * (RFC 7606 section 2). Nothing else comes out of the decoder, whatever the bytes.
 */
public sealed interface DecodeResult {

    /** The message; {@code discarded} lists attributes dropped on the way (RFC 7606 "attribute discard"). */
    record Decoded(BgpMessage message, List<Malformation> discarded) implements DecodeResult {
        public Decoded {
            discarded = List.copyOf(discarded);
        }
    }

    /**
     * An UPDATE with an error that calls for "treat-as-withdraw": every prefix it announces or
     * withdraws is to be withdrawn. {@code update} is as much of it as could be read.
     */
    record TreatAsWithdraw(Update update, List<Malformation> errors) implements DecodeResult {
        public TreatAsWithdraw {
            errors = List.copyOf(errors);
        }

        /** Every prefix to withdraw, per family: the announced ones and the withdrawn ones. */
        public Map<AfiSafi, PrefixList> withdrawals() {
            Map<AfiSafi, PrefixList> out = new LinkedHashMap<>();
            add(out, AfiSafi.IPV4_UNICAST, update.withdrawn());
            add(out, AfiSafi.IPV4_UNICAST, update.nlri());
            if (update.mpUnreach() != null) {
                add(out, update.mpUnreach().family(), update.mpUnreach().withdrawn());
            }
            if (update.mpReach() != null) {
                add(out, update.mpReach().family(), update.mpReach().nlri());
            }
            return out;
        }

        private static void add(Map<AfiSafi, PrefixList> out, AfiSafi family, PrefixList prefixes) {
            if (!prefixes.isEmpty()) {
                out.merge(family, prefixes, PrefixList::concat);
            }
        }
    }

    /** An error that closes the session: send {@link #notification()} and go Idle. */
    record SessionReset(Malformation error) implements DecodeResult {
        public Notification notification() {
            return error.notification();
        }
    }
}
