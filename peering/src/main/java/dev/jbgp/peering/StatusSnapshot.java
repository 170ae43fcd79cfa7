package dev.jbgp.peering;

import java.time.Instant;
import java.util.List;

/**
 * The speaker at one moment: the one snapshot the CLI table, the JSON API, {@code /metrics} and
 * the BIRD control socket all render.
 *
 * @param routerId our BGP identifier, dotted quad
 * @param localAs our AS
 * @param startedAt when the speaker started
 * @param takenAt when this snapshot was taken
 * @param peers every configured peer, sorted by address (IPv4 before IPv6), then port
 * @param gracefulRestartRecovery routes kept in the kernel from before a restart are still
 *     waiting for the peers' End-of-RIB (BIRD answers {@code show status} with 0024 meanwhile)
 * @param ready every peer has been Established once, or the readiness grace period has passed
 * @param prefixes prefixes in the Loc-RIB
 * @param paths paths held, over every peer
 * @param kernelRoutes routes this speaker holds in the kernel table, or -1 without a kernel table
 */
public record StatusSnapshot(
        String routerId,
        long localAs,
        Instant startedAt,
        Instant takenAt,
        List<PeerStatus> peers,
        boolean gracefulRestartRecovery,
        boolean ready,
        long prefixes,
        long paths,
        long kernelRoutes) {

    public StatusSnapshot {
        peers = List.copyOf(peers);
    }
}
