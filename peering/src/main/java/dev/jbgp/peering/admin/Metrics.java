package dev.jbgp.peering.admin;

import com.google.common.net.InetAddresses;
import dev.jbgp.peering.PeerStatus;
import dev.jbgp.peering.StatusSnapshot;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * {@code /metrics}: the snapshot in Prometheus' text exposition format (version 0.0.4). Peer
 * series carry {@code peer} (the session name) and {@code address}; the peer's other fixed
 * facts are the labels of {@code jbgp_peer_info} and its state those of {@code jbgp_peer_state},
 * both always 1, to be joined on {@code peer}.
 */
final class Metrics {
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private Metrics() {
    }

    static String render(StatusSnapshot snapshot) {
        StringBuilder out = new StringBuilder(4096);
        List<PeerStatus> peers = snapshot.peers();

        header(out, "jbgp_peer_info", "gauge", "A configured BGP peer, always 1; its type and AS numbers as labels.");
        for (PeerStatus p : peers) {
            out.append("jbgp_peer_info{");
            peerLabels(out, p);
            label(out, "port", Integer.toString(p.port()));
            label(out, "type", p.type().label());
            label(out, "peer_as", Long.toString(p.peerAs()));
            label(out, "local_as", Long.toString(p.localAs()));
            closeLabels(out).append(" 1\n");
        }
        header(out, "jbgp_peer_up", "gauge", "1 while the BGP session is Established, else 0.");
        peerSeries(out, peers, "jbgp_peer_up", p -> p.established() ? 1 : 0);
        header(out, "jbgp_peer_state", "gauge",
                "The session's state, always 1: state is the RFC 4271 state, protocol_state BIRD's (up, start, down).");
        for (PeerStatus p : peers) {
            out.append("jbgp_peer_state{");
            peerLabels(out, p);
            label(out, "state", p.bgpState());
            label(out, "protocol_state", p.protocolState());
            closeLabels(out).append(" 1\n");
        }
        header(out, "jbgp_peer_state_since_seconds", "gauge", "When the session's protocol state last changed, Unix time.");
        for (PeerStatus p : peers) {
            out.append("jbgp_peer_state_since_seconds{");
            peerLabels(out, p);
            closeLabels(out).append(' ').append(seconds(p.since())).append('\n');
        }
        header(out, "jbgp_peer_established_transitions_total", "counter",
                "How many times the session reached Established since the speaker started.");
        peerSeries(out, peers, "jbgp_peer_established_transitions_total", PeerStatus::establishedTransitions);
        header(out, "jbgp_peer_updates_received_total", "counter", "UPDATE messages received from the peer.");
        peerSeries(out, peers, "jbgp_peer_updates_received_total", PeerStatus::updatesReceived);
        header(out, "jbgp_peer_updates_sent_total", "counter", "UPDATE messages sent to the peer.");
        peerSeries(out, peers, "jbgp_peer_updates_sent_total", PeerStatus::updatesSent);
        header(out, "jbgp_peer_prefixes_received", "gauge", "Prefixes the peer currently announces to us.");
        peerSeries(out, peers, "jbgp_peer_prefixes_received", PeerStatus::prefixesReceived);
        header(out, "jbgp_peer_prefixes_accepted", "gauge", "Prefixes from the peer that import policy accepted.");
        peerSeries(out, peers, "jbgp_peer_prefixes_accepted", PeerStatus::prefixesAccepted);
        header(out, "jbgp_peer_prefixes_advertised", "gauge", "Prefixes we currently announce to the peer.");
        peerSeries(out, peers, "jbgp_peer_prefixes_advertised", PeerStatus::prefixesAdvertised);

        header(out, "jbgp_rib_prefixes", "gauge", "Prefixes in the Loc-RIB.");
        out.append("jbgp_rib_prefixes ").append(snapshot.prefixes()).append('\n');
        header(out, "jbgp_rib_paths", "gauge", "Paths held for all prefixes, over every peer.");
        out.append("jbgp_rib_paths ").append(snapshot.paths()).append('\n');
        if (snapshot.kernelRoutes() >= 0) {
            header(out, "jbgp_kernel_routes", "gauge", "Routes this speaker holds in the kernel routing table.");
            out.append("jbgp_kernel_routes ").append(snapshot.kernelRoutes()).append('\n');
        }
        header(out, "jbgp_ready", "gauge", "1 when the speaker is ready (what /readyz answers), else 0.");
        out.append("jbgp_ready ").append(snapshot.ready() ? 1 : 0).append('\n');
        header(out, "jbgp_graceful_restart_recovery", "gauge",
                "1 while routes kept from before a restart wait for the peers' End-of-RIB, else 0.");
        out.append("jbgp_graceful_restart_recovery ").append(snapshot.gracefulRestartRecovery() ? 1 : 0).append('\n');
        header(out, "jbgp_start_time_seconds", "gauge", "When the speaker started, Unix time.");
        out.append("jbgp_start_time_seconds ").append(seconds(snapshot.startedAt())).append('\n');
        return out.toString();
    }

    private static void peerSeries(StringBuilder out, List<PeerStatus> peers, String name, ToLongFunction<PeerStatus> value) {
        for (PeerStatus p : peers) {
            out.append(name).append('{');
            peerLabels(out, p);
            closeLabels(out).append(' ').append(value.applyAsLong(p)).append('\n');
        }
    }

    private static void header(StringBuilder out, String name, String type, String help) {
        out.append("# HELP ").append(name).append(' ')
                .append(help.replace("\\", "\\\\").replace("\n", "\\n")).append('\n');
        out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    private static void peerLabels(StringBuilder out, PeerStatus p) {
        label(out, "peer", p.name());
        label(out, "address", InetAddresses.toAddrString(p.address()));
    }

    private static void label(StringBuilder out, String name, String value) {
        out.append(name).append("=\"");
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '"' -> out.append("\\\"");
                case '\n' -> out.append("\\n");
                default -> out.append(c);
            }
        }
        out.append("\",");
    }

    /** Drops the comma after the last label and closes the set. */
    private static StringBuilder closeLabels(StringBuilder out) {
        out.setLength(out.length() - 1);
        return out.append('}');
    }

    /** Unix time with milliseconds: {@code 1795213549.250}. */
    static String seconds(Instant t) {
        return BigDecimal.valueOf(t.toEpochMilli(), 3).toPlainString();
    }
}
