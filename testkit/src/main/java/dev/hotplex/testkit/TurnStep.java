package dev.hotplex.testkit;

import dev.hotplex.core.model.AgentEvent;
import dev.hotplex.core.model.PermissionDecision;
import dev.hotplex.core.model.ToolCall;
import dev.hotplex.core.port.out.TurnCompletion;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;

import static java.util.Objects.requireNonNull;

/**
 * One step of a {@link TurnScript}: what the fake agent does next. The factories cover what the
 * engine must cope with; a lambda over {@link ScriptedTurn} covers anything else.
 */
@FunctionalInterface
public interface TurnStep {
    void run(ScriptedTurn turn);

    /** Emits the events as they are. */
    static TurnStep emit(AgentEvent... events) {
        List<AgentEvent> copy = List.of(events);
        return turn -> copy.forEach(turn::emit);
    }

    /** A whole thinking block. */
    static TurnStep thinking(String text) {
        return emit(new AgentEvent.Thinking(text, false));
    }

    /** A whole answer block. */
    static TurnStep answer(String text) {
        return emit(new AgentEvent.Answer(text, false));
    }

    /** Answers {@code echo: <prompt>}: the default turn. */
    static TurnStep echo() {
        return turn -> turn.emit(new AgentEvent.Answer("echo: " + turn.prompt(), false));
    }

    /**
     * The fragments as answer deltas, then the whole block repeating them, as Claude does with partial
     * messages on: an engine that adds both counts the answer twice.
     */
    static TurnStep streamedAnswer(String... fragments) {
        List<String> copy = List.of(fragments);
        return turn -> {
            copy.forEach(fragment -> turn.emit(new AgentEvent.Answer(fragment, true)));
            turn.emit(new AgentEvent.Answer(String.join("", copy), false));
        };
    }

    /** A tool call and its successful result. */
    static TurnStep tool(ToolCall call, String output) {
        requireNonNull(call, "call is null");
        requireNonNull(output, "output is null");
        return emit(new AgentEvent.ToolUse(call), new AgentEvent.ToolResult(call.toolUseId(), call.toolName(), output, false, 0));
    }

    /** A tool call whose result is an error. */
    static TurnStep toolError(ToolCall call, String error) {
        requireNonNull(call, "call is null");
        requireNonNull(error, "error is null");
        return emit(new AgentEvent.ToolUse(call), new AgentEvent.ToolResult(call.toolUseId(), call.toolName(), error, true, 0));
    }

    /**
     * Asks permission and waits for the answer. Allowed: the script goes on. Denied: the turn ends
     * successfully with the answer {@code denied: <message>}, as an agent that gives up on the tool.
     */
    static TurnStep permissionRequest(String requestId, ToolCall call) {
        requireNonNull(requestId, "requestId is null");
        requireNonNull(call, "call is null");
        return turn -> endIfDenied(turn, turn.requestPermission(requestId, call));
    }

    /**
     * What Claude does for a guarded tool: the tool_use, the permission request, then the tool's result
     * if allowed; if denied, an error result and the answer {@code denied: <message>}, ending the turn.
     */
    static TurnStep toolWithPermission(String requestId, ToolCall call, String output) {
        requireNonNull(requestId, "requestId is null");
        requireNonNull(call, "call is null");
        requireNonNull(output, "output is null");
        return turn -> {
            turn.emit(new AgentEvent.ToolUse(call));
            PermissionDecision decision = turn.requestPermission(requestId, call);
            String result = decision.allow() ? output : "permission denied: " + decision.message().orElse("");
            turn.emit(new AgentEvent.ToolResult(call.toolUseId(), call.toolName(), result, !decision.allow(), 0));
            endIfDenied(turn, decision);
        };
    }

    /** Waits, as a slow model does; cut short by an interrupt or a close. */
    static TurnStep delay(Duration duration) {
        requireNonNull(duration, "duration is null");
        return turn -> turn.pause(duration);
    }

    /** Waits until the test completes {@code signal}: holds a turn at a chosen point. */
    static TurnStep waitFor(CompletionStage<?> signal) {
        requireNonNull(signal, "signal is null");
        return turn -> turn.waitFor(signal);
    }

    /** Never answers: the turn ends only by an interrupt or a close. */
    static TurnStep hang() {
        return ScriptedTurn::hang;
    }

    /** The process dies: the turn completes as PROCESS_DIED and the connection is dead. */
    static TurnStep crash() {
        return ScriptedTurn::crash;
    }

    /** The agent reports an error: the turn completes as FAILED and the connection stays usable. */
    static TurnStep fail(String message) {
        requireNonNull(message, "message is null");
        return turn -> turn.fail(message);
    }

    /** Ends the turn with exactly this completion. */
    static TurnStep complete(TurnCompletion completion) {
        requireNonNull(completion, "completion is null");
        return turn -> turn.complete(completion);
    }

    private static void endIfDenied(ScriptedTurn turn, PermissionDecision decision) {
        if (!decision.allow()) {
            turn.emit(new AgentEvent.Answer("denied: " + decision.message().orElse(""), false));
            turn.succeed();
        }
    }
}
