package dev.jbgp.peering.calico;

/** A selector that does not parse; {@link #column()} is where the parser gave up, counted from 1. */
public final class SelectorSyntaxException extends IllegalArgumentException {
    private final int column;
    private final String problem;

    SelectorSyntaxException(int column, String problem) {
        super("column " + column + ": " + problem);
        this.column = column;
        this.problem = problem;
    }

    public int column() {
        return column;
    }

    /** What is wrong, without the column. */
    public String problem() {
        return problem;
    }
}
