package dev.hotplex.provider.claude.internal.wire;

import dev.hotplex.provider.claude.internal.wire.ClaudeMessage.StreamEvent;

import java.util.Optional;

/**
 * Reads {@code type:"stream_event"} lines. The API message id comes from the line's
 * {@code api_message_id}, or for {@code message_start} from the event's {@code message.id}.
 */
final class StreamEventReader {
    private StreamEventReader() {
    }

    static StreamEvent read(WireObject root, String line) {
        WireObject event = root.requiredObject("event");
        String eventType = event.requiredText("type");
        Optional<String> messageId = root.optionalText("api_message_id");
        if (messageId.isEmpty() && eventType.equals("message_start")) {
            messageId = event.requiredObject("message").optionalText("id");
        }
        Optional<StreamDelta> delta = eventType.equals("content_block_delta")
                ? Optional.of(delta(event.requiredObject("delta")))
                : Optional.empty();
        return new StreamEvent(eventType, messageId, event.optionalInt("index"), delta,
                root.optionalText("parent_tool_use_id"), line);
    }

    private static StreamDelta delta(WireObject delta) {
        String type = delta.requiredText("type");
        String text = switch (type) {
            case StreamDelta.TEXT -> delta.requiredText("text");
            case StreamDelta.THINKING -> delta.requiredText("thinking");
            case StreamDelta.INPUT_JSON -> delta.optionalText("partial_json").orElse("");
            default -> "";
        };
        return new StreamDelta(type, text);
    }
}
