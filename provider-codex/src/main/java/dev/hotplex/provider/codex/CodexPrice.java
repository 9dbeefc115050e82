package dev.hotplex.provider.codex;

import dev.hotplex.core.model.TokenUsage;

import java.math.BigDecimal;
import java.math.MathContext;

import static java.util.Objects.requireNonNull;

/**
 * What one model costs, in US dollars per million tokens. Codex reports no cost; with a price configured for
 * its model, hotplex computes one from the token counts instead of leaving it empty.
 *
 * @param cachedInputPerMillion tokens read from the prompt cache (usually much cheaper than fresh input)
 */
public record CodexPrice(BigDecimal inputPerMillion, BigDecimal cachedInputPerMillion, BigDecimal outputPerMillion) {
    private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);

    public CodexPrice {
        requireNonNull(inputPerMillion, "inputPerMillion is null");
        requireNonNull(cachedInputPerMillion, "cachedInputPerMillion is null");
        requireNonNull(outputPerMillion, "outputPerMillion is null");
        if (inputPerMillion.signum() < 0 || cachedInputPerMillion.signum() < 0 || outputPerMillion.signum() < 0) {
            throw new IllegalArgumentException("codex prices must not be negative");
        }
    }

    /** The cost of {@code tokens}; cache writes are billed as fresh input. */
    public BigDecimal cost(TokenUsage tokens) {
        BigDecimal fresh = BigDecimal.valueOf(tokens.inputTokens() + tokens.cacheWriteTokens()).multiply(inputPerMillion);
        BigDecimal cached = BigDecimal.valueOf(tokens.cacheReadTokens()).multiply(cachedInputPerMillion);
        BigDecimal output = BigDecimal.valueOf(tokens.outputTokens()).multiply(outputPerMillion);
        return fresh.add(cached).add(output).divide(MILLION, MathContext.DECIMAL64);
    }
}
