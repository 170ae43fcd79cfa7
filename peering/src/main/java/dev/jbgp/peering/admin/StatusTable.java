package dev.jbgp.peering.admin;

import com.google.common.net.InetAddresses;
import dev.jbgp.peering.PeerStatus;
import dev.jbgp.peering.StatusSnapshot;
import java.net.Inet6Address;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code jbgp status}: the snapshot as {@code calicoctl node status} prints BIRD's peers, so an
 * operator reads it the same way on a jbgp node and on a BIRD one:
 *
 * <pre>
 * jbgp is running.
 *
 * IPv4 BGP status
 * +---------------+-------------------+-------+----------+-------------+
 * | PEER ADDRESS  |     PEER TYPE     | STATE |  SINCE   |    INFO     |
 * +---------------+-------------------+-------+----------+-------------+
 * | 198.19.0.1    | node-to-node mesh | up    | 22:05:49 | Established |
 * +---------------+-------------------+-------+----------+-------------+
 *
 * IPv6 BGP status
 * No IPv6 peers found.
 * </pre>
 *
 * SINCE is BIRD's: the time of day within 20 hours of the snapshot, the date before that.
 * A peer on a port other than 179 shows as {@code address:port} ({@code [address]:port} for
 * IPv6); calicoctl, which reads the address back out of the session name, would show
 * {@code 198.19.0.3.port.1790} there.
 */
public final class StatusTable {
    static final String RUNNING = "jbgp is running.";
    static final List<String> HEADERS = List.of("Peer address", "Peer type", "State", "Since", "Info");

    private StatusTable() {
    }

    /** The whole text, times in {@code zone}; it ends with an empty line, as calicoctl's does. */
    public static String render(StatusSnapshot snapshot, ZoneId zone) {
        List<PeerStatus> v4 = new ArrayList<>();
        List<PeerStatus> v6 = new ArrayList<>();
        for (PeerStatus peer : snapshot.peers()) {
            (peer.address() instanceof Inet6Address ? v6 : v4).add(peer);
        }
        StringBuilder out = new StringBuilder(RUNNING).append('\n');
        section(out, "4", v4, snapshot, zone);
        section(out, "6", v6, snapshot, zone);
        return out.append('\n').toString();
    }

    private static void section(StringBuilder out, String version, List<PeerStatus> peers, StatusSnapshot snapshot,
                                ZoneId zone) {
        out.append("\nIPv").append(version).append(" BGP status\n");
        if (peers.isEmpty()) {
            out.append("No IPv").append(version).append(" peers found.\n");
            return;
        }
        List<List<String>> rows = new ArrayList<>();
        for (PeerStatus peer : peers) {
            rows.add(List.of(
                    peerAddress(peer),
                    peer.type().label(),
                    peer.protocolState(),
                    BirdTime.since(peer.since(), snapshot.takenAt(), zone),
                    words(peer.info())));
        }
        out.append(BoxTable.render(HEADERS, rows));
    }

    /** {@code 198.19.0.3}, or {@code 198.19.0.3:1790} / {@code [fd00::3]:1790} off port 179. */
    static String peerAddress(PeerStatus peer) {
        String address = InetAddresses.toAddrString(peer.address());
        if (peer.port() == 179) {
            return address;
        }
        return (peer.address() instanceof Inet6Address ? "[" + address + "]" : address) + ":" + peer.port();
    }

    /** INFO with single spaces between words, as calicoctl rebuilds it from BIRD's columns. */
    private static String words(String info) {
        String stripped = info.strip();
        return stripped.isEmpty() ? "" : String.join(" ", stripped.split("\\s+"));
    }
}
