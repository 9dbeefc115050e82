package dev.hotplex.store.sql;

import java.util.List;

import static java.util.Objects.requireNonNull;

/** One step of the schema: applied once, in version order, inside the transaction that records it. */
record Migration(int version, String description, List<String> statements) {
    Migration {
        if (version < 1) {
            throw new IllegalArgumentException("migration versions start at 1, got " + version);
        }
        requireNonNull(description, "description is null");
        statements = List.copyOf(requireNonNull(statements, "statements is null"));
        if (statements.isEmpty()) {
            throw new IllegalArgumentException("migration " + version + " has no statements");
        }
    }
}
