package dev.hotplex.core.service;

import dev.hotplex.core.model.AgentEvent;
import dev.hotplex.core.model.BlockLayer;
import dev.hotplex.core.model.PermissionDecision;
import dev.hotplex.core.model.SessionId;
import dev.hotplex.core.model.Verdict;
import dev.hotplex.core.port.in.EventSink;
import dev.hotplex.core.port.out.AgentConnection;
import dev.hotplex.core.port.out.Clock;
import dev.hotplex.core.port.out.ContentPolicy;
import dev.hotplex.core.port.out.EngineObserver;
import dev.hotplex.core.port.out.TurnCompletion;
import dev.hotplex.core.port.out.TurnListener;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static java.util.Objects.requireNonNull;

/**
 * One running turn: receives the provider's events, judges permission requests, measures the turn
 * and delivers events to the caller's sink in order. Once the terminal event is out, late events
 * (e.g. after a timeout) are dropped, so a sink sees exactly one terminal event.
 */
final class TurnExecution implements TurnListener {
    private static final System.Logger LOG = System.getLogger(TurnExecution.class.getName());

    /** Everything a turn needs from its engine. */
    record Context(Clock clock, EngineObserver observer, ContentPolicy policy, ToolApproval approval,
                   Duration permissionTimeout, ScheduledExecutorService timer) {
    }

    private final String turnId;
    private final Session session;
    private final EventSink sink;
    private final Context context;
    private final TurnStatsRecorder recorder;
    private final CompletableFuture<TurnCompletion> completion = new CompletableFuture<>();
    private final CompletableFuture<Void> finished = new CompletableFuture<>();
    private final Map<String, ScheduledFuture<?>> pendingPermissions = new ConcurrentHashMap<>();
    private final Object deliveryLock = new Object();

    private boolean terminalSent;
    private boolean sinkBroken;
    private volatile AgentConnection connection;
    private volatile String stopReason;
    private volatile boolean interruptRequested;

    TurnExecution(String turnId, Session session, EventSink sink, Context context) {
        this.turnId = requireNonNull(turnId, "turnId is null");
        this.session = requireNonNull(session, "session is null");
        this.sink = requireNonNull(sink, "sink is null");
        this.context = requireNonNull(context, "context is null");
        this.recorder = new TurnStatsRecorder(context.clock().now());
    }

    String turnId() {
        return turnId;
    }

    SessionId sessionId() {
        return session.sessionId();
    }

    void useConnection(AgentConnection active) {
        this.connection = active;
    }

    // ---- provider side -------------------------------------------------------------------------

    @Override
    public void onEvent(AgentEvent event) {
        session.touch(context.clock().now());
        if (event instanceof AgentEvent.PermissionRequest request) {
            judge(request);
        } else {
            emit(event);
        }
    }

    @Override
    public void onComplete(TurnCompletion turnCompletion) {
        session.touch(context.clock().now());
        pendingPermissions.values().forEach(timer -> timer.cancel(false));
        pendingPermissions.clear();
        completion.complete(turnCompletion);
    }

    // ---- engine side ---------------------------------------------------------------------------

    /** Delivers an event unless the turn already ended. */
    void emit(AgentEvent event) {
        synchronized (deliveryLock) {
            if (terminalSent) {
                return;
            }
            deliver(recorder.record(event, context.clock().now()));
        }
    }

    /** Delivers the terminal event built from the recorder; later events are dropped. */
    <T extends AgentEvent> T finish(java.util.function.Function<TurnStatsRecorder, T> terminal) {
        synchronized (deliveryLock) {
            T event = terminal.apply(recorder);
            if (!terminalSent) {
                terminalSent = true;
                deliver(event);
            }
            finished.complete(null);
            return event;
        }
    }

    /** Waits for the provider to end the turn; empty on timeout. */
    Optional<TurnCompletion> awaitCompletion(Duration timeout) {
        try {
            return Optional.of(completion.get(timeout.toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (ExecutionException e) {
            throw new IllegalStateException("turn completion failed", e.getCause());
        }
    }

    /** Waits until the terminal event was sent (used by stop and close). */
    void awaitFinished(Duration timeout) {
        try {
            finished.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            LOG.log(System.Logger.Level.WARNING, "turn {0} did not finish within {1}", turnId, timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    void requestInterrupt() {
        interruptRequested = true;
        AgentConnection active = connection;
        if (active != null) {
            active.interrupt();
        }
    }

    boolean interruptRequested() {
        return interruptRequested;
    }

    void requestStop(String reason) {
        stopReason = reason;
    }

    Optional<String> stopReason() {
        return Optional.ofNullable(stopReason);
    }

    /** Answers a pending permission request; false when none is pending under that id. */
    boolean resolvePermission(String requestId, PermissionDecision decision, String source) {
        ScheduledFuture<?> timer = pendingPermissions.remove(requestId);
        if (timer == null) {
            return false;
        }
        timer.cancel(false);
        answer(requestId, decision, source);
        return true;
    }

    String answerText() {
        synchronized (deliveryLock) {
            return recorder.answerText();
        }
    }

    // ---- internals -----------------------------------------------------------------------------

    private void judge(AgentEvent.PermissionRequest request) {
        Verdict verdict;
        try {
            verdict = context.policy().checkToolCall(request.call());
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "firewall failed on a tool call; denying it", e);
            answer(request.requestId(), PermissionDecision.denied("the firewall could not judge this tool call"), "policy");
            return;
        }
        if (verdict instanceof Verdict.Blocked blocked) {
            context.observer().blocked(session.sessionId(), BlockLayer.TOOL_CALL, blocked);
            answer(request.requestId(), PermissionDecision.denied(
                    "blocked by firewall rule " + blocked.ruleId() + ": " + blocked.reason()), "policy");
            emit(new AgentEvent.DangerBlock(BlockLayer.TOOL_CALL, blocked, Optional.of(request.call().toolUseId())));
            return;
        }
        if (session.disallowedTools().matches(request.call())) {
            answer(request.requestId(), PermissionDecision.denied(
                    "tool " + request.call().toolName() + " is disallowed in this session"), "policy");
            return;
        }
        if (session.allowedTools().matches(request.call())) {
            answer(request.requestId(), PermissionDecision.allowed(), "policy");
            return;
        }
        switch (context.approval()) {
            case ALLOW -> answer(request.requestId(), PermissionDecision.allowed(), "policy");
            case DENY -> answer(request.requestId(),
                    PermissionDecision.denied("tool use needs approval and this deployment denies it"), "policy");
            case ASK -> {
                pendingPermissions.put(request.requestId(), context.timer().schedule(
                        () -> resolvePermission(request.requestId(), PermissionDecision.denied(
                                "no answer within " + context.permissionTimeout().toSeconds() + " s"), "timeout"),
                        context.permissionTimeout().toMillis(), TimeUnit.MILLISECONDS));
                emit(request);
            }
        }
    }

    private void answer(String requestId, PermissionDecision decision, String source) {
        context.observer().permissionDecided(session.sessionId(), requestId, decision, source);
        AgentConnection active = connection;
        if (active != null) {
            active.answerPermission(requestId, decision);
        }
    }

    private void deliver(AgentEvent event) {
        context.observer().turnEvent(session.sessionId(), turnId, event);
        if (sinkBroken) {
            return;
        }
        try {
            sink.accept(event);
        } catch (RuntimeException e) {
            // a gone client must not break the turn: finish it, stop talking to the sink
            sinkBroken = true;
            LOG.log(System.Logger.Level.INFO, "event sink of turn {0} failed; dropping its further events: {1}",
                    turnId, e.toString());
        }
    }
}
