package dev.hotplex.waf.internal.shell;

/** One piece of a shell word, before expansion. */
public sealed interface Part {
    /** Literal text; {@code quoted} when it came from quotes (no globbing, splitting or brace expansion). */
    record Literal(String text, boolean quoted) implements Part {
    }

    /** {@code $name}, {@code ${name}} or {@code ${name<operator><operand>}}. */
    record Parameter(String name, String operator, String operand, boolean quoted) implements Part {
    }

    /** {@code $(...)} or a backtick substitution: its output becomes part of the word. */
    record CommandSubstitution(String source, boolean quoted) implements Part {
    }

    /** {@code <(...)} or {@code >(...)}: a file name connected to a command's output or input. */
    record ProcessSubstitution(String source, boolean input) implements Part {
    }

    /** {@code $((...))}: a number. */
    record Arithmetic(String source) implements Part {
    }
}
