package dev.jbgp.peering.calico;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SelectorTest {
    private static final Map<String, String> RR = Map.of("route-reflector", "true", "rack", "r1", "zone", "eu-west-1a");
    private static final Map<String, String> WORKER = Map.of("rack", "r2", "kubernetes.io/os", "linux");
    private static final Map<String, String> NONE = Map.of();

    private static boolean matches(String selector, Map<String, String> labels) {
        return Selector.parse(selector).matches(labels);
    }

    @Test
    void equalsNeedsTheLabelWithThatValue() {
        assertTrue(matches("rack == 'r1'", RR));
        assertFalse(matches("rack == 'r1'", WORKER));
        assertFalse(matches("rack == 'r1'", NONE));
    }

    @Test
    void notEqualsHoldsForAnotherValueAndForAMissingLabel() {
        assertFalse(matches("rack != 'r1'", RR));
        assertTrue(matches("rack != 'r1'", WORKER));
        assertTrue(matches("rack != 'r1'", NONE));
    }

    @Test
    void hasAndNotHasLookOnlyAtThePresenceOfTheLabel() {
        assertTrue(matches("has(route-reflector)", RR));
        assertFalse(matches("has(route-reflector)", WORKER));
        assertFalse(matches("!has(route-reflector)", RR));
        assertTrue(matches("!has(route-reflector)", WORKER));
        assertTrue(matches("has( kubernetes.io/os )", WORKER));
    }

    @Test
    void allAndTheEmptySelectorSelectEverything() {
        assertTrue(matches("all()", NONE));
        assertTrue(matches("", NONE));
        assertTrue(matches("   ", RR));
        assertFalse(matches("!all()", RR));
        assertInstanceOf(Selector.All.class, Selector.parse(""));
    }

    @Test
    void globalSelectsWhatHasNoNamespace() {
        assertTrue(matches("global()", RR));
        assertFalse(matches("global()", Map.of("projectcalico.org/namespace", "default")));
    }

    @Test
    void inNeedsTheLabelWithOneOfTheValues() {
        assertTrue(matches("rack in {'r1', \"r3\"}", RR));
        assertFalse(matches("rack in {'r1', 'r3'}", WORKER));
        assertFalse(matches("rack in {'r1'}", NONE));
        assertFalse(matches("rack in {}", RR));
    }

    @Test
    void notInHoldsForOtherValuesAndForAMissingLabel() {
        assertFalse(matches("rack not in {'r1', 'r3'}", RR));
        assertTrue(matches("rack not in {'r1', 'r3'}", WORKER));
        assertTrue(matches("rack not in {'r1'}", NONE));
        assertTrue(matches("rack notin {'r1'}", WORKER)); // Calico takes the words run together too
    }

    @Test
    void stringTestsCompareParts() {
        assertTrue(matches("zone contains 'west'", RR));
        assertTrue(matches("zone starts with 'eu-'", RR));
        assertTrue(matches("zone ends with '1a'", RR));
        assertFalse(matches("zone ends with '1b'", RR));
        assertFalse(matches("zone contains ''", NONE));
    }

    @Test
    void singleAndDoubleQuotesAreTheSameAndMayHoldTheOtherQuote() {
        assertEquals(Selector.parse("a == 'x'"), Selector.parse("a == \"x\""));
        assertTrue(matches("a == 'say \"hi\"'", Map.of("a", "say \"hi\"")));
        assertTrue(matches("a == \"it's\"", Map.of("a", "it's")));
    }

    @Test
    void andBindsTighterThanOr() {
        String s = "rack == 'r9' || rack == 'r1' && has(route-reflector)";
        assertTrue(matches(s, RR));
        assertTrue(matches(s, Map.of("rack", "r9")));
        assertFalse(matches(s, Map.of("rack", "r1")));
        assertEquals(Selector.parse("rack == 'r9' || (rack == 'r1' && has(route-reflector))"), Selector.parse(s));
    }

    @Test
    void parenthesesRegroup() {
        String s = "(rack == 'r9' || rack == 'r1') && has(route-reflector)";
        assertTrue(matches(s, RR));
        assertFalse(matches(s, Map.of("rack", "r9")));
    }

    @Test
    void notBindsTighterThanAndAndNegationsCancel() {
        assertTrue(matches("!has(route-reflector) && has(rack)", WORKER));
        assertFalse(matches("!(has(route-reflector) && has(rack))", RR));
        assertTrue(matches("!!has(rack)", WORKER));
        assertTrue(matches("! rack == 'r1'", WORKER));
    }

    @Test
    void theCanonicalTextParsesBackToTheSameSelector() {
        for (String s : new String[] {
                "rack == 'r1'", "!has(a) && (b in {'y', 'x'} || c not in {'z'})", "!(a == 'x' || b != 'y')",
                "all()", "global() && zone starts with 'eu'", "a == 'q\"uote'"}) {
            Selector parsed = Selector.parse(s);
            assertEquals(parsed, Selector.parse(parsed.toString()), s + " -> " + parsed);
        }
        assertEquals("b in {\"x\", \"y\"}", Selector.parse("b in {'y','x'}").toString());
    }

    @Test
    void parenthesesNestUpToAHundredDeep() {
        String hundred = "(".repeat(100) + "rack == 'r1'" + ")".repeat(100);
        assertTrue(matches(hundred, RR));
        String negated = "!(".repeat(100) + "rack == 'r1'" + ")".repeat(100);
        assertTrue(matches(negated, RR)); // an even number of negations
    }

    @Test
    void parenthesesNestedDeeperAreASyntaxErrorAtTheFirstOneTooMany() {
        // Deep enough to overflow the stack of a parser that does not count.
        String deep = "(".repeat(20_000) + "rack == 'r1'" + ")".repeat(20_000);
        SelectorSyntaxException e = assertThrows(SelectorSyntaxException.class, () -> Selector.parse(deep));
        assertEquals(101, e.column());
        assertEquals("parentheses nested deeper than 100", e.problem());
        SelectorSyntaxException negated = assertThrows(SelectorSyntaxException.class,
                () -> Selector.parse("!(".repeat(101) + "has(a)" + ")".repeat(101)));
        assertEquals(202, negated.column());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            rack = 'r1'        | 6  | expected == after label "rack", found a single =
            rack == r1         | 9  | expected a quoted value after ==, found "r1"
            rack == 'r1        | 9  | unterminated string
            rack               | 5  | expected an operator after label "rack"
            rack ~= 'r1'       | 6  | expected ==, !=, in, not in, contains, starts with or ends with after label "rack", found "~= 'r1'"
            has(rack           | 9  | expected ")" after has(rack
            has()              | 5  | expected a label, found ")"
            all(x)             | 5  | expected ")" after all(
            (rack == 'r1'      | 14 | missing ")"
            rack == 'r1' )     | 14 | unexpected ")" after a complete selector
            rack == 'r1' zone  | 14 | unexpected "zone" after a complete selector
            && has(a)          | 1  | expected a label, found "&& has(a)"
            has(a) &&          | 10 | unexpected end of selector, expected has(), all(), a label or "("
            has(a) & has(b)    | 8  | unexpected "& has(b)" after a complete selector
            rack in 'r1'       | 9  | expected "{" after in
            rack in {'r1' 'r2'}| 15 | expected a quoted value or "}", found "'r2'}"
            rack in {'r1'      | 14 | missing "}"
            """)
    void aSyntaxErrorNamesItsColumn(String selector, int column, String problem) {
        SelectorSyntaxException e = assertThrows(SelectorSyntaxException.class, () -> Selector.parse(selector));
        assertEquals(problem, e.problem());
        assertEquals(column, e.column(), e.getMessage());
        assertEquals("column " + column + ": " + problem, e.getMessage());
    }
}
