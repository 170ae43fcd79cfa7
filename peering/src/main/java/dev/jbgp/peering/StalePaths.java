package dev.jbgp.peering;

import dev.jbgp.core.AfiSafi;
import dev.jbgp.core.Prefix;
import dev.jbgp.core.PrefixList;
import dev.jbgp.core.message.Update;
import dev.jbgp.rib.Rib;
import dev.jbgp.rib.RibPeer;
import java.util.HashSet;
import java.util.Set;

/**
 * A restarting peer's paths that it has not announced again since its session went down (RFC
 * 4724 section 4.2, the receiving speaker): kept in the RIB, marked stale, until the peer sends
 * them again, sends End-of-RIB, or its restart time runs out. Owned by the RIB thread.
 */
final class StalePaths {
    private record Key(Prefix prefix, int pathId) {
    }

    private final Set<Key> paths = new HashSet<>();

    /** Every path {@code peer} holds in {@code rib} becomes stale. */
    void capture(Rib rib, RibPeer peer) {
        paths.clear();
        rib.forEachPathOf(peer, (prefix, path) -> paths.add(new Key(prefix, path.pathId())));
    }

    /** The prefixes {@code update} announces or withdraws are the peer's current word again. */
    void confirm(Update update) {
        if (paths.isEmpty()) {
            return;
        }
        confirm(update.nlri());
        confirm(update.withdrawn());
        if (update.mpReach() != null) {
            confirm(update.mpReach().nlri());
        }
        if (update.mpUnreach() != null) {
            confirm(update.mpUnreach().withdrawn());
        }
    }

    private void confirm(PrefixList prefixes) {
        for (int i = 0; i < prefixes.size(); i++) {
            paths.remove(new Key(prefixes.get(i), prefixes.hasPathIds() ? prefixes.pathId(i) : 0));
        }
    }

    /**
     * Withdraws from {@code rib} the stale paths of {@code family}, or of every family when null.
     *
     * @return how many paths were withdrawn
     */
    int withdraw(Rib rib, RibPeer peer, AfiSafi family) {
        int n = 0;
        for (var it = paths.iterator(); it.hasNext(); ) {
            Key p = it.next();
            if (family == null || p.prefix().isIpv4() == family.equals(AfiSafi.IPV4_UNICAST)) {
                it.remove();
                if (peer != null && rib.withdraw(peer, p.prefix(), p.pathId())) {
                    n++;
                }
            }
        }
        return n;
    }

    boolean contains(Prefix prefix, int pathId) {
        return !paths.isEmpty() && paths.contains(new Key(prefix, pathId));
    }

    boolean isEmpty() {
        return paths.isEmpty();
    }

    void clear() {
        paths.clear();
    }
}
