package dev.hotplex.testkit.anthropic;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import static dev.hotplex.testkit.anthropic.JsonWriter.object;
import static java.util.Objects.requireNonNull;

/**
 * One assistant message as the Messages API streams it: {@code message_start}, {@code ping}, per block
 * {@code content_block_start} / {@code content_block_delta}s / {@code content_block_stop}, then
 * {@code message_delta} (stop reason, usage) and {@code message_stop}. Text and JSON are sent in several
 * deltas, as the real API does, so clients must join them.
 *
 * <p>Token counts are deterministic stand-ins: about one token per four characters.
 */
final class MessageStream {
    private final SseStream sse;
    private final long id;
    private final String model;
    private final int inputTokens;
    private int blockIndex;
    private int outputChars;

    /**
     * @param id          a per-response number, used for the message id, tool use id and signature
     * @param requestSize the request body's length in characters, the base of {@code input_tokens}
     */
    MessageStream(SseStream sse, long id, String model, int requestSize) {
        this.sse = requireNonNull(sse, "sse is null");
        this.id = id;
        this.model = requireNonNull(model, "model is null");
        this.inputTokens = Math.max(1, requestSize / 4);
    }

    /** Streams {@code reply}, which must be one of the kinds carried in an event stream. */
    void write(Reply reply) throws IOException, InterruptedException {
        requireNonNull(reply, "reply is null");
        if (reply instanceof Reply.Failure || reply instanceof Reply.Hang) {
            throw new IllegalArgumentException("not a streamed reply: " + reply);
        }
        start();
        String stopReason = "end_turn";
        switch (reply) {
            case Reply.Text text -> textBlock(halves(text.text()));
            case Reply.Thinking thinking -> {
                thinkingBlock(thinking.thinking());
                textBlock(halves(thinking.text()));
            }
            case Reply.ToolUse toolUse -> {
                if (!toolUse.preamble().isEmpty()) {
                    textBlock(halves(toolUse.preamble()));
                }
                toolUseBlock(toolUse.name(), JsonWriter.write(toolUse.input()));
                stopReason = "tool_use";
            }
            case Reply.Slow slow -> slowTextBlock(slow);
            case Reply.Failure failure -> throw new AssertionError(failure);
            case Reply.Hang hang -> throw new AssertionError(hang);
        }
        finish(stopReason);
    }

    private void start() throws IOException {
        Map<String, Object> usage = object("input_tokens", inputTokens, "output_tokens", 1,
                "cache_creation_input_tokens", 0, "cache_read_input_tokens", 0);
        Map<String, Object> message = object("id", "msg_fake_" + id, "type", "message", "role", "assistant",
                "model", model, "content", List.of(), "stop_reason", null, "stop_sequence", null, "usage", usage);
        sse.event("message_start", object("message", message));
        sse.event("ping", Map.of());
    }

    private void textBlock(List<String> chunks) throws IOException {
        int index = startBlock(object("type", "text", "text", ""));
        for (String chunk : chunks) {
            delta(index, object("type", "text_delta", "text", chunk));
            outputChars += chunk.length();
        }
        stopBlock(index);
    }

    private void slowTextBlock(Reply.Slow slow) throws IOException, InterruptedException {
        int index = startBlock(object("type", "text", "text", ""));
        for (String chunk : slow.chunks()) {
            sse.pause(slow.delay());
            delta(index, object("type", "text_delta", "text", chunk));
            outputChars += chunk.length();
        }
        stopBlock(index);
    }

    private void thinkingBlock(String thinking) throws IOException {
        int index = startBlock(object("type", "thinking", "thinking", "", "signature", ""));
        for (String chunk : halves(thinking)) {
            delta(index, object("type", "thinking_delta", "thinking", chunk));
            outputChars += chunk.length();
        }
        delta(index, object("type", "signature_delta", "signature", "fake_signature_" + id));
        stopBlock(index);
    }

    private void toolUseBlock(String name, String inputJson) throws IOException {
        int index = startBlock(object("type", "tool_use", "id", "toolu_fake_" + id, "name", name, "input", Map.of()));
        for (String chunk : halves(inputJson)) {
            delta(index, object("type", "input_json_delta", "partial_json", chunk));
        }
        outputChars += inputJson.length();
        stopBlock(index);
    }

    private int startBlock(Map<String, Object> contentBlock) throws IOException {
        int index = blockIndex++;
        sse.event("content_block_start", object("index", index, "content_block", contentBlock));
        return index;
    }

    private void delta(int index, Map<String, Object> delta) throws IOException {
        sse.event("content_block_delta", object("index", index, "delta", delta));
    }

    private void stopBlock(int index) throws IOException {
        sse.event("content_block_stop", object("index", index));
    }

    private void finish(String stopReason) throws IOException {
        Map<String, Object> delta = object("stop_reason", stopReason, "stop_sequence", null);
        Map<String, Object> usage = object("output_tokens", Math.max(1, (outputChars + 3) / 4));
        sse.event("message_delta", object("delta", delta, "usage", usage));
        sse.event("message_stop", Map.of());
    }

    /** {@code text} cut into two deltas (one when too short), never inside a surrogate pair. */
    static List<String> halves(String text) {
        int middle = text.length() / 2;
        if (middle > 0 && Character.isHighSurrogate(text.charAt(middle - 1))) {
            middle--;
        }
        if (middle == 0) {
            return List.of(text);
        }
        return List.of(text.substring(0, middle), text.substring(middle));
    }
}
