package dev.jbgp.peering;

/** What NEXT_HOP routes are sent to a peer with (Calico's BGPPeer {@code nextHopMode}). */
public enum NextHopMode {
    /** Ours toward eBGP peers, unchanged toward iBGP peers (BIRD's default). */
    AUTO,
    /** Always ours ({@code next hop self}). */
    SELF,
    /** Always the route's own ({@code keepOriginalNextHop: true}, {@code next hop keep}). */
    KEEP
}
