package dev.hotplex.app.config;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The whole configuration, as loaded from the file, the {@code HOTPLEX_*} environment and {@code --set}
 * overrides (later sources win).
 *
 * @param workspace root directory of every session's work dir (default {@code ~/.hotplex/workspace})
 * @param provider  {@code claude} or {@code none}
 */
public record HotplexSettings(String workspace, String provider, EngineSettings engine, ClaudeSettings claude) {
    public static final String DEFAULT_PROVIDER = "claude";

    public HotplexSettings {
        engine = engine == null ? EngineSettings.EMPTY : engine;
        claude = claude == null ? ClaudeSettings.EMPTY : claude;
        provider = provider == null || provider.isBlank() ? DEFAULT_PROVIDER : provider.strip();
        if (!provider.equals("claude") && !provider.equals("none")) {
            throw new ConfigException("provider must be 'claude' or 'none'; got '" + provider + "'");
        }
    }

    public Path workspacePath(Path home) {
        return Optional.ofNullable(workspace).filter(text -> !text.isBlank())
                .map(text -> text.startsWith("~/") ? home.resolve(text.substring(2)) : Path.of(text))
                .map(Path::toAbsolutePath)
                .orElse(home.resolve(".hotplex").resolve("workspace"));
    }
}
