package dev.hotplex.provider.codex.internal;

import dev.hotplex.core.error.HotplexException;
import dev.hotplex.core.error.StandardErrorCode;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * The directory Codex keeps its config, auth, logs and threads in: {@code CODEX_HOME} when configured, otherwise
 * Codex's own default {@code $HOME/.codex} (the CLI's {@code HOME}). Inside the OS sandbox it is one of the few
 * writable paths, so it has to exist before the launch: bwrap binds only what exists, and the read-only root would
 * keep Codex from creating it.
 */
public final class CodexHome {
    private final Optional<Path> dir;

    /** {@code configured}: the provider's {@code home}; {@code cliEnvironment}: the CLI's whole environment. */
    public CodexHome(Optional<Path> configured, Map<String, String> cliEnvironment) {
        requireNonNull(configured, "configured is null");
        requireNonNull(cliEnvironment, "cliEnvironment is null");
        this.dir = configured.map(path -> path.toAbsolutePath().normalize())
                .or(() -> Optional.ofNullable(cliEnvironment.get("HOME")).filter(home -> !home.isBlank())
                        .map(Path::of).filter(Path::isAbsolute).map(home -> home.resolve(".codex").normalize()));
    }

    /** Empty when neither {@code CODEX_HOME} nor an absolute {@code HOME} is known (Codex will complain itself). */
    public Optional<Path> dir() {
        return dir;
    }

    /** {@link #dir()}, created owner-only when missing; {@code INVALID_CONFIG} when it cannot be. */
    public Optional<Path> create() {
        dir.filter(path -> !Files.isDirectory(path)).ifPresent(CodexHome::createOwnerOnly);
        return dir;
    }

    private static void createOwnerOnly(Path path) {
        try {
            Files.createDirectories(path.getParent());
            Files.createDirectory(path, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (FileAlreadyExistsException e) {
            if (!Files.isDirectory(path)) { // not another session that made it a moment ago
                throw new HotplexException(StandardErrorCode.INVALID_CONFIG, "Codex provider: cannot create the Codex "
                        + "home " + path + ": " + e.getFile() + " is in the way", e);
            }
        } catch (IOException e) {
            throw new HotplexException(StandardErrorCode.INVALID_CONFIG, "Codex provider: cannot create the Codex home "
                    + path + ": " + e.getMessage(), e);
        }
    }
}
