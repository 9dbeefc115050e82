package dev.hotplex.provider.process;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * A deployment's sandbox settings, shared by every session of every provider.
 *
 * @param mode           {@code none} or {@code bwrap}; empty: bwrap when it is installed and works, otherwise none
 *                       with a warning
 * @param readOnlyBinds  more paths every session sees read-only (e.g. a shared package cache inside a hidden dir)
 * @param writableBinds  more paths every session may write (e.g. a shared build cache); shared between sessions
 * @param hiddenPaths    paths no session sees (the engine's state dir, the workspace root with every work dir)
 */
public record SandboxConfig(Optional<SandboxMode> mode, List<Path> readOnlyBinds, List<Path> writableBinds,
                            List<Path> hiddenPaths) {
    public SandboxConfig {
        requireNonNull(mode, "mode is null");
        Confinement check = new Confinement(writableBinds, readOnlyBinds, hiddenPaths); // absolute paths only
        readOnlyBinds = check.readOnly();
        writableBinds = check.writable();
        hiddenPaths = check.hidden();
    }

    /** bwrap if it works here, nothing more bound or hidden. */
    public static SandboxConfig defaults() {
        return new SandboxConfig(Optional.empty(), List.of(), List.of(), List.of());
    }

    /** Explicitly unconfined. */
    public static SandboxConfig none() {
        return new SandboxConfig(Optional.of(SandboxMode.NONE), List.of(), List.of(), List.of());
    }

    public SandboxConfig withMode(SandboxMode value) {
        return new SandboxConfig(Optional.of(value), readOnlyBinds, writableBinds, hiddenPaths);
    }

    public SandboxConfig withHiddenPaths(List<Path> value) {
        return new SandboxConfig(mode, readOnlyBinds, writableBinds, value);
    }

    /** The deployment's part of every confinement. */
    Confinement confinement() {
        return new Confinement(writableBinds, readOnlyBinds, hiddenPaths);
    }
}
