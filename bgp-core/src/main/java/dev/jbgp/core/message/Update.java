package dev.jbgp.core.message;

import dev.jbgp.core.AfiSafi;
import dev.jbgp.core.PrefixList;
import dev.jbgp.core.attribute.MpReachNlri;
import dev.jbgp.core.attribute.MpUnreachNlri;
import dev.jbgp.core.attribute.PathAttributes;
import java.util.Objects;
import java.util.Optional;

/**
 * UPDATE (RFC 4271 section 4.3). The path attributes a route keeps are the interned
 * {@link PathAttributes}; MP_REACH_NLRI and MP_UNREACH_NLRI (RFC 4760) carry prefixes, not
 * route properties, so they sit beside it rather than in it.
 *
 * @param withdrawn IPv4 unicast prefixes withdrawn in the Withdrawn Routes field
 * @param attributes the path attributes other than MP_REACH_NLRI and MP_UNREACH_NLRI
 * @param nlri IPv4 unicast prefixes announced in the NLRI field
 * @param mpReach MP_REACH_NLRI, or null
 * @param mpUnreach MP_UNREACH_NLRI, or null
 */
public record Update(PrefixList withdrawn, PathAttributes attributes, PrefixList nlri,
                     MpReachNlri mpReach, MpUnreachNlri mpUnreach) implements BgpMessage {

    public Update {
        Objects.requireNonNull(withdrawn, "withdrawn");
        Objects.requireNonNull(attributes, "attributes");
        Objects.requireNonNull(nlri, "nlri");
        if (withdrawn.afi() != AfiSafi.AFI_IPV4 || nlri.afi() != AfiSafi.AFI_IPV4) {
            throw new IllegalArgumentException("the Withdrawn Routes and NLRI fields carry IPv4 prefixes only");
        }
    }

    /** An UPDATE announcing IPv4 unicast prefixes in the NLRI field. */
    public static Update announce(PathAttributes attributes, PrefixList nlri) {
        return new Update(PrefixList.empty(AfiSafi.AFI_IPV4), attributes, nlri, null, null);
    }

    /** An UPDATE withdrawing IPv4 unicast prefixes in the Withdrawn Routes field. */
    public static Update withdraw(PrefixList withdrawn) {
        return new Update(withdrawn, PathAttributes.EMPTY, PrefixList.empty(AfiSafi.AFI_IPV4), null, null);
    }

    /** An UPDATE carrying only MP_REACH_NLRI and the path attributes. */
    public static Update announce(PathAttributes attributes, MpReachNlri mpReach) {
        PrefixList none = PrefixList.empty(AfiSafi.AFI_IPV4);
        return new Update(none, attributes, none, mpReach, null);
    }

    /** An UPDATE carrying only MP_UNREACH_NLRI. */
    public static Update withdraw(MpUnreachNlri mpUnreach) {
        PrefixList none = PrefixList.empty(AfiSafi.AFI_IPV4);
        return new Update(none, PathAttributes.EMPTY, none, null, mpUnreach);
    }

    /**
     * The End-of-RIB marker of RFC 4724 section 2: an empty UPDATE for IPv4 unicast, an
     * UPDATE holding only an empty MP_UNREACH_NLRI for any other family.
     */
    public static Update endOfRib(AfiSafi family) {
        if (family.equals(AfiSafi.IPV4_UNICAST)) {
            return withdraw(PrefixList.empty(AfiSafi.AFI_IPV4));
        }
        return withdraw(new MpUnreachNlri(family, emptyFor(family)));
    }

    /** The family this UPDATE marks the End-of-RIB of, if it is such a marker. */
    public Optional<AfiSafi> endOfRib() {
        if (!withdrawn.isEmpty() || !nlri.isEmpty() || mpReach != null || !attributes.isEmpty()) {
            return Optional.empty();
        }
        if (mpUnreach == null) {
            return Optional.of(AfiSafi.IPV4_UNICAST);
        }
        return mpUnreach.withdrawn().isEmpty() ? Optional.of(mpUnreach.family()) : Optional.empty();
    }

    @Override
    public MessageType type() {
        return MessageType.UPDATE;
    }

    private static PrefixList emptyFor(AfiSafi family) {
        return family.afi() == AfiSafi.AFI_IPV6 ? PrefixList.empty(AfiSafi.AFI_IPV6) : PrefixList.empty(AfiSafi.AFI_IPV4);
    }
}
