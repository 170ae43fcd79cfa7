package dev.jbgp.core.attribute;

import dev.jbgp.core.AfiSafi;
import dev.jbgp.core.PrefixList;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Optional;

/**
 * MP_REACH_NLRI (RFC 4760 section 3) for the IP families: the next hop as its octets (4 for
 * IPv4; 16, or 32 for an IPv6 global plus link-local address (RFC 2545); 16 or 32 also for
 * IPv4 NLRI under RFC 8950) and the announced prefixes.
 */
public record MpReachNlri(AfiSafi family, byte[] nextHop, PrefixList nlri) implements PathAttribute {
    public MpReachNlri {
        if (!family.hasIpPrefixes()) {
            throw new IllegalArgumentException("MP_REACH_NLRI for " + family + " is not an IP family");
        }
        if (nlri.afi() != family.afi()) {
            throw new IllegalArgumentException("prefixes of AFI " + nlri.afi() + " under " + family);
        }
        if (!validNextHopLength(family, nextHop.length)) {
            throw new IllegalArgumentException("a " + nextHop.length + "-octet next hop does not fit " + family);
        }
        nextHop = nextHop.clone();
    }

    /** Whether a next hop of {@code length} octets is one RFC 4760, 2545 or 8950 allows for the family. */
    public static boolean validNextHopLength(AfiSafi family, int length) {
        return family.afi() == AfiSafi.AFI_IPV4 ? length == 4 || length == 16 || length == 32 : length == 16 || length == 32;
    }

    /** An announcement with the given next hop addresses: one, or a global and a link-local IPv6 address. */
    public static MpReachNlri of(AfiSafi family, PrefixList nlri, InetAddress... nextHops) {
        int len = 0;
        for (InetAddress a : nextHops) {
            len += a.getAddress().length;
        }
        byte[] nh = new byte[len];
        int off = 0;
        for (InetAddress a : nextHops) {
            byte[] b = a.getAddress();
            System.arraycopy(b, 0, nh, off, b.length);
            off += b.length;
        }
        return new MpReachNlri(family, nh, nlri);
    }

    @Override
    public byte[] nextHop() {
        return nextHop.clone();
    }

    public int nextHopLength() {
        return nextHop.length;
    }

    /** The (global) next hop address: the first 4 or 16 octets. */
    public InetAddress globalNextHop() {
        return address(0, nextHop.length == 4 ? 4 : 16);
    }

    /** The link-local next hop when the field holds two IPv6 addresses. */
    public Optional<InetAddress> linkLocalNextHop() {
        return nextHop.length == 32 ? Optional.of(address(16, 16)) : Optional.empty();
    }

    private InetAddress address(int off, int len) {
        try {
            return InetAddress.getByAddress(Arrays.copyOfRange(nextHop, off, off + len));
        } catch (UnknownHostException e) {
            throw new AssertionError("4 or 16 octets are always an address", e);
        }
    }

    @Override
    public int typeCode() {
        return MP_REACH_NLRI;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MpReachNlri m && m.family.equals(family) && Arrays.equals(m.nextHop, nextHop)
                && m.nlri.equals(nlri);
    }

    @Override
    public int hashCode() {
        return (family.hashCode() * 31 + Arrays.hashCode(nextHop)) * 31 + nlri.hashCode();
    }

    @Override
    public String toString() {
        return "MpReachNlri[" + family + " via " + globalNextHop().getHostAddress()
                + linkLocalNextHop().map(a -> " " + a.getHostAddress()).orElse("") + " " + nlri + "]";
    }
}
