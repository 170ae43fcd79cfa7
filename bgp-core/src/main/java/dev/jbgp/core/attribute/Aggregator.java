package dev.jbgp.core.attribute;

import com.google.common.net.InetAddresses;

/**
 * AGGREGATOR (RFC 4271 section 5.1.7) with a 4-octet AS: on a 2-octet session the codec
 * merges AS4_AGGREGATOR in (RFC 6793 section 4.2.3).
 */
public record Aggregator(long asNumber, int address) implements PathAttribute {
    public Aggregator {
        if (asNumber < 0 || asNumber > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("AS number out of range: " + asNumber);
        }
    }

    @Override
    public int typeCode() {
        return AGGREGATOR;
    }

    @Override
    public String toString() {
        return "Aggregator[" + asNumber + " " + InetAddresses.fromInteger(address).getHostAddress() + "]";
    }
}
