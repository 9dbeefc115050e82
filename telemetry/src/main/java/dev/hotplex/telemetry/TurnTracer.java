package dev.hotplex.telemetry;

import dev.hotplex.core.model.AgentEvent;
import dev.hotplex.core.model.BlockLayer;
import dev.hotplex.core.model.PermissionDecision;
import dev.hotplex.core.model.SessionId;
import dev.hotplex.core.model.TurnResult;
import dev.hotplex.core.model.TurnStats;
import dev.hotplex.core.model.Verdict;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

import static dev.hotplex.telemetry.TelemetryNames.*;
import static java.util.Objects.requireNonNull;

/**
 * Spans of turns: an {@code invoke_agent} span (kind CLIENT) per turn, a child {@code execute_tool <name>} span per
 * tool call, a child {@code start_process} span for a cold start, and events for firewall blocks, permission decisions,
 * interrupts and timeouts. A session runs one turn at a time, so hooks that name only the session find its turn.
 */
final class TurnTracer {
    /** The open spans of one running turn. Its tool spans are touched by the engine's event thread only. */
    private static final class TurnTrace {
        final String turnId;
        final Span span;
        final long startedNanos;
        final Map<String, Span> tools = new ConcurrentHashMap<>();
        volatile boolean firstChunkSeen;

        TurnTrace(String turnId, Span span, long startedNanos) {
            this.turnId = turnId;
            this.span = span;
            this.startedNanos = startedNanos;
        }
    }

    private final Tracer tracer;
    private final EngineMetrics metrics;
    private final TelemetryConfig config;
    private final Map<SessionId, TurnTrace> turns = new ConcurrentHashMap<>();

    TurnTracer(Tracer tracer, EngineMetrics metrics, TelemetryConfig config) {
        this.tracer = requireNonNull(tracer, "tracer is null");
        this.metrics = requireNonNull(metrics, "metrics is null");
        this.config = requireNonNull(config, "config is null");
    }

    void turnStarted(SessionId sessionId, String turnId) {
        AttributesBuilder attributes = Attributes.builder()
                .put(GEN_AI_OPERATION_NAME, OPERATION_INVOKE_AGENT)
                .put(GEN_AI_PROVIDER_NAME, config.providerName())
                .put(GEN_AI_CONVERSATION_ID, sessionId.value())
                .put(TURN_ID, turnId);
        config.requestModel().ifPresent(model -> attributes.put(GEN_AI_REQUEST_MODEL, model));
        Span span = tracer.spanBuilder(SPAN_TURN).setSpanKind(SpanKind.CLIENT).setAllAttributes(attributes.build())
                .startSpan();
        TurnTrace previous = turns.put(sessionId, new TurnTrace(turnId, span, System.nanoTime()));
        if (previous != null) {
            // cannot happen while the engine runs one turn per session; never leave a span open if it does
            abandon(previous, "superseded");
        }
    }

    /** Recorded only with {@code capture-content}: the prompt may hold what the firewall exists to protect. */
    void turnPrompt(SessionId sessionId, String turnId, String prompt) {
        TurnTrace turn = turns.get(sessionId);
        if (config.captureContent() && turn != null && turn.turnId.equals(turnId)) {
            turn.span.setAttribute(GEN_AI_INPUT_MESSAGES, ContentJson.userText(prompt));
        }
    }

    void turnEvent(SessionId sessionId, String turnId, AgentEvent event) {
        TurnTrace turn = turns.get(sessionId);
        if (turn == null || !turn.turnId.equals(turnId)) {
            return;
        }
        switch (event) {
            case AgentEvent.SessionStart start -> {
                turn.span.setAttribute(TURN_COLD_START, start.coldStart());
                turn.span.setAttribute(TURN_PREWARMED, start.prewarmed());
            }
            case AgentEvent.Thinking thinking -> firstChunk(turn);
            case AgentEvent.Answer answer -> firstChunk(turn);
            case AgentEvent.ToolUse use -> toolStarted(turn, use);
            case AgentEvent.ToolResult result -> toolFinished(turn, result);
            case AgentEvent.PermissionRequest request -> turn.span.addEvent(EVENT_PERMISSION_REQUEST, Attributes.of(
                    PERMISSION_REQUEST_ID, request.requestId(), GEN_AI_TOOL_NAME, request.call().toolName(),
                    GEN_AI_TOOL_CALL_ID, request.call().toolUseId()));
            default -> {
                // blocks arrive through blocked(); terminal events through turnFinished()
            }
        }
    }

    void turnFinished(SessionId sessionId, String turnId, TurnResult result) {
        TurnTrace turn = turns.get(sessionId);
        if (turn == null || !turn.turnId.equals(turnId) || !turns.remove(sessionId, turn)) {
            return;
        }
        turn.tools.values().forEach(tool -> end(tool, "turn_ended"));
        turn.tools.clear();
        TurnStats stats = result.stats();
        Span span = turn.span;
        stats.model().ifPresent(model -> span.setAttribute(GEN_AI_RESPONSE_MODEL, model));
        span.setAttribute(GEN_AI_USAGE_INPUT_TOKENS, EngineMetrics.inputTokens(stats.tokens()));
        span.setAttribute(GEN_AI_USAGE_OUTPUT_TOKENS, stats.tokens().outputTokens());
        span.setAttribute(GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS, stats.tokens().cacheReadTokens());
        span.setAttribute(GEN_AI_USAGE_CACHE_CREATION_INPUT_TOKENS, stats.tokens().cacheWriteTokens());
        span.setAttribute(TURN_OUTCOME, EngineMetrics.outcome(result.outcome()));
        span.setAttribute(TURN_TOOL_CALLS, stats.toolCallCount());
        span.setAttribute(TURN_FILES_MODIFIED, stats.filesModified().size());
        span.setAttribute(TURN_AGENT_TURNS, stats.agentTurns());
        span.setAttribute(TURN_THINKING_MS, stats.thinkingMs());
        span.setAttribute(TURN_TOOL_MS, stats.toolMs());
        span.setAttribute(TURN_GENERATION_MS, stats.generationMs());
        stats.costUsd().ifPresent(cost -> span.setAttribute(TURN_COST_USD, cost.doubleValue()));
        if (config.captureContent() && !result.answer().isEmpty()) {
            span.setAttribute(GEN_AI_OUTPUT_MESSAGES, ContentJson.assistantText(result.answer()));
        }
        result.error().ifPresent(failure -> {
            span.setAttribute(ERROR_TYPE, failure.code().name());
            span.setStatus(StatusCode.ERROR, failure.message());
        });
        span.end();
    }

    void processStarted(SessionId sessionId, OptionalLong pid, Duration startDuration, boolean resumed) {
        Optional<Span> parent = Optional.ofNullable(turns.get(sessionId)).map(turn -> turn.span);
        Instant end = Instant.now();
        AttributesBuilder attributes = Attributes.builder()
                .put(GEN_AI_CONVERSATION_ID, sessionId.value())
                .put(PROCESS_RESUMED, resumed);
        pid.ifPresent(value -> attributes.put(PROCESS_PID, value));
        tracer.spanBuilder(SPAN_PROCESS_START)
                .setParent(parent.map(span -> Context.root().with(span)).orElse(Context.current()))
                .setSpanKind(SpanKind.INTERNAL)
                .setAllAttributes(attributes.build())
                .setStartTimestamp(end.minus(startDuration))
                .startSpan()
                .end(end);
    }

    void processStartFailed(SessionId sessionId, String reason) {
        TurnTrace turn = turns.get(sessionId);
        if (turn != null) {
            turn.span.addEvent("hotplex.process.start_failed");
        }
    }

    void blocked(SessionId sessionId, BlockLayer layer, Verdict.Blocked verdict) {
        event(sessionId, EVENT_FIREWALL_BLOCK, firewall(layer, verdict));
    }

    void bypassed(SessionId sessionId, BlockLayer layer, Verdict.Blocked verdict) {
        event(sessionId, EVENT_FIREWALL_BYPASS, firewall(layer, verdict));
    }

    void permissionDecided(SessionId sessionId, String requestId, PermissionDecision decision, String source) {
        event(sessionId, EVENT_PERMISSION_DECISION, Attributes.of(PERMISSION_REQUEST_ID, requestId,
                PERMISSION_DECISION, decision.allow() ? DECISION_ALLOW : DECISION_DENY, PERMISSION_SOURCE, source));
    }

    void interrupted(SessionId sessionId) {
        event(sessionId, EVENT_INTERRUPT, Attributes.empty());
    }

    void turnTimedOut(SessionId sessionId) {
        event(sessionId, EVENT_TIMEOUT, Attributes.empty());
    }

    /** Turns still open (for tests and for a clean shutdown). */
    int openTurns() {
        return turns.size();
    }

    /** Ends every open span: the engine is gone, nothing will finish them. */
    void endAll() {
        turns.forEach((sessionId, turn) -> {
            if (turns.remove(sessionId, turn)) {
                abandon(turn, "shutdown");
            }
        });
    }

    private void firstChunk(TurnTrace turn) {
        if (turn.firstChunkSeen) {
            return;
        }
        turn.firstChunkSeen = true;
        long elapsed = System.nanoTime() - turn.startedNanos;
        turn.span.setAttribute(GEN_AI_RESPONSE_TIME_TO_FIRST_CHUNK, elapsed / 1_000_000_000.0);
        turn.span.addEvent(EVENT_FIRST_CHUNK);
        metrics.firstChunk(elapsed);
    }

    private void toolStarted(TurnTrace turn, AgentEvent.ToolUse use) {
        String name = use.call().toolName();
        AttributesBuilder attributes = Attributes.builder()
                .put(GEN_AI_OPERATION_NAME, OPERATION_EXECUTE_TOOL)
                .put(GEN_AI_PROVIDER_NAME, config.providerName())
                .put(GEN_AI_TOOL_NAME, name)
                .put(GEN_AI_TOOL_CALL_ID, use.call().toolUseId())
                .put(GEN_AI_TOOL_TYPE, TOOL_TYPE_FUNCTION);
        if (config.captureContent()) {
            attributes.put(GEN_AI_TOOL_CALL_ARGUMENTS, ContentJson.object(use.call().input()));
        }
        Span tool = tracer.spanBuilder(SPAN_TOOL_PREFIX + name)
                .setParent(Context.root().with(turn.span))
                .setSpanKind(SpanKind.INTERNAL)
                .setAllAttributes(attributes.build())
                .startSpan();
        Span previous = turn.tools.put(use.call().toolUseId(), tool);
        if (previous != null) {
            end(previous, "superseded");
        }
    }

    private void toolFinished(TurnTrace turn, AgentEvent.ToolResult result) {
        metrics.toolFinished(result.toolName(), result.durationMs(), result.isError());
        Span tool = turn.tools.remove(result.toolUseId());
        if (tool == null) {
            return;
        }
        if (config.captureContent()) {
            tool.setAttribute(GEN_AI_TOOL_CALL_RESULT, result.output());
        }
        if (result.isError()) {
            tool.setAttribute(ERROR_TYPE, TOOL_ERROR);
            tool.setStatus(StatusCode.ERROR);
        }
        tool.end();
    }

    private void event(SessionId sessionId, String name, Attributes attributes) {
        TurnTrace turn = turns.get(sessionId);
        if (turn != null) {
            turn.span.addEvent(name, attributes);
        }
    }

    private static Attributes firewall(BlockLayer layer, Verdict.Blocked verdict) {
        return Attributes.of(FIREWALL_RULE, verdict.ruleId(), FIREWALL_LAYER, EngineMetrics.layer(layer),
                FIREWALL_CATEGORY, verdict.category(), FIREWALL_SEVERITY, verdict.severity().name().toLowerCase(
                        java.util.Locale.ROOT));
    }

    private static void abandon(TurnTrace turn, String why) {
        turn.tools.values().forEach(tool -> end(tool, why));
        end(turn.span, why);
    }

    private static void end(Span span, String errorType) {
        span.setAttribute(ERROR_TYPE, errorType);
        span.setStatus(StatusCode.ERROR);
        span.end();
    }
}
