package dev.hotplex.provider.claude.internal;

import dev.hotplex.core.error.HotplexException;
import dev.hotplex.core.error.StandardErrorCode;
import dev.hotplex.core.model.DirectoryName;
import dev.hotplex.core.port.out.SessionSpec;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static java.util.Objects.requireNonNull;

/**
 * Chooses each session's {@code CLAUDE_CONFIG_DIR} under the engine's one ({@link ClaudeTranscripts#configDir}):
 * the root itself, {@code tenants/<owner>} or {@code sessions/<session id>}, by {@link Scope}. The
 * choice depends only on the session's owner and id, so a resumed or reset session finds its transcripts again.
 * Names that are not plain file names (or could collide once lower-cased) get a digest instead.
 */
public final class ClaudeConfigDirs {
    /** Whose config dir a session gets (the public {@code ConfigDirScope}, mapped by the provider). */
    public enum Scope {
        ENGINE, TENANT, SESSION
    }


    private final Path root;
    private final Scope scope;

    public ClaudeConfigDirs(Path root, Scope scope) {
        this.root = requireNonNull(root, "root is null").toAbsolutePath().normalize();
        this.scope = requireNonNull(scope, "scope is null");
    }

    /** The engine's config dir, under which every per-tenant or per-session one lives. */
    public Path root() {
        return root;
    }

    /** The session's config dir (not created). */
    public Path of(SessionSpec spec) {
        requireNonNull(spec, "spec is null");
        return switch (scope) {
            case ENGINE -> root;
            case TENANT -> root.resolve("tenants").resolve(fileName(spec.owner()));
            case SESSION -> root.resolve("sessions").resolve(fileName(spec.sessionId().value()));
        };
    }

    /** {@link #of}, created owner-only when missing; {@code INTERNAL} when it cannot be. */
    public Path create(SessionSpec spec) {
        Path dir = of(spec);
        try {
            if (!Files.isDirectory(dir)) {
                Files.createDirectories(dir.getParent());
                try {
                    Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(
                            PosixFilePermissions.fromString("rwx------")));
                } catch (FileAlreadyExistsException e) {
                    // a parallel session of the same tenant made it a moment ago
                }
            }
            return dir;
        } catch (IOException e) {
            throw new HotplexException(StandardErrorCode.INTERNAL, "cannot create the Claude config dir " + dir + ": "
                    + e.getMessage(), e);
        }
    }

    /** {@code name} itself when it is a plain lower-case file name, else {@code h-} and a SHA-256 prefix of it. */
    static String fileName(String name) {
        return DirectoryName.of(name).value();
    }
}
