package dev.jbgp.examples.scale;

import dev.jbgp.core.Prefix;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * Who is where in a run, all on loopback: the reflector at 127.0.0.1, client {@code i} (from 0)
 * at 127.1.{@code i/250}.{@code i%250+1}, announcing the {@code i}-th /26 of 198.18.0.0/15 (the
 * range RFC 2544 sets aside for benchmarks; these prefixes only ever live in the speakers' RIBs).
 *
 * <p>The reflector's address sorts below every client's as a string, so by Calico's rule for
 * peerings between nodes (the end whose address sorts lower waits) the reflector is passive and
 * the clients connect, whichever reflector runs.
 *
 * @param reflector the reflector's address, also its router ID
 * @param port the TCP port the reflector listens on
 * @param clusterId the route-reflector cluster ID, dotted quad
 * @param pool the IP pool the blocks come from; the reflector exports only routes within it
 * @param clients the clients, in order
 */
public record ScaleLayout(Inet4Address reflector, int port, String clusterId, Prefix pool, List<Client> clients) {

    public static final long AS = 64512;
    /** Enough /26 blocks for 2,048 clients; the addresses allow 250 per /24 of 127.1.0.0/16. */
    public static final int MAX_CLIENTS = 2048;

    /** One client: a Calico node name, its address (router ID and next hop) and its block. */
    public record Client(String name, Inet4Address address, Prefix block) {
    }

    public ScaleLayout {
        clients = List.copyOf(clients);
    }

    /** {@code count} clients and a reflector listening on {@code port}. */
    public static ScaleLayout of(int count, int port) {
        if (count < 2 || count > MAX_CLIENTS) {
            throw new IllegalArgumentException("clients: 2 to " + MAX_CLIENTS + ", not " + count);
        }
        Prefix pool = Prefix.parse("198.18.0.0/15");
        List<Client> clients = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Inet4Address address = ipv4(127, 1, i / 250, i % 250 + 1);
            Prefix block = Prefix.ipv4(pool.ipv4Address() + i * 64, 26);
            clients.add(new Client("client-%04d".formatted(i), address, block));
        }
        return new ScaleLayout(ipv4(127, 0, 0, 1), port, "244.0.0.1", pool, clients);
    }

    private static Inet4Address ipv4(int a, int b, int c, int d) {
        try {
            return (Inet4Address) InetAddress.getByAddress(new byte[] {(byte) a, (byte) b, (byte) c, (byte) d});
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}
