package dev.hotplex.provider.codex.internal.wire;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hotplex.core.model.AgentEvent;
import dev.hotplex.core.model.ToolCall;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Maps Codex thread items to core events. Tool items get Claude's tool names, so tool rules, the firewall
 * and clients see one vocabulary: {@code commandExecution} → {@code Bash} ({@code command}), {@code fileChange}
 * → {@code Edit} ({@code file_path} of the first change), MCP calls → {@code mcp__<server>__<tool>}, web
 * searches → {@code WebSearch}.
 */
final class ItemMapper {
    static final String SHELL_TOOL = "Bash";
    static final String FILE_TOOL = "Edit";
    // Codex runs commands as `/bin/bash -lc '<command>'`; rules such as Bash(git log:*) are about the inner one.
    private static final Pattern LOGIN_SHELL = Pattern.compile("^/(?:usr/)?bin/(?:ba)?sh -lc '((?:[^']|'\\\\'')*)'$",
            Pattern.DOTALL);

    Optional<ToolCall> toolCall(JsonNode item) {
        String id = item.path("id").asText("");
        return switch (item.path("type").asText("")) {
            case "commandExecution" -> Optional.of(bash(id, item.path("command").asText(""), item.path("cwd").asText("")));
            case "fileChange" -> Optional.of(fileChange(id, item.path("changes")));
            case "mcpToolCall" -> Optional.of(new ToolCall(id, "mcp__" + item.path("server").asText("unknown") + "__"
                    + item.path("tool").asText("unknown"), PlainValues.object(item.path("arguments"))));
            case "webSearch" -> Optional.of(new ToolCall(id, "WebSearch", Map.of("query", item.path("query").asText(""))));
            default -> Optional.empty();
        };
    }

    /** The events of a completed item; {@code started} is its tool call, when its start was seen. */
    List<AgentEvent> completed(JsonNode item, Optional<ToolCall> started) {
        String type = item.path("type").asText("");
        return switch (type) {
            case "agentMessage" -> List.of(new AgentEvent.Answer(item.path("text").asText(""), false));
            case "reasoning" -> reasoning(item);
            case "commandExecution", "fileChange", "mcpToolCall", "webSearch" -> {
                List<AgentEvent> events = new ArrayList<>();
                ToolCall call = started.orElseGet(() -> toolCall(item).orElseThrow());
                if (started.isEmpty()) {
                    events.add(new AgentEvent.ToolUse(call));
                }
                events.add(result(call, item));
                yield events;
            }
            case "userMessage" -> List.of();
            default -> List.of(new AgentEvent.Raw("item/" + type, item.toString()));
        };
    }

    static ToolCall bash(String id, String command, String cwd) {
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("command", innerCommand(command));
        if (!cwd.isEmpty()) {
            input.put("cwd", cwd);
        }
        return new ToolCall(id, SHELL_TOOL, input);
    }

    static String innerCommand(String command) {
        Matcher matcher = LOGIN_SHELL.matcher(command);
        return matcher.matches() ? matcher.group(1).replace("'\\''", "'") : command;
    }

    private static ToolCall fileChange(String id, JsonNode changes) {
        Map<String, Object> input = new LinkedHashMap<>();
        List<Object> paths = new ArrayList<>();
        for (JsonNode change : changes) {
            paths.add(change.path("path").asText(""));
        }
        if (!paths.isEmpty()) {
            input.put("file_path", paths.getFirst());
        }
        input.put("changes", PlainValues.value(changes));
        return new ToolCall(id, FILE_TOOL, input);
    }

    private static AgentEvent.ToolResult result(ToolCall call, JsonNode item) {
        String status = item.path("status").asText("");
        long duration = item.path("durationMs").asLong(0);
        String output;
        boolean error;
        switch (item.path("type").asText("")) {
            case "commandExecution" -> {
                output = item.path("aggregatedOutput").asText("");
                error = !"completed".equals(status) || item.path("exitCode").asInt(0) != 0;
            }
            case "mcpToolCall" -> {
                JsonNode failure = item.path("error");
                error = !"completed".equals(status) || (!failure.isMissingNode() && !failure.isNull());
                output = error && !failure.isNull() && !failure.isMissingNode()
                        ? failure.path("message").asText(failure.toString()) : item.path("result").toString();
            }
            default -> {
                error = !"completed".equals(status);
                output = status;
            }
        }
        if ("declined".equals(status)) {
            output = output.isEmpty() ? "declined" : output;
        }
        return new AgentEvent.ToolResult(call.toolUseId(), call.toolName(), output, error, duration);
    }

    private static List<AgentEvent> reasoning(JsonNode item) {
        StringBuilder text = new StringBuilder();
        for (String field : List.of("summary", "content")) {
            for (JsonNode part : item.path(field)) {
                String piece = part.isTextual() ? part.asText() : part.path("text").asText("");
                if (!piece.isEmpty()) {
                    text.append(text.isEmpty() ? "" : "\n").append(piece);
                }
            }
        }
        return text.isEmpty() ? List.of() : List.of(new AgentEvent.Thinking(text.toString(), false));
    }
}
