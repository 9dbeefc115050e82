package dev.hotplex.provider.codex;

import java.util.Arrays;
import java.util.Locale;

/**
 * Whose {@code CODEX_HOME} a session's CLI gets: the home holds Codex's settings and every stored thread, so sharing
 * it lets one tenant's commands read another tenant's conversations.
 */
public enum CodexHomeScope {
    /** One home for the whole engine (the configured one, or {@code ~/.codex}): no isolation. */
    ENGINE,
    /** {@code <home>/tenants/<owner>}: each tenant (the session's owner) has its own. The default. */
    TENANT,
    /** {@code <home>/sessions/<session id>}: each session has its own. */
    SESSION;

    /** The configuration spelling: {@code engine}, {@code tenant} or {@code session}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@link #key()}; {@link IllegalArgumentException} naming the allowed values otherwise. */
    public static CodexHomeScope parse(String key) {
        return Arrays.stream(values()).filter(scope -> scope.key().equals(key)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown Codex home scope '" + key + "'; use "
                        + Arrays.stream(values()).map(CodexHomeScope::key).toList()));
    }
}
