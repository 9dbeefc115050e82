package dev.hotplex.app;

import dev.hotplex.core.model.AgentEvent;
import dev.hotplex.core.model.BlockLayer;
import dev.hotplex.core.model.PermissionDecision;
import dev.hotplex.core.model.SessionId;
import dev.hotplex.core.model.TurnResult;
import dev.hotplex.core.model.Verdict;
import dev.hotplex.core.port.out.EngineObserver;

import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.Consumer;

/**
 * Several engine observers as one (the firewall's audit log, telemetry), called in order. Each is isolated: one that
 * throws is logged and skipped, the others still hear the hook, and the engine never sees the failure.
 */
final class CompositeObserver implements EngineObserver {
    private static final System.Logger LOG = System.getLogger(CompositeObserver.class.getName());

    private final List<EngineObserver> observers;

    CompositeObserver(List<EngineObserver> observers) {
        this.observers = List.copyOf(observers);
    }

    @Override
    public void processStarted(SessionId sessionId, OptionalLong pid, Duration startDuration, boolean resumed) {
        each("processStarted", observer -> observer.processStarted(sessionId, pid, startDuration, resumed));
    }

    @Override
    public void spareStarted(String owner, OptionalLong pid, Duration startDuration) {
        each("spareStarted", observer -> observer.spareStarted(owner, pid, startDuration));
    }

    @Override
    public void spareAdopted(SessionId sessionId, OptionalLong pid) {
        each("spareAdopted", observer -> observer.spareAdopted(sessionId, pid));
    }

    @Override
    public void spareRetired(String owner, String reason) {
        each("spareRetired", observer -> observer.spareRetired(owner, reason));
    }

    @Override
    public void spareStartFailed(String owner, String reason) {
        each("spareStartFailed", observer -> observer.spareStartFailed(owner, reason));
    }

    @Override
    public void processStartFailed(SessionId sessionId, String reason) {
        each("processStartFailed", observer -> observer.processStartFailed(sessionId, reason));
    }

    @Override
    public void processExited(SessionId sessionId, boolean crashed, String reason) {
        each("processExited", observer -> observer.processExited(sessionId, crashed, reason));
    }

    @Override
    public void turnStarted(SessionId sessionId, String turnId) {
        each("turnStarted", observer -> observer.turnStarted(sessionId, turnId));
    }

    @Override
    public void turnPrompt(SessionId sessionId, String turnId, String prompt) {
        each("turnPrompt", observer -> observer.turnPrompt(sessionId, turnId, prompt));
    }

    @Override
    public void turnEvent(SessionId sessionId, String turnId, AgentEvent event) {
        each("turnEvent", observer -> observer.turnEvent(sessionId, turnId, event));
    }

    @Override
    public void turnFinished(SessionId sessionId, String turnId, TurnResult result) {
        each("turnFinished", observer -> observer.turnFinished(sessionId, turnId, result));
    }

    @Override
    public void blocked(SessionId sessionId, BlockLayer layer, Verdict.Blocked verdict) {
        each("blocked", observer -> observer.blocked(sessionId, layer, verdict));
    }

    @Override
    public void bypassed(SessionId sessionId, BlockLayer layer, Verdict.Blocked verdict) {
        each("bypassed", observer -> observer.bypassed(sessionId, layer, verdict));
    }

    @Override
    public void permissionDecided(SessionId sessionId, String requestId, PermissionDecision decision, String source) {
        each("permissionDecided", observer -> observer.permissionDecided(sessionId, requestId, decision, source));
    }

    @Override
    public void interrupted(SessionId sessionId) {
        each("interrupted", observer -> observer.interrupted(sessionId));
    }

    @Override
    public void turnTimedOut(SessionId sessionId) {
        each("turnTimedOut", observer -> observer.turnTimedOut(sessionId));
    }

    @Override
    public void sessionCounts(int active, int busy) {
        each("sessionCounts", observer -> observer.sessionCounts(active, busy));
    }

    @Override
    public void dangerBypassChanged(boolean enabled) {
        each("dangerBypassChanged", observer -> observer.dangerBypassChanged(enabled));
    }

    private void each(String hook, Consumer<EngineObserver> call) {
        for (EngineObserver observer : observers) {
            try {
                call.accept(observer);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "engine observer " + observer.getClass().getSimpleName()
                        + " failed in " + hook + "; the others and the engine go on", e);
            }
        }
    }
}
