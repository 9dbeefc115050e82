package dev.hotplex.provider.claude.internal.wire;

import static java.util.Objects.requireNonNull;

/**
 * The {@code delta} of a {@code content_block_delta} stream event. {@code text} is the fragment for
 * {@code text_delta} ({@code text}), {@code thinking_delta} ({@code thinking}) and
 * {@code input_json_delta} ({@code partial_json}); empty for other delta types.
 */
public record StreamDelta(String type, String text) {
    public static final String TEXT = "text_delta";
    public static final String THINKING = "thinking_delta";
    public static final String INPUT_JSON = "input_json_delta";

    public StreamDelta {
        requireNonNull(type, "type is null");
        requireNonNull(text, "text is null");
    }

    public boolean isText() {
        return TEXT.equals(type);
    }

    public boolean isThinking() {
        return THINKING.equals(type);
    }
}
