package dev.hotplex.testkit.anthropic;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * The parts of a Messages API request body the fake decides on, read the way Claude Code sends them:
 * the prompt is the <em>last</em> text block of the last {@code user} message (the CLI puts
 * {@code <system-reminder>} blocks first, and may append {@code role:"system"} messages after it), and a
 * last user message holding {@code tool_result} blocks means a tool call has just come back.
 *
 * @param model       the requested model, echoed in the answer
 * @param prompt      the last user text block, {@code ""} when there is none
 * @param toolResults the text of each {@code tool_result} block in the last user message, in order
 */
record MessagesRequest(String model, String prompt, List<String> toolResults) {
    MessagesRequest {
        requireNonNull(model, "model is null");
        requireNonNull(prompt, "prompt is null");
        toolResults = List.copyOf(toolResults);
    }

    /** Parses a request body; {@link IllegalArgumentException} when it is not a Messages request. */
    static MessagesRequest parse(String body) {
        Map<String, Object> request = JsonParser.parseObject(body);
        if (!(request.get("model") instanceof String model)) {
            throw new IllegalArgumentException("request has no string 'model'");
        }
        if (!(request.get("messages") instanceof List<?> messages)) {
            throw new IllegalArgumentException("request has no 'messages' array");
        }
        List<?> content = lastUserContent(messages);
        String prompt = "";
        List<String> toolResults = new ArrayList<>();
        for (Object block : content) {
            if (!(block instanceof Map<?, ?> map)) {
                continue;
            }
            Object type = map.get("type");
            if ("text".equals(type) && map.get("text") instanceof String text) {
                prompt = text;
            } else if ("tool_result".equals(type)) {
                toolResults.add(text(map.get("content")));
            }
        }
        return new MessagesRequest(model, prompt, toolResults);
    }

    boolean hasToolResults() {
        return !toolResults.isEmpty();
    }

    /** The content blocks of the last {@code user} message; a string content counts as one text block. */
    private static List<?> lastUserContent(List<?> messages) {
        for (Object message : messages.reversed()) {
            if (message instanceof Map<?, ?> map && "user".equals(map.get("role"))) {
                Object content = map.get("content");
                if (content instanceof String text) {
                    return List.of(Map.of("type", "text", "text", text));
                }
                return content instanceof List<?> blocks ? blocks : List.of();
            }
        }
        return List.of();
    }

    /** A tool result's content: a string, or a list of blocks whose text blocks are joined. */
    private static String text(Object content) {
        if (content instanceof String text) {
            return text;
        }
        StringBuilder joined = new StringBuilder();
        if (content instanceof List<?> blocks) {
            for (Object block : blocks) {
                if (block instanceof Map<?, ?> map && "text".equals(map.get("type")) && map.get("text") instanceof String text) {
                    joined.append(text);
                }
            }
        }
        return joined.toString();
    }
}
