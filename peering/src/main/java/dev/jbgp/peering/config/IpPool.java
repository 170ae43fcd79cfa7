package dev.jbgp.peering.config;

import dev.jbgp.core.Prefix;
import dev.jbgp.peering.calico.Selector;
import java.util.Objects;

/**
 * Calico's IPPool: the addresses pods get, and how routes to them are carried.
 *
 * @param blockSize {@code blockSize}: the length of the blocks nodes take (26 for IPv4, 122 for IPv6 unless set)
 * @param disabled {@code disabled}: IPAM assigns no new addresses; routes to blocks already
 *     handed out are kept, as Calico's BIRD keeps them
 * @param disableBGPExport {@code disableBGPExport}: routes within the pool are not exported
 * @param nodeSelector {@code nodeSelector}, or null: which nodes IPAM serves from the pool (no effect on routing)
 */
public record IpPool(
        String name,
        Prefix cidr,
        int blockSize,
        EncapMode ipipMode,
        EncapMode vxlanMode,
        boolean natOutgoing,
        boolean disabled,
        boolean disableBGPExport,
        Selector nodeSelector) {

    public IpPool {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(cidr, "cidr");
        Objects.requireNonNull(ipipMode, "ipipMode");
        Objects.requireNonNull(vxlanMode, "vxlanMode");
    }

    public static int defaultBlockSize(Prefix cidr) {
        return cidr.isIpv4() ? 26 : 122;
    }

    /** Felix carries this pool's traffic over VXLAN and programs its routes; BGP only advertises them. */
    public boolean vxlan() {
        return vxlanMode.encapsulates();
    }

    public boolean ipip() {
        return ipipMode.encapsulates();
    }
}
