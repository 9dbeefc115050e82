package dev.hotplex.testkit.openai;

import dev.hotplex.testkit.anthropic.JsonParser;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the fake needs of a {@code POST /v1/responses} body: the model, the last user text and, when the
 * input ends with tool results, their outputs.
 *
 * @param toolOutput the {@code function_call_output}s after the last user message, joined; empty when none
 */
record ResponsesRequest(String model, String prompt, Optional<String> toolOutput) {

    /** {@link IllegalArgumentException} when the body is not a Responses request. */
    static ResponsesRequest parse(String body) {
        Map<String, Object> root = JsonParser.parseObject(body);
        String model = root.get("model") instanceof String name ? name : "unknown";
        if (!(root.get("input") instanceof List<?> input)) {
            throw new IllegalArgumentException("the request has no input array");
        }
        String prompt = "";
        StringBuilder outputs = new StringBuilder();
        for (Object item : input) {
            if (!(item instanceof Map<?, ?> map)) {
                continue;
            }
            if ("message".equals(map.get("type")) && "user".equals(map.get("role"))) {
                Optional<String> text = lastText(map.get("content"));
                if (text.isPresent()) {
                    prompt = text.get();
                    outputs.setLength(0);
                }
            } else if ("function_call_output".equals(map.get("type"))
                    || "custom_tool_call_output".equals(map.get("type"))) {
                Object output = map.get("output");
                outputs.append(output instanceof String text ? text : String.valueOf(output));
            }
        }
        return new ResponsesRequest(model, prompt, outputs.isEmpty() ? Optional.empty() : Optional.of(outputs.toString()));
    }

    // Codex sends its own context (environment, instructions) as user messages too; the prompt is the last text.
    private static Optional<String> lastText(Object content) {
        if (content instanceof String text) {
            return Optional.of(text);
        }
        Optional<String> last = Optional.empty();
        if (content instanceof List<?> parts) {
            for (Object part : parts) {
                if (part instanceof Map<?, ?> map && "input_text".equals(map.get("type"))
                        && map.get("text") instanceof String text && !isContextBlock(text)) {
                    last = Optional.of(text);
                }
            }
        }
        return last;
    }

    /** {@code <environment_context>...</environment_context>} and the like: Codex's, not the user's. */
    private static boolean isContextBlock(String text) {
        String trimmed = text.strip();
        return trimmed.startsWith("<") && trimmed.endsWith(">");
    }
}
