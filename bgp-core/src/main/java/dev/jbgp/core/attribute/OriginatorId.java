package dev.jbgp.core.attribute;

import com.google.common.net.InetAddresses;

/** ORIGINATOR_ID (RFC 4456 section 8): the router ID of the route's originator in the AS. */
public record OriginatorId(int id) implements PathAttribute {
    @Override
    public int typeCode() {
        return ORIGINATOR_ID;
    }

    @Override
    public String toString() {
        return "OriginatorId[" + InetAddresses.fromInteger(id).getHostAddress() + "]";
    }
}
