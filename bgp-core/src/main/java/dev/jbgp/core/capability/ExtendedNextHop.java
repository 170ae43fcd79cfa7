package dev.jbgp.core.capability;

import java.util.List;

/**
 * Extended Next Hop Encoding (RFC 8950 section 3): for each NLRI family, the address family
 * of next hops the speaker accepts (IPv6 next hops for IPv4 NLRI, typically).
 */
public record ExtendedNextHop(List<Entry> entries) implements Capability {
    public ExtendedNextHop {
        entries = List.copyOf(entries);
    }

    /** NLRI AFI and SAFI (two octets each on the wire) and the next hop AFI. */
    public record Entry(int nlriAfi, int nlriSafi, int nextHopAfi) {
        public Entry {
            if ((nlriAfi | nlriSafi | nextHopAfi) >>> 16 != 0) {
                throw new IllegalArgumentException("extended next hop fields are 2-octet values");
            }
        }
    }

    @Override
    public int code() {
        return EXTENDED_NEXT_HOP;
    }
}
