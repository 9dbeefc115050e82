package dev.hotplex.waf;

import dev.hotplex.core.error.HotplexException;
import dev.hotplex.core.error.StandardErrorCode;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * The firewall's settings.
 *
 * @param extraPacks    user rule packs (YAML files) loaded after the built-in ones; they may add rules and
 *                      allow rules and disable built-in rules that are not critical
 * @param allowPaths    paths under which recursive deletes and the like are allowed, besides the session's
 *                      work dir and temp; too broad ones ({@code /}, {@code /etc}, a home itself) are ignored
 * @param maxInputChars inputs longer than this are blocked ({@code waf.input-too-large}), never let through
 *                      unseen
 * @param auditLog      the append-only JSON-lines audit log; empty to audit through the system logger only
 * @param home          the home directory {@code ~} stands for when comparing with allowed paths
 */
public record WafConfig(List<Path> extraPacks, List<Path> allowPaths, int maxInputChars, Optional<Path> auditLog,
                        Path home) {
    /** 256 KiB of text: far above any real prompt or command, far below what would slow the firewall. */
    public static final int DEFAULT_MAX_INPUT_CHARS = 262_144;

    public WafConfig {
        extraPacks = List.copyOf(requireNonNull(extraPacks, "extraPacks is null"));
        allowPaths = List.copyOf(requireNonNull(allowPaths, "allowPaths is null"));
        requireNonNull(auditLog, "auditLog is null");
        requireNonNull(home, "home is null");
        if (maxInputChars < 1_024 || maxInputChars > 16 * 1_048_576) {
            throw new HotplexException(StandardErrorCode.INVALID_CONFIG,
                    "waf max-input-chars must be between 1024 and 16777216, got " + maxInputChars);
        }
    }

    /** Built-in packs only, no extra allowed paths, the default input limit, no audit file, the JVM user's home. */
    public static WafConfig defaults() {
        return new WafConfig(List.of(), List.of(), DEFAULT_MAX_INPUT_CHARS, Optional.empty(),
                Path.of(System.getProperty("user.home", "/root")));
    }

    public WafConfig withExtraPacks(List<Path> packs) {
        return new WafConfig(packs, allowPaths, maxInputChars, auditLog, home);
    }

    public WafConfig withAllowPaths(List<Path> paths) {
        return new WafConfig(extraPacks, paths, maxInputChars, auditLog, home);
    }

    public WafConfig withMaxInputChars(int chars) {
        return new WafConfig(extraPacks, allowPaths, chars, auditLog, home);
    }

    public WafConfig withAuditLog(Path file) {
        return new WafConfig(extraPacks, allowPaths, maxInputChars, Optional.of(file), home);
    }

    public WafConfig withHome(Path directory) {
        return new WafConfig(extraPacks, allowPaths, maxInputChars, auditLog, directory);
    }
}
