package dev.hotplex.core.service;

import dev.hotplex.core.error.HotplexException;
import dev.hotplex.core.error.StandardErrorCode;
import dev.hotplex.core.model.SessionConfig;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * Confines session work dirs to the workspace root. A requested dir is refused when it contains a
 * {@code ..} segment, is absolute outside the root, is the root itself, or reaches outside the root
 * through a symbolic link anywhere along the way. The check is made on real paths, and again after
 * the directory is created.
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

    /** The validated absolute work dir for a session, without touching the file system beyond reading it. */
    public Path resolve(SessionConfig config) {
        String requested = config.workDir().filter(dir -> !dir.isEmpty()).orElse(config.sessionId().value());
        Path candidate = lexicallyConfined(requested);
        Path existing = deepestExisting(candidate);
        Path realExisting = realPath(existing, requested);
        if (!realExisting.startsWith(root)) {
            throw refuse(requested, "it leaves the workspace root through a symbolic link");
        }
        if (existing.equals(candidate) && !Files.isDirectory(realExisting)) {
            throw refuse(requested, "it exists and is not a directory");
        }
        Path resolved = realExisting.resolve(existing.relativize(candidate));
        if (resolved.equals(root)) {
            throw refuse(requested, "it is the workspace root itself; use a sub-directory");
        }
        return resolved;
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

    private Path lexicallyConfined(String requested) {
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
        Path absolute = path.isAbsolute() ? path.normalize() : root.resolve(path).normalize();
        if (path.isAbsolute() && !absolute.startsWith(root)) {
            throw refuse(requested, "it is an absolute path outside the workspace root");
        }
        if (absolute.equals(root)) {
            throw refuse(requested, "it is the workspace root itself; use a sub-directory");
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
