package dev.hotplex.core.model;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Figures for one turn. Durations are wall-clock milliseconds measured by the engine: thinking,
 * tool and generation time are the spans between consecutive events attributed to the phase the
 * earlier event opened, so they never add up to more than {@code totalMs}.
 *
 * @param costUsd       this turn's cost (the provider's running total minus its previous report)
 * @param modelUsage    this turn's usage per model, same derivation as the cost
 * @param toolsUsed     distinct tool names, sorted
 * @param filesModified paths given to file-writing tools (Write, Edit, MultiEdit, NotebookEdit), in first-use order
 * @param agentTurns    model round trips the agent made inside this turn, as the provider reports them
 */
public record TurnStats(
        long totalMs,
        long thinkingMs,
        long toolMs,
        long generationMs,
        TokenUsage tokens,
        Optional<BigDecimal> costUsd,
        Map<String, ModelUsage> modelUsage,
        int toolCallCount,
        List<String> toolsUsed,
        List<String> filesModified,
        Optional<String> model,
        int agentTurns,
        boolean error) {
    public static final TurnStats EMPTY = new TurnStats(0, 0, 0, 0, TokenUsage.ZERO, Optional.empty(), Map.of(), 0,
            List.of(), List.of(), Optional.empty(), 0, false);

    public TurnStats {
        requireNonNull(tokens, "tokens is null");
        requireNonNull(costUsd, "costUsd is null");
        modelUsage = Map.copyOf(requireNonNull(modelUsage, "modelUsage is null"));
        toolsUsed = List.copyOf(requireNonNull(toolsUsed, "toolsUsed is null"));
        filesModified = List.copyOf(requireNonNull(filesModified, "filesModified is null"));
        requireNonNull(model, "model is null");
    }
}
