package dev.hotplex.app.logging;

import java.util.List;
import java.util.Locale;

import static java.util.Objects.requireNonNull;

/**
 * The logging the app sets up: the format and the lowest level of hotplex's own loggers ({@code error}, {@code warn},
 * {@code info}, {@code debug}, {@code trace} or {@code off}). Libraries never log below {@code info}: their debug
 * output can carry request headers, and with them API keys.
 */
public record LogConfig(LogFormat format, String level) {
    public static final List<String> LEVELS = List.of("off", "error", "warn", "info", "debug", "trace");

    public LogConfig {
        requireNonNull(format, "format is null");
        requireNonNull(level, "level is null");
        level = level.strip().toLowerCase(Locale.ROOT);
        if (level.equals("warning")) {
            level = "warn";
        }
        if (!LEVELS.contains(level)) {
            throw new IllegalArgumentException("level must be one of " + String.join(", ", LEVELS) + "; got '"
                    + level + "'");
        }
    }

    public static LogConfig defaults() {
        return new LogConfig(LogFormat.HUMAN, "warn");
    }
}
