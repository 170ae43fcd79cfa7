package dev.jbgp.fsm;

import java.util.List;

/** The result of one step: the next session and the actions to carry out, in order. */
public record Transition(Session next, List<Action> actions) {
    public Transition {
        actions = List.copyOf(actions);
    }
}
