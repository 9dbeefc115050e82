package dev.hotplex.adapter.http;

import dev.hotplex.core.error.HotplexException;
import dev.hotplex.core.error.StandardErrorCode;
import dev.hotplex.core.model.SessionId;

import static java.util.Objects.requireNonNull;

/**
 * An authenticated caller. Its sessions live in the engine as {@code <tenant>:<client id>}, so two tenants can use the
 * same id and a tenant can never name another's session: lookups of foreign ids simply find nothing (404).
 */
record Tenant(String name) {
    Tenant {
        requireNonNull(name, "name is null");
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
