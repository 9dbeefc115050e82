package dev.hotplex.core.port.out;

import dev.hotplex.core.model.SessionId;
import dev.hotplex.core.model.SessionState;
import dev.hotplex.core.model.SessionStats;

import java.nio.file.Path;
import java.time.Instant;

import static java.util.Objects.requireNonNull;

/**
 * What is remembered of a session across engine restarts.
 *
 * @param provider the name of the provider that runs the session ("claude"), so its next turn goes back to it
 */
public record SessionRecord(
        SessionId sessionId,
        String owner,
        String provider,
        String providerSessionId,
        Path workDir,
        Instant createdAt,
        Instant lastActiveAt,
        SessionState state,
        SessionStats stats) {
    public SessionRecord {
        requireNonNull(sessionId, "sessionId is null");
        requireNonNull(owner, "owner is null");
        requireNonNull(provider, "provider is null");
        requireNonNull(providerSessionId, "providerSessionId is null");
        requireNonNull(workDir, "workDir is null");
        requireNonNull(createdAt, "createdAt is null");
        requireNonNull(lastActiveAt, "lastActiveAt is null");
        requireNonNull(state, "state is null");
        requireNonNull(stats, "stats is null");
    }
}
