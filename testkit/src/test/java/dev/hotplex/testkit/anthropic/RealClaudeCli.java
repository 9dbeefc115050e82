package dev.hotplex.testkit.anthropic;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * Where the pinned Claude Code CLI is and how the tests run it: isolated (fresh config dir and home,
 * an explicit environment) and offline against a {@link FakeAnthropicApi}.
 */
final class RealClaudeCli {
    static final String VERSION = ClaudeBinaryLocator.VERSION;
    static final String BINARY_VARIABLE = ClaudeBinaryLocator.BINARY_VARIABLE;
    static final String SKIP_VARIABLE = ClaudeBinaryLocator.SKIP_VARIABLE;

    private final Path binary;

    private RealClaudeCli(Path binary) {
        this.binary = binary;
    }

    /** The CLI {@link ClaudeBinaryLocator} finds; {@link AssertionError} saying what to do when absent. */
    static RealClaudeCli locate() {
        return new RealClaudeCli(ClaudeBinaryLocator.locate());
    }

    static boolean skipRequested() {
        return ClaudeBinaryLocator.skipRequested();
    }

    Path binary() {
        return binary;
    }

    /**
     * A launcher for {@code claude <arguments>} in {@code sandbox/work}, with its config dir and home
     * inside {@code sandbox}, talking only to {@code api}; stderr goes to {@code sandbox/stderr.txt}.
     */
    ProcessBuilder command(FakeAnthropicApi api, Path sandbox, List<String> arguments) {
        requireNonNull(api, "api is null");
        Path work = createDirectories(sandbox.resolve("work"));
        Path config = createDirectories(sandbox.resolve("config"));
        Path home = createDirectories(sandbox.resolve("home"));
        List<String> command = new ArrayList<>();
        command.add(binary.toString());
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(work.toFile())
                .redirectError(sandbox.resolve("stderr.txt").toFile());
        Map<String, String> environment = builder.environment();
        String path = System.getenv("PATH");
        environment.clear();
        environment.put("PATH", path == null ? "/usr/bin:/bin" : path);
        environment.put("HOME", home.toString());
        environment.putAll(api.cliEnvironment(config));
        return builder;
    }

    private static Path createDirectories(Path directory) {
        try {
            return Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
