package dev.hotplex.testkit.anthropic;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * What {@link FakeAnthropicApi} answers to one {@code POST /v1/messages}: each kind plays one situation
 * an agent CLI must survive (plain text, a tool call, thinking, a slow stream, an API failure, a hang).
 */
public sealed interface Reply {

    /** A streamed text answer; {@code stop_reason} {@code end_turn}. */
    record Text(String text) implements Reply {
        public Text {
            requireNonNull(text, "text is null");
        }
    }

    /**
     * One tool call, optionally after a short text block (the CLI then prints two {@code assistant} lines
     * sharing one message id); {@code stop_reason} {@code tool_use}. The input streams as
     * {@code input_json_delta} fragments.
     */
    record ToolUse(String preamble, String name, Map<String, Object> input) implements Reply {
        public ToolUse {
            requireNonNull(preamble, "preamble is null");
            requireNonNull(name, "name is null");
            input = Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(input, "input is null")));
        }
    }

    /** A thinking block (with its signature) followed by a text block; {@code stop_reason} {@code end_turn}. */
    record Thinking(String thinking, String text) implements Reply {
        public Thinking {
            requireNonNull(thinking, "thinking is null");
            requireNonNull(text, "text is null");
        }
    }

    /**
     * A text answer streamed as {@code chunks}, waiting {@code delay} before each one; the wait ends early
     * when the client disconnects or the fake closes, so interrupts are observable and cheap.
     */
    record Slow(List<String> chunks, Duration delay) implements Reply {
        public Slow {
            chunks = List.copyOf(chunks);
            if (chunks.isEmpty()) {
                throw new IllegalArgumentException("a slow reply needs at least one chunk");
            }
            requireNonNull(delay, "delay is null");
            if (delay.isNegative()) {
                throw new IllegalArgumentException("delay is negative: " + delay);
            }
        }

        public String text() {
            return String.join("", chunks);
        }
    }

    /** An HTTP error with an Anthropic-shaped body {@code {"type":"error","error":{"type":..,"message":..}}}. */
    record Failure(int status, String errorType, String message) implements Reply {
        public Failure {
            if (status < 400 || status > 599) {
                throw new IllegalArgumentException("not an HTTP error status: " + status);
            }
            requireNonNull(errorType, "errorType is null");
            requireNonNull(message, "message is null");
        }
    }

    /** No answer at all (not even headers) until the fake closes: an upstream that stopped responding. */
    record Hang() implements Reply {
    }

    static Reply text(String text) {
        return new Text(text);
    }

    /** A Bash tool call running {@code command}. */
    static Reply bash(String command) {
        requireNonNull(command, "command is null");
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("command", command);
        input.put("description", "Run a command");
        return new ToolUse("Running a command.", "Bash", input);
    }

    /** A Write tool call; Claude Code's Write tool wants an absolute {@code filePath}. */
    static Reply write(String filePath, String content) {
        requireNonNull(filePath, "filePath is null");
        requireNonNull(content, "content is null");
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("file_path", filePath);
        input.put("content", content);
        return new ToolUse("Writing a file.", "Write", input);
    }

    static Reply thinking(String thinking, String text) {
        return new Thinking(thinking, text);
    }

    /** {@code count} chunks {@code "tick 1 "}, {@code "tick 2 "}, ... each after {@code delay}. */
    static Reply slow(int count, Duration delay) {
        if (count < 1) {
            throw new IllegalArgumentException("count must be at least 1: " + count);
        }
        List<String> chunks = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            chunks.add("tick " + i + " ");
        }
        return new Slow(chunks, delay);
    }

    /** HTTP 500 {@code api_error}, as Anthropic answers an internal failure. */
    static Reply serverError(String message) {
        return new Failure(500, "api_error", message);
    }

    static Reply hang() {
        return new Hang();
    }
}
