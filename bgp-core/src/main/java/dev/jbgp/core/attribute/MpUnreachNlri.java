package dev.jbgp.core.attribute;

import dev.jbgp.core.AfiSafi;
import dev.jbgp.core.PrefixList;

/**
 * MP_UNREACH_NLRI (RFC 4760 section 4): withdrawn prefixes of one family. For a family whose
 * NLRI is not an IP prefix only the empty form exists here: the End-of-RIB marker (RFC 4724).
 */
public record MpUnreachNlri(AfiSafi family, PrefixList withdrawn) implements PathAttribute {
    public MpUnreachNlri {
        if (family.hasIpPrefixes() ? withdrawn.afi() != family.afi() : !withdrawn.isEmpty()) {
            throw new IllegalArgumentException("prefixes of AFI " + withdrawn.afi() + " under " + family);
        }
    }

    @Override
    public int typeCode() {
        return MP_UNREACH_NLRI;
    }
}
