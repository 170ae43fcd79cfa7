package dev.jbgp.peering.calico;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedSet;
import java.util.StringJoiner;
import java.util.TreeSet;

/**
 * A Calico label selector ({@code nodeSelector}, {@code peerSelector}), parsed once and then
 * evaluated against label maps: {@code rack == 'a' && !has(routeReflector)}.
 *
 * <p>The semantics are Calico's (libcalico-go {@code selector/parser/ast.go}): {@code !=} and
 * {@code not in} hold for a node that lacks the label, {@code ==}, {@code in} and the string
 * tests need it present; the empty selector selects everything, as {@code all()} does.
 * {@link #toString()} gives the canonical text, with double-quoted values.
 */
public sealed interface Selector {

    /** Parses Calico's selector syntax; see {@link SelectorParser} for the grammar. */
    static Selector parse(String text) {
        return SelectorParser.parse(text);
    }

    /** True when a resource with these labels is selected. */
    boolean matches(Map<String, String> labels);

    /** {@code all()}: every resource. */
    record All() implements Selector {
        @Override
        public boolean matches(Map<String, String> labels) {
            return true;
        }

        @Override
        public String toString() {
            return "all()";
        }
    }

    /**
     * {@code global()}: resources outside any namespace. Calico marks a namespaced resource with
     * the {@code projectcalico.org/namespace} label; Nodes never have it.
     */
    record Global() implements Selector {
        static final String NAMESPACE_LABEL = "projectcalico.org/namespace";

        @Override
        public boolean matches(Map<String, String> labels) {
            return !labels.containsKey(NAMESPACE_LABEL);
        }

        @Override
        public String toString() {
            return "global()";
        }
    }

    /** {@code has(label)}. */
    record Has(String label) implements Selector {
        public Has {
            Objects.requireNonNull(label, "label");
        }

        @Override
        public boolean matches(Map<String, String> labels) {
            return labels.containsKey(label);
        }

        @Override
        public String toString() {
            return "has(" + label + ")";
        }
    }

    /** The ways a label's value can be compared with one string. */
    enum Comparison {
        EQUALS("=="),
        NOT_EQUALS("!="),
        CONTAINS("contains"),
        STARTS_WITH("starts with"),
        ENDS_WITH("ends with");

        private final String text;

        Comparison(String text) {
            this.text = text;
        }

        @Override
        public String toString() {
            return text;
        }
    }

    /** {@code label == "value"}, {@code label != "value"}, {@code label contains "value"}, ... */
    record Compare(String label, Comparison comparison, String value) implements Selector {
        public Compare {
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(comparison, "comparison");
            Objects.requireNonNull(value, "value");
        }

        @Override
        public boolean matches(Map<String, String> labels) {
            String actual = labels.get(label);
            if (actual == null) {
                return comparison == Comparison.NOT_EQUALS;
            }
            return switch (comparison) {
                case EQUALS -> actual.equals(value);
                case NOT_EQUALS -> !actual.equals(value);
                case CONTAINS -> actual.contains(value);
                case STARTS_WITH -> actual.startsWith(value);
                case ENDS_WITH -> actual.endsWith(value);
            };
        }

        @Override
        public String toString() {
            return label + " " + comparison + " " + quoted(value);
        }
    }

    /** {@code label in {"a", "b"}}, or with {@code negated} {@code label not in {...}}. */
    record InSet(String label, SortedSet<String> values, boolean negated) implements Selector {
        public InSet {
            Objects.requireNonNull(label, "label");
            values = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(values));
        }

        @Override
        public boolean matches(Map<String, String> labels) {
            String actual = labels.get(label);
            if (actual == null) {
                return negated;
            }
            return values.contains(actual) != negated;
        }

        @Override
        public String toString() {
            StringJoiner j = new StringJoiner(", ", "{", "}");
            values.forEach(v -> j.add(quoted(v)));
            return label + (negated ? " not in " : " in ") + j;
        }
    }

    /** {@code !selector}. */
    record Not(Selector selector) implements Selector {
        public Not {
            Objects.requireNonNull(selector, "selector");
        }

        @Override
        public boolean matches(Map<String, String> labels) {
            return !selector.matches(labels);
        }

        @Override
        public String toString() {
            return "!" + grouped(selector);
        }
    }

    /** Every one of two or more selectors ({@code &&}). */
    record And(List<Selector> selectors) implements Selector {
        public And {
            selectors = List.copyOf(selectors);
        }

        @Override
        public boolean matches(Map<String, String> labels) {
            for (Selector s : selectors) {
                if (!s.matches(labels)) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public String toString() {
            StringJoiner j = new StringJoiner(" && ");
            selectors.forEach(s -> j.add(s instanceof Or ? "(" + s + ")" : s.toString()));
            return j.toString();
        }
    }

    /** At least one of two or more selectors ({@code ||}). */
    record Or(List<Selector> selectors) implements Selector {
        public Or {
            selectors = List.copyOf(selectors);
        }

        @Override
        public boolean matches(Map<String, String> labels) {
            for (Selector s : selectors) {
                if (s.matches(labels)) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public String toString() {
            StringJoiner j = new StringJoiner(" || ");
            selectors.forEach(s -> j.add(s.toString()));
            return j.toString();
        }
    }

    private static String grouped(Selector s) {
        return s instanceof And || s instanceof Or || s instanceof Compare || s instanceof InSet
                ? "(" + s + ")" : s.toString();
    }

    /** A value in double quotes; a value holding a double quote in single ones (the syntax has no escapes). */
    private static String quoted(String value) {
        return value.indexOf('"') >= 0 ? "'" + value + "'" : '"' + value + '"';
    }
}
