package dev.hotplex.provider.claude;

import java.util.Arrays;
import java.util.Locale;

/**
 * Whose {@code CLAUDE_CONFIG_DIR} a session's CLI gets: the config dir holds the CLI's settings and every
 * transcript, so sharing it lets one tenant's sessions read (and {@code --resume}) another's conversations.
 */
public enum ConfigDirScope {
    /** One config dir for the whole engine ({@code CLAUDE_CONFIG_DIR}, or {@code ~/.claude}): no isolation. */
    ENGINE,
    /** {@code <config dir>/tenants/<owner>}: each tenant (the session's owner) has its own. The default. */
    TENANT,
    /** {@code <config dir>/sessions/<session id>}: each session has its own. */
    SESSION;

    /** The configuration spelling: {@code engine}, {@code tenant} or {@code session}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@link #key()}; {@link IllegalArgumentException} naming the allowed values otherwise. */
    public static ConfigDirScope parse(String key) {
        return Arrays.stream(values()).filter(scope -> scope.key().equals(key)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown config dir scope '" + key + "'; use "
                        + Arrays.stream(values()).map(ConfigDirScope::key).toList()));
    }
}
