package dev.hotplex.adapter.http;

import dev.hotplex.adapter.http.dto.SessionBody;
import dev.hotplex.adapter.http.dto.VerdictBody;
import dev.hotplex.core.model.AgentEvent;
import dev.hotplex.core.model.ModelUsage;
import dev.hotplex.core.model.SessionStats;
import dev.hotplex.core.model.SessionView;
import dev.hotplex.core.model.TokenUsage;
import dev.hotplex.core.model.ToolCall;
import dev.hotplex.core.model.TurnStats;
import dev.hotplex.core.model.Verdict;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Core records to JSON-ready values, for one tenant: every session id on the wire is the client's own, so the tenant
 * prefix never leaks. Events become ordered maps (their shapes are documented in the OpenAPI document).
 */
final class WireMapper {
    private WireMapper() {
    }

    /** The {@code data:} of an event. Exhaustive over the sealed event type: a new event kind fails to compile here. */
    static Map<String, Object> eventData(AgentEvent event, Tenant tenant) {
        Map<String, Object> data = new LinkedHashMap<>();
        switch (event) {
            case AgentEvent.SessionStart start -> {
                data.put("sessionId", tenant.clientId(start.sessionId()));
                data.put("providerSessionId", start.providerSessionId());
                data.put("coldStart", start.coldStart());
                data.put("resumed", start.resumed());
                data.put("prewarmed", start.prewarmed());
                data.put("pid", start.pid().isPresent() ? start.pid().getAsLong() : null);
                data.put("workDir", tenant.shownWorkDir(start.workDir()));
            }
            case AgentEvent.Thinking thinking -> {
                data.put("text", thinking.text());
                data.put("delta", thinking.delta());
            }
            case AgentEvent.Answer answer -> {
                data.put("text", answer.text());
                data.put("delta", answer.delta());
            }
            case AgentEvent.ToolUse use -> data.putAll(toolCall(use.call()));
            case AgentEvent.ToolResult result -> {
                data.put("toolUseId", result.toolUseId());
                data.put("toolName", result.toolName());
                data.put("output", result.output());
                data.put("isError", result.isError());
                data.put("durationMs", result.durationMs());
            }
            case AgentEvent.PermissionRequest request -> {
                data.put("requestId", request.requestId());
                data.putAll(toolCall(request.call()));
                data.put("description", request.description().orElse(null));
            }
            case AgentEvent.DangerBlock block -> {
                data.put("layer", block.layer().name());
                data.putAll(blocked(block.verdict()));
                data.put("toolUseId", block.toolUseId().orElse(null));
            }
            case AgentEvent.SessionStatsEvent stats -> {
                data.put("turn", turnStats(stats.turn()));
                data.put("session", sessionStats(stats.session(), tenant));
            }
            case AgentEvent.ErrorEvent error -> {
                data.put("code", error.code().name());
                data.put("message", error.message());
                data.put("turn", turnStats(error.turn()));
            }
            case AgentEvent.Raw raw -> {
                data.put("type", raw.type());
                data.put("json", raw.json());
            }
        }
        return data;
    }

    static Map<String, Object> turnStats(TurnStats stats) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("totalMs", stats.totalMs());
        data.put("thinkingMs", stats.thinkingMs());
        data.put("toolMs", stats.toolMs());
        data.put("generationMs", stats.generationMs());
        data.put("tokens", tokens(stats.tokens()));
        data.put("costUsd", stats.costUsd().orElse(null));
        data.put("modelUsage", modelUsage(stats.modelUsage()));
        data.put("toolCallCount", stats.toolCallCount());
        data.put("toolsUsed", stats.toolsUsed());
        data.put("filesModified", stats.filesModified());
        data.put("model", stats.model().orElse(null));
        data.put("agentTurns", stats.agentTurns());
        data.put("error", stats.error());
        return data;
    }

    static Map<String, Object> sessionStats(SessionStats stats, Tenant tenant) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("sessionId", tenant.clientId(stats.sessionId()));
        data.put("turns", stats.turns());
        data.put("errors", stats.errors());
        data.put("totalMs", stats.totalMs());
        data.put("thinkingMs", stats.thinkingMs());
        data.put("toolMs", stats.toolMs());
        data.put("generationMs", stats.generationMs());
        data.put("tokens", tokens(stats.tokens()));
        data.put("costUsd", stats.costUsd().orElse(null));
        data.put("modelUsage", modelUsage(stats.modelUsage()));
        data.put("toolCallCount", stats.toolCallCount());
        data.put("toolsUsed", stats.toolsUsed());
        data.put("filesModified", stats.filesModified());
        return data;
    }

    static SessionBody session(SessionView view, Tenant tenant) {
        return new SessionBody(tenant.clientId(view.sessionId()), view.state().name(),
                view.pid().isPresent() ? view.pid().getAsLong() : null, view.createdAt().toString(),
                view.lastActiveAt().toString(), view.providerSessionId(), tenant.shownWorkDir(view.workDir()), view.provider());
    }

    static VerdictBody verdict(Verdict verdict) {
        return switch (verdict) {
            case Verdict.Allowed allowed -> new VerdictBody(false, null, null, null, null, null, null);
            case Verdict.Blocked blocked -> new VerdictBody(true, blocked.ruleId(), blocked.category(),
                    blocked.severity().name(), blocked.reason(), blocked.matched(), blocked.suggestion());
        };
    }

    private static Map<String, Object> blocked(Verdict.Blocked verdict) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("ruleId", verdict.ruleId());
        data.put("category", verdict.category());
        data.put("severity", verdict.severity().name());
        data.put("reason", verdict.reason());
        data.put("matched", verdict.matched());
        data.put("suggestion", verdict.suggestion());
        return data;
    }

    private static Map<String, Object> toolCall(ToolCall call) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("toolUseId", call.toolUseId());
        data.put("toolName", call.toolName());
        data.put("input", call.input());
        return data;
    }

    private static Map<String, Object> tokens(TokenUsage tokens) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("input", tokens.inputTokens());
        data.put("output", tokens.outputTokens());
        data.put("cacheWrite", tokens.cacheWriteTokens());
        data.put("cacheRead", tokens.cacheReadTokens());
        return data;
    }

    private static Map<String, Object> modelUsage(Map<String, ModelUsage> usage) {
        Map<String, Object> data = new TreeMap<>();
        usage.forEach((model, value) -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("tokens", tokens(value.tokens()));
            entry.put("costUsd", value.costUsd());
            data.put(model, entry);
        });
        return data;
    }
}
