package dev.jbgp.rib.policy;

import static dev.jbgp.rib.policy.Routes.route;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jbgp.core.Prefix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PrefixMatchTest {

    @ParameterizedTest(name = "net = 10.0.0.0/26 on {0}: {1}")
    @CsvSource({
        "10.0.0.0/26, true",
        "10.0.0.0/27, false",
        "10.0.0.0/25, false",
        "10.0.0.64/26, false",
        "10.0.0.0/8, false",
    })
    void exactMatchesThatPrefixAndNoOther(String prefix, boolean matches) {
        assertEquals(matches, Match.exact(Prefix.parse("10.0.0.0/26")).matches(route(prefix)));
    }

    @ParameterizedTest(name = "net ~ 10.0.0.0/8+ on {0}: {1}")
    @CsvSource({
        "10.0.0.0/8, true",
        "10.1.2.0/24, true",
        "10.255.255.255/32, true",
        "10.0.0.0/7, false",
        "11.0.0.0/8, false",
        "0.0.0.0/0, false",
    })
    void withinMatchesThePrefixAndEveryMoreSpecificOne(String prefix, boolean matches) {
        assertEquals(matches, Match.within(Prefix.parse("10.0.0.0/8")).matches(route(prefix)));
    }

    @ParameterizedTest(name = "net ~ 10.0.0.0/8'{'24,30'}' on {0}: {1}")
    @CsvSource({
        "10.0.0.0/8, false",
        "10.1.0.0/23, false",
        "10.1.2.0/24, true",
        "10.1.2.4/30, true",
        "10.1.2.4/31, false",
        "10.1.2.4/32, false",
        "11.1.2.0/24, false",
    })
    void withinLengthsMatchesMoreSpecificPrefixesWhoseLengthIsInTheRangeBoundsIncluded(String prefix, boolean matches) {
        assertEquals(matches, Match.withinLengths(Prefix.parse("10.0.0.0/8"), 24, 30).matches(route(prefix)));
    }

    @Test
    void aRangeOfOneLengthEqualToThePrefixIsAnExactMatch() {
        Match m = Match.withinLengths(Prefix.parse("10.0.0.0/26"), 26, 26);
        assertTrue(m.matches(route("10.0.0.0/26")));
        assertFalse(m.matches(route("10.0.0.0/27")));
    }

    @Test
    void ipv4AndIpv6NeverMatchEachOther() {
        // ::/0 and 0.0.0.0/0 hold the same numbers; only the family tells them apart.
        Prefix v4Default = Prefix.parse("0.0.0.0/0");
        Prefix v6Default = Prefix.parse("::/0");
        assertFalse(Match.within(v4Default).matches(route("fd00::/48")));
        assertFalse(Match.within(v6Default).matches(route("10.0.0.0/8")));
        assertFalse(Match.exact(v4Default).matches(route("::/0")));
        assertFalse(Match.withinLengths(v6Default, 0, 32).matches(route("10.0.0.0/8")));
        // An IPv4-mapped IPv6 prefix is IPv6, not the IPv4 prefix it spells.
        assertFalse(Match.within(Prefix.parse("10.0.0.0/8")).matches(route("::ffff:10.0.0.0/104")));
    }

    @Test
    void withinTheIpv4DefaultRouteMatchesEveryIpv4Prefix() {
        Match m = Match.within(Prefix.parse("0.0.0.0/0"));
        assertTrue(m.matches(route("0.0.0.0/0")));
        assertTrue(m.matches(route("203.0.113.7/32")));
        assertTrue(m.matches(route("255.255.255.255/32")));
    }

    @Test
    void withinTheIpv6DefaultRouteMatchesEveryIpv6Prefix() {
        Match m = Match.within(Prefix.parse("::/0"));
        assertTrue(m.matches(route("::/0")));
        assertTrue(m.matches(route("fd00::1/128")));
        assertTrue(m.matches(route("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff/128")));
    }

    @Test
    void theDefaultRouteItselfIsMatchedOnlyByLengthZero() {
        assertTrue(Match.exact(Prefix.parse("0.0.0.0/0")).matches(route("0.0.0.0/0")));
        assertFalse(Match.withinLengths(Prefix.parse("0.0.0.0/0"), 1, 32).matches(route("0.0.0.0/0")));
        assertTrue(Match.withinLengths(Prefix.parse("0.0.0.0/0"), 0, 0).matches(route("0.0.0.0/0")));
        assertFalse(Match.withinLengths(Prefix.parse("0.0.0.0/0"), 0, 0).matches(route("0.0.0.0/1")));
    }

    @Test
    void hostRoutesMatchOnEveryBit() {
        assertTrue(Match.exact(Prefix.parse("10.0.0.1/32")).matches(route("10.0.0.1/32")));
        assertFalse(Match.exact(Prefix.parse("10.0.0.1/32")).matches(route("10.0.0.0/32")));
        assertTrue(Match.within(Prefix.parse("10.0.0.1/32")).matches(route("10.0.0.1/32")));
        assertFalse(Match.within(Prefix.parse("10.0.0.1/32")).matches(route("10.0.0.0/31")));
        assertTrue(Match.exact(Prefix.parse("fd00::1/128")).matches(route("fd00::1/128")));
        // The last bit of the low word, and the last bit of the high word.
        assertFalse(Match.within(Prefix.parse("fd00::1/128")).matches(route("fd00::/128")));
        assertFalse(Match.within(Prefix.parse("fd00:0:0:1::/64")).matches(route("fd00::/64")));
        assertTrue(Match.withinLengths(Prefix.parse("fd00::/48"), 128, 128).matches(route("fd00::1/128")));
        assertFalse(Match.withinLengths(Prefix.parse("fd00::/48"), 64, 127).matches(route("fd00::1/128")));
    }

    @Test
    void ipv6LengthRangesCrossTheBoundaryBetweenTheTwoWords() {
        Match m = Match.withinLengths(Prefix.parse("fd00:1:2:3::/64"), 64, 96);
        assertTrue(m.matches(route("fd00:1:2:3::/64")));
        assertTrue(m.matches(route("fd00:1:2:3:4:5::/96")));
        assertFalse(m.matches(route("fd00:1:2:3:4:5:6::/112")));
        assertFalse(m.matches(route("fd00:1:2:4::/64")));
    }

    @ParameterizedTest(name = "{0}'{'{1},{2}'}' is refused")
    @CsvSource({
        "10.0.0.0/8, 7, 32",
        "10.0.0.0/8, 24, 23",
        "10.0.0.0/8, 24, 33",
        "fd00::/48, 64, 129",
        "fd00::/48, 47, 64",
    })
    void aLengthRangeOutsideThePrefixOrTheFamilyIsRefused(String prefix, int min, int max) {
        assertThrows(IllegalArgumentException.class, () -> Match.withinLengths(Prefix.parse(prefix), min, max));
    }

    @Test
    void prefixMatchesPrintAsBirdWritesThem() {
        assertEquals("net = 10.0.0.0/26", Match.exact(Prefix.parse("10.0.0.0/26")).toString());
        assertEquals("net ~ 10.0.0.0/8+", Match.within(Prefix.parse("10.0.0.0/8")).toString());
        assertEquals("net ~ 10.0.0.0/8{24,32}", Match.withinLengths(Prefix.parse("10.0.0.0/8"), 24, 32).toString());
        assertEquals("net ~ fd00::/48{122,128}", Match.withinLengths(Prefix.parse("fd00::/48"), 122, 128).toString());
    }
}
