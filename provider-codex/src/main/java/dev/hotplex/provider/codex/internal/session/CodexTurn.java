package dev.hotplex.provider.codex.internal.session;

import dev.hotplex.core.model.AgentEvent;
import dev.hotplex.core.model.TokenUsage;
import dev.hotplex.core.port.out.TurnCompletion;
import dev.hotplex.core.port.out.TurnListener;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import static java.util.Objects.requireNonNull;

/**
 * One running turn: delivers events to its listener until it completes, exactly once. The stdout thread
 * drives it; a stop may complete it from another thread, so delivery and completion share one lock.
 */
final class CodexTurn {
    private final String turnId;
    private final TurnListener listener;
    private final TokenUsage tokensAtStart;
    /** Engine request id → the JSON-RPC id of Codex's approval request. */
    private final Map<String, String> pendingApprovals = new ConcurrentHashMap<>();
    private volatile String codexTurnId;
    private volatile boolean interruptRequested;
    private volatile String failure;
    private boolean completed; // guarded by this

    CodexTurn(String turnId, TurnListener listener, TokenUsage tokensAtStart) {
        this.turnId = requireNonNull(turnId, "turnId is null");
        this.listener = requireNonNull(listener, "listener is null");
        this.tokensAtStart = requireNonNull(tokensAtStart, "tokensAtStart is null");
    }

    String turnId() {
        return turnId;
    }

    TokenUsage tokensAtStart() {
        return tokensAtStart;
    }

    Optional<String> codexTurnId() {
        return Optional.ofNullable(codexTurnId);
    }

    void codexTurnId(String id) {
        codexTurnId = id;
    }

    boolean interruptRequested() {
        return interruptRequested;
    }

    void requestInterrupt() {
        interruptRequested = true;
    }

    /** The last non-retried error Codex reported during this turn. */
    Optional<String> failure() {
        return Optional.ofNullable(failure);
    }

    void failure(String message) {
        failure = message;
    }

    void addApproval(String requestId, String rpcId) {
        pendingApprovals.put(requestId, rpcId);
    }

    Optional<String> takeApproval(String requestId) {
        return Optional.ofNullable(pendingApprovals.remove(requestId));
    }

    /** Every approval still waiting for an answer, removed. */
    Map<String, String> drainApprovals() {
        Map<String, String> drained = Map.copyOf(pendingApprovals);
        drained.keySet().forEach(pendingApprovals::remove);
        return drained;
    }

    synchronized void emit(AgentEvent event) {
        if (!completed) {
            listener.onEvent(event);
        }
    }

    /** False when it had already completed. */
    synchronized boolean complete(TurnCompletion completion) {
        if (completed) {
            return false;
        }
        completed = true;
        listener.onComplete(completion);
        return true;
    }
}
