package dev.hotplex.waf.internal.search;

import java.util.List;

/**
 * What a rule's regular expression guarantees about every match, read from its source by
 * {@link RegexShapeReader}: the literals one of which every match starts with (case-insensitively),
 * and an upper bound on a match's length. Either may be unknown (empty / {@code null}), in which case
 * the rule is searched the plain way, over the whole text.
 */
public record RegexShape(List<String> startLiterals, Width width) {
    public static final RegexShape UNKNOWN = new RegexShape(List.of(), null);

    public RegexShape {
        startLiterals = List.copyOf(startLiterals);
    }

    /** Whether matches can be looked for only where a start literal occurs. */
    public boolean anchorable() {
        return !startLiterals.isEmpty() && width != null;
    }

    /**
     * An upper bound on a match's length in UTF-16 chars: {@code fixed} plus so many times the longest
     * run of whitespace ({@code \s}: tab, newline, form feed, carriage return, space) in the text, plus
     * so many times its longest run of other characters. Runs are what make {@code \s+} and {@code \w*}
     * bounded in a given text.
     */
    public record Width(long fixed, long whitespaceRuns, long otherRuns) {
        static final Width ZERO = new Width(0, 0, 0);

        Width plus(Width other) {
            return new Width(fixed + other.fixed, whitespaceRuns + other.whitespaceRuns, otherRuns + other.otherRuns);
        }

        Width max(Width other) {
            return new Width(Math.max(fixed, other.fixed), Math.max(whitespaceRuns, other.whitespaceRuns),
                    Math.max(otherRuns, other.otherRuns));
        }

        Width times(long count) {
            return new Width(fixed * count, whitespaceRuns * count, otherRuns * count);
        }

        /** The bound in a text whose longest runs are given. */
        public long in(int longestWhitespaceRun, int longestOtherRun) {
            return fixed + whitespaceRuns * longestWhitespaceRun + otherRuns * longestOtherRun;
        }
    }
}
