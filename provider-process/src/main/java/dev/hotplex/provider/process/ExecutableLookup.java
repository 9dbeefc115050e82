package dev.hotplex.provider.process;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Finds an executable the way {@code execvp} would: a name with a slash is a path, a bare name is
 * looked up in {@code PATH}. Done before launching so that a missing binary is a clear error rather
 * than a child that exits at once.
 */
public final class ExecutableLookup {
    private ExecutableLookup() {
    }

    /** The absolute path of {@code command}, searched in {@code path} (a {@code PATH} value) when bare. */
    public static Optional<Path> find(String command, Optional<String> path) {
        requireNonNull(command, "command is null");
        requireNonNull(path, "path is null");
        if (command.isBlank()) {
            return Optional.empty();
        }
        if (command.contains("/")) {
            return executable(command);
        }
        for (String directory : path.orElse("").split(File.pathSeparator)) {
            if (!directory.isEmpty()) {
                Optional<Path> found = executable(directory + "/" + command);
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<Path> executable(String candidate) {
        try {
            Path file = Path.of(candidate).toAbsolutePath().normalize();
            return Files.isRegularFile(file) && Files.isExecutable(file) ? Optional.of(file) : Optional.empty();
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
    }
}
