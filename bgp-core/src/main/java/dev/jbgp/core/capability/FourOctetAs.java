package dev.jbgp.core.capability;

/** Support for 4-octet AS numbers (RFC 6793 section 3), carrying the speaker's AS. */
public record FourOctetAs(long asNumber) implements Capability {
    public FourOctetAs {
        if (asNumber < 0 || asNumber > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("AS number out of range: " + asNumber);
        }
    }

    @Override
    public int code() {
        return FOUR_OCTET_AS;
    }
}
