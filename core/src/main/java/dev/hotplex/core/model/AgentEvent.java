package dev.hotplex.core.model;

import dev.hotplex.core.error.ErrorCode;

import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;

import static java.util.Objects.requireNonNull;

/**
 * One event of a turn's stream. {@link #wireName()} is the seed's event name, used verbatim as the
 * SSE {@code event:} field and in the CLI's NDJSON output. Every turn ends with exactly one terminal
 * event: {@link SessionStatsEvent} on success, {@link ErrorEvent} otherwise.
 */
public sealed interface AgentEvent {
    String wireName();

    default boolean terminal() {
        return false;
    }

    /**
     * A turn began; {@code coldStart} tells whether a process had to be spawned for it, {@code prewarmed} whether
     * the session's first turn took over a spare process started ahead of it.
     */
    record SessionStart(SessionId sessionId, String providerSessionId, boolean coldStart, boolean resumed,
                        OptionalLong pid, Path workDir, boolean prewarmed) implements AgentEvent {
        public SessionStart {
            requireNonNull(sessionId, "sessionId is null");
            requireNonNull(providerSessionId, "providerSessionId is null");
            requireNonNull(pid, "pid is null");
            requireNonNull(workDir, "workDir is null");
        }

        @Override
        public String wireName() {
            return "session_start";
        }
    }

    /**
     * Reasoning text. {@code delta} marks a streamed fragment; a whole block ({@code delta=false})
     * repeats text already sent as fragments when partial messages are on, so never add both.
     */
    record Thinking(String text, boolean delta) implements AgentEvent {
        public Thinking {
            requireNonNull(text, "text is null");
        }

        @Override
        public String wireName() {
            return "thinking";
        }
    }

    /** Answer text; same delta rule as {@link Thinking}. */
    record Answer(String text, boolean delta) implements AgentEvent {
        public Answer {
            requireNonNull(text, "text is null");
        }

        @Override
        public String wireName() {
            return "answer";
        }
    }

    record ToolUse(ToolCall call) implements AgentEvent {
        public ToolUse {
            requireNonNull(call, "call is null");
        }

        @Override
        public String wireName() {
            return "tool_use";
        }
    }

    /** A tool's result; {@code durationMs} is measured by the engine from the matching {@link ToolUse}. */
    record ToolResult(String toolUseId, String toolName, String output, boolean isError, long durationMs)
            implements AgentEvent {
        public ToolResult {
            requireNonNull(toolUseId, "toolUseId is null");
            requireNonNull(toolName, "toolName is null");
            requireNonNull(output, "output is null");
        }

        public ToolResult withToolName(String name, long measuredMs) {
            return new ToolResult(toolUseId, name, output, isError, measuredMs);
        }

        @Override
        public String wireName() {
            return "tool_result";
        }
    }

    /** The agent asks whether it may use a tool; answer with {@code Engine.respondToPermission}. */
    record PermissionRequest(String requestId, ToolCall call, Optional<String> description) implements AgentEvent {
        public PermissionRequest {
            requireNonNull(requestId, "requestId is null");
            requireNonNull(call, "call is null");
            requireNonNull(description, "description is null");
        }

        @Override
        public String wireName() {
            return "permission_request";
        }
    }

    /** The firewall blocked a prompt or a tool call. */
    record DangerBlock(BlockLayer layer, Verdict.Blocked verdict, Optional<String> toolUseId) implements AgentEvent {
        public DangerBlock {
            requireNonNull(layer, "layer is null");
            requireNonNull(verdict, "verdict is null");
            requireNonNull(toolUseId, "toolUseId is null");
        }

        @Override
        public String wireName() {
            return "danger_block";
        }
    }

    /** Terminal event of a successful turn: this turn's figures and the session's totals. */
    record SessionStatsEvent(TurnStats turn, SessionStats session) implements AgentEvent {
        public SessionStatsEvent {
            requireNonNull(turn, "turn is null");
            requireNonNull(session, "session is null");
        }

        @Override
        public String wireName() {
            return "session_stats";
        }

        @Override
        public boolean terminal() {
            return true;
        }
    }

    /** Terminal event of a failed turn. */
    record ErrorEvent(ErrorCode code, String message, TurnStats turn) implements AgentEvent {
        public ErrorEvent {
            requireNonNull(code, "code is null");
            requireNonNull(message, "message is null");
            requireNonNull(turn, "turn is null");
        }

        @Override
        public String wireName() {
            return "error";
        }

        @Override
        public boolean terminal() {
            return true;
        }
    }

    /** A provider message hotplex does not model (yet): kept, never dropped, never fatal. */
    record Raw(String type, String json) implements AgentEvent {
        public Raw {
            requireNonNull(type, "type is null");
            requireNonNull(json, "json is null");
        }

        @Override
        public String wireName() {
            return "raw";
        }
    }
}
