package dev.hotplex.adapter.cli.json;

import static java.util.Objects.requireNonNull;

/**
 * One session as the hotplex server reports it ({@code GET /v1/sessions/{id}}): the id is the caller's own; the
 * fields the server may omit are empty strings, the pid is {@code -1} without a live process.
 */
public record RemoteSession(String id, String state, long pid, String createdAt, String lastActiveAt,
                            String providerSessionId, String workDir, String provider) {
    public RemoteSession {
        requireNonNull(id, "id is null");
        requireNonNull(state, "state is null");
        requireNonNull(createdAt, "createdAt is null");
        requireNonNull(lastActiveAt, "lastActiveAt is null");
        requireNonNull(providerSessionId, "providerSessionId is null");
        requireNonNull(workDir, "workDir is null");
        requireNonNull(provider, "provider is null");
    }

    public boolean hasProcess() {
        return pid >= 0;
    }
}
