package dev.hotplex.adapter.http;

import dev.hotplex.core.error.HotplexException;
import dev.hotplex.core.error.StandardErrorCode;
import dev.hotplex.core.model.SessionId;

import java.nio.file.Path;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * An authenticated caller. Its sessions live in the engine as {@code <tenant>:<client id>}, so two tenants can use the
 * same id and a tenant can never name another's session: lookups of foreign ids simply find nothing (404).
 *
 * @param workspace the tenant's own directory of work dirs ({@code <workspace root>/<tenant>}), when known: work dirs
 *                  are shown relative to it, exactly as the client would ask for them, never as server paths
 */
record Tenant(String name, Optional<Path> workspace) {
    Tenant {
        requireNonNull(name, "name is null");
        requireNonNull(workspace, "workspace is null");
    }

    Tenant(String name) {
        this(name, Optional.empty());
    }

    /** A work dir as this tenant sees it: relative to its own directory; only the last name for anything else. */
    String shownWorkDir(Path workDir) {
        if (workspace.isEmpty()) {
            return workDir.toString();
        }
        Path own = workspace.get();
        if (workDir.startsWith(own) && !workDir.equals(own)) {
            return own.relativize(workDir).toString();
        }
        Path name = workDir.getFileName();
        return name == null ? "" : name.toString();
    }

    String prefix() {
        return name + ":";
    }

    /** The engine's id for the client's {@code clientId}; {@code INVALID_CONFIG} (400) when the id is unsafe or too long. */
    SessionId sessionId(String clientId) {
        SessionId client = SessionId.of(clientId);
        int room = SessionId.MAX_LENGTH - prefix().length();
        if (clientId.length() > room) {
            throw new HotplexException(StandardErrorCode.INVALID_CONFIG,
                    "session id too long: at most " + room + " characters");
        }
        return SessionId.of(prefix() + client.value());
    }

    boolean owns(SessionId sessionId) {
        return sessionId.value().startsWith(prefix());
    }

    /** The id as the client named it. */
    String clientId(SessionId sessionId) {
        return owns(sessionId) ? sessionId.value().substring(prefix().length()) : sessionId.value();
    }
}
