package dev.hotplex.waf.internal.search;

import com.google.re2j.Pattern;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * Searches regular expressions (the text rules', the prompt scanner's) without running each over the
 * whole input. Every match of an expression whose {@link RegexShape} is known starts with one of its start literals and is at
 * most so long; so one Aho–Corasick pass over the input finds, for all rules at once, the only places
 * a match can start, and the rule's expression is tried there, anchored, on a window just long enough
 * (with a margin so word boundaries see the same neighbours). The matches, their order and their text
 * are exactly those of {@code pattern.matcher(text).find()} repeated; where that cannot be shown for
 * one input (a window edge touched, too many places to try) the rule falls back to that plain search.
 * Immutable; safe for concurrent use.
 */
public final class TextSearch {
    /** Below this length a plain search is as cheap as preparing the windows. */
    static final int MIN_ANCHORED_LENGTH = 256;

    private final Map<Pattern, Integer> index = new IdentityHashMap<>();
    private final List<Searcher> searchers = new ArrayList<>();
    private final LiteralAutomaton automaton;
    private final int[][] rulesOfLiteral;

    public TextSearch(List<Pattern> patterns) {
        RegexShapeReader reader = new RegexShapeReader();
        List<String> literals = new ArrayList<>();
        List<List<Integer>> owners = new ArrayList<>();
        Map<String, Integer> literalIds = new java.util.HashMap<>();
        for (Pattern pattern : patterns) {
            requireNonNull(pattern, "pattern is null");
            int id = searchers.size();
            index.put(pattern, id);
            RegexShape shape = reader.read(pattern.pattern());
            searchers.add(new Searcher(pattern, shape));
            for (String literal : shape.anchorable() ? shape.startLiterals() : List.<String>of()) {
                int literalId = literalIds.computeIfAbsent(literal, key -> {
                    literals.add(key);
                    owners.add(new ArrayList<>());
                    return literals.size() - 1;
                });
                owners.get(literalId).add(id);
            }
        }
        automaton = new LiteralAutomaton(literals);
        rulesOfLiteral = new int[owners.size()][];
        for (int k = 0; k < rulesOfLiteral.length; k++) {
            rulesOfLiteral[k] = owners.get(k).stream().mapToInt(Integer::intValue).toArray();
        }
    }

    /** Prepares one input: its case-folded copy scanned once for every rule's start literals. */
    public SearchText prepare(String text) {
        requireNonNull(text, "text is null");
        if (text.length() < MIN_ANCHORED_LENGTH) {
            return new SearchText(text, null, 0, 0);
        }
        int[][] starts = new int[searchers.size()][];
        int[] counts = new int[searchers.size()];
        automaton.scan(CaseFold.fold(text), (literal, start) -> {
            for (int rule : rulesOfLiteral[literal]) {
                int[] list = starts[rule];
                if (list == null) {
                    list = starts[rule] = new int[8];
                } else if (counts[rule] == list.length) {
                    list = starts[rule] = Arrays.copyOf(list, list.length * 2);
                }
                list[counts[rule]++] = start;
            }
        });
        for (int rule = 0; rule < starts.length; rule++) {
            starts[rule] = starts[rule] == null ? new int[0] : sortedDistinct(starts[rule], counts[rule]);
        }
        int longestWhitespace = 0;
        int longestOther = 0;
        int whitespace = 0;
        int other = 0;
        for (int i = 0; i < text.length(); i++) {
            if (RegexShapeReader.isWhitespace(text.charAt(i))) {
                whitespace++;
                other = 0;
                longestWhitespace = Math.max(longestWhitespace, whitespace);
            } else {
                other++;
                whitespace = 0;
                longestOther = Math.max(longestOther, other);
            }
        }
        return new SearchText(text, starts, longestWhitespace, longestOther);
    }

    /** The matches of {@code pattern} (one this search was built with) in {@code text}. */
    public Matches matches(Pattern pattern, SearchText text) {
        Integer id = index.get(pattern);
        if (id == null) {
            throw new IllegalArgumentException("not one of this search's patterns: " + pattern.pattern());
        }
        Searcher searcher = searchers.get(id);
        int[] starts = text.starts() == null ? null : text.starts()[id];
        if (starts == null || !searcher.shape().anchorable()) {
            return new Matches(searcher, text.text(), null, 0);
        }
        long width = Math.min(searcher.shape().width().in(text.longestWhitespace(), text.longestOther()),
                text.text().length());
        // linear work overall: at most a few text lengths of windows, else one plain pass is cheaper
        if ((long) starts.length * (width + 4) > 4L * text.text().length()) {
            return new Matches(searcher, text.text(), null, 0);
        }
        return new Matches(searcher, text.text(), starts, (int) width);
    }

    private static int[] sortedDistinct(int[] values, int count) {
        int[] sorted = Arrays.copyOf(values, count);
        Arrays.sort(sorted);
        int kept = 0;
        for (int k = 0; k < sorted.length; k++) {
            if (k == 0 || sorted[k] != sorted[k - 1]) {
                sorted[kept++] = sorted[k];
            }
        }
        return Arrays.copyOf(sorted, kept);
    }

    /** A rule's pattern, its two anchored forms and its shape. */
    record Searcher(Pattern pattern, RegexShape shape, Pattern anchored, Pattern anchoredAfterOne) {
        Searcher(Pattern pattern, RegexShape shape) {
            this(pattern, shape,
                    shape.anchorable() ? Pattern.compile("^(?:" + pattern.pattern() + ")", pattern.flags()) : null,
                    // one code point of context first, so that \b at the start sees its real neighbour
                    shape.anchorable() ? Pattern.compile("^(?s:.)(?:" + pattern.pattern() + ")", pattern.flags()) : null);
        }
    }
}
