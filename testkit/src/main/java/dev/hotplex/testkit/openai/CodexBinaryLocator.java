package dev.hotplex.testkit.openai;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds the pinned Codex CLI for tests that drive the real binary against a {@link FakeOpenAiApi}: the
 * system property or environment variable {@value #BINARY_VARIABLE}, else the native binary
 * {@value #INSTALLER} puts under the project root. File checks only: it never runs anything.
 */
public final class CodexBinaryLocator {
    /** The pinned CLI version the fake and the recorded protocol facts were checked against. */
    public static final String VERSION = "0.169.0";
    /** Names a codex binary to use instead of the installed one. */
    public static final String BINARY_VARIABLE = "HOTPLEX_CODEX_BIN";
    private static final String INSTALLER = "bin/install-codex";
    private static final String VENDOR_DIR = ".tools/codex/node_modules/@openai/codex-linux-x64/vendor";

    private CodexBinaryLocator() {
    }

    /** The binary, or empty when it is genuinely not installed (so tests can skip). */
    public static Optional<Path> find() {
        String configured = System.getProperty(BINARY_VARIABLE, System.getenv(BINARY_VARIABLE));
        if (configured != null && !configured.isBlank()) {
            Path binary = Path.of(configured).toAbsolutePath();
            if (!Files.isExecutable(binary)) {
                throw new AssertionError(BINARY_VARIABLE + "=" + configured + " is not an executable file");
            }
            return Optional.of(binary);
        }
        Path root = Path.of("").toAbsolutePath();
        while (root != null && !Files.isRegularFile(root.resolve(INSTALLER))) {
            root = root.getParent();
        }
        if (root == null || !Files.isDirectory(root.resolve(VENDOR_DIR))) {
            return Optional.empty();
        }
        // The vendor dir is named by target triple (x86_64-unknown-linux-musl); find the executable below it.
        try (Stream<Path> files = Files.walk(root.resolve(VENDOR_DIR), 3)) {
            return files.filter(path -> path.getFileName().toString().equals("codex") && Files.isRegularFile(path)
                    && Files.isExecutable(path)).findFirst();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot search " + root.resolve(VENDOR_DIR), e);
        }
    }

    /** The binary; {@link AssertionError} saying what to do when it is absent. */
    public static Path locate() {
        return find().orElseThrow(() -> new AssertionError("the Codex CLI " + VERSION
                + " is not installed: run " + INSTALLER + " (or set " + BINARY_VARIABLE + "=<path to codex>)"));
    }
}
