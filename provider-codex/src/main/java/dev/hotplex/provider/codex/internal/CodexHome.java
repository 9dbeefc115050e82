package dev.hotplex.provider.codex.internal;

import dev.hotplex.core.error.HotplexException;
import dev.hotplex.core.error.StandardErrorCode;
import dev.hotplex.core.model.DirectoryName;
import dev.hotplex.core.port.out.SessionSpec;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * The directories Codex keeps its config, auth, logs and threads in. The base is {@code CODEX_HOME} when configured
 * (or in the CLI's environment), otherwise Codex's own default {@code $HOME/.codex}; a session's home is the base
 * itself, {@code tenants/<owner>} or {@code sessions/<session id>} under it, by {@link Scope}. The choice depends only
 * on the session's owner and id, so a resumed or reset session finds its threads again.
 *
 * <p>A tenant's or session's home is seeded at first use with the base's {@code config.toml} and {@code auth.json}
 * (the model provider and its credentials). Inside the OS sandbox it is one of the few writable paths, so it has to
 * exist before the launch: bwrap binds only what exists, and the read-only root would keep Codex from creating it.
 */
public final class CodexHome {
    /** Whose home a session gets (the public {@code CodexHomeScope}, mapped by the provider). */
    public enum Scope {
        ENGINE, TENANT, SESSION
    }

    private static final List<String> SEEDS = List.of("config.toml", "auth.json");
    private static final String OWNER_ONLY_DIR = "rwx------";
    private static final String OWNER_ONLY_FILE = "rw-------";

    private final Optional<Path> dir;
    private final Scope scope;

    /** {@code configured}: the provider's {@code home}; {@code cliEnvironment}: the CLI's whole environment. */
    public CodexHome(Optional<Path> configured, Map<String, String> cliEnvironment, Scope scope) {
        requireNonNull(configured, "configured is null");
        requireNonNull(cliEnvironment, "cliEnvironment is null");
        this.scope = requireNonNull(scope, "scope is null");
        this.dir = configured.map(path -> path.toAbsolutePath().normalize())
                .or(() -> absolute(cliEnvironment.get("CODEX_HOME")))
                .or(() -> absolute(cliEnvironment.get("HOME")).map(home -> home.resolve(".codex").normalize()));
    }

    /** One home for every session. */
    public CodexHome(Optional<Path> configured, Map<String, String> cliEnvironment) {
        this(configured, cliEnvironment, Scope.ENGINE);
    }

    private static Optional<Path> absolute(String value) {
        return Optional.ofNullable(value).filter(text -> !text.isBlank()).map(Path::of).filter(Path::isAbsolute)
                .map(Path::normalize);
    }

    /** The base home; empty when neither {@code CODEX_HOME} nor an absolute {@code HOME} is known. */
    public Optional<Path> dir() {
        return dir;
    }

    /** Whether sessions get a home of their own under the base (which they then must not see). */
    public boolean separates() {
        return scope != Scope.ENGINE;
    }

    /** The session's home (not created); empty when the base is unknown. */
    public Optional<Path> of(SessionSpec spec) {
        requireNonNull(spec, "spec is null");
        return dir.map(base -> switch (scope) {
            case ENGINE -> base;
            case TENANT -> base.resolve("tenants").resolve(fileName(spec.owner()));
            case SESSION -> base.resolve("sessions").resolve(fileName(spec.sessionId().value()));
        });
    }

    /** {@link #dir()}, created owner-only when missing; {@code INVALID_CONFIG} when it cannot be. */
    public Optional<Path> create() {
        dir.filter(path -> !Files.isDirectory(path)).ifPresent(CodexHome::createOwnerOnly);
        return dir;
    }

    /** {@link #of}, created owner-only and seeded from the base when missing; {@code INVALID_CONFIG} when it cannot be. */
    public Optional<Path> create(SessionSpec spec) {
        Optional<Path> home = of(spec);
        if (home.isEmpty() || !separates()) {
            return create();
        }
        Path base = create().orElseThrow();
        Path own = home.get();
        createOwnerOnly(own.getParent());
        createOwnerOnly(own);
        if (Files.isSymbolicLink(own) || Files.isSymbolicLink(own.getParent())) {
            // only the engine writes here; a link could point one tenant's sessions at another's home
            throw new HotplexException(StandardErrorCode.INVALID_CONFIG, "Codex provider: the Codex home " + own
                    + " is a symbolic link");
        }
        SEEDS.forEach(name -> seed(base.resolve(name), own.resolve(name)));
        return home;
    }

    /** Copies {@code from} (when it is a regular file) owner-only to {@code to} unless {@code to} exists. */
    private static void seed(Path from, Path to) {
        if (!Files.isRegularFile(from) || Files.exists(to, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try {
            Path partial = Files.createTempFile(to.getParent(), "." + to.getFileName(), ".seed",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(OWNER_ONLY_FILE)));
            try {
                try (OutputStream out = Files.newOutputStream(partial)) { // keeps the temp file's owner-only mode
                    Files.copy(from, out);
                }
                // a parallel session of the same tenant may seed it too: both copies are the same file
                Files.move(partial, to, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(partial);
            }
        } catch (IOException e) {
            throw new HotplexException(StandardErrorCode.INVALID_CONFIG, "Codex provider: cannot seed " + to
                    + " from " + from + ": " + e.getMessage(), e);
        }
    }

    private static void createOwnerOnly(Path path) {
        if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try {
            Files.createDirectories(path.getParent());
            Files.createDirectory(path, PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString(OWNER_ONLY_DIR)));
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

    /** {@code name} itself when it is a plain lower-case file name, else {@code h-} and a SHA-256 prefix of it. */
    static String fileName(String name) {
        return DirectoryName.of(name).value();
    }
}
