package dev.hotplex.provider.claude.internal.wire;

import dev.hotplex.provider.claude.internal.wire.ClaudeMessage.Assistant;

import java.util.ArrayList;
import java.util.List;

/** Reads {@code type:"assistant"} lines: {@code message.content[]} of text, thinking and tool_use blocks. */
final class AssistantReader {
    private AssistantReader() {
    }

    static Assistant read(WireObject root, String line) {
        WireObject message = root.requiredObject("message");
        if (message.optionalNode("content").isEmpty()) {
            throw new MalformedWireException("missing " + message.path() + ".content");
        }
        List<ContentBlock> content = new ArrayList<>();
        for (WireObject block : message.objectList("content")) {
            content.add(block(block));
        }
        return new Assistant(message.optionalText("id"), message.optionalText("model"), content,
                root.booleanOr("is_api_error_message", false), root.optionalText("parent_tool_use_id"), line);
    }

    private static ContentBlock block(WireObject block) {
        String type = block.requiredText("type");
        return switch (type) {
            case "text" -> new ContentBlock.Text(block.requiredText("text"));
            case "thinking" -> new ContentBlock.Thinking(block.requiredText("thinking"));
            case "tool_use" -> new ContentBlock.ToolUse(block.requiredText("id"), block.requiredText("name"),
                    block.plainObject("input"));
            default -> new ContentBlock.Other(type);
        };
    }
}
