package dev.jbgp.core;

/**
 * An address family (AFI, RFC 4760 section 3, IANA "Address Family Numbers") and subsequent
 * address family (SAFI). Values outside the ones jbgp routes are kept as numbers so that
 * capabilities and ROUTE-REFRESH messages naming them survive a decode and encode unchanged.
 */
public record AfiSafi(int afi, int safi) implements Comparable<AfiSafi> {
    public static final int AFI_IPV4 = 1;
    public static final int AFI_IPV6 = 2;
    public static final int SAFI_UNICAST = 1;
    public static final int SAFI_MULTICAST = 2;

    public static final AfiSafi IPV4_UNICAST = new AfiSafi(AFI_IPV4, SAFI_UNICAST);
    public static final AfiSafi IPV6_UNICAST = new AfiSafi(AFI_IPV6, SAFI_UNICAST);

    public AfiSafi {
        if (afi < 0 || afi > 0xFFFF) {
            throw new IllegalArgumentException("AFI out of range: " + afi);
        }
        if (safi < 0 || safi > 0xFF) {
            throw new IllegalArgumentException("SAFI out of range: " + safi);
        }
    }

    /** True for the families whose NLRI is a plain IP prefix (unicast and multicast of IPv4 and IPv6). */
    public boolean hasIpPrefixes() {
        return (afi == AFI_IPV4 || afi == AFI_IPV6) && (safi == SAFI_UNICAST || safi == SAFI_MULTICAST);
    }

    @Override
    public int compareTo(AfiSafi o) {
        return afi != o.afi ? Integer.compare(afi, o.afi) : Integer.compare(safi, o.safi);
    }

    /** {@code ipv4-unicast}, {@code ipv6-multicast}, or {@code afi-25-safi-70} for the rest. */
    @Override
    public String toString() {
        String a = switch (afi) {
            case AFI_IPV4 -> "ipv4";
            case AFI_IPV6 -> "ipv6";
            default -> null;
        };
        String s = switch (safi) {
            case SAFI_UNICAST -> "unicast";
            case SAFI_MULTICAST -> "multicast";
            default -> null;
        };
        return a != null && s != null ? a + "-" + s : "afi-" + afi + "-safi-" + safi;
    }
}
