package dev.hotplex.provider.process;

import java.nio.file.Path;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * What one launched command may see beyond a read-only root file system: the work dir is always writable;
 * these add to it. Paths are absolute; one that does not exist is skipped (nothing to show or hide).
 *
 * @param writable visible and writable (e.g. the CLI's per-tenant config dir)
 * @param readOnly visible read-only, even inside a hidden path (e.g. the CLI's install dir)
 * @param hidden   not visible at all: an empty directory (or an empty file) takes their place (e.g. the
 *                 workspace root with every other session's work dir, the engine's state dir, other
 *                 tenants' config dirs); a writable or read-only path inside a hidden one is shown again
 */
public record Confinement(List<Path> writable, List<Path> readOnly, List<Path> hidden) {
    private static final Confinement NOTHING = new Confinement(List.of(), List.of(), List.of());

    public Confinement {
        writable = absolute("writable", writable);
        readOnly = absolute("readOnly", readOnly);
        hidden = absolute("hidden", hidden);
    }

    /** Only the work dir beyond the read-only root. */
    public static Confinement nothingMore() {
        return NOTHING;
    }

    /** This confinement plus {@code other}'s paths. */
    public Confinement and(Confinement other) {
        requireNonNull(other, "other is null");
        return new Confinement(concat(writable, other.writable), concat(readOnly, other.readOnly),
                concat(hidden, other.hidden));
    }

    private static List<Path> concat(List<Path> first, List<Path> second) {
        return java.util.stream.Stream.concat(first.stream(), second.stream()).distinct().toList();
    }

    private static List<Path> absolute(String name, List<Path> paths) {
        List<Path> copy = List.copyOf(requireNonNull(paths, name + " is null"));
        for (Path path : copy) {
            if (!path.isAbsolute()) {
                throw new IllegalArgumentException(name + " paths must be absolute, got " + path);
            }
        }
        return copy.stream().map(Path::normalize).distinct().toList();
    }
}
