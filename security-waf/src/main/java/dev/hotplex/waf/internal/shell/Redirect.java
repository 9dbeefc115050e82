package dev.hotplex.waf.internal.shell;

/** A redirection such as {@code > file}, {@code 2>&1} or {@code < input}; {@code operator} without the fd. */
public record Redirect(String operator, Word target) {
    /** Whether the redirection writes to its target. */
    public boolean writes() {
        return operator.indexOf('>') >= 0;
    }

    /** Whether the redirection reads from its target (not here-docs, whose body is in the command's stdin). */
    public boolean reads() {
        return operator.equals("<") || operator.equals("<>") || operator.equals("<&");
    }
}
