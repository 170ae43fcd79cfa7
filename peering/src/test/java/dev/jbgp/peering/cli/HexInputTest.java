package dev.jbgp.peering.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The hex layouts operators paste, and the ASCII columns that look like hex. */
class HexInputTest {
    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s);
    }

    @Test
    void wiresharkLastLineWhoseAsciiLooksLikeHexKeepsOnlyItsOctets() {
        // Wireshark "Copy as Hex Dump" layout; the last line's octets 0x61 0x62 print as "ab".
        String dump = """
                0000   ff ff ff ff ff ff ff ff ff ff ff ff ff ff ff ff   ................
                0010   61 62                                             ab
                """;
        HexInput.Parsed p = HexInput.parse(dump);
        assertArrayEquals(hex("ffffffffffffffffffffffffffffffff6162"), p.bytes());
        assertEquals("hex dump", p.format());
    }

    @Test
    void tcpdumpOddLastOctetAndHexLookingAsciiAreRead() {
        // tcpdump -X layout (print-ascii.c): " %02x%02x" groups padded to 40 columns, two spaces, ASCII.
        String dump = "\t0x0000:  ffff ffff ffff ffff ffff ffff ffff ffff  ................\n"
                + "\t0x0010:  0013 04                                  ...\n"
                + "\t0x0000:  abcd                                     ..\n";
        HexInput.Parsed p = HexInput.parse(dump);
        // The second packet restarts at offset 0 and, having no BGP marker, is taken as it is.
        assertArrayEquals(hex("ffffffffffffffffffffffffffffffff001304abcd"), p.bytes());
        assertEquals("tcpdump", p.format());
    }

    @Test
    void xxdAndHexdumpLayoutsAreRead() {
        String xxd = """
                00000000: ffff ffff ffff ffff ffff ffff ffff ffff  ................
                00000010: 0013 04                                  ...
                """;
        String hexdump = """
                00000000  ff ff ff ff ff ff ff ff  ff ff ff ff ff ff ff ff  |................|
                00000010  00 13 04                                          |...|
                00000013
                """;
        byte[] keepalive = hex("ffffffffffffffffffffffffffffffff001304");
        assertArrayEquals(keepalive, HexInput.parse(xxd).bytes());
        assertArrayEquals(keepalive, HexInput.parse(hexdump).bytes());
    }

    @Test
    void dumpLineAtAnUnexpectedOffsetIsAnError() {
        // A line left out of the paste: the next offset does not follow the octets read.
        String dump = """
                0000   ff ff ff ff ff ff ff ff ff ff ff ff ff ff ff ff   ................
                0020   00 13 04                                          ...
                """;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> HexInput.parse(dump));
        assertTrue(e.getMessage().contains("0x20"), e.getMessage());
    }

    @Test
    void commentsAndBlankLinesAreSkipped() {
        String text = """
                # KEEPALIVE, RFC 4271 section 4.4

                ffffffffffffffffffffffffffffffff
                # the length and type
                0013 04
                """;
        assertArrayEquals(hex("ffffffffffffffffffffffffffffffff001304"), HexInput.parse(text).bytes());
    }

    @Test
    void textThatIsNoHexIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> HexInput.parse("hello"));
        assertThrows(IllegalArgumentException.class, () -> HexInput.parse("fff"));
        assertThrows(IllegalArgumentException.class, () -> HexInput.parse("   \n"));
    }
}
