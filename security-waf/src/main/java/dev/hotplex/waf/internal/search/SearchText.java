package dev.hotplex.waf.internal.search;

/**
 * One input prepared by {@link TextSearch#prepare}: per rule, the sorted places a match can start
 * ({@code null} when the input is short enough to search plainly), and the longest whitespace and
 * non-whitespace runs that bound match lengths.
 */
public record SearchText(String text, int[][] starts, int longestWhitespace, int longestOther) {
}
