package dev.hotplex.app;

import dev.hotplex.core.error.HotplexException;
import dev.hotplex.core.model.SessionId;
import dev.hotplex.core.model.SessionState;
import dev.hotplex.core.model.SessionStats;
import dev.hotplex.core.port.out.Clock;
import dev.hotplex.core.port.out.SessionRecord;
import dev.hotplex.core.service.InMemorySessionStore;
import dev.hotplex.store.sql.SqliteSessionStore;
import dev.hotplex.store.sql.StoreErrorCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DeferredSessionStoreTest {
    private static final Clock CLOCK = () -> Instant.parse("2026-12-07T01:00:00Z");

    @TempDir
    Path temp;

    @Test
    void nothingIsOpenedUntilASessionIsUsedAndTheStoreIsOpenedOnce() {
        AtomicInteger opens = new AtomicInteger();
        DeferredSessionStore store = new DeferredSessionStore(() -> {
            opens.incrementAndGet();
            return SqliteSessionStore.open(temp, CLOCK);
        });
        assertThat(opens).hasValue(0);
        assertThat(temp.resolve("sessions.db")).doesNotExist();

        store.save(record("s1"));
        assertThat(store.find(SessionId.of("s1"))).contains(record("s1"));
        assertThat(store.findAll()).hasSize(1);
        store.delete(SessionId.of("s1"));
        assertThat(opens).hasValue(1);
        store.close();
        assertThatThrownBy(store::findAll).isInstanceOf(HotplexException.class).hasMessageContaining("closed");
    }

    @Test
    void aSecondEngineOnTheSameStateDirIsRefusedAtOpenAndTriesAgainLater() {
        DeferredSessionStore first = new DeferredSessionStore(() -> SqliteSessionStore.open(temp, CLOCK));
        DeferredSessionStore second = new DeferredSessionStore(() -> SqliteSessionStore.open(temp, CLOCK));
        first.open();
        assertThatThrownBy(second::open)
                .isInstanceOfSatisfying(HotplexException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(StoreErrorCode.STORE_LOCKED));
        first.save(record("s1"));
        first.close();

        assertThat(second.findAll()).extracting(SessionRecord::sessionId).containsExactly(SessionId.of("s1"));
        second.close();
    }

    @Test
    void closingAStoreThatWasNeverOpenedOpensNothing() {
        AtomicInteger opens = new AtomicInteger();
        DeferredSessionStore store = new DeferredSessionStore(() -> {
            opens.incrementAndGet();
            return new InMemorySessionStore();
        });
        store.close();
        assertThat(opens).hasValue(0);
    }

    private static SessionRecord record(String id) {
        Instant at = Instant.parse("2026-12-07T00:00:00Z");
        return new SessionRecord(SessionId.of(id), "default", "claude", "p-" + id, Path.of("/w/" + id), at, at,
                SessionState.IDLE, SessionStats.empty(SessionId.of(id)));
    }
}
