package dev.hotplex.testkit;

import dev.hotplex.core.model.AgentEvent;
import dev.hotplex.core.model.PermissionDecision;
import dev.hotplex.core.model.ToolCall;
import dev.hotplex.core.port.out.TurnCompletion;
import dev.hotplex.core.port.out.TurnInput;
import dev.hotplex.core.port.out.TurnListener;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

import static java.util.Objects.requireNonNull;

/**
 * One running turn of a {@link FakeConnection}, as its {@link TurnStep}s see it: they emit events,
 * wait and end the turn through it. Every wait here wakes up as soon as the turn is interrupted or
 * its connection closed; the turn then unwinds with an internal exception that steps must let pass
 * (do not catch {@code RuntimeException} in a custom step).
 */
public final class ScriptedTurn {
    private final FakeConnection connection;
    private final TurnInput input;
    private final TurnListener listener;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    // guarded by lock
    private Ending ending;
    private boolean sealed;
    private final Set<String> awaitedPermissions = new HashSet<>();
    private final Map<String, PermissionDecision> decisions = new HashMap<>();

    // touched by the turn's own thread only
    private final StringBuilder answerBlocks = new StringBuilder();
    private final StringBuilder answerDeltas = new StringBuilder();

    ScriptedTurn(FakeConnection connection, TurnInput input, TurnListener listener) {
        this.connection = requireNonNull(connection, "connection is null");
        this.input = requireNonNull(input, "input is null");
        this.listener = requireNonNull(listener, "listener is null");
    }

    public TurnInput input() {
        return input;
    }

    public String prompt() {
        return input.prompt();
    }

    public FakeConnection connection() {
        return connection;
    }

    /**
     * Delivers one event to the turn's listener, unless the turn has already been ended. Terminal
     * events are refused ({@link IllegalArgumentException}): the engine makes those, not the agent.
     */
    public void emit(AgentEvent event) {
        requireNonNull(event, "event is null");
        if (event.terminal()) {
            throw new IllegalArgumentException("terminal events are the engine's to send, not the agent's: " + event);
        }
        throwIfEnded();
        if (event instanceof AgentEvent.Answer answer) {
            (answer.delta() ? answerDeltas : answerBlocks).append(answer.text());
        }
        // outside any lock: the listener may call back into the connection (interrupt, answerPermission)
        listener.onEvent(event);
    }

    /** Waits {@code duration}, or less if the turn is ended meanwhile. */
    public void pause(Duration duration) {
        requireNonNull(duration, "duration is null");
        awaitUntil(() -> false, true, System.nanoTime() + duration.toNanos());
    }

    /** Waits until {@code signal} completes (normally or not), or the turn is ended. */
    public void waitFor(CompletionStage<?> signal) {
        requireNonNull(signal, "signal is null");
        AtomicBoolean done = new AtomicBoolean();
        signal.whenComplete((result, failure) -> {
            done.set(true);
            wakeUp();
        });
        awaitUntil(done::get, false, 0);
    }

    /** Waits until the turn is ended by an interrupt or a close: an agent that never answers. */
    public void hang() {
        awaitUntil(() -> false, false, 0);
    }

    /**
     * Emits the request and waits for {@link FakeConnection#answerPermission} with its id, which may
     * even come from inside the listener's {@code onEvent} for it.
     */
    public PermissionDecision requestPermission(AgentEvent.PermissionRequest request) {
        requireNonNull(request, "request is null");
        String requestId = request.requestId();
        lock.lock();
        try {
            if (!awaitedPermissions.add(requestId)) {
                throw new IllegalArgumentException("permission request " + requestId + " was already made in this turn");
            }
        } finally {
            lock.unlock();
        }
        emit(request);
        awaitUntil(() -> decisions.containsKey(requestId), false, 0);
        lock.lock();
        try {
            return decisions.get(requestId);
        } finally {
            lock.unlock();
        }
    }

    /** {@link #requestPermission(AgentEvent.PermissionRequest)} without a description. */
    public PermissionDecision requestPermission(String requestId, ToolCall call) {
        return requestPermission(new AgentEvent.PermissionRequest(requestId, call, Optional.empty()));
    }

    /**
     * Ends the turn now with exactly this completion; the fake's running totals do not move. An
     * interrupt or close that came first still wins.
     */
    public void complete(TurnCompletion completion) {
        throw TurnEnded.completedWith(requireNonNull(completion, "completion is null"));
    }

    /** Ends the turn now as SUCCESS, with the fake's usual token usage and running totals. */
    public void succeed() {
        throw TurnEnded.withDefaultOutcome();
    }

    /** Ends the turn now as FAILED (an agent-reported error): the connection stays alive. */
    public void fail(String message) {
        complete(connection.failedCompletion(TurnCompletion.Status.FAILED, message));
    }

    /** Kills the fake process now: the turn completes as PROCESS_DIED and the connection is dead. */
    public void crash() {
        connection.simulateCrash();
        hang();
    }

    /** The answer text so far: the whole blocks if any were emitted, otherwise the streamed fragments. */
    public Optional<String> answerText() {
        if (!answerBlocks.isEmpty()) {
            return Optional.of(answerBlocks.toString());
        }
        return answerDeltas.isEmpty() ? Optional.empty() : Optional.of(answerDeltas.toString());
    }

    /** Ends the turn from outside (interrupt or close); a close overrides an earlier interrupt. */
    void end(Ending signal) {
        lock.lock();
        try {
            if (sealed || (ending != null && ending.outranks(signal))) {
                return;
            }
            ending = signal;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Stops accepting signals and answers; returns the one that ended the turn, if any. */
    Optional<Ending> seal() {
        lock.lock();
        try {
            sealed = true;
            return Optional.ofNullable(ending);
        } finally {
            lock.unlock();
        }
    }

    /** Hands a decision to a waiting permission request; false if nothing in this turn waits for it. */
    boolean offerDecision(String requestId, PermissionDecision decision) {
        lock.lock();
        try {
            if (sealed || !awaitedPermissions.contains(requestId) || decisions.containsKey(requestId)) {
                return false;
            }
            decisions.put(requestId, decision);
            changed.signalAll();
            return true;
        } finally {
            lock.unlock();
        }
    }

    private void wakeUp() {
        lock.lock();
        try {
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void throwIfEnded() {
        lock.lock();
        try {
            if (ending != null) {
                throw TurnEnded.withDefaultOutcome();
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until {@code done} (checked under the lock) or, when {@code timed}, the {@link System#nanoTime()}
     * deadline; throws {@link TurnEnded} as soon as the turn is ended.
     */
    private void awaitUntil(BooleanSupplier done, boolean timed, long deadlineNanos) {
        lock.lock();
        try {
            while (true) {
                if (ending != null) {
                    throw TurnEnded.withDefaultOutcome();
                }
                if (done.getAsBoolean()) {
                    return;
                }
                if (timed) {
                    long left = deadlineNanos - System.nanoTime();
                    if (left <= 0) {
                        return;
                    }
                    changed.awaitNanos(left);
                } else {
                    changed.await();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lock.unlock();
        }
        // only reached when interrupted; built outside the lock, since the connection's lock comes first
        throw TurnEnded.completedWith(connection.failedCompletion(TurnCompletion.Status.FAILED,
                "fake turn thread was interrupted"));
    }

    /** Why a turn was ended from outside. */
    record Ending(TurnCompletion.Status status, String message) {
        Ending {
            requireNonNull(status, "status is null");
            requireNonNull(message, "message is null");
        }

        static Ending interrupted() {
            return new Ending(TurnCompletion.Status.INTERRUPTED, "interrupted");
        }

        static Ending died(String why) {
            return new Ending(TurnCompletion.Status.PROCESS_DIED, why);
        }

        /** Only a death replaces an interrupt: once the process is gone, that is what the turn reports. */
        boolean outranks(Ending next) {
            return status == TurnCompletion.Status.PROCESS_DIED || next.status != TurnCompletion.Status.PROCESS_DIED;
        }
    }
}
