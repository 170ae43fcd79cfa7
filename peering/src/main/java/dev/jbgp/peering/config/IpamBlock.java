package dev.jbgp.peering.config;

import dev.jbgp.core.Prefix;
import java.util.Objects;

/**
 * Calico's IPAMBlock: a slice of a pool ({@code spec.cidr}) and the host it is affine to
 * ({@code spec.affinity: host:node1}). A node announces the blocks affine to it.
 *
 * @param affinity {@code spec.affinity} ({@code host:<node>} or {@code virtual:<node>}), or null
 */
public record IpamBlock(String name, Prefix cidr, String affinity) {
    static final String HOST = "host:";

    public IpamBlock {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(cidr, "cidr");
    }

    /** The node the block is affine to as a host, or null. */
    public String affineHost() {
        return affinity != null && affinity.startsWith(HOST) ? affinity.substring(HOST.length()) : null;
    }
}
