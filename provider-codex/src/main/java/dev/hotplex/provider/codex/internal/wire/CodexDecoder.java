package dev.hotplex.provider.codex.internal.wire;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hotplex.core.model.AgentEvent;
import dev.hotplex.core.model.TokenUsage;
import dev.hotplex.core.model.ToolCall;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import static java.util.Objects.requireNonNull;

/**
 * Decodes the server side of {@code codex app-server}, line by line, into {@link Inbound}s. Per connection:
 * it remembers the tool calls of started items, because a file-change approval names only the item.
 * Unknown notifications are {@link Inbound.Ignored} or kept as {@link AgentEvent.Raw}; nothing throws.
 */
public final class CodexDecoder {
    private final ObjectMapper mapper;
    private final ItemMapper items = new ItemMapper();
    private final Map<String, ToolCall> startedTools = new ConcurrentHashMap<>();
    /** Text already sent as deltas, per item: the completed item must not send it again. */
    private final Map<String, StringBuilder> streamed = new ConcurrentHashMap<>();

    CodexDecoder(ObjectMapper mapper) {
        this.mapper = requireNonNull(mapper, "mapper is null");
    }

    public Inbound decode(String line) {
        requireNonNull(line, "line is null");
        JsonNode message;
        try {
            message = mapper.readTree(line);
        } catch (JsonProcessingException e) {
            return new Inbound.Malformed("not JSON: " + e.getOriginalMessage());
        }
        if (message == null || !message.isObject()) {
            return new Inbound.Malformed("not a JSON object");
        }
        JsonNode id = message.get("id");
        String method = message.path("method").asText("");
        if (id != null && !method.isEmpty()) {
            return serverRequest(id.toString(), method, message.path("params"));
        }
        if (id != null) {
            return response(id, message);
        }
        if (!method.isEmpty()) {
            return notification(method, message.path("params"), line);
        }
        return new Inbound.Malformed("neither a request, a response nor a notification");
    }

    private static Inbound response(JsonNode id, JsonNode message) {
        if (!id.canConvertToLong()) {
            return new Inbound.Malformed("a response to an id hotplex never sent: " + id);
        }
        JsonNode result = message.path("result");
        Optional<String> error = message.has("error")
                ? Optional.of(message.path("error").path("message").asText(message.path("error").toString()))
                : Optional.empty();
        return new Inbound.Response(id.asLong(), text(result.path("thread").path("id")),
                text(result.path("turn").path("id")), text(result.path("model")), error);
    }

    private Inbound serverRequest(String rpcId, String method, JsonNode params) {
        Optional<String> reason = text(params.path("reason"));
        return switch (method) {
            case "item/commandExecution/requestApproval", "execCommandApproval" -> {
                String itemId = params.path("itemId").asText(params.path("callId").asText(rpcId));
                ToolCall call = startedTools.getOrDefault(itemId, ItemMapper.bash(itemId,
                        params.path("command").isArray() ? joined(params.path("command"))
                                : params.path("command").asText(""), params.path("cwd").asText("")));
                yield new Inbound.Approval(rpcId, call, reason);
            }
            case "item/fileChange/requestApproval", "applyPatchApproval" -> {
                String itemId = params.path("itemId").asText(params.path("callId").asText(rpcId));
                ToolCall call = startedTools.getOrDefault(itemId,
                        new ToolCall(itemId, ItemMapper.FILE_TOOL, Map.of()));
                yield new Inbound.Approval(rpcId, call, reason);
            }
            default -> new Inbound.UnsupportedRequest(rpcId, method);
        };
    }

    private Inbound notification(String method, JsonNode params, String line) {
        return switch (method) {
            case "item/agentMessage/delta" -> events(new AgentEvent.Answer(delta(params), true));
            case "item/reasoning/summaryTextDelta", "item/reasoning/textDelta" ->
                    events(new AgentEvent.Thinking(delta(params), true));
            case "item/started" -> started(params.path("item"));
            case "item/completed" -> completed(params.path("item"));
            case "turn/started" -> new Inbound.TurnStarted(params.path("turn").path("id").asText(""));
            case "turn/completed" -> turnEnded(params.path("turn"));
            case "thread/tokenUsage/updated" -> new Inbound.TokenTotals(usage(params.path("tokenUsage").path("total")));
            case "error" -> new Inbound.ErrorNotice(params.path("error").path("message").asText(params.toString()),
                    params.path("willRetry").asBoolean(false));
            case "thread/started", "thread/status/changed", "turn/diff/updated", "turn/plan/updated",
                 "item/commandExecution/outputDelta", "item/fileChange/outputDelta", "item/reasoning/summaryPartAdded",
                 "serverRequest/resolved", "account/rateLimits/updated", "remoteControl/status/changed",
                 "configWarning", "mcpServer/startupStatus/updated", "thread/name/updated" -> new Inbound.Ignored(method);
            default -> events(new AgentEvent.Raw(method, line));
        };
    }

    private Inbound started(JsonNode item) {
        Optional<ToolCall> call = items.toolCall(item);
        if (call.isEmpty()) {
            return new Inbound.Ignored("item/started");
        }
        startedTools.put(call.get().toolUseId(), call.get());
        return events(new AgentEvent.ToolUse(call.get()));
    }

    private Inbound completed(JsonNode item) {
        String id = item.path("id").asText("");
        ToolCall started = startedTools.remove(id);
        StringBuilder sent = streamed.remove(id);
        List<AgentEvent> events = items.completed(item, Optional.ofNullable(started));
        if (sent == null) {
            return new Inbound.Events(events);
        }
        // streamed as deltas: only what the deltas missed follows, itself as a delta
        return new Inbound.Events(events.stream().<AgentEvent>mapMulti((event, out) -> {
            switch (event) {
                case AgentEvent.Answer whole -> unsentRest(sent, whole.text())
                        .ifPresent(rest -> out.accept(new AgentEvent.Answer(rest, true)));
                case AgentEvent.Thinking whole -> unsentRest(sent, whole.text())
                        .ifPresent(rest -> out.accept(new AgentEvent.Thinking(rest, true)));
                default -> out.accept(event);
            }
        }).toList());
    }

    private String delta(JsonNode params) {
        String text = params.path("delta").asText("");
        streamed.computeIfAbsent(params.path("itemId").asText(""), key -> new StringBuilder()).append(text);
        return text;
    }

    private static Optional<String> unsentRest(StringBuilder sent, String whole) {
        String sentText = sent.toString();
        String rest = whole.startsWith(sentText) ? whole.substring(sentText.length()) : "";
        return rest.isEmpty() ? Optional.empty() : Optional.of(rest);
    }

    private static Inbound turnEnded(JsonNode turn) {
        Optional<String> lastAnswer = Optional.empty();
        for (JsonNode item : turn.path("items")) {
            if ("agentMessage".equals(item.path("type").asText())) {
                lastAnswer = text(item.path("text"));
            }
        }
        JsonNode error = turn.path("error");
        Optional<String> message = error.isMissingNode() || error.isNull() ? Optional.empty()
                : Optional.of(error.path("message").asText(error.toString()));
        return new Inbound.TurnEnded(turn.path("id").asText(""), turn.path("status").asText(""), lastAnswer, message);
    }

    /** OpenAI counts cached tokens inside the input; hotplex keeps them apart, as for Claude. */
    static TokenUsage usage(JsonNode total) {
        long input = total.path("inputTokens").asLong(0);
        long cached = total.path("cachedInputTokens").asLong(0);
        return new TokenUsage(Math.max(0, input - cached), total.path("outputTokens").asLong(0),
                total.path("cacheWriteInputTokens").asLong(0), cached);
    }

    private static Inbound events(AgentEvent event) {
        return new Inbound.Events(List.of(event));
    }

    private static String joined(JsonNode array) {
        StringBuilder out = new StringBuilder();
        for (JsonNode part : array) {
            out.append(out.isEmpty() ? "" : " ").append(part.asText());
        }
        return out.toString();
    }

    static Optional<String> text(JsonNode node) {
        return node.isTextual() ? Optional.of(node.asText()) : Optional.empty();
    }
}
