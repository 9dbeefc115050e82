package dev.hotplex.provider.process;

import dev.hotplex.core.error.HotplexException;
import dev.hotplex.core.error.StandardErrorCode;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import static java.util.Objects.requireNonNull;

/**
 * Runs {@code <binary> --version} (supervised like any CLI process, in its own group, with a timeout) and caches
 * the first answer; a failure is not cached, so a CLI installed later is found. {@code PROVIDER_UNAVAILABLE} when
 * the binary is missing, fails or hangs. Every provider asks its CLI's version this way.
 */
public final class VersionProbe {
    private static final int MAX_LINE_BYTES = 64 * 1024;
    private static final int STDERR_TAIL_BYTES = 4 * 1024;

    private final ProcessLauncher launcher;
    private final Supplier<Path> executable;
    private final Map<String, String> environment;
    private final Duration timeout;
    private String cached; // guarded by this

    /** {@code executable} resolves the CLI, throwing {@code PROVIDER_UNAVAILABLE} when there is none. */
    public VersionProbe(ProcessLauncher launcher, Supplier<Path> executable, Map<String, String> environment,
                        Duration timeout) {
        this.launcher = requireNonNull(launcher, "launcher is null");
        this.executable = requireNonNull(executable, "executable is null");
        this.environment = Map.copyOf(requireNonNull(environment, "environment is null"));
        this.timeout = requireNonNull(timeout, "timeout is null");
    }

    public synchronized String version() {
        if (cached == null) {
            cached = probe();
        }
        return cached;
    }

    private String probe() {
        Path executable = this.executable.get();
        String command = executable + " --version";
        ChildProcess child;
        try {
            child = launcher.launch(new LaunchRequest(List.of(executable.toString(), "--version"),
                    Path.of(System.getProperty("java.io.tmpdir")), environment, MAX_LINE_BYTES, STDERR_TAIL_BYTES));
        } catch (HotplexException e) {
            throw unavailable("cannot run " + command + ": " + e.getMessage());
        }
        FirstLine output = new FirstLine();
        child.readStdout(output);
        ExitStatus status;
        try {
            status = output.ended.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            child.terminate(Duration.ZERO, Optional.of("--version timed out"));
            throw unavailable(command + " did not finish within " + timeout.toMillis() + " ms");
        } catch (ExecutionException e) {
            throw unavailable(command + " failed: " + e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            child.terminate(Duration.ZERO, Optional.of("interrupted"));
            throw unavailable("interrupted while running " + command);
        }
        if (status.code() != 0) {
            throw unavailable(command + " failed with " + status.describe());
        }
        return output.first().orElseThrow(() -> unavailable(command + " printed no version"));
    }

    private static HotplexException unavailable(String message) {
        return new HotplexException(StandardErrorCode.PROVIDER_UNAVAILABLE, message);
    }

    /** Keeps the first non-blank stdout line. */
    private static final class FirstLine implements LineHandler {
        private final CompletableFuture<ExitStatus> ended = new CompletableFuture<>();
        private volatile String first;

        @Override
        public void line(String text) {
            if (first == null && !text.isBlank()) {
                first = text.strip();
            }
        }

        @Override
        public void skipped(long bytes, String head) {
            // a version is one short line
        }

        @Override
        public void ended(ExitStatus status) {
            ended.complete(status);
        }

        Optional<String> first() {
            return Optional.ofNullable(first);
        }
    }
}
