package dev.jbgp.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PrefixTest {

    @Test
    void ipv4PrefixParsesIntoItsFamilyAddressAndLength() {
        Prefix p = Prefix.parse("198.19.21.64/26");
        assertEquals(AfiSafi.AFI_IPV4, p.afi());
        assertTrue(p.isIpv4());
        assertEquals(26, p.length());
        assertEquals(0xC613_1540, p.ipv4Address());
        assertEquals("198.19.21.64/26", p.toString());
    }

    @Test
    void ipv6PrefixParsesIntoHighAndLowWords() {
        Prefix p = Prefix.parse("fd00:198:19::1:2/127");
        assertEquals(AfiSafi.AFI_IPV6, p.afi());
        assertEquals(0xFD00_0198_0019_0000L, p.hi());
        assertEquals(0x0000_0000_0001_0002L, p.lo());
        assertEquals(127, p.length());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "198.19.21.77/26, 198.19.21.64/26",
        "198.19.21.77/0, 0.0.0.0/0",
        "198.19.21.77/31, 198.19.21.76/31",
        "fd00:198:19:ffff::/48, fd00:198:19::/48",
        "fd00:1:2:3:ffff::/72, fd00:1:2:3:ff00::/72",
        "fd00:1:2:3:8000::/64, fd00:1:2:3::/64",
        "fd00:1:2:3:ffff::/65, fd00:1:2:3:8000::/65",
        "fd00::ffff/127, fd00::fffe/127",
        "fd00::1/0, ::/0",
    })
    void hostBitsPastTheLengthAreZeroed(String given, String expected) {
        Prefix p = Prefix.parse(given);
        assertEquals(expected, p.toString());
        assertEquals(Prefix.parse(expected), p);
    }

    @Test
    void bareAddressIsAHostPrefix() {
        assertEquals("198.19.0.2/32", Prefix.parse("198.19.0.2").toString());
        assertEquals("fd00::2/128", Prefix.parse("fd00::2").toString());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        // RFC 5952 section 4.1: leading zeros of a field are left out.
        "fd00:0198:0019:0000:0000:0000:0000:0000/48, fd00:198:19::/48",
        // Section 4.2.1: :: replaces the longest run of zero fields.
        "2001:db8:0:0:0:0:2:1/128, 2001:db8::2:1/128",
        "2001:0:0:1:0:0:0:1/128, 2001:0:0:1::1/128",
        // Section 4.2.2: a single zero field is not shortened to ::.
        "2001:db8:0:1:1:1:1:1/128, 2001:db8:0:1:1:1:1:1/128",
        // Section 4.2.3: of two equal runs, the first is shortened.
        "2001:db8:0:0:1:0:0:1/128, 2001:db8::1:0:0:1/128",
        // Section 4.3: hexadecimal digits in lower case.
        "FD00:ABCD::/32, fd00:abcd::/32",
        "0:0:0:0:0:0:0:0/0, ::/0",
        "0:0:0:0:0:0:0:1/128, ::1/128",
    })
    void ipv6PrefixIsWrittenAsRfc5952Recommends(String given, String expected) {
        assertEquals(expected, Prefix.parse(given).toString());
    }

    @Test
    void ipv4MappedIpv6PrefixStaysIpv6() {
        // RFC 4291 section 2.5.5.2: ::ffff:0:0/96 is an IPv6 prefix, though Java reads its text as IPv4.
        Prefix mapped = Prefix.parse("::ffff:0:0/96");
        assertEquals(AfiSafi.AFI_IPV6, mapped.afi());
        assertEquals(0, mapped.hi());
        assertEquals(0x0000_FFFF_0000_0000L, mapped.lo());
        Prefix host = Prefix.parse("::ffff:198.19.0.1");
        assertEquals(AfiSafi.AFI_IPV6, host.afi());
        assertEquals(128, host.length());
        assertEquals(0x0000_FFFF_C613_0001L, host.lo());
        assertTrue(mapped.contains(host));
    }

    @ParameterizedTest
    @ValueSource(strings = {"198.19.0.0/33", "198.19.0.0/-1", "fd00::/129", "198.19.0.0/", "198.19.0.0/x", "198.19.0/24", "fd00::g/64"})
    void malformedTextIsRejected(String text) {
        assertThrows(IllegalArgumentException.class, () -> Prefix.parse(text));
    }

    @Test
    void lengthsOutOfRangeAndUnknownFamiliesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> Prefix.ipv4(0, 33));
        assertThrows(IllegalArgumentException.class, () -> Prefix.ipv6(0, 0, 129));
        assertThrows(IllegalArgumentException.class, () -> new Prefix(25, 0, 0, 0));
    }

    @Test
    void poolContainsItsBlocksButNotItsNeighbours() {
        Prefix pool = Prefix.parse("198.19.16.0/21");
        assertTrue(pool.contains(Prefix.parse("198.19.21.64/26")));
        assertTrue(pool.contains(Prefix.parse("198.19.23.255/32")));
        assertTrue(pool.contains(pool));
        assertFalse(pool.contains(Prefix.parse("198.19.24.0/26")));
        assertFalse(pool.contains(Prefix.parse("198.19.0.0/16")), "a shorter prefix is not inside a longer one");
        assertFalse(pool.contains(Prefix.parse("fd00::/64")), "families do not mix");
        assertTrue(Prefix.parse("0.0.0.0/0").contains(Prefix.parse("203.0.113.7/32")));
        assertTrue(Prefix.parse("::/0").contains(Prefix.parse("fd00::1/128")));
        assertTrue(Prefix.parse("fd00:1:2:3:ff00::/72").contains(Prefix.parse("fd00:1:2:3:ff12::/80")));
        assertFalse(Prefix.parse("fd00:1:2:3:ff00::/72").contains(Prefix.parse("fd00:1:2:3:fe00::/80")));
    }

    @Test
    void containsAgreesWithMaskingTheOtherPrefix() {
        SplittableRandom r = new SplittableRandom(4271);
        for (int i = 0; i < 10_000; i++) {
            Prefix outer = Prefix.ipv6(r.nextLong(), r.nextLong(), r.nextInt(129));
            Prefix inner = r.nextBoolean() ? Prefix.ipv6(outer.hi() | r.nextLong() & ~hiMask(outer.length()),
                    outer.lo() | r.nextLong() & ~loMask(outer.length()), r.nextInt(outer.length(), 129))
                    : Prefix.ipv6(r.nextLong(), r.nextLong(), r.nextInt(129));
            Prefix truncated = Prefix.ipv6(inner.hi(), inner.lo(), Math.min(outer.length(), inner.length()));
            boolean expected = inner.length() >= outer.length() && truncated.equals(outer);
            assertEquals(expected, outer.contains(inner), outer + " contains " + inner);
        }
    }

    @Test
    void prefixesOrderByFamilyThenAddressThenLength() {
        List<Prefix> sorted = List.of("10.0.0.0/8", "198.19.21.0/24", "198.19.21.0/26", "198.19.21.64/26",
                        "255.255.255.255/32", "::/0", "fd00::/8", "fd00::/16", "ff00::/8")
                .stream().map(Prefix::parse).toList();
        assertEquals(sorted, sorted.reversed().stream().sorted().toList());
    }

    @Test
    void addressIsTheJavaAddressOfThePrefix() throws Exception {
        assertEquals(InetAddress.getByName("198.19.21.64"), Prefix.parse("198.19.21.64/26").address());
        assertEquals(InetAddress.getByName("fd00:198:19::"), Prefix.parse("fd00:198:19::/48").address());
        assertEquals(Prefix.parse("fd00:198:19::/48"), Prefix.of(InetAddress.getByName("fd00:198:19::ff"), 48));
    }

    private static long hiMask(int length) {
        return length == 0 ? 0 : length >= 64 ? -1L : -1L << (64 - length);
    }

    private static long loMask(int length) {
        return length <= 64 ? 0 : length == 128 ? -1L : -1L << (128 - length);
    }
}
