package dev.jbgp.rib.policy;

import java.util.List;
import java.util.Objects;
import java.util.StringJoiner;

/**
 * One line of a {@link Filter}: when {@code match} holds, {@code actions} run in order. An
 * action after {@code accept} or {@code reject} could never run, so a rule holding one is
 * refused: whatever built it meant something else.
 */
public record Rule(Match match, List<Action> actions) {
    public Rule {
        Objects.requireNonNull(match, "match");
        actions = List.copyOf(actions);
        for (int i = 0; i < actions.size() - 1; i++) {
            if (actions.get(i) instanceof Action.Accept || actions.get(i) instanceof Action.Reject) {
                throw new IllegalArgumentException("actions after " + actions.get(i) + " would never run: " + actions);
            }
        }
    }

    public static Rule of(Match match, Action... actions) {
        return new Rule(match, List.of(actions));
    }

    /**
     * The rule as a BIRD statement, {@code if net ~ 10.0.0.0/8+ then { accept; }}; an
     * unconditional one without the {@code if}.
     */
    @Override
    public String toString() {
        StringJoiner body = new StringJoiner(" ");
        for (Action a : actions) {
            body.add(a + ";");
        }
        if (match instanceof Match.Always) {
            return actions.isEmpty() ? "{ }" : body.toString();
        }
        return "if " + match + " then { " + (actions.isEmpty() ? "" : body + " ") + "}";
    }
}
