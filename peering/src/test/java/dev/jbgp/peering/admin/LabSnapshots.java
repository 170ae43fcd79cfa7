package dev.jbgp.peering.admin;

import com.google.common.net.InetAddresses;
import dev.jbgp.peering.PeerStatus;
import dev.jbgp.peering.PeerType;
import dev.jbgp.peering.RouteView;
import dev.jbgp.peering.RouteView.PathView;
import dev.jbgp.peering.StatusSnapshot;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Synthetic snapshots of node1 in the seeds' lab (DESIGN.md): mesh peers 198.19.0.1 and
 * 198.19.0.3, host1 198.19.15.254 as a global peer, AS 64512, taken at 22:10:00 UTC.
 */
public final class LabSnapshots {
    public static final ZoneId UTC = ZoneOffset.UTC;
    public static final LocalDate DAY = LocalDate.of(2026, 11, 20);
    public static final Instant TAKEN_AT = at("22:10:00");
    public static final Instant STARTED_AT = at("10:57:40");

    private LabSnapshots() {
    }

    /** {@code time} on the lab's day, UTC. */
    public static Instant at(String time) {
        return at(time, UTC);
    }

    /** {@code time} on the lab's day in {@code zone}. */
    public static Instant at(String time, ZoneId zone) {
        return DAY.atTime(LocalTime.parse(time)).atZone(zone).toInstant();
    }

    /** node1 with every peer Established, as in DESIGN.md's sample. */
    public static StatusSnapshot node1() {
        return node1(UTC);
    }

    /** node1 with the sample's SINCE times read as times of day in {@code zone}. */
    public static StatusSnapshot node1(ZoneId zone) {
        return snapshot(at("22:10:00", zone), List.of(
                up("Mesh_198_19_0_1", PeerType.MESH, "198.19.0.1", at("22:05:49", zone)),
                up("Mesh_198_19_0_3", PeerType.MESH, "198.19.0.3", at("22:06:03", zone)),
                up("Global_198_19_15_254", PeerType.GLOBAL, "198.19.15.254", at("10:58:02", zone))));
    }

    public static StatusSnapshot snapshot(List<PeerStatus> peers) {
        return snapshot(TAKEN_AT, peers);
    }

    public static StatusSnapshot snapshot(Instant takenAt, List<PeerStatus> peers) {
        boolean ready = peers.stream().allMatch(PeerStatus::establishedOnce);
        return new StatusSnapshot("198.19.0.2", 64512, STARTED_AT, takenAt, peers, false, ready, 4, 5, 4);
    }

    /** An Established peer with some traffic behind it. */
    public static PeerStatus up(String name, PeerType type, String address, Instant since) {
        return new PeerStatus(name, type, InetAddresses.forString(address), 179, 64512, 64512, "Established", "up",
                since, "Established", "", true, address, 240, 12, 9, 3, 2, 1, 1);
    }

    /** A peer trying to connect, with the last error as BIRD words it ({@code Socket: Connection refused}). */
    public static PeerStatus trying(String name, PeerType type, String address, String bgpState, String lastError,
                                    Instant since) {
        String info = lastError.isEmpty() ? bgpState : bgpState + " " + lastError;
        return new PeerStatus(name, type, InetAddresses.forString(address), 179, 64512, 64512, bgpState, "start",
                since, info, lastError, false, "", 0, 0, 0, 0, 0, 0, 0);
    }

    public static PeerStatus withPort(PeerStatus p, int port) {
        return new PeerStatus(p.name() + "_port_" + port, p.type(), p.address(), port, p.peerAs(), p.localAs(),
                p.bgpState(), p.protocolState(), p.since(), p.info(), p.lastError(), p.establishedOnce(),
                p.peerRouterId(), p.holdTime(), p.updatesReceived(), p.updatesSent(), p.prefixesReceived(),
                p.prefixesAccepted(), p.prefixesAdvertised(), p.establishedTransitions());
    }

    /** node1's Loc-RIB: a block from each mesh peer (one also heard from host1), its own block, and an external route. */
    public static List<RouteView> node1Routes() {
        return List.of(
                new RouteView("10.0.0.0/8", List.of(
                        new PathView("Global_198_19_15_254", "198.19.15.254", "198.19.15.254", "65001 {65002 65003}",
                                "Incomplete", 100, 50, List.of("(64512,100)", "(4200000001, 1, 2)"), 7, true, true, true,
                                "only path"))),
                new RouteView("198.19.21.0/26", List.of(
                        new PathView("Mesh_198_19_0_1", "198.19.0.1", "198.19.0.1", "", "IGP", 100, -1, List.of(), 0,
                                true, true, false, "only path"))),
                new RouteView("198.19.21.64/26", List.of(
                        new PathView("Mesh_198_19_0_3", "198.19.0.3", "198.19.0.3", "", "IGP", 100, -1, List.of(), 0,
                                true, true, false, "lower router ID"),
                        new PathView("Global_198_19_15_254", "198.19.15.254", "198.19.0.3", "", "IGP", 100, -1,
                                List.of(), 0, false, false, false, "higher router ID"))),
                new RouteView("198.19.22.128/26", List.of(
                        new PathView("local", "", "", "", "IGP", 100, -1, List.of(), 0, true, true, false, "only path"))));
    }
}
