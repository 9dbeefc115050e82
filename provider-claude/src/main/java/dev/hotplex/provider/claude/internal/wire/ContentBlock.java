package dev.hotplex.provider.claude.internal.wire;

import java.util.Map;

import static java.util.Objects.requireNonNull;

/** One block of an {@code assistant} message's {@code message.content}. */
public sealed interface ContentBlock {
    record Text(String text) implements ContentBlock {
        public Text {
            requireNonNull(text, "text is null");
        }
    }

    record Thinking(String text) implements ContentBlock {
        public Thinking {
            requireNonNull(text, "text is null");
        }
    }

    /** A tool call; {@code input} holds plain Java values and is deeply unmodifiable. */
    record ToolUse(String id, String name, Map<String, Object> input) implements ContentBlock {
        public ToolUse {
            requireNonNull(id, "id is null");
            requireNonNull(name, "name is null");
            requireNonNull(input, "input is null");
        }
    }

    /** A block type this codec does not model ({@code redacted_thinking}, {@code server_tool_use}, ...). */
    record Other(String type) implements ContentBlock {
        public Other {
            requireNonNull(type, "type is null");
        }
    }
}
