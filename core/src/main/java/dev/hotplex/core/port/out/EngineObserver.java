package dev.hotplex.core.port.out;

import dev.hotplex.core.model.AgentEvent;
import dev.hotplex.core.model.BlockLayer;
import dev.hotplex.core.model.PermissionDecision;
import dev.hotplex.core.model.SessionId;
import dev.hotplex.core.model.TurnResult;
import dev.hotplex.core.model.Verdict;

import java.time.Duration;
import java.util.OptionalLong;

/**
 * Telemetry hooks. Every method has a no-op default so an observer implements only what it needs.
 * Called synchronously on engine threads: implementations must be quick and must not throw.
 */
public interface EngineObserver {
    EngineObserver NONE = new EngineObserver() {
    };

    /** A process was spawned and became ready after {@code startDuration} (the cold start). */
    default void processStarted(SessionId sessionId, OptionalLong pid, Duration startDuration, boolean resumed) {
    }

    /** A spare process for {@code owner}'s future sessions became ready after {@code startDuration}. */
    default void spareStarted(String owner, OptionalLong pid, Duration startDuration) {
    }

    /** A new session took over a spare process: its first turn skips the cold start. */
    default void spareAdopted(SessionId sessionId, OptionalLong pid) {
    }

    /** A spare was ended unused: {@code reason} is {@code unused}, {@code tools-changed}, {@code died} or {@code closing}. */
    default void spareRetired(String owner, String reason) {
    }

    /** Starting a spare failed; new sessions start cold meanwhile. */
    default void spareStartFailed(String owner, String reason) {
    }

    /** A spawn failed. */
    default void processStartFailed(SessionId sessionId, String reason) {
    }

    /** A process ended; {@code crashed} when nobody asked it to. */
    default void processExited(SessionId sessionId, boolean crashed, String reason) {
    }

    default void turnStarted(SessionId sessionId, String turnId) {
    }

    /**
     * The caller's prompt, once the firewall let it through (a blocked prompt is never reported): for observers that
     * record content only when an operator asked for it.
     */
    default void turnPrompt(SessionId sessionId, String turnId, String prompt) {
    }

    /** Every event of a turn, as it is delivered. */
    default void turnEvent(SessionId sessionId, String turnId, AgentEvent event) {
    }

    default void turnFinished(SessionId sessionId, String turnId, TurnResult result) {
    }

    default void blocked(SessionId sessionId, BlockLayer layer, Verdict.Blocked verdict) {
    }

    /** The firewall would have blocked this, but an admin's danger bypass let it through (for the audit log). */
    default void bypassed(SessionId sessionId, BlockLayer layer, Verdict.Blocked verdict) {
    }

    /** {@code source} is {@code user}, {@code policy} or {@code timeout}. */
    default void permissionDecided(SessionId sessionId, String requestId, PermissionDecision decision, String source) {
    }

    default void interrupted(SessionId sessionId) {
    }

    default void turnTimedOut(SessionId sessionId) {
    }

    /** Live sessions (with a process or a running turn) and busy ones, after every change. */
    default void sessionCounts(int active, int busy) {
    }

    default void dangerBypassChanged(boolean enabled) {
    }
}
