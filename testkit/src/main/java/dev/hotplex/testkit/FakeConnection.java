package dev.hotplex.testkit;

import dev.hotplex.core.error.HotplexException;
import dev.hotplex.core.error.StandardErrorCode;
import dev.hotplex.core.model.ModelUsage;
import dev.hotplex.core.model.PermissionDecision;
import dev.hotplex.core.model.ProviderTotals;
import dev.hotplex.core.model.TokenUsage;
import dev.hotplex.core.port.out.AgentConnection;
import dev.hotplex.core.port.out.SessionSpec;
import dev.hotplex.core.port.out.TurnCompletion;
import dev.hotplex.core.port.out.TurnInput;
import dev.hotplex.core.port.out.TurnListener;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;

import static java.util.Objects.requireNonNull;

/**
 * One fake hot agent process, made by {@link FakeProvider}. Each turn plays a {@link TurnScript} on
 * its own virtual thread and reports to its listener: events, then exactly one completion, always,
 * also when interrupted (INTERRUPTED, stays alive) or closed (PROCESS_DIED, dead). Like Claude, it
 * reports running totals for the life of the process: {@link #COST_PER_TURN} more per successful
 * turn, under model {@link #MODEL}.
 *
 * <p>It records what the engine did to it, including what the engine must never do: start a turn
 * while one runs ({@link #overlappingTurns()}) or answer a permission nobody asked for
 * ({@link #unexpectedPermissionAnswers()}).
 */
public final class FakeConnection implements AgentConnection {
    public static final String MODEL = "fake-model";
    public static final BigDecimal COST_PER_TURN = new BigDecimal("0.01");

    private final FakeProvider provider;
    private final SessionSpec spec;
    private final long pid;

    private final ReentrantLock lock = new ReentrantLock();
    // guarded by lock
    private boolean alive = true;
    private boolean ignoreInterrupts;
    private ScriptedTurn current;
    private Duration closeGrace;
    private int closeCount;
    private int interruptCount;
    private int overlappingTurns;
    private int unexpectedPermissionAnswers;
    private int successfulTurns;
    private TokenUsage totalTokens = TokenUsage.ZERO;
    private BigDecimal totalCost = BigDecimal.ZERO;
    private final List<TurnInput> turnInputs = new ArrayList<>();
    private final List<PermissionAnswer> permissionAnswers = new ArrayList<>();

    private final List<Throwable> turnErrors = new CopyOnWriteArrayList<>();

    FakeConnection(FakeProvider provider, SessionSpec spec, long pid, boolean ignoreInterrupts) {
        this.provider = requireNonNull(provider, "provider is null");
        this.spec = requireNonNull(spec, "spec is null");
        this.pid = pid;
        this.ignoreInterrupts = ignoreInterrupts;
    }

    /** An answer the engine gave through {@link #answerPermission}. */
    public record PermissionAnswer(String requestId, PermissionDecision decision) {
        public PermissionAnswer {
            requireNonNull(requestId, "requestId is null");
            requireNonNull(decision, "decision is null");
        }
    }

    @Override
    public OptionalLong pid() {
        return OptionalLong.of(pid);
    }

    /** The spec this connection was opened with. */
    public SessionSpec spec() {
        return spec;
    }

    /**
     * Starts the turn on a virtual thread and returns at once. The script is the provider's choice for
     * the prompt at this moment. Throws {@code PROCESS_DIED} on a dead connection, and
     * {@link IllegalStateException} (counted in {@link #overlappingTurns()}) while a turn runs.
     */
    @Override
    public void startTurn(TurnInput input, TurnListener listener) {
        requireNonNull(input, "input is null");
        requireNonNull(listener, "listener is null");
        ScriptedTurn turn = new ScriptedTurn(this, input, listener);
        lock.lock();
        try {
            if (!alive) {
                throw new HotplexException(StandardErrorCode.PROCESS_DIED, "fake agent process " + pid + " is gone");
            }
            if (current != null) {
                overlappingTurns++;
                throw new IllegalStateException("protocol violation: turn " + input.turnId() + " started while turn "
                        + current.input().turnId() + " runs on fake process " + pid);
            }
            current = turn;
            turnInputs.add(input);
        } finally {
            lock.unlock();
        }
        TurnScript script = provider.turnStarted(input);
        Thread.ofVirtual().name("fake-turn-" + pid + "-" + input.turnId()).start(() -> run(turn, script, listener));
    }

    /** Ends the running turn as INTERRUPTED, unless this connection ignores interrupts; counted either way. */
    @Override
    public void interrupt() {
        lock.lock();
        try {
            interruptCount++;
            if (current != null && !ignoreInterrupts) {
                current.end(ScriptedTurn.Ending.interrupted());
            }
        } finally {
            lock.unlock();
        }
    }

    /** Hands the decision to the running turn's waiting request; anything else counts as unexpected. */
    @Override
    public void answerPermission(String requestId, PermissionDecision decision) {
        requireNonNull(requestId, "requestId is null");
        requireNonNull(decision, "decision is null");
        lock.lock();
        try {
            permissionAnswers.add(new PermissionAnswer(requestId, decision));
            if (current == null || !current.offerDecision(requestId, decision)) {
                unexpectedPermissionAnswers++;
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean isAlive() {
        lock.lock();
        try {
            return alive;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Kills the fake process at once (there is nothing to wait for); a running turn completes as
     * PROCESS_DIED on its own thread, possibly after this returns. Idempotent; the first grace is kept.
     */
    @Override
    public void close(Duration grace) {
        requireNonNull(grace, "grace is null");
        lock.lock();
        try {
            closeCount++;
            if (closeGrace == null) {
                closeGrace = grace;
            }
            die("closed by the engine");
        } finally {
            lock.unlock();
        }
    }

    /** The process dies unasked, e.g. while idle; a running turn completes as PROCESS_DIED. */
    public void simulateCrash() {
        lock.lock();
        try {
            die("fake agent process " + pid + " crashed");
        } finally {
            lock.unlock();
        }
    }

    /** When set, {@link #interrupt()} is ignored, so only {@link #close} ends a hanging turn. */
    public void ignoreInterrupts(boolean ignore) {
        lock.lock();
        try {
            ignoreInterrupts = ignore;
        } finally {
            lock.unlock();
        }
    }

    public boolean turnRunning() {
        lock.lock();
        try {
            return current != null;
        } finally {
            lock.unlock();
        }
    }

    /** Every turn input accepted, in order. */
    public List<TurnInput> turnInputs() {
        lock.lock();
        try {
            return List.copyOf(turnInputs);
        } finally {
            lock.unlock();
        }
    }

    public int interruptCount() {
        lock.lock();
        try {
            return interruptCount;
        } finally {
            lock.unlock();
        }
    }

    /** Every answer the engine gave, expected or not, in order. */
    public List<PermissionAnswer> permissionAnswers() {
        lock.lock();
        try {
            return List.copyOf(permissionAnswers);
        } finally {
            lock.unlock();
        }
    }

    /** Answers for a request no running turn waited for (unknown, repeated or late): an engine bug. */
    public int unexpectedPermissionAnswers() {
        lock.lock();
        try {
            return unexpectedPermissionAnswers;
        } finally {
            lock.unlock();
        }
    }

    /** Turns started while another ran: the engine must keep this at zero. */
    public int overlappingTurns() {
        lock.lock();
        try {
            return overlappingTurns;
        } finally {
            lock.unlock();
        }
    }

    public boolean closed() {
        return closeGrace().isPresent();
    }

    /** The grace of the first {@link #close} call. */
    public Optional<Duration> closeGrace() {
        lock.lock();
        try {
            return Optional.ofNullable(closeGrace);
        } finally {
            lock.unlock();
        }
    }

    public int closeCount() {
        lock.lock();
        try {
            return closeCount;
        } finally {
            lock.unlock();
        }
    }

    /** The running totals the next completion would report. */
    public ProviderTotals totals() {
        lock.lock();
        try {
            return currentTotals();
        } finally {
            lock.unlock();
        }
    }

    /** Exceptions thrown by scripts or by the listener during turns: tests should expect none. */
    public List<Throwable> turnErrors() {
        return List.copyOf(turnErrors);
    }

    @Override
    public String toString() {
        return "FakeConnection[pid=" + pid + ", session=" + spec.sessionId() + ", alive=" + isAlive() + "]";
    }

    /** A completion that carries the running totals unchanged, as Claude's error results do. */
    TurnCompletion failedCompletion(TurnCompletion.Status status, String message) {
        requireNonNull(status, "status is null");
        requireNonNull(message, "message is null");
        lock.lock();
        try {
            return new TurnCompletion(status, Optional.empty(), TokenUsage.ZERO, currentTotals(), Optional.of(MODEL), 0,
                    Optional.of(message));
        } finally {
            lock.unlock();
        }
    }

    private void run(ScriptedTurn turn, TurnScript script, TurnListener listener) {
        Optional<TurnCompletion> scripted = Optional.empty();
        try {
            for (TurnStep step : script.steps()) {
                turn.pause(script.stepDelay());
                step.run(turn);
            }
        } catch (TurnEnded ended) {
            scripted = ended.completion();
        } catch (RuntimeException | AssertionError e) {
            turnErrors.add(e);
            scripted = Optional.of(failedCompletion(TurnCompletion.Status.FAILED, "fake turn failed: " + e));
        }
        TurnCompletion completion = finish(turn, scripted);
        try {
            listener.onComplete(completion);
        } catch (RuntimeException | AssertionError e) {
            turnErrors.add(e);
        }
    }

    /**
     * Settles how the turn ended (an interrupt or close beats the script) and frees the connection
     * before the listener hears of it, so the engine may start the next turn from {@code onComplete}.
     */
    private TurnCompletion finish(ScriptedTurn turn, Optional<TurnCompletion> scripted) {
        lock.lock();
        try {
            Optional<ScriptedTurn.Ending> ending = turn.seal();
            TurnCompletion completion;
            if (ending.isPresent()) {
                completion = endedCompletion(ending.get());
            } else if (scripted.isPresent()) {
                completion = scripted.get();
            } else {
                completion = recordSuccess(turn);
            }
            switch (completion.status()) {
                case SUCCESS -> provider.conversationSaved(spec.providerSessionId());
                case PROCESS_DIED -> alive = false;
                case FAILED, INTERRUPTED -> {
                    // the process stays usable
                }
            }
            current = null;
            return completion;
        } finally {
            lock.unlock();
        }
    }

    private TurnCompletion endedCompletion(ScriptedTurn.Ending ending) {
        if (ending.status() == TurnCompletion.Status.PROCESS_DIED) {
            return TurnCompletion.failure(TurnCompletion.Status.PROCESS_DIED, ending.message());
        }
        return failedCompletion(ending.status(), ending.message());
    }

    private TurnCompletion recordSuccess(ScriptedTurn turn) {
        Optional<String> answer = turn.answerText();
        TokenUsage tokens = new TokenUsage(turn.prompt().length(), answer.map(String::length).orElse(0), 0, 0);
        successfulTurns++;
        totalTokens = totalTokens.plus(tokens);
        totalCost = totalCost.add(COST_PER_TURN);
        return new TurnCompletion(TurnCompletion.Status.SUCCESS, answer, tokens, currentTotals(), Optional.of(MODEL), 1,
                Optional.empty());
    }

    private ProviderTotals currentTotals() {
        if (successfulTurns == 0) {
            return ProviderTotals.NONE;
        }
        return new ProviderTotals(Optional.of(totalCost), Map.of(MODEL, new ModelUsage(totalTokens, totalCost)));
    }

    private void die(String why) {
        alive = false;
        if (current != null) {
            current.end(ScriptedTurn.Ending.died(why));
        }
    }
}
