package dev.hotplex.core.port.out;

import dev.hotplex.core.model.SessionId;

import java.util.List;
import java.util.Optional;

/**
 * Durable session records. Each save replaces the whole record atomically. The engine that uses a store closes
 * it when the engine closes, after its last save.
 */
public interface SessionStore extends AutoCloseable {
    void save(SessionRecord record);

    Optional<SessionRecord> find(SessionId sessionId);

    List<SessionRecord> findAll();

    void delete(SessionId sessionId);

    /** Releases what the store holds (files, locks); a store that holds nothing keeps this no-op. */
    @Override
    default void close() {
    }
}
