package dev.hotplex.core.service;

import dev.hotplex.core.model.AgentEvent;
import dev.hotplex.core.model.ProviderTotals;
import dev.hotplex.core.model.TokenUsage;
import dev.hotplex.core.model.ToolCall;
import dev.hotplex.core.model.TurnStats;
import dev.hotplex.core.port.out.TurnCompletion;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Measures one turn from its events: phase durations, tool calls paired by id (which gives tool
 * durations), tools used and files modified. Not thread-safe: the turn serialises calls.
 */
final class TurnStatsRecorder {
    private static final Set<String> FILE_WRITING_TOOLS = Set.of("Write", "Edit", "MultiEdit", "NotebookEdit");
    private static final String UNKNOWN_TOOL = "unknown";

    private enum Phase { WAITING, THINKING, TOOL, GENERATION }

    private record OpenTool(String name, Instant startedAt) {
    }

    private final Instant startedAt;
    private Instant lastEventAt;
    private Phase phase = Phase.WAITING;
    private long thinkingMs;
    private long toolMs;
    private long generationMs;
    private int toolCallCount;
    private final Map<String, OpenTool> openTools = new HashMap<>();
    private final TreeSet<String> toolsUsed = new TreeSet<>();
    private final LinkedHashSet<String> filesModified = new LinkedHashSet<>();
    private final StringBuilder wholeAnswer = new StringBuilder();
    private final StringBuilder streamedAnswer = new StringBuilder();

    TurnStatsRecorder(Instant startedAt) {
        this.startedAt = startedAt;
        this.lastEventAt = startedAt;
    }

    /** Records an event seen at {@code now}; returns it, with tool name and duration filled for tool results. */
    AgentEvent record(AgentEvent event, Instant now) {
        attributeElapsed(now);
        return switch (event) {
            case AgentEvent.Thinking thinking -> {
                phase = Phase.THINKING;
                yield thinking;
            }
            case AgentEvent.Answer answer -> {
                phase = Phase.GENERATION;
                (answer.delta() ? streamedAnswer : wholeAnswer).append(answer.text());
                yield answer;
            }
            case AgentEvent.ToolUse toolUse -> {
                recordToolUse(toolUse.call(), now);
                phase = Phase.TOOL;
                yield toolUse;
            }
            case AgentEvent.ToolResult result -> {
                AgentEvent.ToolResult measured = measure(result, now);
                phase = openTools.isEmpty() ? Phase.WAITING : Phase.TOOL;
                yield measured;
            }
            default -> event;
        };
    }

    /** The answer text: whole blocks when the provider sent them, else the streamed fragments. */
    String answerText() {
        return wholeAnswer.isEmpty() ? streamedAnswer.toString() : wholeAnswer.toString();
    }

    TurnStats finish(Instant now, Optional<TurnCompletion> completion, ProviderTotals perTurnTotals, boolean error) {
        attributeElapsed(now);
        long totalMs = Math.max(0, Duration.between(startedAt, now).toMillis());
        return new TurnStats(totalMs, thinkingMs, toolMs, generationMs, turnTokens(completion, perTurnTotals),
                perTurnTotals.costUsd(), perTurnTotals.modelUsage(), toolCallCount, new ArrayList<>(toolsUsed),
                new ArrayList<>(filesModified), completion.flatMap(TurnCompletion::model),
                completion.map(TurnCompletion::agentTurns).orElse(0), error);
    }

    /**
     * Per-turn tokens: the difference of the per-model running totals when the provider reports them
     * (they stay right when a turn's own usage does not, e.g. Claude reports zeros for an interrupted
     * turn that did spend tokens), else the turn's own usage.
     */
    private static TokenUsage turnTokens(Optional<TurnCompletion> completion, ProviderTotals perTurnTotals) {
        if (!perTurnTotals.modelUsage().isEmpty()) {
            return perTurnTotals.modelUsage().values().stream()
                    .map(usage -> usage.tokens())
                    .reduce(TokenUsage.ZERO, TokenUsage::plus);
        }
        return completion.map(TurnCompletion::tokens).orElse(TokenUsage.ZERO);
    }

    private void recordToolUse(ToolCall call, Instant now) {
        toolCallCount++;
        toolsUsed.add(call.toolName());
        openTools.put(call.toolUseId(), new OpenTool(call.toolName(), now));
        if (FILE_WRITING_TOOLS.contains(call.toolName())) {
            call.stringInput("file_path").or(() -> call.stringInput("notebook_path")).ifPresent(filesModified::add);
        }
    }

    private AgentEvent.ToolResult measure(AgentEvent.ToolResult result, Instant now) {
        OpenTool open = openTools.remove(result.toolUseId());
        if (open == null) {
            return result;
        }
        String name = result.toolName().isBlank() || result.toolName().equals(UNKNOWN_TOOL) ? open.name() : result.toolName();
        return result.withToolName(name, Math.max(0, Duration.between(open.startedAt(), now).toMillis()));
    }

    private void attributeElapsed(Instant now) {
        long elapsed = Math.max(0, Duration.between(lastEventAt, now).toMillis());
        lastEventAt = now.isAfter(lastEventAt) ? now : lastEventAt;
        switch (phase) {
            case THINKING -> thinkingMs += elapsed;
            case TOOL -> toolMs += elapsed;
            case GENERATION -> generationMs += elapsed;
            case WAITING -> {
                // model latency: part of the total only
            }
        }
    }
}
