package dev.jbgp.peering.config;

import dev.jbgp.core.Prefix;
import java.util.List;
import java.util.Objects;

/**
 * BGPConfiguration {@code prefixAdvertisements}: communities attached to routes within
 * {@code cidr} when they are exported. Names of {@code spec.communities} are already
 * replaced by their values; the list is sorted and without repeats, as Calico keeps it.
 */
public record PrefixAdvertisement(Prefix cidr, List<Community> communities) {
    public PrefixAdvertisement {
        Objects.requireNonNull(cidr, "cidr");
        communities = List.copyOf(communities);
    }
}
