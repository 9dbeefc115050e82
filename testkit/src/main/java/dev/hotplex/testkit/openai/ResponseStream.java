package dev.hotplex.testkit.openai;

import dev.hotplex.testkit.anthropic.JsonWriter;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static dev.hotplex.testkit.anthropic.JsonWriter.object;
import static java.util.Objects.requireNonNull;

/**
 * Writes one Responses API answer as server-sent events, in the order the real API uses:
 * {@code response.created}, {@code response.in_progress}, per output item {@code output_item.added},
 * its deltas and {@code output_item.done}, then {@code response.completed} with usage. Pauses end as
 * soon as the client disconnects or the fake closes.
 */
final class ResponseStream {
    private static final Duration PROBE_INTERVAL = Duration.ofMillis(50);
    // An SSE comment: ignored by clients, but writing it tells whether the client is still there.
    private static final byte[] PROBE = ": keep-alive\n\n".getBytes(StandardCharsets.UTF_8);

    private final OutputStream out;
    private final CountDownLatch closing;
    private final String responseId;
    private final String model;
    private final List<Object> output = new ArrayList<>();
    private int sequence;

    ResponseStream(OutputStream out, CountDownLatch closing, int requestNumber, String model) {
        this.out = requireNonNull(out, "out is null");
        this.closing = requireNonNull(closing, "closing is null");
        this.responseId = "resp_fake_" + requestNumber;
        this.model = requireNonNull(model, "model is null");
    }

    void write(ResponsesReply reply, int inputTokens) throws IOException, InterruptedException {
        event("response.created", object("response", response("in_progress", null)));
        event("response.in_progress", object("response", response("in_progress", null)));
        int outputTokens = switch (reply) {
            case ResponsesReply.Text text -> message(chunks(text.text()), Duration.ZERO);
            case ResponsesReply.Slow slow -> message(slowChunks(slow.chunks()), slow.delay());
            case ResponsesReply.Reasoning reasoning -> reasoning(reasoning.summary()) + message(chunks(reasoning.text()),
                    Duration.ZERO);
            case ResponsesReply.Command command -> functionCall(command.command());
            case ResponsesReply.Patch patch -> patchCall(patch.patch());
            case ResponsesReply.Failure failure -> throw new IllegalArgumentException("a failure is not streamed");
            case ResponsesReply.Hang hang -> throw new IllegalArgumentException("a hang is not streamed");
        };
        Map<String, Object> usage = object(
                "input_tokens", inputTokens,
                "input_tokens_details", object("cached_tokens", 0),
                "output_tokens", outputTokens,
                "output_tokens_details", object("reasoning_tokens", 0),
                "total_tokens", inputTokens + outputTokens);
        event("response.completed", object("response", response("completed", usage)));
    }

    private int message(List<String> chunks, Duration delay) throws IOException, InterruptedException {
        int index = output.size();
        String itemId = "msg_" + responseId + "_" + index;
        event("response.output_item.added", object("output_index", index, "item",
                object("type", "message", "id", itemId, "role", "assistant", "status", "in_progress", "content", List.of())));
        event("response.content_part.added", object("item_id", itemId, "output_index", index, "content_index", 0,
                "part", object("type", "output_text", "text", "", "annotations", List.of())));
        StringBuilder text = new StringBuilder();
        for (String chunk : chunks) {
            pause(delay);
            text.append(chunk);
            event("response.output_text.delta", object("item_id", itemId, "output_index", index, "content_index", 0,
                    "delta", chunk));
        }
        event("response.output_text.done", object("item_id", itemId, "output_index", index, "content_index", 0,
                "text", text.toString()));
        Map<String, Object> part = object("type", "output_text", "text", text.toString(), "annotations", List.of());
        event("response.content_part.done", object("item_id", itemId, "output_index", index, "content_index", 0,
                "part", part));
        Map<String, Object> item = object("type", "message", "id", itemId, "role", "assistant", "status", "completed",
                "content", List.of(part));
        done(index, item);
        return chunks.size();
    }

    private int reasoning(String summary) throws IOException {
        int index = output.size();
        String itemId = "rs_" + responseId + "_" + index;
        event("response.output_item.added", object("output_index", index, "item",
                object("type", "reasoning", "id", itemId, "summary", List.of())));
        event("response.reasoning_summary_part.added", object("item_id", itemId, "output_index", index,
                "summary_index", 0, "part", object("type", "summary_text", "text", "")));
        event("response.reasoning_summary_text.delta", object("item_id", itemId, "output_index", index,
                "summary_index", 0, "delta", summary));
        event("response.reasoning_summary_text.done", object("item_id", itemId, "output_index", index,
                "summary_index", 0, "text", summary));
        done(index, object("type", "reasoning", "id", itemId,
                "summary", List.of(object("type", "summary_text", "text", summary))));
        return 1;
    }

    private int functionCall(String command) throws IOException {
        int index = output.size();
        String callId = "call_" + responseId + "_" + index;
        String arguments = JsonWriter.write(object("cmd", command));
        Map<String, Object> item = object("type", "function_call", "id", "fc_" + responseId + "_" + index,
                "call_id", callId, "name", "exec_command", "arguments", arguments, "status", "completed");
        event("response.output_item.added", object("output_index", index, "item", item));
        done(index, item);
        return 1;
    }

    private int patchCall(String patch) throws IOException {
        int index = output.size();
        Map<String, Object> item = object("type", "custom_tool_call", "id", "ctc_" + responseId + "_" + index,
                "call_id", "call_" + responseId + "_" + index, "name", "apply_patch", "input", patch,
                "status", "completed");
        event("response.output_item.added", object("output_index", index, "item", item));
        done(index, item);
        return 1;
    }

    private void done(int index, Map<String, Object> item) throws IOException {
        output.add(item);
        event("response.output_item.done", object("output_index", index, "item", item));
    }

    private Map<String, Object> response(String status, Map<String, Object> usage) {
        return object("id", responseId, "object", "response", "created_at", 0, "status", status, "model", model,
                "output", List.copyOf(output), "usage", usage);
    }

    private void event(String type, Map<String, Object> fields) throws IOException {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("type", type);
        data.put("sequence_number", sequence++);
        data.putAll(fields);
        out.write(("event: " + type + "\ndata: " + JsonWriter.write(data) + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private void pause(Duration delay) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + delay.toNanos();
        for (long left = delay.toNanos(); left > 0; left = deadline - System.nanoTime()) {
            if (closing.await(Math.min(left, PROBE_INTERVAL.toNanos()), TimeUnit.NANOSECONDS)) {
                throw new IOException("the fake OpenAI API is closing");
            }
            out.write(PROBE);
            out.flush();
        }
    }

    /** Splits at spaces, keeping each space with the word after it, like real token deltas. */
    private static List<String> chunks(String text) {
        List<String> chunks = new ArrayList<>();
        int start = 0;
        for (int i = 1; i < text.length(); i++) {
            if (text.charAt(i) == ' ') {
                chunks.add(text.substring(start, i));
                start = i;
            }
        }
        chunks.add(text.substring(start));
        return chunks;
    }

    private static List<String> slowChunks(int count) {
        List<String> chunks = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            chunks.add(i == 1 ? "chunk 1" : " chunk " + i);
        }
        return chunks;
    }
}
