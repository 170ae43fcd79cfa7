package dev.jbgp.examples.scale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.channels.ServerSocketChannel;
import java.net.StandardProtocolFamily;
import org.junit.jupiter.api.Test;

class ListeningSocketsTest {
    private static final Inet4Address LOOPBACK = (Inet4Address) InetAddress.getLoopbackAddress();

    @Test
    void addressesAreWrittenAsTheKernelPrintsThemInProcNetTcp() {
        assertEquals("0100007F:1F90", ListeningSockets.localAddress(LOOPBACK, 8080));
        assertEquals("0000000000000000FFFF00000100007F:00B3", ListeningSockets.localAddress6(LOOPBACK, 179));
    }

    @Test
    void onlyASocketInTheListenStateAtThatAddressAndPortCounts() {
        String table = """
                  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
                   0: 0100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1 1
                   1: 0100007F:00B3 0200007F:C350 01 00000000:00000000 00:00000000 00000000     0        0 2 1
                """;
        assertTrue(ListeningSockets.listening(table, "0100007F:1F90"));
        assertFalse(ListeningSockets.listening(table, "0100007F:00B3"), "an established connection is no listener");
        assertFalse(ListeningSockets.listening(table, "0200007F:1F90"));
    }

    @Test
    void aListenerOfThisJvmIsSeenWhileOpenAndNotOnceClosed() throws Exception {
        int port;
        // An IPv4 socket (tcp) and a dual-stack one bound to the IPv4 address (tcp6, ::ffff:127.0.0.1).
        try (ServerSocketChannel v4 = ServerSocketChannel.open(StandardProtocolFamily.INET)) {
            v4.bind(new InetSocketAddress(LOOPBACK, 0));
            port = ((InetSocketAddress) v4.getLocalAddress()).getPort();
            assertTrue(ListeningSockets.listening(LOOPBACK, port));
        }
        assertFalse(ListeningSockets.listening(LOOPBACK, port));
        try (ServerSocket dual = new ServerSocket(0, 1, LOOPBACK)) {
            assertTrue(ListeningSockets.listening(LOOPBACK, dual.getLocalPort()));
        }
    }
}
