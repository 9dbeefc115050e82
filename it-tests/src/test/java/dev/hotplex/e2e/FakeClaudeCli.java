package dev.hotplex.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The scriptable fake {@code claude} of provider-claude's tests (its test resource {@code fake-claude/claude}, whose
 * header lists what each prompt makes it do), for end-to-end runs that need many cheap processes.
 */
public final class FakeClaudeCli {
    private static final Path SOURCE = Path.of("..", "provider-claude", "src", "test", "resources", "fake-claude",
            "claude");

    private FakeClaudeCli() {
    }

    /** Copies the script into {@code directory} as an executable {@code claude} and returns its path. */
    public static Path install(Path directory) {
        if (!Files.isRegularFile(SOURCE)) {
            throw new IllegalStateException("the fake CLI is missing: " + SOURCE.toAbsolutePath().normalize());
        }
        try {
            Path target = Files.createDirectories(directory).resolve("claude");
            Files.copy(SOURCE, target, StandardCopyOption.REPLACE_EXISTING);
            Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwxr-xr-x"));
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
