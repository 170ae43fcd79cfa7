package dev.jbgp.rib.policy;

import dev.jbgp.core.attribute.AttributeInterner;
import dev.jbgp.core.attribute.PathAttributes;
import dev.jbgp.rib.Route;
import java.util.List;
import java.util.Objects;
import java.util.StringJoiner;

/**
 * An ordered list of rules read as BIRD reads a filter: rule by rule, each whose match holds
 * runs its actions in order; edits change the route that later actions and later rules see;
 * the first {@code accept} or {@code reject} ends the evaluation; a route that reaches the end
 * gets {@link #otherwise()}, with the edits made on the way.
 *
 * <p>The route given is never changed. When no edit changed anything the verdict carries the
 * very attribute set the route came with, so the RIB keeps sharing its interned instance; a
 * changed set of an accepted route goes through the {@link AttributeInterner} given here. The
 * set of a rejected route does not: nothing keeps it, and an interner that counts its users
 * would count one too many.
 *
 * <p>Evaluation allocates nothing but the verdict unless an edit changes the attributes.
 */
public final class Filter implements Policy {

    /** What happens to a route that no rule accepted or rejected. */
    public enum Otherwise {
        ACCEPT,
        REJECT
    }

    private final List<Rule> rules;
    private final Otherwise otherwise;
    private final AttributeInterner interner;
    // The rules again as arrays: the loop below runs for every route and reads no list.
    private final Match[] matches;
    private final Action[][] actions;

    public Filter(List<Rule> rules, Otherwise otherwise) {
        this(rules, otherwise, AttributeInterner.none());
    }

    public Filter(List<Rule> rules, Otherwise otherwise, AttributeInterner interner) {
        this.rules = List.copyOf(rules);
        this.otherwise = Objects.requireNonNull(otherwise, "otherwise");
        this.interner = Objects.requireNonNull(interner, "interner");
        this.matches = new Match[this.rules.size()];
        this.actions = new Action[this.rules.size()][];
        for (int i = 0; i < matches.length; i++) {
            matches[i] = this.rules.get(i).match();
            actions[i] = this.rules.get(i).actions().toArray(new Action[0]);
        }
    }

    public List<Rule> rules() {
        return rules;
    }

    public Otherwise otherwise() {
        return otherwise;
    }

    @Override
    public Verdict evaluate(Route route) {
        PathAttributes attributes = route.attributes();
        int priority = 0;
        Route seen = route; // the route as the next rule sees it, edits included
        for (int r = 0; r < matches.length; r++) {
            if (!matches[r].matches(seen)) {
                continue;
            }
            for (Action action : actions[r]) {
                switch (action) {
                    case Action.Accept a -> {
                        return verdict(route, true, attributes, priority);
                    }
                    case Action.Reject a -> {
                        return verdict(route, false, attributes, priority);
                    }
                    case Action.SetPriority a -> priority = a.priority();
                    case Action.SetLocalPref a -> attributes = a.applyTo(attributes);
                    case Action.AddCommunity a -> attributes = a.applyTo(attributes);
                    case Action.AddLargeCommunity a -> attributes = a.applyTo(attributes);
                    case Action.PrependAs a -> attributes = a.applyTo(attributes);
                }
            }
            if (attributes != seen.attributes()) {
                seen = new Route(route.prefix(), route.pathId(), attributes, route.source());
            }
        }
        return verdict(route, otherwise == Otherwise.ACCEPT, attributes, priority);
    }

    private Verdict verdict(Route route, boolean accepted, PathAttributes attributes, int priority) {
        if (accepted && attributes != route.attributes()) {
            attributes = interner.intern(attributes);
        }
        return new Verdict(accepted, attributes, priority);
    }

    /** The filter in BIRD's syntax, one rule a line, ending with what happens otherwise. */
    @Override
    public String toString() {
        StringJoiner j = new StringJoiner("\n");
        for (Rule rule : rules) {
            j.add(rule.toString());
        }
        j.add(otherwise == Otherwise.ACCEPT ? "accept;" : "reject;");
        return j.toString();
    }
}
