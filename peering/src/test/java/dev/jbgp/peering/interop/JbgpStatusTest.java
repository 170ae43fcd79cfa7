package dev.jbgp.peering.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Reading {@code jbgp status}: the table of DESIGN.md, which is {@code calicoctl node status}'s. */
class JbgpStatusTest {

    private static final String NODE1 = """
            jbgp is running.

            IPv4 BGP status
            +---------------+-------------------+-------+----------+--------------------------------+
            | PEER ADDRESS  |     PEER TYPE     | STATE |  SINCE   |              INFO              |
            +---------------+-------------------+-------+----------+--------------------------------+
            | 198.19.0.1    | node-to-node mesh | up    | 22:05:49 | Established                    |
            | 198.19.0.3    | node-to-node mesh | start | 22:06:03 | Active Socket: Connection      |
            |               |                   |       |          | refused                        |
            | 198.19.15.254 | global            | up    | 10:58:02 | Established                    |
            +---------------+-------------------+-------+----------+--------------------------------+

            IPv6 BGP status
            +-------------------+-------------------+-------+----------+-------------+
            | PEER ADDRESS      |     PEER TYPE     | STATE |  SINCE   |    INFO     |
            +-------------------+-------------------+-------+----------+-------------+
            | fd00:198:19::15:254 | global          | up    | 10:58:02 | Established |
            +-------------------+-------------------+-------+----------+-------------+
            """;

    @Test
    void rowsOfBothSectionsAreReadWithTheirFamily() {
        JbgpStatus status = JbgpStatus.parse(NODE1);

        assertTrue(status.running());
        assertEquals(new JbgpStatus.Peer("IPv4", "198.19.0.1", "node-to-node mesh", "up", "22:05:49", "Established"),
                status.peer("198.19.0.1"));
        assertEquals("IPv6", status.peer("fd00:198:19::15:254").family());
        assertTrue(status.allEstablished("198.19.0.1", "198.19.15.254", "fd00:198:19::15:254"));
    }

    @Test
    void aPeerThatIsNotUpIsNotEstablishedAndAnAbsentOneIsNeither() {
        JbgpStatus status = JbgpStatus.parse(NODE1);

        assertFalse(status.established("198.19.0.3"));
        assertEquals("start", status.peer("198.19.0.3").state());
        assertEquals("Active Socket: Connection refused", status.peer("198.19.0.3").info());
        assertEquals(4, status.peers().size());
        assertFalse(status.established("198.19.0.9"));
        assertNull(status.peer("198.19.0.9"));
        assertFalse(status.allEstablished("198.19.0.1", "198.19.0.3"));
    }

    @Test
    void withoutPeersTheDaemonIsStillSeenRunning() {
        JbgpStatus status = JbgpStatus.parse("jbgp is running.\n\nIPv4 BGP status\nNo IPv4 peers found.\n\n"
                + "IPv6 BGP status\nNo IPv6 peers found.\n");

        assertTrue(status.running());
        assertEquals(0, status.peers().size());
    }

    @Test
    void aRowWithTheWrongNumberOfCellsIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> JbgpStatus.parse("IPv4 BGP status\n| 198.19.0.1 | up |\n"));
    }
}
