package dev.hotplex.core.service;

import dev.hotplex.core.model.SessionId;
import dev.hotplex.core.model.SessionState;
import dev.hotplex.core.model.SessionStats;
import dev.hotplex.core.port.out.SessionRecord;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class InMemorySessionStoreTest {
    @Test
    void replacesFindsListsInOrderAndDeletes() {
        InMemorySessionStore store = new InMemorySessionStore();
        store.save(record("b", SessionState.IDLE));
        store.save(record("a", SessionState.IDLE));
        store.save(record("a", SessionState.STOPPED));

        assertThat(store.find(SessionId.of("a"))).hasValueSatisfying(
                found -> assertThat(found.state()).isEqualTo(SessionState.STOPPED));
        assertThat(store.findAll()).extracting(SessionRecord::sessionId)
                .containsExactly(SessionId.of("a"), SessionId.of("b"));
        store.delete(SessionId.of("a"));
        assertThat(store.find(SessionId.of("a"))).isEmpty();
        assertThat(store.findAll()).hasSize(1);
    }

    private static SessionRecord record(String id, SessionState state) {
        Instant at = Instant.parse("2026-01-01T00:00:00Z");
        return new SessionRecord(SessionId.of(id), "default", "claude", "p-" + id, Path.of("/w/" + id), at, at, state,
                SessionStats.empty(SessionId.of(id)));
    }
}
