package dev.jbgp.rib.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.ByteOrder;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class LinkTableTest {

    @Test
    void aLinkMessageGivesTheInterfacesIndexAndName() {
        assumeTrue(ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN, "the vector is a little-endian host's");
        assertEquals(Optional.of(new LinkTable.Link(2, "eth0")), LinkTable.readLink(Hex.segment("""
                34 00 00 00  10 00 02 00  05 00 00 00  34 12 00 00   # 52 bytes, RTM_NEWLINK, NLM_F_MULTI
                00 00         # ifi_family AF_UNSPEC, pad
                01 00         # ifi_type ARPHRD_ETHER
                02 00 00 00   # ifi_index 2
                43 10 01 00   # ifi_flags IFF_UP | IFF_BROADCAST | IFF_RUNNING | IFF_MULTICAST | IFF_LOWER_UP
                00 00 00 00   # ifi_change
                08 00 04 00  dc 05 00 00   # IFLA_MTU 1500: skipped
                09 00 03 00  65 74 68 30 00 00 00 00   # IFLA_IFNAME "eth0", NUL, padding
                """), 0));
    }

    @Test
    void namesAndIndicesLookUpBothWays() {
        LinkTable links = new LinkTable(List.of(new LinkTable.Link(1, "lo"), new LinkTable.Link(2, "eth0")));

        assertEquals(OptionalInt.of(2), links.index("eth0"));
        assertEquals(Optional.of("lo"), links.name(1));
        assertEquals(OptionalInt.empty(), links.index("tunl0"));
        assertEquals(Optional.empty(), links.name(7));
    }
}
