package dev.hotplex.app.config;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import dev.hotplex.provider.process.SandboxConfig;
import dev.hotplex.provider.process.SandboxMode;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The {@code sandbox:} section: how every agent CLI is confined at the OS level (docs/SECURITY.md).
 *
 * @param mode           {@code bwrap} or {@code none}; unset: bwrap when it is installed and works, otherwise none
 *                       with a warning at start and in {@code doctor}
 * @param readOnlyBinds  more paths every session sees read-only (e.g. a shared package cache); {@code ~/} allowed
 * @param writableBinds  more paths every session may write, shared by all of them (e.g. a build cache)
 */
public record SandboxSettings(
        String mode,
        @JsonDeserialize(using = CommaListDeserializer.class) List<String> readOnlyBinds,
        @JsonDeserialize(using = CommaListDeserializer.class) List<String> writableBinds) {

    static final SandboxSettings EMPTY = new SandboxSettings(null, null, null);

    public SandboxSettings {
        readOnlyBinds = readOnlyBinds == null ? List.of() : List.copyOf(readOnlyBinds);
        writableBinds = writableBinds == null ? List.of() : List.copyOf(writableBinds);
        if (mode != null && !mode.isBlank()) {
            try {
                SandboxMode.parse(mode.strip());
            } catch (IllegalArgumentException e) {
                throw new ConfigException("sandbox.mode: " + e.getMessage());
            }
        }
    }

    /**
     * The sandbox every provider applies; the engine's {@code state} dir (session store, audit log, keys, process
     * records) and the {@code workspace} root (every other session's work dir) are hidden from every CLI.
     */
    public SandboxConfig toSandboxConfig(Path home, Path state, Path workspace) {
        Optional<SandboxMode> parsed = mode == null || mode.isBlank() ? Optional.empty()
                : Optional.of(SandboxMode.parse(mode.strip()));
        return new SandboxConfig(parsed, paths(readOnlyBinds, home), paths(writableBinds, home),
                List.of(state, workspace));
    }

    private static List<Path> paths(List<String> configured, Path home) {
        return configured.stream().map(path -> HomePaths.resolve(path, home, home)).toList();
    }
}
