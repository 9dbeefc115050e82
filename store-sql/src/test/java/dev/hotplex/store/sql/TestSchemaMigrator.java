package dev.hotplex.store.sql;

import dev.hotplex.core.error.HotplexException;
import dev.hotplex.core.model.SessionId;
import dev.hotplex.core.port.out.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TestSchemaMigrator {
    private static final Clock CLOCK = () -> Instant.parse("2026-12-07T01:00:00Z");

    @TempDir
    Path temp;

    @Test
    void aNewDatabaseGetsEveryMigrationRecordedInOrder() throws Exception {
        try (SqliteSessionStore store = SqliteSessionStore.open(temp, CLOCK)) {
            assertThat(store.findAll()).isEmpty();
        }
        assertThat(history()).containsExactly("1 sessions with their cumulative stats 2026-12-07T01:00:00Z");
    }

    @Test
    void anOlderDatabaseIsMigratedForwardKeepingItsRecords() throws Exception {
        try (SqliteSessionStore store = SqliteSessionStore.open(temp, CLOCK)) {
            store.save(TestSqliteSessionStore.fullRecord("kept"));
        }
        List<Migration> newer = new ArrayList<>(SessionSchema.MIGRATIONS);
        newer.add(new Migration(2, "labels", List.of("CREATE TABLE session_labels (session_id TEXT NOT NULL, "
                + "label TEXT NOT NULL) STRICT", "INSERT INTO session_labels SELECT session_id, 'migrated' FROM sessions")));
        try (SqliteSessionStore store = SqliteSessionStore.open(temp, CLOCK, newer)) {
            assertThat(store.find(SessionId.of("kept"))).contains(TestSqliteSessionStore.fullRecord("kept"));
        }
        assertThat(history()).hasSize(2).last().asString().startsWith("2 labels");
        assertThat(query("SELECT session_id || '=' || label FROM session_labels")).containsExactly("kept=migrated");
        // opening again applies nothing twice
        try (SqliteSessionStore store = SqliteSessionStore.open(temp, CLOCK, newer)) {
            assertThat(store.findAll()).hasSize(1);
        }
        assertThat(history()).hasSize(2);
    }

    @Test
    void aFailingMigrationLeavesTheDatabaseAsItWas() throws Exception {
        try (SqliteSessionStore store = SqliteSessionStore.open(temp, CLOCK)) {
            store.save(TestSqliteSessionStore.fullRecord("kept"));
        }
        List<Migration> broken = new ArrayList<>(SessionSchema.MIGRATIONS);
        broken.add(new Migration(2, "half done", List.of("CREATE TABLE half (x INTEGER) STRICT",
                "THIS IS NOT SQL")));
        assertThatThrownBy(() -> SqliteSessionStore.open(temp, CLOCK, broken))
                .isInstanceOfSatisfying(HotplexException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(StoreErrorCode.STORE_FAILED));
        assertThat(history()).hasSize(1);
        assertThat(query("SELECT name FROM sqlite_master WHERE name = 'half'")).isEmpty();
        try (SqliteSessionStore store = SqliteSessionStore.open(temp, CLOCK)) {
            assertThat(store.findAll()).hasSize(1);
        }
    }

    @Test
    void aDatabaseFromANewerHotplexIsRefusedClearly() throws Exception {
        try (SqliteSessionStore store = SqliteSessionStore.open(temp, CLOCK)) {
            assertThat(store.findAll()).isEmpty();
        }
        try (Connection db = connect(); Statement statement = db.createStatement()) {
            statement.execute("INSERT INTO schema_history VALUES (2, 'from the future', '2030-01-01T00:00:00Z')");
        }
        assertThatThrownBy(() -> SqliteSessionStore.open(temp, CLOCK))
                .isInstanceOfSatisfying(HotplexException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(StoreErrorCode.STORE_SCHEMA_TOO_NEW))
                .hasMessageContaining("schema version 2")
                .hasMessageContaining("knows versions up to 1");
        // the refusal released the lock: the directory is free again once the database is fixed
        try (Connection db = connect(); Statement statement = db.createStatement()) {
            statement.execute("DELETE FROM schema_history WHERE version = 2");
        }
        try (SqliteSessionStore store = SqliteSessionStore.open(temp, CLOCK)) {
            assertThat(store.findAll()).isEmpty();
        }
    }

    @Test
    void migrationsMustBeNumberedWithoutGaps() {
        List<Migration> gap = List.of(SessionSchema.MIGRATIONS.get(0), new Migration(3, "skips two", List.of("SELECT 1")));
        assertThatThrownBy(() -> new SchemaMigrator(gap, CLOCK))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("position 2 holds version 3");
    }

    private List<String> history() throws Exception {
        return query("SELECT version || ' ' || description || ' ' || applied_at FROM schema_history ORDER BY version");
    }

    private List<String> query(String sql) throws Exception {
        List<String> values = new ArrayList<>();
        try (Connection db = connect(); Statement statement = db.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }

    private Connection connect() throws Exception {
        return DriverManager.getConnection("jdbc:sqlite:" + temp.resolve(SqliteSessionStore.DATABASE_FILE));
    }
}
