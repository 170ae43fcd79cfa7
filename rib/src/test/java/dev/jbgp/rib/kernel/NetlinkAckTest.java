package dev.jbgp.rib.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The kernel's answers, as struct nlmsgerr (linux/netlink.h) lays them out on a little-endian host. */
class NetlinkAckTest {

    @BeforeAll
    static void littleEndianHost() {
        assumeTrue(ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN, "the vectors are a little-endian host's");
    }

    @Test
    void anAcknowledgementCarriesErrorZeroAndTheRequestsSequenceNumber() {
        MemorySegment ack = Hex.segment("""
                24 00 00 00   # nlmsg_len 36
                02 00         # NLMSG_ERROR
                00 01         # NLM_F_CAPPED: the request is not echoed
                07 00 00 00   # seq 7
                34 12 00 00   # pid: our port
                00 00 00 00   # error 0: done
                44 00 00 00  18 00 05 05  07 00 00 00  00 00 00 00   # the request's nlmsghdr
                """);

        assertEquals(new NetlinkAck(7, 0, Optional.empty()), NetlinkAck.read(ack, 0));
    }

    @Test
    void aRefusalCarriesTheErrnoAndTheKernelsText() {
        MemorySegment refusal = Hex.segment("""
                4c 00 00 00   # nlmsg_len 76
                02 00         # NLMSG_ERROR
                00 03         # NLM_F_CAPPED | NLM_F_ACK_TLVS
                09 00 00 00   # seq 9
                34 12 00 00   # pid
                9b ff ff ff   # error -101: ENETUNREACH
                44 00 00 00  18 00 01 05  09 00 00 00  00 00 00 00   # the request's nlmsghdr
                20 00 01 00   # NLMSGERR_ATTR_MSG, 32 bytes
                4e 65 78 74 68 6f 70 20 68 61 73 20 69 6e 76 61 6c 69 64 20 67 61 74 65 77 61 79 00
                              # "Nexthop has invalid gateway", NUL
                08 00 02 00  3c 00 00 00   # NLMSGERR_ATTR_OFFS: offset of the attribute at fault
                """);

        assertEquals(new NetlinkAck(9, 101, Optional.of("Nexthop has invalid gateway")), NetlinkAck.read(refusal, 0));
    }

    @Test
    void theTextIsFoundAfterAnEchoedRequest() {
        MemorySegment refusal = Hex.segment("""
                58 00 00 00  02 00 00 02  0c 00 00 00  34 12 00 00   # 88 bytes, NLM_F_ACK_TLVS, seq 12
                fd ff ff ff   # error -3: ESRCH
                34 00 00 00  19 00 01 00  0c 00 00 00  00 00 00 00   # the RTM_DELROUTE request, echoed whole
                02 1a 00 00  fe 0c ff 00  00 00 00 00
                08 00 0f 00  fe 00 00 00  08 00 01 00  c6 13 15 40  08 00 06 00  00 00 00 00
                08 00 01 00  6e 6f 21 00   # NLMSGERR_ATTR_MSG "no!"
                """);

        assertEquals(new NetlinkAck(12, 3, Optional.of("no!")), NetlinkAck.read(refusal, 0));
    }

    @Test
    void aDatagramCutShortStillYieldsTheErrnoAndSequenceNumber() {
        MemorySegment refusal = Hex.segment("""
                4c 00 00 00  02 00 00 03  09 00 00 00  34 12 00 00   # says 76 bytes
                9b ff ff ff
                44 00 00 00  18 00 01 05  09 00 00 00  00 00 00 00
                20 00 01 00  4e 65 78 74                             # ...but ends here
                """);

        assertEquals(new NetlinkAck(9, 101, Optional.empty()), NetlinkAck.read(refusal, 0));
    }

    @Test
    void anAttributeLongerThanItsMessageIsIgnored() {
        MemorySegment refusal = Hex.segment("""
                2c 00 00 00  02 00 00 03  09 00 00 00  34 12 00 00   # 44 bytes
                9b ff ff ff
                44 00 00 00  18 00 01 05  09 00 00 00  00 00 00 00
                40 00 01 00  41 42 43 00                             # claims 64 bytes
                """);

        assertEquals(new NetlinkAck(9, 101, Optional.empty()), NetlinkAck.read(refusal, 0));
    }

    @Test
    void anErrorMessageTooShortToHoldTheRequestsHeaderIsMalformed() {
        MemorySegment shortError = Hex.segment("""
                14 00 00 00  02 00 00 00  09 00 00 00  34 12 00 00   # 20 bytes
                9b ff ff ff
                """);

        assertThrows(IllegalArgumentException.class, () -> NetlinkAck.read(shortError, 0));
    }
}
