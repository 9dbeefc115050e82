package dev.hotplex.store.sql;

import dev.hotplex.core.error.HotplexException;
import dev.hotplex.core.port.out.Clock;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * Brings a database to the newest schema this code knows: reads the version recorded in {@code schema_history},
 * applies every later migration in order and records each, all in one transaction, so a crash mid-way leaves
 * the database exactly as it was. A database recorded at a newer version than any known migration is refused.
 */
final class SchemaMigrator {
    private final List<Migration> migrations;
    private final Clock clock;

    SchemaMigrator(List<Migration> migrations, Clock clock) {
        this.migrations = List.copyOf(requireNonNull(migrations, "migrations is null"));
        this.clock = requireNonNull(clock, "clock is null");
        for (int i = 0; i < this.migrations.size(); i++) {
            if (this.migrations.get(i).version() != i + 1) {
                throw new IllegalArgumentException("migrations must be numbered 1, 2, 3... in order; position " + (i + 1)
                        + " holds version " + this.migrations.get(i).version());
            }
        }
    }

    int latestVersion() {
        return migrations.size();
    }

    /** Migrates {@code connection}'s database (in auto-commit mode on entry and exit); returns its version before. */
    int migrate(Connection connection, String where) throws SQLException {
        connection.setAutoCommit(false);
        try {
            try (Statement statement = connection.createStatement()) {
                statement.execute("""
                        CREATE TABLE IF NOT EXISTS schema_history (
                            version     INTEGER NOT NULL PRIMARY KEY,
                            description TEXT    NOT NULL,
                            applied_at  TEXT    NOT NULL
                        ) STRICT""");
            }
            int current = currentVersion(connection);
            if (current > latestVersion()) {
                throw new HotplexException(StoreErrorCode.STORE_SCHEMA_TOO_NEW, "the session store " + where
                        + " has schema version " + current + " but this hotplex knows versions up to " + latestVersion()
                        + ": it was written by a newer hotplex; run that one, or point state.dir elsewhere");
            }
            for (Migration migration : migrations.subList(current, migrations.size())) {
                apply(connection, migration);
            }
            connection.commit();
            return current;
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }

    private static int currentVersion(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT COALESCE(MAX(version), 0) FROM schema_history")) {
            rows.next();
            return rows.getInt(1);
        }
    }

    private void apply(Connection connection, Migration migration) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (String sql : migration.statements()) {
                statement.execute(sql);
            }
        }
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO schema_history (version, description, applied_at) VALUES (?, ?, ?)")) {
            insert.setInt(1, migration.version());
            insert.setString(2, migration.description());
            insert.setString(3, clock.now().toString());
            insert.executeUpdate();
        }
    }
}
