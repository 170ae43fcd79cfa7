package dev.jbgp.rib;

import dev.jbgp.core.attribute.AsPath;
import dev.jbgp.core.attribute.PathAttributes;
import java.net.InetAddress;

/**
 * The checks on a received path that do not look at its prefix: whether it loops (its peer and
 * attribute set) and whether its next hop resolves (its attribute set and MP next hop).
 *
 * <p>Every prefix of an UPDATE shares those, and a full table comes as thousands of UPDATEs of a
 * hundred prefixes or more, so the answer for the last path asked about is kept, by identity
 * (the RIB interns attribute sets), and given again for the next prefix. The RIB calls
 * {@link #forget} as each of its operations begins: the next hop resolver may answer otherwise
 * later, and nothing here outlives one operation. RIB thread only.
 */
final class ImportChecks {
    private final RibConfig config;

    private RibPeer loopPeer;
    private PathAttributes loopAttributes;
    private Ineligible loop;

    private PathAttributes hopAttributes;
    private InetAddress hopMp;
    private boolean resolvable;

    ImportChecks(RibConfig config) {
        this.config = config;
    }

    void forget() {
        loopPeer = null;
        loopAttributes = null;
        loop = null;
        hopAttributes = null;
        hopMp = null;
    }

    /**
     * RFC 4271 section 9.1.2 and RFC 4456 section 8 (through {@link Reflection#loop}): why a path
     * would loop, or null. Such paths are kept but not used.
     */
    Ineligible loop(RibPeer peer, PathAttributes received, int allowOwnAs) {
        if (peer != loopPeer || received != loopAttributes) {
            loop = checkLoop(peer, received, allowOwnAs);
            loopPeer = peer;
            loopAttributes = received;
        }
        return loop;
    }

    /** Whether the next hop of a path with these attributes (and MP_REACH_NLRI next hop, or null) can be reached. */
    boolean resolvable(PathAttributes attributes, InetAddress mpNextHop) {
        if (attributes != hopAttributes || mpNextHop != hopMp) {
            InetAddress hop = mpNextHop != null ? mpNextHop
                    : attributes.nextHop() == null ? null : attributes.nextHop().inetAddress();
            resolvable = hop != null && config.decision().resolver().cost(hop) >= 0;
            hopAttributes = attributes;
            hopMp = mpNextHop;
        }
        return resolvable;
    }

    private Ineligible checkLoop(RibPeer peer, PathAttributes a, int allowOwnAs) {
        if (peer.local()) {
            return null;
        }
        AsPath asPath = a.asPath();
        if (asPath != null && occurrences(asPath, config.localAs()) > allowOwnAs) {
            return Ineligible.AS_LOOP;
        }
        // ORIGINATOR_ID and CLUSTER_LIST belong inside the AS: from an external peer they are
        // ignored (RFC 7606 sections 7.9 and 7.10), so they cannot make a loop either.
        return peer.internal() ? config.reflection().loop(a, config.routerId()) : null;
    }

    private static int occurrences(AsPath path, long asn) {
        int n = 0;
        for (AsPath.Segment s : path.segments()) {
            for (int i = 0; i < s.size(); i++) {
                if (s.asn(i) == asn) {
                    n++;
                }
            }
        }
        return n;
    }
}
