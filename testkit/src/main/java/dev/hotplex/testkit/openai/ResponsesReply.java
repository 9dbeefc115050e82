package dev.hotplex.testkit.openai;

import java.time.Duration;

import static java.util.Objects.requireNonNull;

/** What the fake Responses API answers to one request. */
sealed interface ResponsesReply {
    /** An assistant message streamed as a few text deltas. */
    record Text(String text) implements ResponsesReply {
        public Text {
            requireNonNull(text, "text is null");
        }
    }

    /** An assistant message of {@code chunks} deltas, each after {@code delay}. */
    record Slow(int chunks, Duration delay) implements ResponsesReply {
        public Slow {
            if (chunks < 1) {
                throw new IllegalArgumentException("chunks must be at least 1");
            }
            requireNonNull(delay, "delay is null");
            if (delay.isNegative()) {
                throw new IllegalArgumentException("delay is negative");
            }
        }
    }

    /** A reasoning summary, then text. */
    record Reasoning(String summary, String text) implements ResponsesReply {
        public Reasoning {
            requireNonNull(summary, "summary is null");
            requireNonNull(text, "text is null");
        }
    }

    /** A {@code function_call} of {@code exec_command} running {@code command}. */
    record Command(String command) implements ResponsesReply {
        public Command {
            requireNonNull(command, "command is null");
        }
    }

    /** A {@code custom_tool_call} of {@code apply_patch} with {@code patch} (Codex's own patch format). */
    record Patch(String patch) implements ResponsesReply {
        public Patch {
            requireNonNull(patch, "patch is null");
        }
    }

    /** An HTTP error with an OpenAI-style error body. */
    record Failure(int status, String message) implements ResponsesReply {
        public Failure {
            requireNonNull(message, "message is null");
        }
    }

    /** No answer at all until the fake closes. */
    record Hang() implements ResponsesReply {
    }
}
