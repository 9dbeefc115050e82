package dev.hotplex.core.service;

import dev.hotplex.core.model.SessionId;
import dev.hotplex.core.port.out.SessionRecord;
import dev.hotplex.core.port.out.SessionStore;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Keeps session records for the life of the JVM only: the default until a durable store is configured. */
public final class InMemorySessionStore implements SessionStore {
    private final ConcurrentHashMap<SessionId, SessionRecord> records = new ConcurrentHashMap<>();

    @Override
    public void save(SessionRecord record) {
        records.put(record.sessionId(), record);
    }

    @Override
    public Optional<SessionRecord> find(SessionId sessionId) {
        return Optional.ofNullable(records.get(sessionId));
    }

    @Override
    public List<SessionRecord> findAll() {
        return records.values().stream().sorted(Comparator.comparing(SessionRecord::sessionId)).toList();
    }

    @Override
    public void delete(SessionId sessionId) {
        records.remove(sessionId);
    }
}
