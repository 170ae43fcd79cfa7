package dev.jbgp.peering.calico;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Calico's selector grammar (libcalico-go {@code selector/tokenizer} and {@code parser}), by
 * recursive descent:
 *
 * <pre>
 * selector   = [ or ]                       (empty: all())
 * or         = and { "||" and }             (|| binds loosest)
 * and        = unary { "&amp;&amp;" unary }
 * unary      = { "!" } primary
 * primary    = "has(" label ")" | "all()" | "global()" | "(" or ")"
 *            | label ( "==" | "!=" | "contains" | "starts with" | "ends with" ) string
 *            | label ( "in" | "not in" ) "{" [ string { "," string } [ "," ] ] "}"
 * label      = 1*( ALPHA | DIGIT | "_" | "." | "/" | "-" )
 * string     = '"' *(any but '"') '"' | "'" *(any but "'") "'"
 * </pre>
 *
 * There are no escapes inside strings, as in Calico. Parentheses nest at most
 * {@value #MAX_DEPTH} deep: each level is a few frames of the parser's recursion, and a
 * selector from a configuration file must not be able to overflow the stack.
 */
final class SelectorParser {
    private static final int MAX_LABEL_LENGTH = 512;
    static final int MAX_DEPTH = 100;

    private final String text;
    private int pos;
    private int depth;

    private SelectorParser(String text) {
        this.text = text;
    }

    static Selector parse(String text) {
        SelectorParser p = new SelectorParser(text);
        p.skipSpace();
        if (p.atEnd()) {
            return new Selector.All();
        }
        Selector s = p.or();
        p.skipSpace();
        if (!p.atEnd()) {
            throw p.error("unexpected \"" + p.rest() + "\" after a complete selector");
        }
        return s;
    }

    private Selector or() {
        List<Selector> terms = new ArrayList<>();
        terms.add(and());
        while (skipSpace() && accept("||")) {
            terms.add(and());
        }
        return terms.size() == 1 ? terms.getFirst() : new Selector.Or(terms);
    }

    private Selector and() {
        List<Selector> terms = new ArrayList<>();
        terms.add(unary());
        while (skipSpace() && accept("&&")) {
            terms.add(unary());
        }
        return terms.size() == 1 ? terms.getFirst() : new Selector.And(terms);
    }

    private Selector unary() {
        boolean negated = false;
        skipSpace();
        // "!=" is an operator, not a negation, but it can only follow a label.
        while (peek() == '!') {
            pos++;
            negated = !negated;
            skipSpace();
        }
        Selector s = primary();
        return negated ? new Selector.Not(s) : s;
    }

    private Selector primary() {
        skipSpace();
        if (atEnd()) {
            throw error("unexpected end of selector, expected has(), all(), a label or \"(\"");
        }
        if (peek() == '(') {
            if (depth == MAX_DEPTH) {
                throw error("parentheses nested deeper than " + MAX_DEPTH);
            }
            pos++;
            depth++;
            Selector inner = or();
            depth--;
            skipSpace();
            if (!accept(")")) {
                throw error(atEnd() ? "missing \")\"" : "expected \")\" or an operator, found \"" + rest() + "\"");
            }
            return inner;
        }
        int start = pos;
        if (accept("has(")) {
            skipSpace();
            String label = label();
            skipSpace();
            if (!accept(")")) {
                throw error("expected \")\" after has(" + label);
            }
            return new Selector.Has(label);
        }
        if (accept("all(")) {
            skipSpace();
            if (!accept(")")) {
                throw error("expected \")\" after all(");
            }
            return new Selector.All();
        }
        if (accept("global(")) {
            skipSpace();
            if (!accept(")")) {
                throw error("expected \")\" after global(");
            }
            return new Selector.Global();
        }
        pos = start;
        String label = label();
        skipSpace();
        int opAt = pos;
        if (accept("==")) {
            return new Selector.Compare(label, Selector.Comparison.EQUALS, string("=="));
        }
        if (accept("!=")) {
            return new Selector.Compare(label, Selector.Comparison.NOT_EQUALS, string("!="));
        }
        if (word("contains")) {
            return new Selector.Compare(label, Selector.Comparison.CONTAINS, string("contains"));
        }
        if (words("starts", "with")) {
            return new Selector.Compare(label, Selector.Comparison.STARTS_WITH, string("starts with"));
        }
        if (words("ends", "with")) {
            return new Selector.Compare(label, Selector.Comparison.ENDS_WITH, string("ends with"));
        }
        if (words("not", "in")) {
            return new Selector.InSet(label, set("not in"), true);
        }
        if (word("in")) {
            return new Selector.InSet(label, set("in"), false);
        }
        pos = opAt;
        if (peek() == '=') {
            throw error("expected == after label \"" + label + "\", found a single =");
        }
        throw error(atEnd()
                ? "expected an operator after label \"" + label + "\""
                : "expected ==, !=, in, not in, contains, starts with or ends with after label \"" + label
                        + "\", found \"" + rest() + "\"");
    }

    private String label() {
        int start = pos;
        while (pos < text.length() && labelChar(text.charAt(pos))) {
            pos++;
        }
        if (pos == start) {
            throw error(atEnd() ? "unexpected end of selector, expected a label"
                    : "expected a label, found \"" + rest() + "\"");
        }
        if (pos - start > MAX_LABEL_LENGTH) {
            pos = start;
            throw error("label longer than " + MAX_LABEL_LENGTH + " characters");
        }
        return text.substring(start, pos);
    }

    private String string(String operator) {
        skipSpace();
        char quote = peek();
        if (quote != '"' && quote != '\'') {
            throw error("expected a quoted value after " + operator
                    + (atEnd() ? "" : ", found \"" + rest() + "\""));
        }
        int open = pos;
        int close = text.indexOf(quote, pos + 1);
        if (close < 0) {
            throw error("unterminated string");
        }
        pos = close + 1;
        return text.substring(open + 1, close);
    }

    private TreeSet<String> set(String operator) {
        skipSpace();
        if (!accept("{")) {
            throw error("expected \"{\" after " + operator);
        }
        TreeSet<String> values = new TreeSet<>();
        skipSpace();
        while (peek() == '"' || peek() == '\'') {
            values.add(string(operator));
            skipSpace();
            if (!accept(",")) {
                break;
            }
            skipSpace();
        }
        skipSpace();
        if (!accept("}")) {
            throw error(atEnd() ? "missing \"}\"" : "expected a quoted value or \"}\", found \"" + rest() + "\"");
        }
        return values;
    }

    /** A keyword operator that must not run on into a label character ({@code inx} is not {@code in}). */
    private boolean word(String w) {
        if (text.startsWith(w, pos) && boundary(pos + w.length())) {
            pos += w.length();
            return true;
        }
        return false;
    }

    /** Two keywords with optional space between (Calico takes {@code notin} as {@code not in}). */
    private boolean words(String first, String second) {
        int start = pos;
        if (text.startsWith(first, pos)) {
            pos += first.length();
            skipSpace();
            if (word(second)) {
                return true;
            }
        }
        pos = start;
        return false;
    }

    private boolean boundary(int at) {
        return at >= text.length() || !labelChar(text.charAt(at));
    }

    private boolean accept(String token) {
        if (text.startsWith(token, pos)) {
            pos += token.length();
            return true;
        }
        return false;
    }

    /** Always true, so it can lead a condition. */
    private boolean skipSpace() {
        while (pos < text.length() && (text.charAt(pos) == ' ' || text.charAt(pos) == '\t'
                || text.charAt(pos) == '\n' || text.charAt(pos) == '\r')) {
            pos++;
        }
        return true;
    }

    private boolean atEnd() {
        return pos >= text.length();
    }

    private char peek() {
        return pos < text.length() ? text.charAt(pos) : '\0';
    }

    private String rest() {
        String r = text.substring(pos);
        return r.length() > 20 ? r.substring(0, 20) + "..." : r;
    }

    private SelectorSyntaxException error(String problem) {
        return new SelectorSyntaxException(pos + 1, problem);
    }

    static boolean labelChar(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                || c == '_' || c == '.' || c == '/' || c == '-';
    }
}
