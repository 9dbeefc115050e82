package dev.hotplex.store.sql;

import dev.hotplex.core.error.HotplexException;
import dev.hotplex.core.model.ModelUsage;
import dev.hotplex.core.model.SessionId;
import dev.hotplex.core.model.SessionState;
import dev.hotplex.core.model.SessionStats;
import dev.hotplex.core.model.TokenUsage;
import dev.hotplex.core.port.out.Clock;
import dev.hotplex.core.port.out.SessionRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TestSqliteSessionStore {
    private static final Clock CLOCK = () -> Instant.parse("2026-12-07T01:00:00Z");

    @TempDir
    Path temp;

    @Test
    void everyFieldOfARecordAndItsStatsSurvivesReopening() {
        SessionRecord full = fullRecord("s-1");
        SessionRecord bare = new SessionRecord(SessionId.of("s-2"), "tenant-b", "codex", "p-2", Path.of("/w/s-2"),
                Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-01-01T00:00:00Z"), SessionState.IDLE,
                SessionStats.empty(SessionId.of("s-2")));
        try (SqliteSessionStore store = SqliteSessionStore.open(temp.resolve("state"), CLOCK)) {
            store.save(full);
            store.save(bare);
        }
        try (SqliteSessionStore store = SqliteSessionStore.open(temp.resolve("state"), CLOCK)) {
            // records compare field by field, stats included: instants to the nanosecond, amounts with their scale
            assertThat(store.find(SessionId.of("s-1"))).contains(full);
            assertThat(store.find(SessionId.of("s-2"))).contains(bare);
            assertThat(store.find(SessionId.of("s-2")).orElseThrow().stats().costUsd()).isEmpty();
            assertThat(store.findAll()).containsExactly(full, bare);
        }
    }

    @Test
    void aSaveReplacesTheWholeRecordAndADeleteRemovesItsStatsToo() throws Exception {
        try (SqliteSessionStore store = SqliteSessionStore.open(temp, CLOCK)) {
            store.save(fullRecord("s-1"));
            SessionRecord smaller = new SessionRecord(SessionId.of("s-1"), "tenant-a", "claude", "p-1",
                    Path.of("/w/s-1"), Instant.EPOCH, Instant.EPOCH, SessionState.STOPPED,
                    SessionStats.empty(SessionId.of("s-1")));
            store.save(smaller);
            assertThat(store.find(SessionId.of("s-1"))).contains(smaller);

            store.save(fullRecord("s-1"));
            store.delete(SessionId.of("s-1"));
            assertThat(store.find(SessionId.of("s-1"))).isEmpty();
            assertThat(store.findAll()).isEmpty();
            store.delete(SessionId.of("never-saved"));
        }
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + temp.resolve("sessions.db"));
             Statement statement = db.createStatement()) {
            for (String table : List.of("session_model_usage", "session_tools", "session_files")) {
                try (ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM " + table)) {
                    rows.next();
                    assertThat(rows.getInt(1)).as(table).isZero();
                }
            }
        }
    }

    @Test
    void aSecondStoreOnTheSameDirectoryIsRefusedUntilTheFirstCloses() {
        SqliteSessionStore first = SqliteSessionStore.open(temp, CLOCK);
        try {
            assertThatThrownBy(() -> SqliteSessionStore.open(temp, CLOCK))
                    .isInstanceOfSatisfying(HotplexException.class,
                            e -> assertThat(e.errorCode()).isEqualTo(StoreErrorCode.STORE_LOCKED))
                    .hasMessageContaining("in use by another hotplex engine")
                    .hasMessageContaining("pid ");
            first.save(fullRecord("s-1"));
        } finally {
            first.close();
        }
        try (SqliteSessionStore second = SqliteSessionStore.open(temp, CLOCK)) {
            assertThat(second.findAll()).hasSize(1);
        }
    }

    @Test
    void aClosedStoreFailsWithATypedError() {
        SqliteSessionStore store = SqliteSessionStore.open(temp, CLOCK);
        store.close();
        store.close();
        assertThatThrownBy(() -> store.save(fullRecord("s-1")))
                .isInstanceOfSatisfying(HotplexException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(StoreErrorCode.STORE_FAILED))
                .hasMessageContaining("closed");
    }

    @Test
    void theStateDirectoryAndTheDatabaseFilesAreTheOwnersOnly() throws Exception {
        Path state = temp.resolve("a").resolve("state");
        try (SqliteSessionStore store = SqliteSessionStore.open(state, CLOCK)) {
            store.save(fullRecord("s-1"));
            assertThat(mode(state.resolve("sessions.db-wal"))).isEqualTo("rw-------");
        }
        assertThat(mode(state)).isEqualTo("rwx------");
        assertThat(mode(state.resolve("sessions.db"))).isEqualTo("rw-------");
        assertThat(mode(state.resolve("sessions.lock"))).isEqualTo("rw-------");
    }

    private static String mode(Path path) throws java.io.IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }

    @Test
    void aFileThatIsNotADatabaseFailsToOpenWithATypedErrorAndReleasesTheLock() throws Exception {
        Files.writeString(temp.resolve("sessions.db"), "not a database, just text ".repeat(200));
        assertThatThrownBy(() -> SqliteSessionStore.open(temp, CLOCK))
                .isInstanceOfSatisfying(HotplexException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(StoreErrorCode.STORE_FAILED))
                .hasMessageContaining("sessions.db");
        Files.delete(temp.resolve("sessions.db"));
        try (SqliteSessionStore store = SqliteSessionStore.open(temp, CLOCK)) {
            assertThat(store.findAll()).isEmpty();
        }
    }

    static SessionRecord fullRecord(String id) {
        SessionId sessionId = SessionId.of(id);
        SessionStats stats = new SessionStats(sessionId, 7, 2, 12_345L, 1_111L, 2_222L, 3_333L,
                new TokenUsage(101, 202, 303, 404), Optional.of(new BigDecimal("0.012345670")),
                Map.of("claude-sonnet-4", new ModelUsage(new TokenUsage(1, 2, 3, 4), new BigDecimal("0.0100")),
                        "claude-haiku", new ModelUsage(new TokenUsage(5, 6, 7, 8), new BigDecimal("1E-7"))),
                9, List.of("Bash", "Edit", "Write"), List.of("z/last.txt", "a/first.txt", "m/ü ñ.md"));
        return new SessionRecord(sessionId, "tenant-a", "claude", "4b0c1b52-7f5e-5d7e-9a4c-000000000001",
                Path.of("/workspace/tenant-a/" + id), Instant.parse("2026-12-07T00:59:58.123456789Z"),
                Instant.parse("2026-12-07T01:00:00.000000001Z"), SessionState.READY, stats);
    }
}
