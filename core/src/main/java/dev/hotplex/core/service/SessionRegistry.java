package dev.hotplex.core.service;

import dev.hotplex.core.error.HotplexException;
import dev.hotplex.core.error.StandardErrorCode;
import dev.hotplex.core.model.SessionId;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The live sessions: those with a process or a running turn. Bounded: admitting one more than
 * {@code maxSessions} fails with {@code CAPACITY} (a bulkhead, never an unbounded spawn).
 */
final class SessionRegistry {
    private final int maxSessions;
    private final Map<SessionId, Session> sessions = new HashMap<>();

    SessionRegistry(int maxSessions) {
        this.maxSessions = maxSessions;
    }

    synchronized Session acquire(SessionId sessionId, Supplier<Session> create) {
        Session existing = sessions.get(sessionId);
        if (existing != null) {
            return existing;
        }
        if (sessions.size() >= maxSessions) {
            throw new HotplexException(StandardErrorCode.CAPACITY,
                    "the engine already runs its maximum of " + maxSessions + " sessions; retry later");
        }
        Session created = create.get();
        sessions.put(sessionId, created);
        return created;
    }

    synchronized Optional<Session> find(SessionId sessionId) {
        return Optional.ofNullable(sessions.get(sessionId));
    }

    /** Forgets the session if it is still this one and has neither process nor turn. */
    synchronized void releaseIfDormant(Session session) {
        if (sessions.get(session.sessionId()) == session && session.isDormant()) {
            sessions.remove(session.sessionId());
        }
    }

    synchronized void remove(Session session) {
        sessions.remove(session.sessionId(), session);
    }

    synchronized List<Session> all() {
        return new ArrayList<>(sessions.values());
    }

    synchronized int size() {
        return sessions.size();
    }

    synchronized int busyCount() {
        return (int) sessions.values().stream().filter(Session::isBusy).count();
    }
}
