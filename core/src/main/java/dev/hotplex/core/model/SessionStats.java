package dev.hotplex.core.model;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

import static java.util.Objects.requireNonNull;

/**
 * Cumulative figures of a session over all its turns (the seed's {@code SessionStats}).
 * Immutable: {@link #plus(TurnStats)} returns the totals with one more turn.
 */
public record SessionStats(
        SessionId sessionId,
        int turns,
        int errors,
        long totalMs,
        long thinkingMs,
        long toolMs,
        long generationMs,
        TokenUsage tokens,
        Optional<BigDecimal> costUsd,
        Map<String, ModelUsage> modelUsage,
        int toolCallCount,
        List<String> toolsUsed,
        List<String> filesModified) {

    public SessionStats {
        requireNonNull(sessionId, "sessionId is null");
        requireNonNull(tokens, "tokens is null");
        requireNonNull(costUsd, "costUsd is null");
        modelUsage = Map.copyOf(requireNonNull(modelUsage, "modelUsage is null"));
        toolsUsed = List.copyOf(requireNonNull(toolsUsed, "toolsUsed is null"));
        filesModified = List.copyOf(requireNonNull(filesModified, "filesModified is null"));
    }

    public static SessionStats empty(SessionId sessionId) {
        return new SessionStats(sessionId, 0, 0, 0, 0, 0, 0, TokenUsage.ZERO, Optional.empty(), Map.of(), 0,
                List.of(), List.of());
    }

    public SessionStats plus(TurnStats turn) {
        Optional<BigDecimal> cost = costUsd.isEmpty() && turn.costUsd().isEmpty()
                ? Optional.empty()
                : Optional.of(costUsd.orElse(BigDecimal.ZERO).add(turn.costUsd().orElse(BigDecimal.ZERO)));
        Map<String, ModelUsage> models = new TreeMap<>(modelUsage);
        turn.modelUsage().forEach((model, usage) -> models.merge(model, usage, ModelUsage::plus));
        TreeSet<String> tools = new TreeSet<>(toolsUsed);
        tools.addAll(turn.toolsUsed());
        LinkedHashSet<String> files = new LinkedHashSet<>(filesModified);
        files.addAll(turn.filesModified());
        return new SessionStats(sessionId, turns + 1, errors + (turn.error() ? 1 : 0),
                totalMs + turn.totalMs(), thinkingMs + turn.thinkingMs(), toolMs + turn.toolMs(),
                generationMs + turn.generationMs(), tokens.plus(turn.tokens()), cost, models,
                toolCallCount + turn.toolCallCount(), new ArrayList<>(tools), new ArrayList<>(files));
    }

    public int filesModifiedCount() {
        return filesModified.size();
    }
}
