package dev.hotplex.store.sql;

import dev.hotplex.core.error.HotplexException;
import dev.hotplex.core.model.SessionId;
import dev.hotplex.core.port.out.Clock;
import dev.hotplex.core.port.out.SessionRecord;
import dev.hotplex.core.port.out.SessionStore;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Session records in an embedded SQLite database, {@code sessions.db} in the state directory. Nothing to install
 * or run: the driver carries the database engine. Each save replaces the whole record in one transaction, so a
 * crash (even {@code kill -9}) leaves either the old record or the new one. The schema is migrated at open; the
 * directory is locked for this store's life so a second engine on it is refused rather than interleaved.
 *
 * <p>One connection, used under this object's monitor: the engine writes a record at the start and the end of
 * each turn, far below what a single SQLite connection serves.
 */
public final class SqliteSessionStore implements SessionStore {
    static final String DATABASE_FILE = "sessions.db";
    static final String LOCK_FILE = "sessions.lock";

    private final Path database;
    private final StateDirLock lock;
    private final Connection connection;
    private boolean closed;

    private SqliteSessionStore(Path database, StateDirLock lock, Connection connection) {
        this.database = database;
        this.lock = lock;
        this.connection = connection;
    }

    /** Opens (creating if needed) the store in {@code stateDir}, migrated to the newest schema. */
    public static SqliteSessionStore open(Path stateDir, Clock clock) {
        return open(stateDir, clock, SessionSchema.MIGRATIONS);
    }

    static SqliteSessionStore open(Path stateDir, Clock clock, List<Migration> migrations) {
        requireNonNull(stateDir, "stateDir is null");
        SchemaMigrator migrator = new SchemaMigrator(migrations, clock);
        createOwnerOnly(stateDir);
        Path database = stateDir.resolve(DATABASE_FILE);
        // SQLite gives its -wal and -shm files the database file's mode: owner-only from the start
        createOwnerOnlyFile(database);
        StateDirLock lock = StateDirLock.acquire(stateDir.resolve(LOCK_FILE),
                ManagementFactory.getRuntimeMXBean().getPid());
        Connection connection = null;
        try {
            connection = DriverManager.getConnection("jdbc:sqlite:" + database);
            try (Statement statement = connection.createStatement()) {
                // the write-ahead log makes each commit one append; FULL syncs it, so a commit survives power loss too
                statement.execute("PRAGMA journal_mode = WAL");
                statement.execute("PRAGMA synchronous = FULL");
                statement.execute("PRAGMA foreign_keys = ON");
            }
            migrator.migrate(connection, database.toString());
            return new SqliteSessionStore(database, lock, connection);
        } catch (SQLException | RuntimeException e) {
            closeQuietly(connection);
            lock.close();
            if (e instanceof HotplexException hotplex) {
                throw hotplex;
            }
            throw new HotplexException(StoreErrorCode.STORE_FAILED, "cannot open the session store " + database + ": "
                    + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void save(SessionRecord record) {
        requireNonNull(record, "record is null");
        inTransaction("save session " + record.sessionId(), () -> {
            delete(record.sessionId().value());
            SessionRows.insert(connection, record);
            return null;
        });
    }

    @Override
    public synchronized Optional<SessionRecord> find(SessionId sessionId) {
        requireNonNull(sessionId, "sessionId is null");
        return inTransaction("read session " + sessionId,
                () -> SessionRows.select(connection, Optional.of(sessionId)).stream().findFirst());
    }

    @Override
    public synchronized List<SessionRecord> findAll() {
        return inTransaction("list sessions", () -> SessionRows.select(connection, Optional.empty()));
    }

    @Override
    public synchronized void delete(SessionId sessionId) {
        requireNonNull(sessionId, "sessionId is null");
        inTransaction("delete session " + sessionId, () -> {
            delete(sessionId.value());
            return null;
        });
    }

    /** Closes the database and releases the directory for the next engine; later calls fail with STORE_FAILED. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            closeQuietly(connection);
        } finally {
            lock.close();
        }
    }

    private void delete(String sessionId) throws SQLException {
        // the session's stats rows go with it (ON DELETE CASCADE)
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM sessions WHERE session_id = ?")) {
            delete.setString(1, sessionId);
            delete.executeUpdate();
        }
    }

    /** Runs {@code work} in one transaction (reads too, so a list never sees half of a save). */
    private <T> T inTransaction(String what, SqlWork<T> work) {
        if (closed) {
            throw new HotplexException(StoreErrorCode.STORE_FAILED, "cannot " + what + ": the session store "
                    + database + " is closed");
        }
        try {
            connection.setAutoCommit(false);
            try {
                T result = work.run();
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new HotplexException(StoreErrorCode.STORE_FAILED, "cannot " + what + " in the session store "
                    + database + ": " + e.getMessage(), e);
        }
    }

    private static void createOwnerOnly(Path directory) {
        try {
            Files.createDirectories(directory.getParent() == null ? directory : directory.getParent());
            try {
                // sessions name tenants, work dirs and costs: only the engine's user may read them
                Files.createDirectory(directory, PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rwx------")));
            } catch (FileAlreadyExistsException exists) {
                if (!Files.isDirectory(directory)) {
                    throw exists;
                }
            }
        } catch (IOException | UnsupportedOperationException e) {
            throw new HotplexException(StoreErrorCode.STORE_FAILED, "cannot create the state directory " + directory
                    + ": " + e, e);
        }
    }

    private static void createOwnerOnlyFile(Path file) {
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (FileAlreadyExistsException exists) {
            // an existing database keeps the mode it has
        } catch (IOException | UnsupportedOperationException e) {
            throw new HotplexException(StoreErrorCode.STORE_FAILED, "cannot create the session store " + file + ": "
                    + e, e);
        }
    }

    private static void closeQuietly(Connection connection) {
        if (connection == null) {
            return;
        }
        try {
            connection.close();
        } catch (SQLException ignored) {
            // nothing is pending: every write committed or rolled back before this
        }
    }

    @FunctionalInterface
    private interface SqlWork<T> {
        T run() throws SQLException;
    }
}
