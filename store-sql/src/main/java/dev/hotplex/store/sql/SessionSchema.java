package dev.hotplex.store.sql;

import java.util.List;

/**
 * The session store's schema, as the ordered list of migrations that builds it. Append a migration to change
 * it; never edit one that has shipped, since databases out there already recorded it as applied.
 */
final class SessionSchema {
    static final List<Migration> MIGRATIONS = List.of(
            new Migration(1, "sessions with their cumulative stats", List.of(
                    """
                    CREATE TABLE sessions (
                        session_id          TEXT    NOT NULL PRIMARY KEY,
                        owner               TEXT    NOT NULL,
                        provider            TEXT    NOT NULL,
                        provider_session_id TEXT    NOT NULL,
                        work_dir            TEXT    NOT NULL,
                        created_at          TEXT    NOT NULL,
                        last_active_at      TEXT    NOT NULL,
                        state               TEXT    NOT NULL,
                        turns               INTEGER NOT NULL,
                        errors              INTEGER NOT NULL,
                        total_ms            INTEGER NOT NULL,
                        thinking_ms         INTEGER NOT NULL,
                        tool_ms             INTEGER NOT NULL,
                        generation_ms       INTEGER NOT NULL,
                        input_tokens        INTEGER NOT NULL,
                        output_tokens       INTEGER NOT NULL,
                        cache_write_tokens  INTEGER NOT NULL,
                        cache_read_tokens   INTEGER NOT NULL,
                        cost_usd            TEXT,
                        tool_call_count     INTEGER NOT NULL
                    ) STRICT""",
                    """
                    CREATE TABLE session_model_usage (
                        session_id          TEXT    NOT NULL REFERENCES sessions (session_id) ON DELETE CASCADE,
                        model               TEXT    NOT NULL,
                        input_tokens        INTEGER NOT NULL,
                        output_tokens       INTEGER NOT NULL,
                        cache_write_tokens  INTEGER NOT NULL,
                        cache_read_tokens   INTEGER NOT NULL,
                        cost_usd            TEXT    NOT NULL,
                        PRIMARY KEY (session_id, model)
                    ) STRICT""",
                    """
                    CREATE TABLE session_tools (
                        session_id          TEXT    NOT NULL REFERENCES sessions (session_id) ON DELETE CASCADE,
                        position            INTEGER NOT NULL,
                        tool                TEXT    NOT NULL,
                        PRIMARY KEY (session_id, position)
                    ) STRICT""",
                    """
                    CREATE TABLE session_files (
                        session_id          TEXT    NOT NULL REFERENCES sessions (session_id) ON DELETE CASCADE,
                        position            INTEGER NOT NULL,
                        path                TEXT    NOT NULL,
                        PRIMARY KEY (session_id, position)
                    ) STRICT""")));

    private SessionSchema() {
    }
}
