package dev.hotplex.core.service;

import dev.hotplex.core.error.HotplexException;
import dev.hotplex.core.error.StandardErrorCode;
import dev.hotplex.core.model.DirectoryName;
import dev.hotplex.core.model.SessionConfig;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * Confines session work dirs to their tenant's directory under the workspace root
 * ({@code <root>/<tenant>/<session id>} by default). A requested dir is refused when it contains a {@code ..}
 * segment, is absolute outside the tenant's directory, is that directory itself, or reaches outside it through a
 * symbolic link anywhere along the way. The check is made on real paths, and again after the directory is created.
 */
public final class WorkDirResolver {
    private static final int MAX_PATH_CHARS = 1024;

    private final Path root;

    /** Creates the root if needed; {@code INVALID_CONFIG} if it cannot be a directory. */
    public WorkDirResolver(Path workspaceRoot) {
        try {
            Files.createDirectories(workspaceRoot);
            this.root = workspaceRoot.toRealPath();
        } catch (IOException | RuntimeException e) {
            throw new HotplexException(StandardErrorCode.INVALID_CONFIG,
                    "workspace root " + workspaceRoot + " is not a usable directory: " + e.getMessage(), e);
        }
    }

    public Path root() {
        return root;
    }

    /** The directory that holds every work dir of {@code owner}: {@code <root>/<owner as a safe name>}. */
    public Path tenantRoot(String owner) {
        return root.resolve(DirectoryName.of(owner).value());
    }

    /**
     * The validated absolute work dir for a session, without touching the file system beyond reading it: the
     * requested dir (or the session id) inside the owner's own tenant root, so one tenant can never name, and so
     * never work in, another tenant's directory.
     */
    public Path resolve(SessionConfig config) {
        String requested = config.workDir().filter(dir -> !dir.isEmpty()).orElse(config.sessionId().value());
        return confined(tenantRoot(config.owner()), requested, "this tenant's workspace");
    }

    /**
     * A work dir the engine recorded itself when the session began (it was confined then). It is checked against the
     * workspace root only, so sessions recorded before work dirs were split by tenant still resume where they were.
     */
    public Path resolveRecorded(Path recorded) {
        return confined(root, recorded.toString(), "the workspace root");
    }

    private Path confined(Path base, String requested, String baseName) {
        Path candidate = lexicallyConfined(base, requested, baseName);
        if (!Files.exists(base, LinkOption.NOFOLLOW_LINKS)) {
            return candidate; // a new tenant: nothing below its root exists, so the lexical check is the whole check
        }
        Path realBase = realBase(base, requested);
        Path existing = deepestExisting(candidate);
        Path realExisting = realPath(existing, requested);
        if (!realExisting.startsWith(realBase)) {
            throw refuse(requested, "it leaves " + baseName + " through a symbolic link");
        }
        if (existing.equals(candidate) && !Files.isDirectory(realExisting)) {
            throw refuse(requested, "it exists and is not a directory");
        }
        Path resolved = realExisting.resolve(existing.relativize(candidate));
        if (resolved.equals(realBase)) {
            throw refuse(requested, "it is " + baseName + " itself; use a sub-directory");
        }
        return resolved;
    }

    /** The base as a real path; a tenant root that is a link out of the workspace is refused. */
    private Path realBase(Path base, String requested) {
        Path real = realPath(base, requested);
        if (!real.startsWith(root)) {
            throw refuse(requested, "its tenant directory leaves the workspace root through a symbolic link");
        }
        return real;
    }

    /** Creates a work dir returned by {@link #resolve}, checking again once it exists. */
    public Path create(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new HotplexException(StandardErrorCode.INVALID_CONFIG,
                    "cannot create work dir " + dir + ": " + e.getMessage(), e);
        }
        Path real = realPath(dir, dir.toString());
        if (!real.startsWith(root) || real.equals(root)) {
            throw refuse(dir.toString(), "it left the workspace root while being created");
        }
        return real;
    }

    private Path lexicallyConfined(Path base, String requested, String baseName) {
        if (requested.length() > MAX_PATH_CHARS) {
            throw refuse(requested.substring(0, 40) + "...", "it is longer than " + MAX_PATH_CHARS + " characters");
        }
        if (requested.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw refuse(requested, "it contains control characters");
        }
        Path path;
        try {
            path = Path.of(requested);
        } catch (InvalidPathException e) {
            throw refuse(requested, "it is not a valid path");
        }
        for (Path segment : path) {
            if (segment.toString().equals("..")) {
                throw refuse(requested, "it contains a '..' segment");
            }
        }
        Path absolute = path.isAbsolute() ? path.normalize() : base.resolve(path).normalize();
        if (path.isAbsolute() && !absolute.startsWith(base)) {
            throw refuse(requested, "it is an absolute path outside " + baseName);
        }
        if (absolute.equals(base)) {
            throw refuse(requested, "it is " + baseName + " itself; use a sub-directory");
        }
        return absolute;
    }

    private static Path deepestExisting(Path candidate) {
        Path existing = candidate;
        while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
            existing = existing.getParent();
        }
        return existing == null ? candidate.getRoot() : existing;
    }

    private static Path realPath(Path path, String requested) {
        try {
            return path.toRealPath();
        } catch (IOException e) {
            // a dangling symbolic link, or a loop: nothing we can confine
            throw refuse(requested, "it cannot be resolved (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static HotplexException refuse(String requested, String why) {
        return new HotplexException(StandardErrorCode.INVALID_CONFIG,
                "work dir '" + requested + "' is refused: " + why);
    }
}
