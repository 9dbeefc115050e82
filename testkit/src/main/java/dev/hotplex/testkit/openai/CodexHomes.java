package dev.hotplex.testkit.openai;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where tests put the {@code CODEX_HOME}s of the real Codex CLI. Codex 0.169.0 will not create its command-sandbox
 * helper ({@code codex-linux-sandbox}, reached through aliases in its home) under the temp dir, and every sandboxed
 * command then fails in bubblewrap. So homes go under the build dir ({@code target/codex-homes}), unless the project
 * itself lives under the temp dir (a clone in {@code /tmp}): then under {@code /var/tmp}, which is not it.
 */
public final class CodexHomes {
    private CodexHomes() {
    }

    /** The directory to create homes in (created if missing), outside the temp dir. */
    public static Path base() {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath().normalize();
        Path build = Path.of("target", "codex-homes").toAbsolutePath().normalize();
        Path base = build.startsWith(tmp) ? Path.of("/var/tmp", "hotplex-test-codex-homes") : build;
        try {
            return Files.createDirectories(base);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + base, e);
        }
    }
}
