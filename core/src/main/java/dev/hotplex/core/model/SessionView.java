package dev.hotplex.core.model;

import java.nio.file.Path;
import java.time.Instant;
import java.util.OptionalLong;

import static java.util.Objects.requireNonNull;

/** A read-only snapshot of one session, as adapters show it. */
public record SessionView(
        SessionId sessionId,
        String owner,
        SessionState state,
        OptionalLong pid,
        Instant createdAt,
        Instant lastActiveAt,
        String providerSessionId,
        Path workDir,
        String provider) {
    public SessionView {
        requireNonNull(sessionId, "sessionId is null");
        requireNonNull(owner, "owner is null");
        requireNonNull(state, "state is null");
        requireNonNull(pid, "pid is null");
        requireNonNull(createdAt, "createdAt is null");
        requireNonNull(lastActiveAt, "lastActiveAt is null");
        requireNonNull(providerSessionId, "providerSessionId is null");
        requireNonNull(workDir, "workDir is null");
        requireNonNull(provider, "provider is null");
    }
}
