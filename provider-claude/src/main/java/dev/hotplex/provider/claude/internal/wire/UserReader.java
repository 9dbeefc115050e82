package dev.hotplex.provider.claude.internal.wire;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hotplex.provider.claude.internal.wire.ClaudeMessage.User;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * Reads {@code type:"user"} lines: {@code tool_result} blocks (content flattened to text) and text
 * blocks. {@code message.content} may also be a plain string.
 */
final class UserReader {
    private UserReader() {
    }

    static User read(WireObject root, String line) {
        WireObject message = root.requiredObject("message");
        List<ToolResultBlock> toolResults = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        JsonNode content = message.optionalNode("content")
                .orElseThrow(() -> new MalformedWireException("missing " + message.path() + ".content"));
        if (content.isTextual()) {
            texts.add(content.textValue());
        } else {
            for (WireObject block : message.objectList("content")) {
                String type = block.requiredText("type");
                if (type.equals("tool_result")) {
                    toolResults.add(new ToolResultBlock(block.requiredText("tool_use_id"), flatten(block),
                            block.booleanOr("is_error", false)));
                } else if (type.equals("text")) {
                    texts.add(block.requiredText("text"));
                }
            }
        }
        return new User(toolResults, texts, root.optionalText("parent_tool_use_id"), line);
    }

    private static String flatten(WireObject toolResult) {
        Optional<JsonNode> content = toolResult.optionalNode("content");
        if (content.isEmpty()) {
            return "";
        }
        if (content.get().isTextual()) {
            return content.get().textValue();
        }
        StringJoiner text = new StringJoiner("\n");
        for (WireObject block : toolResult.objectList("content")) {
            String type = block.requiredText("type");
            text.add(type.equals("text") ? block.requiredText("text") : "[" + type + "]");
        }
        return text.toString();
    }
}
