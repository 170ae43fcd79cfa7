package dev.jbgp.examples.scale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ListenOverflowsTest {
    @Test
    void theCountIsTakenFromTheTcpExtValuesLineUnderItsName() {
        // The shape of /proc/net/netstat on Linux 6.x, cut short; IpExt has a field of the same position.
        String netstat = """
                TcpExt: SyncookiesSent SyncookiesRecv DelayedACKs ListenOverflows ListenDrops TCPTimeouts
                TcpExt: 0 0 311 272 272 155
                IpExt: InNoRoutes InTruncatedPkts InMcastPkts ListenOverflows
                IpExt: 0 0 0 9
                """;
        assertEquals(272, ListenOverflows.parse(netstat));
    }

    @Test
    void aTextWithoutTheCounterIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> ListenOverflows.parse("Ip: Forwarding\nIp: 1\n"));
    }

    @Test
    void thisMachineKeepsTheCounter() {
        assertTrue(ListenOverflows.now() >= 0);
    }
}
