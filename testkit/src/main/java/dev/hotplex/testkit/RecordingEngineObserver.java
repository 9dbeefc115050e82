package dev.hotplex.testkit;

import dev.hotplex.core.model.AgentEvent;
import dev.hotplex.core.model.BlockLayer;
import dev.hotplex.core.model.PermissionDecision;
import dev.hotplex.core.model.SessionId;
import dev.hotplex.core.model.TurnResult;
import dev.hotplex.core.model.Verdict;
import dev.hotplex.core.port.out.EngineObserver;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Predicate;

import static java.util.Objects.requireNonNull;

/**
 * An {@link EngineObserver} that records every callback as an {@link Observation}, so tests can
 * assert what telemetry would see, and wait for callbacks the engine makes on its own threads.
 */
public final class RecordingEngineObserver implements EngineObserver {
    private final Recorder<Observation> observations = new Recorder<>();

    /** One recorded callback; one record per {@link EngineObserver} method, with its arguments. */
    public sealed interface Observation {
    }

    public record ProcessStarted(SessionId sessionId, OptionalLong pid, Duration startDuration, boolean resumed)
            implements Observation {
    }

    public record ProcessStartFailed(SessionId sessionId, String reason) implements Observation {
    }

    public record ProcessExited(SessionId sessionId, boolean crashed, String reason) implements Observation {
    }

    public record TurnStarted(SessionId sessionId, String turnId) implements Observation {
    }

    public record TurnEvent(SessionId sessionId, String turnId, AgentEvent event) implements Observation {
    }

    public record TurnFinished(SessionId sessionId, String turnId, TurnResult result) implements Observation {
    }

    public record Blocked(SessionId sessionId, BlockLayer layer, Verdict.Blocked verdict) implements Observation {
    }

    public record Bypassed(SessionId sessionId, BlockLayer layer, Verdict.Blocked verdict) implements Observation {
    }

    public record PermissionDecided(SessionId sessionId, String requestId, PermissionDecision decision, String source)
            implements Observation {
    }

    public record Interrupted(SessionId sessionId) implements Observation {
    }

    public record TurnTimedOut(SessionId sessionId) implements Observation {
    }

    public record SessionCounts(int active, int busy) implements Observation {
    }

    public record DangerBypassChanged(boolean enabled) implements Observation {
    }

    public record SpareStarted(String owner, OptionalLong pid, Duration startDuration) implements Observation {
    }

    public record SpareAdopted(SessionId sessionId, OptionalLong pid) implements Observation {
    }

    public record SpareRetired(String owner, String reason) implements Observation {
    }

    public record SpareStartFailed(String owner, String reason) implements Observation {
    }

    @Override
    public void spareStarted(String owner, OptionalLong pid, Duration startDuration) {
        observations.add(new SpareStarted(owner, pid, startDuration));
    }

    @Override
    public void spareAdopted(SessionId sessionId, OptionalLong pid) {
        observations.add(new SpareAdopted(sessionId, pid));
    }

    @Override
    public void spareRetired(String owner, String reason) {
        observations.add(new SpareRetired(owner, reason));
    }

    @Override
    public void spareStartFailed(String owner, String reason) {
        observations.add(new SpareStartFailed(owner, reason));
    }

    @Override
    public void processStarted(SessionId sessionId, OptionalLong pid, Duration startDuration, boolean resumed) {
        observations.add(new ProcessStarted(sessionId, pid, startDuration, resumed));
    }

    @Override
    public void processStartFailed(SessionId sessionId, String reason) {
        observations.add(new ProcessStartFailed(sessionId, reason));
    }

    @Override
    public void processExited(SessionId sessionId, boolean crashed, String reason) {
        observations.add(new ProcessExited(sessionId, crashed, reason));
    }

    @Override
    public void turnStarted(SessionId sessionId, String turnId) {
        observations.add(new TurnStarted(sessionId, turnId));
    }

    @Override
    public void turnEvent(SessionId sessionId, String turnId, AgentEvent event) {
        observations.add(new TurnEvent(sessionId, turnId, event));
    }

    @Override
    public void turnFinished(SessionId sessionId, String turnId, TurnResult result) {
        observations.add(new TurnFinished(sessionId, turnId, result));
    }

    @Override
    public void blocked(SessionId sessionId, BlockLayer layer, Verdict.Blocked verdict) {
        observations.add(new Blocked(sessionId, layer, verdict));
    }

    @Override
    public void bypassed(SessionId sessionId, BlockLayer layer, Verdict.Blocked verdict) {
        observations.add(new Bypassed(sessionId, layer, verdict));
    }

    @Override
    public void permissionDecided(SessionId sessionId, String requestId, PermissionDecision decision, String source) {
        observations.add(new PermissionDecided(sessionId, requestId, decision, source));
    }

    @Override
    public void interrupted(SessionId sessionId) {
        observations.add(new Interrupted(sessionId));
    }

    @Override
    public void turnTimedOut(SessionId sessionId) {
        observations.add(new TurnTimedOut(sessionId));
    }

    @Override
    public void sessionCounts(int active, int busy) {
        observations.add(new SessionCounts(active, busy));
    }

    @Override
    public void dangerBypassChanged(boolean enabled) {
        observations.add(new DangerBypassChanged(enabled));
    }

    /** Every callback, in the order the engine made them. */
    public List<Observation> observations() {
        return observations.snapshot();
    }

    public <T extends Observation> List<T> observationsOf(Class<T> type) {
        requireNonNull(type, "type is null");
        return observations.snapshot().stream().filter(type::isInstance).map(type::cast).toList();
    }

    public int count(Class<? extends Observation> type) {
        return observationsOf(type).size();
    }

    public int processStartedCount() {
        return count(ProcessStarted.class);
    }

    /** The results of {@code turnFinished}, in order. */
    public List<TurnResult> turnResults() {
        return observationsOf(TurnFinished.class).stream().map(TurnFinished::result).toList();
    }

    /** The verdicts of {@code blocked}, in order. */
    public List<Verdict.Blocked> blockedVerdicts() {
        return observationsOf(Blocked.class).stream().map(Blocked::verdict).toList();
    }

    /** The latest {@code sessionCounts}, if any. */
    public Optional<SessionCounts> lastSessionCounts() {
        return observations.last(SessionCounts.class::isInstance).map(SessionCounts.class::cast);
    }

    /** The first observation of {@code type}, waiting for it; {@link IllegalStateException} after {@code timeout}. */
    public <T extends Observation> T await(Class<T> type, Duration timeout) {
        return await(type, observation -> true, timeout);
    }

    /** The first observation of {@code type} that matches, waiting for it; {@link IllegalStateException} after {@code timeout}. */
    public <T extends Observation> T await(Class<T> type, Predicate<? super T> matching, Duration timeout) {
        requireNonNull(type, "type is null");
        requireNonNull(matching, "matching is null");
        return type.cast(observations.awaitFirst(
                observation -> type.isInstance(observation) && matching.test(type.cast(observation)),
                timeout, "a matching " + type.getSimpleName()));
    }
}
