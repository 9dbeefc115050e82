package dev.hotplex.provider.claude.internal.wire;

import dev.hotplex.core.model.ModelUsage;
import dev.hotplex.core.model.TokenUsage;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

import static java.util.Objects.requireNonNull;

/**
 * One line of the CLI's stdout, decoded by {@link ClaudeLineDecoder}. Immutable; JSON values are plain
 * Java values. Records that end up as raw events keep the original line in {@code json}.
 */
public sealed interface ClaudeMessage {

    /** {@code system/init}, printed at the start of every turn. */
    record SystemInit(String sessionId, Optional<String> model, Optional<String> cwd, List<String> tools,
                      Optional<String> permissionMode, Optional<String> version, String json)
            implements ClaudeMessage {
        public SystemInit {
            requireNonNull(sessionId, "sessionId is null");
            requireNonNull(model, "model is null");
            requireNonNull(cwd, "cwd is null");
            tools = List.copyOf(requireNonNull(tools, "tools is null"));
            requireNonNull(permissionMode, "permissionMode is null");
            requireNonNull(version, "version is null");
            requireNonNull(json, "json is null");
        }
    }

    /** Any other {@code system} subtype ({@code status}, {@code compact_boundary}, {@code ui_invalidate}, ...). */
    record SystemOther(String subtype, String json) implements ClaudeMessage {
        public SystemOther {
            requireNonNull(subtype, "subtype is null");
            requireNonNull(json, "json is null");
        }
    }

    /** {@code system/permission_denied}: the CLI refused a tool call by its own rules. */
    record PermissionDenied(String toolName, String toolUseId, String message, String json) implements ClaudeMessage {
        public PermissionDenied {
            requireNonNull(toolName, "toolName is null");
            requireNonNull(toolUseId, "toolUseId is null");
            requireNonNull(message, "message is null");
            requireNonNull(json, "json is null");
        }
    }

    /** {@code system/api_retry}: an API call failed and will be retried after {@code retryDelayMs}. */
    record ApiRetry(long attempt, long maxRetries, long retryDelayMs, OptionalLong errorStatus, Optional<String> error,
                    String json) implements ClaudeMessage {
        public ApiRetry {
            requireNonNull(errorStatus, "errorStatus is null");
            requireNonNull(error, "error is null");
            requireNonNull(json, "json is null");
        }
    }

    /**
     * An {@code assistant} message. One API message may arrive as several lines sharing
     * {@code messageId}, one content block each. {@code apiError} marks the CLI's synthetic message
     * that carries an API error text ({@code is_api_error_message}).
     */
    record Assistant(Optional<String> messageId, Optional<String> model, List<ContentBlock> content,
                     boolean apiError, Optional<String> parentToolUseId, String json) implements ClaudeMessage {
        public Assistant {
            requireNonNull(messageId, "messageId is null");
            requireNonNull(model, "model is null");
            content = List.copyOf(requireNonNull(content, "content is null"));
            requireNonNull(parentToolUseId, "parentToolUseId is null");
            requireNonNull(json, "json is null");
        }
    }

    /**
     * A {@code user} message: tool results, and any text blocks (e.g. {@code [Request interrupted by
     * user]} after an interrupt).
     */
    record User(List<ToolResultBlock> toolResults, List<String> texts, Optional<String> parentToolUseId, String json)
            implements ClaudeMessage {
        public User {
            toolResults = List.copyOf(requireNonNull(toolResults, "toolResults is null"));
            texts = List.copyOf(requireNonNull(texts, "texts is null"));
            requireNonNull(parentToolUseId, "parentToolUseId is null");
            requireNonNull(json, "json is null");
        }
    }

    /**
     * A {@code stream_event} (only with {@code --include-partial-messages}): a raw Messages API event.
     * {@code delta} is set for {@code content_block_delta}; {@code messageId} is the API message id.
     */
    record StreamEvent(String eventType, Optional<String> messageId, OptionalInt index, Optional<StreamDelta> delta,
                       Optional<String> parentToolUseId, String json) implements ClaudeMessage {
        public StreamEvent {
            requireNonNull(eventType, "eventType is null");
            requireNonNull(messageId, "messageId is null");
            requireNonNull(index, "index is null");
            requireNonNull(delta, "delta is null");
            requireNonNull(parentToolUseId, "parentToolUseId is null");
            requireNonNull(json, "json is null");
        }
    }

    /**
     * {@code control_request/can_use_tool}: the CLI asks whether it may run a tool. Answer with
     * {@link ClaudeInputEncoder#permissionAnswer} well before the CLI's ~60 s limit.
     */
    record CanUseTool(String requestId, String toolName, Map<String, Object> input, Optional<String> toolUseId,
                      Optional<String> description, Optional<String> blockedPath, String json)
            implements ClaudeMessage {
        public CanUseTool {
            requireNonNull(requestId, "requestId is null");
            requireNonNull(toolName, "toolName is null");
            requireNonNull(input, "input is null");
            requireNonNull(toolUseId, "toolUseId is null");
            requireNonNull(description, "description is null");
            requireNonNull(blockedPath, "blockedPath is null");
            requireNonNull(json, "json is null");
        }
    }

    /**
     * A {@code control_request} of another subtype. The CLI waits for an answer: reply with
     * {@link ClaudeInputEncoder#controlError} unless it is handled.
     */
    record OtherControlRequest(String requestId, String subtype, String json) implements ClaudeMessage {
        public OtherControlRequest {
            requireNonNull(requestId, "requestId is null");
            requireNonNull(subtype, "subtype is null");
            requireNonNull(json, "json is null");
        }
    }

    /** The CLI's answer to one of our control requests ({@code interrupt}, {@code initialize}). */
    record ControlResponse(String requestId, boolean success, Map<String, Object> payload, Optional<String> error,
                           String json) implements ClaudeMessage {
        public ControlResponse {
            requireNonNull(requestId, "requestId is null");
            requireNonNull(payload, "payload is null");
            requireNonNull(error, "error is null");
            requireNonNull(json, "json is null");
        }
    }

    /** The CLI withdrew a control request it made (e.g. a permission request); no reply is expected. */
    record ControlCancelRequest(String requestId, String json) implements ClaudeMessage {
        public ControlCancelRequest {
            requireNonNull(requestId, "requestId is null");
            requireNonNull(json, "json is null");
        }
    }

    /**
     * {@code result}: the end of a turn. {@code usage} is this turn's; {@code totalCostUsd} and
     * {@code modelUsage} are running totals for the life of the process. {@code isError} is the truth:
     * an API failure arrives as subtype {@code success} with {@code is_error} true.
     *
     * @param apiErrorStatus    {@code api_error_status} as text (an HTTP status, e.g. {@code 500})
     * @param errors            {@code errors[]} diagnostics, if any
     * @param permissionDenials how many tool calls were denied during the turn
     */
    record Result(String subtype, boolean isError, Optional<String> resultText, int numTurns, long durationMs,
                  long durationApiMs, Optional<String> stopReason, Optional<String> terminalReason,
                  Optional<String> sessionId, Optional<BigDecimal> totalCostUsd, TokenUsage usage,
                  Map<String, ModelUsage> modelUsage, Optional<String> apiErrorStatus, Optional<String> apiErrorType,
                  List<String> errors, int permissionDenials) implements ClaudeMessage {
        public Result {
            requireNonNull(subtype, "subtype is null");
            requireNonNull(resultText, "resultText is null");
            requireNonNull(stopReason, "stopReason is null");
            requireNonNull(terminalReason, "terminalReason is null");
            requireNonNull(sessionId, "sessionId is null");
            requireNonNull(totalCostUsd, "totalCostUsd is null");
            requireNonNull(usage, "usage is null");
            requireNonNull(modelUsage, "modelUsage is null");
            modelUsage = Collections.unmodifiableMap(new LinkedHashMap<>(modelUsage));
            requireNonNull(apiErrorStatus, "apiErrorStatus is null");
            requireNonNull(apiErrorType, "apiErrorType is null");
            errors = List.copyOf(requireNonNull(errors, "errors is null"));
        }
    }

    /** A well-formed line of a {@code type} this codec does not know (later CLI versions add some). */
    record Unknown(String type, String json) implements ClaudeMessage {
        public Unknown {
            requireNonNull(type, "type is null");
            requireNonNull(json, "json is null");
        }
    }

    /**
     * A line that could not be decoded. {@code type} is the line's {@code type} when it could be read,
     * so that a broken {@code result} still ends the turn.
     */
    record Malformed(String line, String reason, Optional<String> type) implements ClaudeMessage {
        public Malformed {
            requireNonNull(line, "line is null");
            requireNonNull(reason, "reason is null");
            requireNonNull(type, "type is null");
        }
    }
}
