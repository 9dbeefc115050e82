package dev.hotplex.provider.claude.internal.wire;

import dev.hotplex.core.model.AgentEvent;
import dev.hotplex.core.model.ToolCall;
import dev.hotplex.core.port.out.TurnCompletion;
import dev.hotplex.provider.claude.internal.wire.ClaudeMessage.ApiRetry;
import dev.hotplex.provider.claude.internal.wire.ClaudeMessage.Assistant;
import dev.hotplex.provider.claude.internal.wire.ClaudeMessage.CanUseTool;
import dev.hotplex.provider.claude.internal.wire.ClaudeMessage.ControlCancelRequest;
import dev.hotplex.provider.claude.internal.wire.ClaudeMessage.ControlResponse;
import dev.hotplex.provider.claude.internal.wire.ClaudeMessage.Malformed;
import dev.hotplex.provider.claude.internal.wire.ClaudeMessage.OtherControlRequest;
import dev.hotplex.provider.claude.internal.wire.ClaudeMessage.PermissionDenied;
import dev.hotplex.provider.claude.internal.wire.ClaudeMessage.Result;
import dev.hotplex.provider.claude.internal.wire.ClaudeMessage.StreamEvent;
import dev.hotplex.provider.claude.internal.wire.ClaudeMessage.SystemInit;
import dev.hotplex.provider.claude.internal.wire.ClaudeMessage.SystemOther;
import dev.hotplex.provider.claude.internal.wire.ClaudeMessage.Unknown;
import dev.hotplex.provider.claude.internal.wire.ClaudeMessage.User;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Turns the {@link ClaudeMessage}s of one turn into core events and, at the {@code result}, the turn's
 * {@link TurnCompletion}. Use a new instance per turn, from one thread.
 *
 * <ul>
 *   <li>assistant text / thinking blocks: {@code Answer} / {@code Thinking} ({@code delta=false}),
 *       unless the block was already streamed as fragments; tool_use blocks: always {@code ToolUse};</li>
 *   <li>stream_event text / thinking deltas: {@code Answer} / {@code Thinking} ({@code delta=true});</li>
 *   <li>user tool_result blocks: {@code ToolResult}, named after the matching tool_use (or
 *       {@code unknown}), duration 0 (the engine measures it);</li>
 *   <li>can_use_tool: {@code PermissionRequest};</li>
 *   <li>everything else is kept as {@code Raw}, typed {@code system/<subtype>},
 *       {@code stream_event/<event type>}, {@code control_request/<subtype>}, {@code control_response},
 *       {@code control_cancel_request}, {@code user} (a user message with text, e.g. after an
 *       interrupt), {@code assistant/api_error} (the CLI's synthetic API-error message, already
 *       reported by the failed result), {@code assistant/<block type>}, the unknown type, or
 *       {@code malformed} (with the line as is).</li>
 * </ul>
 * {@code system/permission_denied} stays raw: the CLI follows it with a {@code tool_result} error for
 * the same {@code tool_use_id}, which becomes the {@code ToolResult}; mapping both would report the
 * failure twice.
 */
public final class TurnEventMapper {
    static final String UNKNOWN_TOOL = "unknown";
    private static final String SYNTHETIC_MODEL = "<synthetic>";

    private final Map<String, String> toolNames = new HashMap<>();
    private final StreamedBlocks streamedBlocks = new StreamedBlocks();
    private Optional<SystemInit> init = Optional.empty();
    private Optional<String> answeringModel = Optional.empty();

    public TurnStep accept(ClaudeMessage message) {
        requireNonNull(message, "message is null");
        return switch (message) {
            case SystemInit systemInit -> {
                init = Optional.of(systemInit);
                yield raw("system/init", systemInit.json());
            }
            case SystemOther other -> raw("system/" + other.subtype(), other.json());
            case PermissionDenied denied -> raw("system/permission_denied", denied.json());
            case ApiRetry retry -> raw("system/api_retry", retry.json());
            case Assistant assistant -> assistant(assistant);
            case User user -> user(user);
            case StreamEvent event -> streamEvent(event);
            case CanUseTool request -> permissionRequest(request);
            case OtherControlRequest request -> raw("control_request/" + request.subtype(), request.json());
            case ControlResponse response -> raw("control_response", response.json());
            case ControlCancelRequest cancel -> raw("control_cancel_request", cancel.json());
            case Result result -> new TurnStep(List.of(), Optional.of(ResultCompletion.of(result, model())));
            case Unknown unknown -> raw(unknown.type(), unknown.json());
            case Malformed malformed -> malformed(malformed);
        };
    }

    /** The turn's {@code system/init}, once seen: session id, model, tools, permission mode. */
    public Optional<SystemInit> init() {
        return init;
    }

    private TurnStep assistant(Assistant assistant) {
        if (assistant.apiError()) {
            return raw("assistant/api_error", assistant.json());
        }
        assistant.model().filter(model -> !model.equals(SYNTHETIC_MODEL))
                .ifPresent(model -> answeringModel = Optional.of(model));
        List<AgentEvent> events = new ArrayList<>();
        for (ContentBlock block : assistant.content()) {
            int index = streamedBlocks.nextWholeBlock(assistant.messageId());
            switch (block) {
                case ContentBlock.Text text -> textBlock(assistant, index, text.text(), false, events);
                case ContentBlock.Thinking thinking -> textBlock(assistant, index, thinking.text(), true, events);
                case ContentBlock.ToolUse toolUse -> {
                    toolNames.put(toolUse.id(), toolUse.name());
                    events.add(new AgentEvent.ToolUse(new ToolCall(toolUse.id(), toolUse.name(), toolUse.input())));
                }
                case ContentBlock.Other other ->
                        events.add(new AgentEvent.Raw("assistant/" + other.type(), assistant.json()));
            }
        }
        return TurnStep.of(events);
    }

    private void textBlock(Assistant assistant, int index, String text, boolean thinking, List<AgentEvent> events) {
        Optional<String> unsentRest = streamedBlocks.unsentRest(assistant.messageId(), index, text);
        boolean delta = unsentRest.isPresent();
        String toSend = unsentRest.orElse(text);
        if (!toSend.isEmpty()) {
            events.add(thinking ? new AgentEvent.Thinking(toSend, delta) : new AgentEvent.Answer(toSend, delta));
        }
    }

    private TurnStep user(User user) {
        List<AgentEvent> events = new ArrayList<>();
        for (ToolResultBlock result : user.toolResults()) {
            String toolName = toolNames.getOrDefault(result.toolUseId(), UNKNOWN_TOOL);
            events.add(new AgentEvent.ToolResult(result.toolUseId(), toolName, result.content(), result.isError(), 0));
        }
        if (user.toolResults().isEmpty() || !user.texts().isEmpty()) {
            events.add(new AgentEvent.Raw("user", user.json()));
        }
        return TurnStep.of(events);
    }

    private TurnStep streamEvent(StreamEvent event) {
        if (event.eventType().equals("message_start")) {
            streamedBlocks.messageStarted(event.messageId());
        }
        Optional<StreamDelta> delta = event.delta().filter(d -> d.isText() || d.isThinking());
        if (delta.isEmpty()) {
            return raw("stream_event/" + event.eventType(), event.json());
        }
        streamedBlocks.fragment(event.messageId(), event.index(), delta.get().text());
        if (delta.get().text().isEmpty()) {
            return TurnStep.of(List.of());
        }
        return TurnStep.of(delta.get().isThinking()
                ? new AgentEvent.Thinking(delta.get().text(), true)
                : new AgentEvent.Answer(delta.get().text(), true));
    }

    private TurnStep permissionRequest(CanUseTool request) {
        String toolUseId = request.toolUseId().orElse("");
        toolNames.putIfAbsent(toolUseId, request.toolName());
        Optional<String> description = request.description()
                .or(() -> request.blockedPath().map(path -> "blocked path: " + path));
        return TurnStep.of(new AgentEvent.PermissionRequest(request.requestId(),
                new ToolCall(toolUseId, request.toolName(), request.input()), description));
    }

    private TurnStep malformed(Malformed malformed) {
        AgentEvent event = new AgentEvent.Raw("malformed", malformed.line());
        if (malformed.type().filter("result"::equals).isPresent()) {
            return new TurnStep(List.of(event), Optional.of(ResultCompletion.unreadable(malformed, model())));
        }
        return TurnStep.of(event);
    }

    /** The model that answered this turn, else the one the turn started with. */
    private Optional<String> model() {
        return answeringModel.or(() -> init.flatMap(SystemInit::model));
    }

    private static TurnStep raw(String type, String json) {
        return TurnStep.of(new AgentEvent.Raw(type, json));
    }
}
