package dev.jbgp.core.capability;

import dev.jbgp.core.AfiSafi;

/** Multiprotocol Extensions (RFC 4760 section 8): one per address family the speaker routes. */
public record Multiprotocol(AfiSafi family) implements Capability {
    @Override
    public int code() {
        return MULTIPROTOCOL;
    }
}
