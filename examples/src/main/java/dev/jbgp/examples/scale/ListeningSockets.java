package dev.jbgp.examples.scale;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Inet4Address;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Whether some process listens on an IPv4 TCP address and port, read from {@code /proc/net/tcp}
 * and {@code /proc/net/tcp6} (Netty's epoll transport binds an IPv6 socket to the IPv4-mapped
 * address) rather than by connecting: a BGP speaker would count a probe connection from an
 * unknown address as a session attempt.
 */
final class ListeningSockets {
    private static final Path TCP = Path.of("/proc/net/tcp");
    private static final Path TCP6 = Path.of("/proc/net/tcp6");
    /** {@code TCP_LISTEN} in the {@code st} column. */
    private static final String LISTEN = "0A";

    private ListeningSockets() {
    }

    static boolean listening(Inet4Address address, int port) {
        return listening(read(TCP), localAddress(address, port))
                || (Files.exists(TCP6) && listening(read(TCP6), localAddress6(address, port)));
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** In the text of {@code /proc/net/tcp}: {@code "  0: 0100007F:1F90 00000000:0000 0A ..."}. */
    static boolean listening(String procNetTcp, String local) {
        for (String line : procNetTcp.split("\n")) {
            String[] f = line.trim().split(" +");
            if (f.length > 3 && f[1].equals(local) && f[3].equals(LISTEN)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The kernel prints the address as the 32-bit word in host byte order, in hex: on the
     * little-endian machines this runs on (x86-64, arm64) 127.0.0.1 is {@code 0100007F}.
     */
    static String localAddress(Inet4Address address, int port) {
        byte[] b = address.getAddress();
        return String.format(Locale.ROOT, "%02X%02X%02X%02X:%04X", b[3] & 0xFF, b[2] & 0xFF, b[1] & 0xFF, b[0] & 0xFF,
                port);
    }

    /** The IPv4-mapped IPv6 address ({@code ::ffff:127.0.0.1}) as {@code /proc/net/tcp6} prints it: four such words. */
    static String localAddress6(Inet4Address address, int port) {
        return "0000000000000000FFFF0000" + localAddress(address, port);
    }
}
