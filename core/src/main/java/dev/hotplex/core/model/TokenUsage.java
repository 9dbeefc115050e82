package dev.hotplex.core.model;

/** Token counts; adds and subtracts so running totals can become per-turn figures. */
public record TokenUsage(long inputTokens, long outputTokens, long cacheWriteTokens, long cacheReadTokens) {
    public static final TokenUsage ZERO = new TokenUsage(0, 0, 0, 0);

    public TokenUsage plus(TokenUsage other) {
        return new TokenUsage(inputTokens + other.inputTokens, outputTokens + other.outputTokens,
                cacheWriteTokens + other.cacheWriteTokens, cacheReadTokens + other.cacheReadTokens);
    }

    /** This minus an earlier running total, never below zero (a provider restart resets its totals). */
    public TokenUsage since(TokenUsage earlier) {
        return new TokenUsage(Math.max(0, inputTokens - earlier.inputTokens),
                Math.max(0, outputTokens - earlier.outputTokens),
                Math.max(0, cacheWriteTokens - earlier.cacheWriteTokens),
                Math.max(0, cacheReadTokens - earlier.cacheReadTokens));
    }

    public long totalTokens() {
        return inputTokens + outputTokens + cacheWriteTokens + cacheReadTokens;
    }
}
