package dev.hotplex.testkit.anthropic;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the pinned Claude Code CLI for tests that drive the real binary against a {@link FakeAnthropicApi}:
 * the system property or environment variable {@value #BINARY_VARIABLE}, else the binary {@value #INSTALLER}
 * puts under the project root. File checks only: it never runs anything.
 */
public final class ClaudeBinaryLocator {
    /** The pinned CLI version the fake and the recorded protocol facts were checked against. */
    public static final String VERSION = "2.1.330";
    /** Names a claude binary to use instead of the installed one. */
    public static final String BINARY_VARIABLE = "HOTPLEX_CLAUDE_BIN";
    /** {@code =1} skips the real-CLI tests; otherwise a missing binary fails them. */
    public static final String SKIP_VARIABLE = "HOTPLEX_SKIP_REAL_CLI";
    private static final String INSTALLER = "bin/install-claude";
    private static final String INSTALLED_BINARY = ".tools/claude-code/node_modules/@anthropic-ai/claude-code-linux-x64/claude";

    private ClaudeBinaryLocator() {
    }

    /** Whether {@value #SKIP_VARIABLE}{@code =1} asks to skip the real-CLI tests. */
    public static boolean skipRequested() {
        return "1".equals(System.getenv(SKIP_VARIABLE));
    }

    /**
     * The CLI named by {@value #BINARY_VARIABLE}, else the one {@value #INSTALLER} puts under the project root
     * (looked for upwards from the working directory); {@link AssertionError} saying what to do when absent.
     */
    public static Path locate() {
        String configured = System.getProperty(BINARY_VARIABLE, System.getenv(BINARY_VARIABLE));
        if (configured != null && !configured.isBlank()) {
            Path binary = Path.of(configured).toAbsolutePath();
            if (!Files.isExecutable(binary)) {
                throw new AssertionError(BINARY_VARIABLE + "=" + configured + " is not an executable file");
            }
            return binary;
        }
        Path start = Path.of("").toAbsolutePath();
        Path root = start;
        while (root != null && !Files.isRegularFile(root.resolve(INSTALLER))) {
            root = root.getParent();
        }
        if (root == null) {
            throw new AssertionError("cannot find the project root (the directory holding " + INSTALLER + ") above "
                    + start + "; set " + BINARY_VARIABLE + " to a claude " + VERSION + " binary");
        }
        Path binary = root.resolve(INSTALLED_BINARY);
        if (!Files.isExecutable(binary)) {
            throw new AssertionError("the Claude Code CLI " + VERSION + " is not installed at " + binary
                    + ": run bin/install-claude (or set " + BINARY_VARIABLE + "=<path to claude>, or "
                    + SKIP_VARIABLE + "=1 to skip the real-CLI tests)");
        }
        return binary;
    }
}
