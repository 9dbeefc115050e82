package dev.hotplex.app.logging;

import java.util.Locale;

/** How log lines look on stderr: readable text, or one JSON object per line for log shippers. */
public enum LogFormat {
    HUMAN,
    JSON;

    /** {@code human} or {@code json} (any case); {@link IllegalArgumentException} naming both otherwise. */
    public static LogFormat parse(String text) {
        String normalized = text.strip().toLowerCase(Locale.ROOT);
        return switch (normalized) {
            case "human", "text" -> HUMAN;
            case "json" -> JSON;
            default -> throw new IllegalArgumentException("format must be human or json; got '" + text + "'");
        };
    }
}
