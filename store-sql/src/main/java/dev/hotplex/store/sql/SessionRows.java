package dev.hotplex.store.sql;

import dev.hotplex.core.model.ModelUsage;
import dev.hotplex.core.model.SessionId;
import dev.hotplex.core.model.SessionState;
import dev.hotplex.core.model.SessionStats;
import dev.hotplex.core.model.TokenUsage;
import dev.hotplex.core.port.out.SessionRecord;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Maps {@link SessionRecord}s to the rows of schema version 1 and back, exactly: instants keep their
 * nanoseconds (ISO-8601 text), amounts their scale (decimal text), lists their order.
 */
final class SessionRows {
    private static final String SESSION_COLUMNS = "session_id, owner, provider, provider_session_id, work_dir, "
            + "created_at, last_active_at, state, turns, errors, total_ms, thinking_ms, tool_ms, generation_ms, "
            + "input_tokens, output_tokens, cache_write_tokens, cache_read_tokens, cost_usd, tool_call_count";

    private SessionRows() {
    }

    /** Writes the whole record, its stats' lists and model usage included (the caller owns the transaction). */
    static void insert(Connection connection, SessionRecord record) throws SQLException {
        SessionStats stats = record.stats();
        String id = record.sessionId().value();
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO sessions (" + SESSION_COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, id);
            insert.setString(2, record.owner());
            insert.setString(3, record.provider());
            insert.setString(4, record.providerSessionId());
            insert.setString(5, record.workDir().toString());
            insert.setString(6, record.createdAt().toString());
            insert.setString(7, record.lastActiveAt().toString());
            insert.setString(8, record.state().name());
            insert.setInt(9, stats.turns());
            insert.setInt(10, stats.errors());
            insert.setLong(11, stats.totalMs());
            insert.setLong(12, stats.thinkingMs());
            insert.setLong(13, stats.toolMs());
            insert.setLong(14, stats.generationMs());
            setTokens(insert, 15, stats.tokens());
            insert.setString(19, stats.costUsd().map(BigDecimal::toString).orElse(null));
            insert.setInt(20, stats.toolCallCount());
            insert.executeUpdate();
        }
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO session_model_usage (session_id, "
                + "model, input_tokens, output_tokens, cache_write_tokens, cache_read_tokens, cost_usd) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            for (Map.Entry<String, ModelUsage> usage : stats.modelUsage().entrySet()) {
                insert.setString(1, id);
                insert.setString(2, usage.getKey());
                setTokens(insert, 3, usage.getValue().tokens());
                insert.setString(7, usage.getValue().costUsd().toString());
                insert.addBatch();
            }
            insert.executeBatch();
        }
        insertList(connection, "INSERT INTO session_tools (session_id, position, tool) VALUES (?, ?, ?)", id,
                stats.toolsUsed());
        insertList(connection, "INSERT INTO session_files (session_id, position, path) VALUES (?, ?, ?)", id,
                stats.filesModified());
    }

    /** The record of {@code only}, or every record when it is empty, in session id order. */
    static List<SessionRecord> select(Connection connection, Optional<SessionId> only) throws SQLException {
        String filter = only.isPresent() ? " WHERE session_id = ?" : "";
        Map<String, List<String>> tools = lists(connection, "SELECT session_id, tool FROM session_tools" + filter
                + " ORDER BY session_id, position", only);
        Map<String, List<String>> files = lists(connection, "SELECT session_id, path FROM session_files" + filter
                + " ORDER BY session_id, position", only);
        Map<String, Map<String, ModelUsage>> models = modelUsage(connection, filter, only);
        List<SessionRecord> records = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT " + SESSION_COLUMNS + " FROM sessions"
                + filter + " ORDER BY session_id")) {
            bind(select, only);
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    String id = row.getString(1);
                    SessionId sessionId = SessionId.of(id);
                    String cost = row.getString(19);
                    SessionStats stats = new SessionStats(sessionId, row.getInt(9), row.getInt(10), row.getLong(11),
                            row.getLong(12), row.getLong(13), row.getLong(14), tokens(row, 15),
                            Optional.ofNullable(cost).map(BigDecimal::new), models.getOrDefault(id, Map.of()),
                            row.getInt(20), tools.getOrDefault(id, List.of()), files.getOrDefault(id, List.of()));
                    records.add(new SessionRecord(sessionId, row.getString(2), row.getString(3), row.getString(4),
                            Path.of(row.getString(5)), Instant.parse(row.getString(6)), Instant.parse(row.getString(7)),
                            SessionState.valueOf(row.getString(8)), stats));
                }
            }
        }
        return records;
    }

    private static void setTokens(PreparedStatement statement, int first, TokenUsage tokens) throws SQLException {
        statement.setLong(first, tokens.inputTokens());
        statement.setLong(first + 1, tokens.outputTokens());
        statement.setLong(first + 2, tokens.cacheWriteTokens());
        statement.setLong(first + 3, tokens.cacheReadTokens());
    }

    private static TokenUsage tokens(ResultSet row, int first) throws SQLException {
        return new TokenUsage(row.getLong(first), row.getLong(first + 1), row.getLong(first + 2),
                row.getLong(first + 3));
    }

    private static void insertList(Connection connection, String sql, String id, List<String> values)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(sql)) {
            for (int position = 0; position < values.size(); position++) {
                insert.setString(1, id);
                insert.setInt(2, position);
                insert.setString(3, values.get(position));
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private static Map<String, List<String>> lists(Connection connection, String sql, Optional<SessionId> only)
            throws SQLException {
        Map<String, List<String>> lists = new HashMap<>();
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            bind(select, only);
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    lists.computeIfAbsent(row.getString(1), id -> new ArrayList<>()).add(row.getString(2));
                }
            }
        }
        return lists;
    }

    private static Map<String, Map<String, ModelUsage>> modelUsage(Connection connection, String filter,
                                                                  Optional<SessionId> only) throws SQLException {
        Map<String, Map<String, ModelUsage>> usage = new HashMap<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT session_id, model, input_tokens, "
                + "output_tokens, cache_write_tokens, cache_read_tokens, cost_usd FROM session_model_usage" + filter)) {
            bind(select, only);
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    usage.computeIfAbsent(row.getString(1), id -> new LinkedHashMap<>())
                            .put(row.getString(2), new ModelUsage(tokens(row, 3), new BigDecimal(row.getString(7))));
                }
            }
        }
        return usage;
    }

    private static void bind(PreparedStatement statement, Optional<SessionId> only) throws SQLException {
        if (only.isPresent()) {
            statement.setString(1, only.get().value());
        }
    }
}
