package dev.hotplex.adapter.cli.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hotplex.core.model.AgentEvent;
import dev.hotplex.core.model.ModelUsage;
import dev.hotplex.core.model.SessionStats;
import dev.hotplex.core.model.TokenUsage;
import dev.hotplex.core.model.ToolCall;
import dev.hotplex.core.model.TurnStats;
import dev.hotplex.core.model.Verdict;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one mapping of {@link AgentEvent}s to JSON, so that {@code run --json} (and any later consumer) sees every field
 * of every event under a stable snake_case name: durations in milliseconds, costs as JSON numbers (never floats that
 * lose cents), error codes by name, absent optionals as {@code null}.
 */
public final class EventJson {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private EventJson() {
    }

    /** One NDJSON line (without the newline): {@code {"event":"<wire name>","seq":n,"data":{...}}}. */
    public static String line(AgentEvent event, long seq) {
        ObjectNode root = NODES.objectNode();
        root.put("event", event.wireName());
        root.put("seq", seq);
        root.set("data", data(event));
        return write(root);
    }

    private static ObjectNode data(AgentEvent event) {
        ObjectNode data = NODES.objectNode();
        switch (event) {
            case AgentEvent.SessionStart start -> {
                data.put("session_id", start.sessionId().value());
                data.put("provider_session_id", start.providerSessionId());
                data.put("cold_start", start.coldStart());
                data.put("resumed", start.resumed());
                data.put("prewarmed", start.prewarmed());
                if (start.pid().isPresent()) {
                    data.put("pid", start.pid().getAsLong());
                } else {
                    data.putNull("pid");
                }
                data.put("work_dir", start.workDir().toString());
            }
            case AgentEvent.Thinking thinking -> {
                data.put("text", thinking.text());
                data.put("delta", thinking.delta());
            }
            case AgentEvent.Answer answer -> {
                data.put("text", answer.text());
                data.put("delta", answer.delta());
            }
            case AgentEvent.ToolUse use -> putCall(data, use.call());
            case AgentEvent.ToolResult result -> {
                data.put("tool_use_id", result.toolUseId());
                data.put("tool_name", result.toolName());
                data.put("output", result.output());
                data.put("is_error", result.isError());
                data.put("duration_ms", result.durationMs());
            }
            case AgentEvent.PermissionRequest request -> {
                data.put("request_id", request.requestId());
                putCall(data, request.call());
                putOptional(data, "description", request.description());
            }
            case AgentEvent.DangerBlock block -> {
                data.put("layer", block.layer().name());
                putVerdict(data, block.verdict());
                putOptional(data, "tool_use_id", block.toolUseId());
            }
            case AgentEvent.SessionStatsEvent stats -> {
                data.set("turn", turn(stats.turn()));
                data.set("session", session(stats.session()));
            }
            case AgentEvent.ErrorEvent error -> {
                data.put("code", error.code().name());
                data.put("message", error.message());
                data.set("turn", turn(error.turn()));
            }
            case AgentEvent.Raw raw -> {
                data.put("type", raw.type());
                data.put("json", raw.json());
            }
        }
        return data;
    }

    static void putVerdict(ObjectNode data, Verdict.Blocked verdict) {
        data.put("rule_id", verdict.ruleId());
        data.put("category", verdict.category());
        data.put("severity", verdict.severity().name());
        data.put("reason", verdict.reason());
        data.put("matched", verdict.matched());
        data.put("suggestion", verdict.suggestion());
    }

    private static void putCall(ObjectNode data, ToolCall call) {
        data.put("tool_use_id", call.toolUseId());
        data.put("tool_name", call.toolName());
        data.set("input", MAPPER.valueToTree(call.input()));
    }

    private static ObjectNode turn(TurnStats turn) {
        ObjectNode node = NODES.objectNode();
        node.put("total_ms", turn.totalMs());
        node.put("thinking_ms", turn.thinkingMs());
        node.put("tool_ms", turn.toolMs());
        node.put("generation_ms", turn.generationMs());
        node.set("tokens", tokens(turn.tokens()));
        putCost(node, turn.costUsd());
        node.set("model_usage", models(turn.modelUsage()));
        node.put("tool_call_count", turn.toolCallCount());
        node.set("tools_used", strings(turn.toolsUsed()));
        node.set("files_modified", strings(turn.filesModified()));
        putOptional(node, "model", turn.model());
        node.put("agent_turns", turn.agentTurns());
        node.put("error", turn.error());
        return node;
    }

    private static ObjectNode session(SessionStats session) {
        ObjectNode node = NODES.objectNode();
        node.put("session_id", session.sessionId().value());
        node.put("turns", session.turns());
        node.put("errors", session.errors());
        node.put("total_ms", session.totalMs());
        node.put("thinking_ms", session.thinkingMs());
        node.put("tool_ms", session.toolMs());
        node.put("generation_ms", session.generationMs());
        node.set("tokens", tokens(session.tokens()));
        putCost(node, session.costUsd());
        node.set("model_usage", models(session.modelUsage()));
        node.put("tool_call_count", session.toolCallCount());
        node.set("tools_used", strings(session.toolsUsed()));
        node.set("files_modified", strings(session.filesModified()));
        return node;
    }

    private static ObjectNode tokens(TokenUsage tokens) {
        ObjectNode node = NODES.objectNode();
        node.put("input", tokens.inputTokens());
        node.put("output", tokens.outputTokens());
        node.put("cache_write", tokens.cacheWriteTokens());
        node.put("cache_read", tokens.cacheReadTokens());
        return node;
    }

    private static ObjectNode models(Map<String, ModelUsage> usage) {
        ObjectNode node = NODES.objectNode();
        usage.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(entry -> {
            ObjectNode model = NODES.objectNode();
            model.set("tokens", tokens(entry.getValue().tokens()));
            model.put("cost_usd", entry.getValue().costUsd());
            node.set(entry.getKey(), model);
        });
        return node;
    }

    private static void putCost(ObjectNode node, Optional<BigDecimal> cost) {
        if (cost.isPresent()) {
            node.put("cost_usd", cost.get());
        } else {
            node.putNull("cost_usd");
        }
    }

    private static void putOptional(ObjectNode node, String name, Optional<String> value) {
        if (value.isPresent()) {
            node.put(name, value.get());
        } else {
            node.putNull(name);
        }
    }

    private static com.fasterxml.jackson.databind.node.ArrayNode strings(List<String> values) {
        com.fasterxml.jackson.databind.node.ArrayNode array = NODES.arrayNode();
        values.forEach(array::add);
        return array;
    }

    static String write(Object node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            // trees of plain values always serialise; this would be a bug in the mapping above
            throw new IllegalStateException("cannot write JSON: " + e.getOriginalMessage(), e);
        }
    }
}
