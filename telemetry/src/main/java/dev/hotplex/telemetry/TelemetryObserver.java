package dev.hotplex.telemetry;

import dev.hotplex.core.model.AgentEvent;
import dev.hotplex.core.model.BlockLayer;
import dev.hotplex.core.model.PermissionDecision;
import dev.hotplex.core.model.SessionId;
import dev.hotplex.core.model.TurnResult;
import dev.hotplex.core.model.Verdict;
import dev.hotplex.core.port.out.EngineObserver;
import io.opentelemetry.api.trace.Tracer;

import java.time.Duration;
import java.util.OptionalLong;

import static java.util.Objects.requireNonNull;

/**
 * The engine's telemetry: every {@link EngineObserver} hook becomes spans ({@link TurnTracer}) and metric points
 * ({@link EngineMetrics}). Hooks run on engine threads, so each one only records in memory (the SDK exports on its own
 * threads) and never throws: a telemetry fault is logged and the turn goes on.
 */
public final class TelemetryObserver implements EngineObserver {
    private static final System.Logger LOG = System.getLogger(TelemetryObserver.class.getName());

    private final EngineMetrics metrics;
    private final TurnTracer tracer;

    public TelemetryObserver(Tracer tracer, EngineMetrics metrics, TelemetryConfig config) {
        this.metrics = requireNonNull(metrics, "metrics is null");
        this.tracer = new TurnTracer(requireNonNull(tracer, "tracer is null"), metrics,
                requireNonNull(config, "config is null"));
    }

    @Override
    public void processStarted(SessionId sessionId, OptionalLong pid, Duration startDuration, boolean resumed) {
        safely("processStarted", () -> {
            metrics.processStarted(startDuration, resumed);
            tracer.processStarted(sessionId, pid, startDuration, resumed);
        });
    }

    @Override
    public void processStartFailed(SessionId sessionId, String reason) {
        safely("processStartFailed", () -> {
            metrics.processStartFailed();
            tracer.processStartFailed(sessionId, reason);
        });
    }

    @Override
    public void processExited(SessionId sessionId, boolean crashed, String reason) {
        if (crashed) {
            safely("processExited", metrics::processCrashed);
        }
    }

    @Override
    public void turnStarted(SessionId sessionId, String turnId) {
        safely("turnStarted", () -> tracer.turnStarted(sessionId, turnId));
    }

    @Override
    public void turnPrompt(SessionId sessionId, String turnId, String prompt) {
        safely("turnPrompt", () -> tracer.turnPrompt(sessionId, turnId, prompt));
    }

    @Override
    public void turnEvent(SessionId sessionId, String turnId, AgentEvent event) {
        safely("turnEvent", () -> tracer.turnEvent(sessionId, turnId, event));
    }

    @Override
    public void turnFinished(SessionId sessionId, String turnId, TurnResult result) {
        safely("turnFinished", () -> {
            metrics.turnFinished(result); // first: whoever sees the ended span also sees the turn counted
            tracer.turnFinished(sessionId, turnId, result);
        });
    }

    @Override
    public void blocked(SessionId sessionId, BlockLayer layer, Verdict.Blocked verdict) {
        safely("blocked", () -> {
            metrics.blocked(layer, verdict);
            tracer.blocked(sessionId, layer, verdict);
        });
    }

    @Override
    public void bypassed(SessionId sessionId, BlockLayer layer, Verdict.Blocked verdict) {
        safely("bypassed", () -> {
            metrics.bypassed(layer, verdict);
            tracer.bypassed(sessionId, layer, verdict);
        });
    }

    @Override
    public void permissionDecided(SessionId sessionId, String requestId, PermissionDecision decision, String source) {
        safely("permissionDecided", () -> {
            metrics.permissionDecided(decision.allow(), source);
            tracer.permissionDecided(sessionId, requestId, decision, source);
        });
    }

    @Override
    public void interrupted(SessionId sessionId) {
        safely("interrupted", () -> {
            metrics.interrupted();
            tracer.interrupted(sessionId);
        });
    }

    @Override
    public void turnTimedOut(SessionId sessionId) {
        safely("turnTimedOut", () -> {
            metrics.turnTimedOut();
            tracer.turnTimedOut(sessionId);
        });
    }

    @Override
    public void sessionCounts(int active, int busy) {
        safely("sessionCounts", () -> metrics.sessionCounts(active, busy));
    }

    @Override
    public void spareStarted(String owner, OptionalLong pid, Duration startDuration) {
        safely("spareStarted", metrics::spareStarted);
    }

    @Override
    public void spareAdopted(SessionId sessionId, OptionalLong pid) {
        safely("spareAdopted", metrics::spareAdopted);
    }

    @Override
    public void spareRetired(String owner, String reason) {
        safely("spareRetired", () -> metrics.spareRetired(reason));
    }

    @Override
    public void spareStartFailed(String owner, String reason) {
        safely("spareStartFailed", metrics::spareStartFailed);
    }

    @Override
    public void dangerBypassChanged(boolean enabled) {
        safely("dangerBypassChanged", () -> metrics.dangerBypassChanged(enabled));
    }

    /** Turns whose span is still open. */
    public int openTurns() {
        return tracer.openTurns();
    }

    /** Ends the spans of turns that will never finish (the engine closed under them); call before the SDK flushes. */
    public void endOpenSpans() {
        safely("endOpenSpans", tracer::endAll);
    }

    private static void safely(String hook, Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "telemetry failed in " + hook + "; the engine goes on", e);
        }
    }
}
