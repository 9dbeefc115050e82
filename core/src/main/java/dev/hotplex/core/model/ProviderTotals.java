package dev.hotplex.core.model;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import static java.util.Objects.requireNonNull;

/**
 * Running totals that a provider reports for the life of its process (Claude's
 * {@code total_cost_usd} and {@code modelUsage}). Per-turn figures are the difference between two
 * consecutive reports of the same process; see {@link #since(ProviderTotals)}.
 *
 * @param costUsd     total cost so far, empty when the provider reports none
 * @param modelUsage  per model name
 */
public record ProviderTotals(Optional<BigDecimal> costUsd, Map<String, ModelUsage> modelUsage) {
    public static final ProviderTotals NONE = new ProviderTotals(Optional.empty(), Map.of());

    public ProviderTotals {
        requireNonNull(costUsd, "costUsd is null");
        modelUsage = Map.copyOf(requireNonNull(modelUsage, "modelUsage is null"));
    }

    /** The difference from an earlier report of the same process ({@link #NONE} for a new process). */
    public ProviderTotals since(ProviderTotals earlier) {
        Optional<BigDecimal> cost = costUsd.map(now -> now.subtract(earlier.costUsd.orElse(BigDecimal.ZERO)).max(BigDecimal.ZERO));
        Map<String, ModelUsage> models = new TreeMap<>();
        modelUsage.forEach((model, usage) -> models.put(model, usage.since(earlier.modelUsage.getOrDefault(model, ModelUsage.ZERO))));
        return new ProviderTotals(cost, models);
    }
}
