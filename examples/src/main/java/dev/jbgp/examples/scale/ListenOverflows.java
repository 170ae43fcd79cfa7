package dev.jbgp.examples.scale;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The kernel's count of connections dropped because a listener's accept queue was full
 * ({@code ListenOverflows} of the {@code TcpExt} lines of {@code /proc/net/netstat}, what
 * {@code nstat} calls {@code TcpExtListenOverflows}). It counts for the whole network namespace,
 * not one socket. When 200 clients connect at once, a listener whose backlog is short drops
 * handshakes, and those clients wait for TCP to retransmit (1 s, then 2 s, 4 s...).
 */
final class ListenOverflows {
    private static final Path NETSTAT = Path.of("/proc/net/netstat");

    private ListenOverflows() {
    }

    static long now() {
        try {
            return parse(Files.readString(NETSTAT, StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + NETSTAT, e);
        }
    }

    /** The text has a line of names and then a line of values for each group: {@code TcpExt: ...}. */
    static long parse(String netstat) {
        String[] lines = netstat.split("\n");
        for (int i = 0; i + 1 < lines.length; i++) {
            if (lines[i].startsWith("TcpExt:") && lines[i + 1].startsWith("TcpExt:")) {
                String[] names = lines[i].trim().split(" +");
                String[] values = lines[i + 1].trim().split(" +");
                for (int n = 1; n < names.length && n < values.length; n++) {
                    if (names[n].equals("ListenOverflows")) {
                        return Long.parseLong(values[n]);
                    }
                }
            }
        }
        throw new IllegalArgumentException("no TcpExt ListenOverflows in the netstat text");
    }
}
