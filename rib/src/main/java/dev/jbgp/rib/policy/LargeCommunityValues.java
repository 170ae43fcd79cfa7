package dev.jbgp.rib.policy;

import dev.jbgp.core.attribute.LargeCommunities;
import dev.jbgp.core.attribute.LargeCommunities.LargeCommunity;
import java.util.List;

/** Large communities (RFC 8092) as configuration names them: three unsigned 32-bit numbers. */
final class LargeCommunityValues {
    private LargeCommunityValues() {
    }

    static LargeCommunity of(long globalAdministrator, long localData1, long localData2) {
        return new LargeCommunity(unsigned32(globalAdministrator), unsigned32(localData1), unsigned32(localData2));
    }

    static boolean contains(LargeCommunities communities, LargeCommunity community) {
        List<LargeCommunity> values = communities.values();
        for (int i = 0; i < values.size(); i++) {
            if (values.get(i).equals(community)) {
                return true;
            }
        }
        return false;
    }

    private static int unsigned32(long value) {
        if (value < 0 || value > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("a large community number is unsigned 32-bit, not " + value);
        }
        return (int) value;
    }
}
