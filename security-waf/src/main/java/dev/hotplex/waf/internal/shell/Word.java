package dev.hotplex.waf.internal.shell;

import java.util.List;

/** A shell word as written: its parts before expansion. */
public record Word(List<Part> parts) {
    public Word {
        parts = List.copyOf(parts);
    }

    /** The literal text when the word has no expansion at all, else {@code null}. */
    public String literalOrNull() {
        StringBuilder text = new StringBuilder();
        for (Part part : parts) {
            if (!(part instanceof Part.Literal literal)) {
                return null;
            }
            text.append(literal.text());
        }
        return text.toString();
    }
}
