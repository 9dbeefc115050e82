package dev.hotplex.provider.codex.internal.session;

import dev.hotplex.core.model.TokenUsage;

import java.math.BigDecimal;
import java.util.Optional;

/** What tokens of a model cost, when a price is configured for it; Codex itself reports no cost. */
@FunctionalInterface
public interface Pricing {
    Optional<BigDecimal> cost(String model, TokenUsage tokens);

    static Pricing none() {
        return (model, tokens) -> Optional.empty();
    }
}
