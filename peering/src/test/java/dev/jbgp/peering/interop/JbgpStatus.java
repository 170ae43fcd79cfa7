package dev.jbgp.peering.interop;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code jbgp status} read back: the table {@code calicoctl node status} prints, one section per
 * family.
 *
 * @param running the first line says the daemon is running
 * @param peers every row of every section
 * @param text the output as printed, for failure messages
 */
record JbgpStatus(boolean running, List<Peer> peers, String text) {

    /**
     * One row.
     *
     * @param family {@code IPv4} or {@code IPv6}: the section it is in
     * @param address PEER ADDRESS
     * @param type PEER TYPE ({@code node-to-node mesh}, {@code global}, {@code node specific})
     * @param state STATE ({@code up}, {@code start}, ...)
     * @param since SINCE
     * @param info INFO ({@code Established}, {@code Active Socket: Connection refused}, ...)
     */
    record Peer(String family, String address, String type, String state, String since, String info) {

        boolean established() {
            return state.equals("up") && info.startsWith("Established");
        }
    }

    JbgpStatus {
        peers = List.copyOf(peers);
    }

    static JbgpStatus parse(String text) {
        List<Peer> peers = new ArrayList<>();
        boolean running = false;
        String family = "";
        for (String line : text.lines().map(String::strip).toList()) {
            if (line.endsWith("is running.")) {
                running = true;
            } else if (line.endsWith("BGP status") && (line.startsWith("IPv4") || line.startsWith("IPv6"))) {
                family = line.substring(0, 4);
            } else if (line.startsWith("|")) {
                List<String> cells = Arrays.stream(line.substring(1, line.length() - 1).split("\\|"))
                        .map(String::strip).toList();
                if (cells.size() != 5) {
                    throw new IllegalArgumentException("a row of jbgp status with " + cells.size() + " cells: " + line);
                }
                if (cells.getFirst().isEmpty() && !peers.isEmpty()) {
                    // a wrapped INFO cell continues the row above
                    Peer above = peers.removeLast();
                    peers.add(new Peer(above.family(), above.address(), above.type(), above.state(), above.since(),
                            (above.info() + " " + cells.get(4)).strip()));
                } else if (!cells.getFirst().equals("PEER ADDRESS")) {
                    peers.add(new Peer(family, cells.get(0), cells.get(1), cells.get(2), cells.get(3), cells.get(4)));
                }
            }
        }
        return new JbgpStatus(running, peers, text);
    }

    /** The row for {@code address}, or null. */
    Peer peer(String address) {
        return peers.stream().filter(p -> p.address().equals(address)).findFirst().orElse(null);
    }

    /** There is a row for {@code address} and its session is Established. */
    boolean established(String address) {
        Peer peer = peer(address);
        return peer != null && peer.established();
    }

    /** Every one of {@code addresses} is Established. */
    boolean allEstablished(String... addresses) {
        return Arrays.stream(addresses).allMatch(this::established);
    }
}
