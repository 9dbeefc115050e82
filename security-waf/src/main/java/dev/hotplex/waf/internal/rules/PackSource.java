package dev.hotplex.waf.internal.rules;

import static java.util.Objects.requireNonNull;

/** The text of one rule pack and where it came from (for error messages). */
public record PackSource(String origin, String content, boolean builtIn) {
    public PackSource {
        requireNonNull(origin, "origin is null");
        requireNonNull(content, "content is null");
    }
}
