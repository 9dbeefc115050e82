package dev.hotplex.core.model;

import java.math.BigDecimal;

import static java.util.Objects.requireNonNull;

/** Tokens and cost attributed to one model. */
public record ModelUsage(TokenUsage tokens, BigDecimal costUsd) {
    public static final ModelUsage ZERO = new ModelUsage(TokenUsage.ZERO, BigDecimal.ZERO);

    public ModelUsage {
        requireNonNull(tokens, "tokens is null");
        requireNonNull(costUsd, "costUsd is null");
    }

    public ModelUsage plus(ModelUsage other) {
        return new ModelUsage(tokens.plus(other.tokens), costUsd.add(other.costUsd));
    }

    /** This running total minus an earlier one, never below zero. */
    public ModelUsage since(ModelUsage earlier) {
        return new ModelUsage(tokens.since(earlier.tokens), costUsd.subtract(earlier.costUsd).max(BigDecimal.ZERO));
    }
}
