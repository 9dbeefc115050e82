package dev.hotplex.waf.internal.search;

import com.google.re2j.Matcher;

import java.nio.CharBuffer;

/**
 * Successive matches of one rule in one text, as {@code Matcher.find()} would return them: call
 * {@link #find()}, then read {@link #start()} and {@link #group()}. Anchored at the candidate starts
 * when the search allows it (see {@link TextSearch}); otherwise, or as soon as a window cannot be
 * trusted, a plain search from where the last match ended.
 */
public final class Matches {
    private final TextSearch.Searcher searcher;
    private final String text;
    private final int[] starts;
    private final int width;
    private int next;
    private int from;
    private Matcher plain;
    private int start = -1;
    private String group;
    private Matcher last;

    Matches(TextSearch.Searcher searcher, String text, int[] starts, int width) {
        this.searcher = searcher;
        this.text = text;
        this.starts = starts;
        this.width = width;
    }

    public boolean find() {
        if (plain != null) {
            return plainFind(plain.find());
        }
        if (starts == null) {
            plain = searcher.pattern().matcher(text);
            return plainFind(plain.find());
        }
        while (next < starts.length) {
            int candidate = starts[next++];
            if (candidate < from) {
                continue;
            }
            int windowStart = candidate;
            if (candidate > 0) {
                windowStart = candidate - 1;
                if (windowStart > 0 && Character.isLowSurrogate(text.charAt(windowStart))
                        && Character.isHighSurrogate(text.charAt(windowStart - 1))) {
                    windowStart--;
                }
            }
            int windowEnd = (int) Math.min(text.length(), (long) candidate + width + 2);
            if (windowEnd < text.length() && Character.isLowSurrogate(text.charAt(windowEnd))
                    && Character.isHighSurrogate(text.charAt(windowEnd - 1))) {
                windowEnd++;
            }
            Matcher anchored = (windowStart < candidate ? searcher.anchoredAfterOne() : searcher.anchored())
                    .matcher(CharBuffer.wrap(text, windowStart, windowEnd));
            if (!anchored.lookingAt()) {
                continue;
            }
            int end = windowStart + anchored.end();
            if (end >= windowEnd && windowEnd < text.length() || end - candidate > width) {
                // the window's edge may have decided this match: let the plain search say
                plain = searcher.pattern().matcher(text);
                return plainFind(plain.find(from));
            }
            start = candidate;
            group = text.substring(candidate, end);
            last = anchored;
            from = end;
            return true;
        }
        return false;
    }

    private boolean plainFind(boolean found) {
        if (found) {
            start = plain.start();
            group = plain.group();
            last = plain;
        }
        return found;
    }

    public int start() {
        return start;
    }

    public String group() {
        return group;
    }

    /** A capturing group of the last match ({@code null} if it did not take part). */
    public String group(int number) {
        return number == 0 ? group : last.group(number);
    }
}
