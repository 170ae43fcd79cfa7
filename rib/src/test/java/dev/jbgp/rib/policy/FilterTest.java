package dev.jbgp.rib.policy;

import static dev.jbgp.rib.policy.Routes.IBGP_PEER;
import static dev.jbgp.rib.policy.Routes.PEER_ATTRIBUTES;
import static dev.jbgp.rib.policy.Routes.route;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jbgp.core.Prefix;
import dev.jbgp.core.attribute.AsPath;
import dev.jbgp.core.attribute.AttributeInterner;
import dev.jbgp.core.attribute.Communities;
import dev.jbgp.core.attribute.LocalPref;
import dev.jbgp.core.attribute.PathAttributes;
import dev.jbgp.rib.Route;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FilterTest {
    private static final Prefix TEN = Prefix.parse("10.0.0.0/8");
    private static final int C1 = Communities.community(64512, 1);
    private static final int C2 = Communities.community(64512, 2);

    private static Filter filter(Filter.Otherwise otherwise, Rule... rules) {
        return new Filter(List.of(rules), otherwise);
    }

    @Test
    void theFirstRuleThatAcceptsEndsTheFilter() {
        Filter f = filter(Filter.Otherwise.REJECT,
                Rule.of(Match.within(TEN), Action.accept()),
                Rule.of(Match.always(), Action.reject()));
        assertTrue(f.evaluate(route("10.1.0.0/16")).accepted());
        assertFalse(f.evaluate(route("11.0.0.0/8")).accepted());
    }

    @Test
    void theFirstRuleThatRejectsEndsTheFilter() {
        Filter f = filter(Filter.Otherwise.ACCEPT,
                Rule.of(Match.within(TEN), Action.reject()),
                Rule.of(Match.always(), Action.accept()));
        assertFalse(f.evaluate(route("10.1.0.0/16")).accepted());
        assertTrue(f.evaluate(route("11.0.0.0/8")).accepted());
    }

    @Test
    void aRuleThatMatchesButNeitherAcceptsNorRejectsLetsLaterRulesDecide() {
        Filter f = filter(Filter.Otherwise.ACCEPT,
                Rule.of(Match.within(TEN), Action.setPriority(5)),
                Rule.of(Match.within(TEN), Action.reject()));
        Verdict v = f.evaluate(route("10.1.0.0/16"));
        assertFalse(v.accepted());
        assertEquals(5, v.priority());
    }

    @Test
    void actionsAfterTheMatchingRulesAcceptDoNotRun() {
        Filter f = filter(Filter.Otherwise.REJECT,
                Rule.of(Match.always(), Action.accept()),
                Rule.of(Match.always(), Action.setLocalPref(300), Action.setPriority(9), Action.reject()));
        Verdict v = f.evaluate(route("10.0.0.0/24"));
        assertTrue(v.accepted());
        assertSame(PEER_ATTRIBUTES, v.attributes());
        assertEquals(0, v.priority());
    }

    @Test
    void actionsOfARuleRunInOrderUpToItsAccept() {
        Filter f = filter(Filter.Otherwise.REJECT,
                Rule.of(Match.always(), Action.setLocalPref(100), Action.setLocalPref(200), Action.accept()));
        assertEquals(new LocalPref(200), f.evaluate(route("10.0.0.0/24")).attributes().localPref());
    }

    @Test
    void anEditIsSeenByTheMatchesOfLaterRules() {
        Filter f = filter(Filter.Otherwise.REJECT,
                Rule.of(Match.within(TEN), Action.addCommunity(C1)),
                Rule.of(Match.hasCommunity(C1), Action.setLocalPref(250), Action.accept()));
        Verdict v = f.evaluate(route("10.1.0.0/16"));
        assertTrue(v.accepted());
        assertEquals(new LocalPref(250), v.attributes().localPref());
        assertTrue(v.attributes().communities().contains(C1));
        assertFalse(f.evaluate(route("11.0.0.0/8")).accepted());
    }

    @Test
    void anEditIsSeenByTheEditsAfterIt() {
        Filter f = filter(Filter.Otherwise.ACCEPT,
                Rule.of(Match.always(), Action.prependAs(64512, 1)),
                Rule.of(Match.asPathStartsWith(64512), Action.prependAs(64513, 1)));
        assertEquals(AsPath.sequence(64513, 64512, Routes.EXTERNAL_AS),
                f.evaluate(route("10.0.0.0/24")).attributes().asPath());
    }

    @Test
    void aRouteNoRuleDecidesIsAcceptedWhenTheFilterAcceptsOtherwise() {
        Filter f = filter(Filter.Otherwise.ACCEPT, Rule.of(Match.within(TEN), Action.reject()));
        Verdict v = f.evaluate(route("192.168.0.0/24"));
        assertTrue(v.accepted());
        assertSame(PEER_ATTRIBUTES, v.attributes());
    }

    @Test
    void aRouteNoRuleDecidesIsRejectedWhenTheFilterRejectsOtherwise() {
        Filter f = filter(Filter.Otherwise.REJECT, Rule.of(Match.within(TEN), Action.accept()));
        assertFalse(f.evaluate(route("192.168.0.0/24")).accepted());
    }

    @Test
    void editsMadeOnTheWayStandWhenTheFilterAcceptsOtherwise() {
        Filter f = filter(Filter.Otherwise.ACCEPT,
                Rule.of(Match.always(), Action.addCommunity(C1), Action.setPriority(7)));
        Verdict v = f.evaluate(route("192.168.0.0/24"));
        assertTrue(v.accepted());
        assertEquals(Communities.of(C1), v.attributes().communities());
        assertEquals(7, v.priority());
    }

    @Test
    void anEmptyFilterIsItsOtherwise() {
        assertTrue(filter(Filter.Otherwise.ACCEPT).evaluate(route("10.0.0.0/8")).accepted());
        assertFalse(filter(Filter.Otherwise.REJECT).evaluate(route("10.0.0.0/8")).accepted());
    }

    @Test
    void aFilterThatEditsNothingReturnsTheVerySameAttributeSet() {
        Filter f = filter(Filter.Otherwise.REJECT,
                Rule.of(Match.hasCommunity(C2), Action.setLocalPref(50)),
                Rule.of(Match.within(TEN), Action.setPriority(3), Action.accept()));
        Verdict v = f.evaluate(route("10.0.0.0/24"));
        assertTrue(v.accepted());
        assertSame(PEER_ATTRIBUTES, v.attributes());
    }

    @Test
    void editsThatChangeNothingAlsoReturnTheVerySameAttributeSet() {
        PathAttributes given = PEER_ATTRIBUTES.with(new LocalPref(100)).with(Communities.of(C1));
        Filter f = filter(Filter.Otherwise.ACCEPT,
                Rule.of(Match.always(), Action.setLocalPref(100), Action.addCommunity(C1)));
        assertSame(given, f.evaluate(route("10.0.0.0/24", given)).attributes());
    }

    @Test
    void evaluatingNeverChangesTheRouteOrTheSetItCameWith() {
        PathAttributes given = PEER_ATTRIBUTES.with(Communities.of(C1));
        PathAttributes copy = PathAttributes.of(new ArrayList<>(given));
        Route r = route("10.0.0.0/24", given);
        Filter f = filter(Filter.Otherwise.ACCEPT,
                Rule.of(Match.always(), Action.addCommunity(C2), Action.setLocalPref(10), Action.prependAs(64512, 3)));
        Verdict v = f.evaluate(r);
        assertNotSame(given, v.attributes());
        assertSame(given, r.attributes());
        assertEquals(copy, given);
        assertEquals(Communities.of(C1), given.communities());
        assertNull(given.localPref());
    }

    @Test
    void anAcceptedEditedSetGoesThroughTheInterner() {
        Map<PathAttributes, PathAttributes> table = new HashMap<>();
        AttributeInterner interner = a -> table.computeIfAbsent(a, k -> k);
        Filter f = new Filter(List.of(Rule.of(Match.always(), Action.addCommunity(C1))), Filter.Otherwise.ACCEPT, interner);
        PathAttributes first = f.evaluate(route("10.0.0.0/24")).attributes();
        PathAttributes second = f.evaluate(route("10.0.1.0/24")).attributes();
        assertSame(first, second);
        assertEquals(1, table.size());
    }

    @Test
    void anUneditedSetIsNotInternedAgain() {
        List<PathAttributes> interned = new ArrayList<>();
        AttributeInterner interner = a -> {
            interned.add(a);
            return a;
        };
        new Filter(List.of(), Filter.Otherwise.ACCEPT, interner).evaluate(route("10.0.0.0/24"));
        assertEquals(List.of(), interned);
    }

    @Test
    void aRejectedEditedSetIsNotInterned() {
        List<PathAttributes> interned = new ArrayList<>();
        AttributeInterner interner = a -> {
            interned.add(a);
            return a;
        };
        Filter f = new Filter(List.of(Rule.of(Match.always(), Action.addCommunity(C1), Action.reject())),
                Filter.Otherwise.ACCEPT, interner);
        Verdict v = f.evaluate(route("10.0.0.0/24"));
        assertFalse(v.accepted());
        assertEquals(Communities.of(C1), v.attributes().communities());
        assertEquals(List.of(), interned);
    }

    @Test
    void priorityIsZeroUnlessSetAndTheLastSettingCounts() {
        Filter f = filter(Filter.Otherwise.ACCEPT,
                Rule.of(Match.ibgp(), Action.setPriority(10)),
                Rule.of(Match.within(TEN), Action.setPriority(20)));
        assertEquals(0, f.evaluate(route("192.168.0.0/24")).priority());
        assertEquals(10, f.evaluate(route("192.168.0.0/24", IBGP_PEER)).priority());
        assertEquals(20, f.evaluate(route("10.0.0.0/24", IBGP_PEER)).priority());
        assertEquals(-1, filter(Filter.Otherwise.ACCEPT, Rule.of(Match.always(), Action.setPriority(-1)))
                .evaluate(route("10.0.0.0/24")).priority());
    }

    @Test
    void acceptAllAcceptsEveryRouteUnchanged() {
        Route r = route("10.0.0.0/24");
        Verdict v = Policy.ACCEPT_ALL.evaluate(r);
        assertTrue(v.accepted());
        assertSame(r.attributes(), v.attributes());
        assertEquals(0, v.priority());
    }

    @Test
    void rejectAllRejectsEveryRoute() {
        assertFalse(Policy.REJECT_ALL.evaluate(route("10.0.0.0/24")).accepted());
        assertFalse(Policy.REJECT_ALL.evaluate(route("::/0")).accepted());
    }

    @Test
    void aRuleWithActionsAfterItsAcceptOrRejectIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> Rule.of(Match.always(), Action.accept(), Action.setPriority(1)));
        assertThrows(IllegalArgumentException.class, () -> Rule.of(Match.always(), Action.reject(), Action.accept()));
    }

    @Test
    void aFilterPrintsAsABirdFilterBodyOneRuleALine() {
        Filter f = filter(Filter.Otherwise.REJECT,
                Rule.of(Match.all(Match.withinLengths(TEN, 24, 32), Match.ibgp()),
                        Action.setLocalPref(200), Action.accept()),
                Rule.of(Match.not(Match.local()), Action.reject()),
                Rule.of(Match.always(), Action.addCommunity(C1)),
                Rule.of(Match.within(TEN)));
        assertEquals("""
                if net ~ 10.0.0.0/8{24,32} && source = ibgp then { bgp_local_pref = 200; accept; }
                if !(source = local) then { reject; }
                bgp_community.add((64512,1));
                if net ~ 10.0.0.0/8+ then { }
                reject;""", f.toString());
        assertEquals("accept;", Policy.ACCEPT_ALL.toString());
        assertEquals("reject;", Policy.REJECT_ALL.toString());
    }
}
