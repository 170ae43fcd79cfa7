package dev.jbgp.rib.policy;

import static dev.jbgp.rib.policy.Routes.IBGP_PEER;
import static dev.jbgp.rib.policy.Routes.route;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jbgp.core.Prefix;
import dev.jbgp.rib.Route;
import org.junit.jupiter.api.Test;

class CombinedMatchTest {
    private static final Match IN_10_8 = Match.within(Prefix.parse("10.0.0.0/8"));
    private static final Match IN_192_168_16 = Match.within(Prefix.parse("192.168.0.0/16"));
    private final Route tenFromIbgp = route("10.1.0.0/24", IBGP_PEER);
    private final Route tenFromEbgp = route("10.1.0.0/24");
    private final Route elsewhere = route("172.16.0.0/24");

    @Test
    void allMatchesWhenEveryPartDoes() {
        Match m = Match.all(IN_10_8, Match.ibgp());
        assertTrue(m.matches(tenFromIbgp));
        assertFalse(m.matches(tenFromEbgp));
        assertFalse(m.matches(route("172.16.0.0/24", IBGP_PEER)));
    }

    @Test
    void anyMatchesWhenOnePartDoes() {
        Match m = Match.any(IN_192_168_16, IN_10_8);
        assertTrue(m.matches(tenFromEbgp));
        assertTrue(m.matches(route("192.168.1.0/24")));
        assertFalse(m.matches(elsewhere));
    }

    @Test
    void notMatchesWhenItsPartDoesNot() {
        Match m = Match.not(IN_10_8);
        assertFalse(m.matches(tenFromEbgp));
        assertTrue(m.matches(elsewhere));
    }

    @Test
    void alwaysMatchesEveryRoute() {
        assertTrue(Match.always().matches(tenFromEbgp));
        assertTrue(Match.always().matches(route("::/0")));
    }

    @Test
    void allOfNothingIsTrueAndAnyOfNothingIsFalse() {
        assertTrue(Match.all().matches(elsewhere));
        assertFalse(Match.any().matches(elsewhere));
    }

    @Test
    void combinationsNest() {
        // In 10/8 from iBGP, or anything but eBGP routes outside 10/8.
        Match m = Match.any(Match.all(IN_10_8, Match.ibgp()), Match.not(Match.any(IN_10_8, Match.ebgp())));
        assertTrue(m.matches(tenFromIbgp));
        assertFalse(m.matches(tenFromEbgp));
        assertFalse(m.matches(elsewhere));
        assertTrue(m.matches(route("172.16.0.0/24", IBGP_PEER)));
    }

    @Test
    void combinationsPrintWithTheBracketsTheirGroupingNeeds() {
        assertEquals("net ~ 10.0.0.0/8+ && source = ibgp", Match.all(IN_10_8, Match.ibgp()).toString());
        assertEquals("net ~ 10.0.0.0/8+ && (source = ibgp || source = local)",
                Match.all(IN_10_8, Match.any(Match.ibgp(), Match.local())).toString());
        assertEquals("(net ~ 10.0.0.0/8+ && source = ibgp) || source = local",
                Match.any(Match.all(IN_10_8, Match.ibgp()), Match.local()).toString());
        assertEquals("!(net ~ 10.0.0.0/8+ || source = ebgp)", Match.not(Match.any(IN_10_8, Match.ebgp())).toString());
        assertEquals("true", Match.always().toString());
        assertEquals("true", Match.all().toString());
        assertEquals("false", Match.any().toString());
    }
}
