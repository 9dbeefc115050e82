package dev.hotplex.core.port.in;

import dev.hotplex.core.error.HotplexException;
import dev.hotplex.core.model.PermissionDecision;
import dev.hotplex.core.model.SessionConfig;
import dev.hotplex.core.model.SessionId;
import dev.hotplex.core.model.SessionStats;
import dev.hotplex.core.model.SessionView;
import dev.hotplex.core.model.TurnResult;
import dev.hotplex.core.model.Verdict;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The driving port: everything an adapter can ask of hotplex (the seed's {@code Engine} API).
 * Thread-safe. Errors are {@link dev.hotplex.core.error.HotplexException}s with stable codes.
 */
public interface Engine extends AutoCloseable {

    /**
     * Runs one turn and blocks until it ends. Events go to {@code sink} in order and end with exactly
     * one terminal event ({@code session_stats} or {@code error}).
     *
     * <p>Throws, without sending any event, when the request is refused: {@code INVALID_CONFIG} /
     * {@code INVALID_REQUEST} (bad session config or prompt), {@code SESSION_BUSY} (a turn is already
     * running in that session), {@code CAPACITY} (too many sessions), {@code ENGINE_CLOSED}.
     * Every other failure (firewall block, spawn failure, crash, timeout, interrupt) is reported as an
     * {@code error} event and in the returned {@link TurnResult}.
     */
    TurnResult execute(SessionConfig config, String prompt, EventSink sink);

    /** {@link #execute} on another thread; refusals complete the future exceptionally. */
    CompletableFuture<TurnResult> submit(SessionConfig config, String prompt, EventSink sink);

    /** Kills the session's process group and forgets its live state; {@code SESSION_NOT_FOUND} if unknown. */
    void stopSession(SessionId sessionId, String reason);

    /** Ends any running turn, stops the process and deletes the provider's transcript: the next turn starts a fresh context. */
    void resetSession(SessionId sessionId);

    /** Asks the running turn to stop early; a no-op when the session is idle. */
    void interrupt(SessionId sessionId);

    /** Deletes the provider's files for this session (its transcript); the session must not be busy. */
    void cleanupSessionFiles(SessionId sessionId);

    Optional<SessionStats> sessionStats(SessionId sessionId);

    Optional<SessionView> session(SessionId sessionId);

    /** Every known session: live ones and those remembered by the session store. */
    List<SessionView> sessions();

    /** The firewall's verdict for a prompt, without running anything. */
    Verdict checkDanger(String prompt);

    /** The firewall's verdict for a shell command as if the agent's Bash tool were to run it. */
    Verdict checkCommand(String command);

    /** Paths under which otherwise dangerous file operations are allowed (e.g. a scratch folder). */
    void setDangerAllowPaths(List<Path> paths);

    /**
     * Turns the prompt firewall off (or back on). Needs the configured admin token ({@code UNAUTHORIZED}
     * otherwise); the bypass expires by itself after the configured maximum duration.
     */
    void setDangerBypass(String adminToken, boolean enabled);

    List<String> allowedTools();

    /** Applies to sessions whose process starts after this call; running processes keep their list. */
    void setAllowedTools(List<String> tools);

    List<String> disallowedTools();

    /** Applies to sessions whose process starts after this call; running processes keep their list. */
    void setDisallowedTools(List<String> tools);

    /** Answers a pending {@code permission_request}; {@code PERMISSION_REQUEST_NOT_FOUND} if none is pending under that id. */
    void respondToPermission(SessionId sessionId, String requestId, PermissionDecision decision);

    /** The provider CLI's version, e.g. {@code 2.1.330 (Claude Code)}; {@code PROVIDER_UNAVAILABLE} if it cannot be run. */
    String cliVersion();

    /**
     * Each configured provider's CLI version by provider name (the default first); a provider whose CLI
     * cannot be run maps to {@code unavailable: <why>} instead of failing the whole listing.
     */
    default Map<String, String> cliVersions() {
        try {
            return Map.of("default", cliVersion());
        } catch (HotplexException e) {
            return Map.of("default", "unavailable: " + e.getMessage());
        }
    }

    /** Checks a session config without running anything; throws {@code INVALID_CONFIG} with the reason. */
    void validate(SessionConfig config);

    /** Graceful shutdown: refuses new turns, ends running ones, and returns once every process group is gone. */
    @Override
    void close();
}
