package dev.hotplex.core.port.out;

import dev.hotplex.core.model.SessionId;

import java.util.List;
import java.util.Optional;

/** Durable session records. Each save replaces the whole record atomically. */
public interface SessionStore {
    void save(SessionRecord record);

    Optional<SessionRecord> find(SessionId sessionId);

    List<SessionRecord> findAll();

    void delete(SessionId sessionId);
}
