package dev.hotplex.cli;

import dev.hotplex.testkit.anthropic.FakeAnthropicApi;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Starts the real {@code hotplex} (HotplexMain on this test JVM's classpath) the way a person would, with the real
 * Claude Code CLI talking to a {@link FakeAnthropicApi}, in a sandbox: own home, config dir, workspace and state.
 */
final class HotplexLauncher {
    final Path home;
    final Path workspace;
    final Map<String, String> environment;

    HotplexLauncher(Path claude, Path sandbox, FakeAnthropicApi api) {
        this.home = directory(sandbox.resolve("home"));
        this.workspace = directory(sandbox.resolve("workspace"));
        Map<String, String> env = new HashMap<>();
        String path = System.getenv("PATH");
        env.put("PATH", path == null ? "/usr/bin:/bin" : path);
        env.put("HOME", home.toString());
        env.put("TERM", "xterm-256color");
        env.put("LANG", "C.UTF-8");
        env.put("HOTPLEX_CLAUDE_BINARY", claude.toString());
        env.put("HOTPLEX_WORKSPACE_ROOT", workspace.toString());
        env.put("HOTPLEX_STATE_DIR", directory(sandbox.resolve("state")).toString());
        env.putAll(api.cliEnvironment(directory(sandbox.resolve("claude-config"))));
        this.environment = Map.copyOf(env);
    }

    /** {@code java ... dev.hotplex.app.HotplexMain args...}. */
    List<String> command(String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        if (Runtime.version().feature() >= 24) {
            command.add("--sun-misc-unsafe-memory-access=allow");
            // SQLite's driver loads its native library; JDK 24+ would warn on stderr, among the log lines
            command.add("--enable-native-access=ALL-UNNAMED");
        }
        command.add("-Duser.home=" + home);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("dev.hotplex.app.HotplexMain");
        command.addAll(List.of(args));
        return command;
    }

    /** Runs hotplex to its end with {@code stdin}; stdout and stderr apart. */
    Result run(String stdin, String... args) throws IOException, InterruptedException {
        Path out = Files.createTempFile(home, "out", ".txt");
        Path err = Files.createTempFile(home, "err", ".txt");
        Path in = Files.writeString(Files.createTempFile(home, "in", ".txt"), stdin);
        ProcessBuilder builder = new ProcessBuilder(command(args)).redirectInput(in.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().clear();
        builder.environment().putAll(environment);
        Process process = builder.start();
        if (!process.waitFor(90, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("hotplex " + String.join(" ", args) + " did not end; stderr: " + Files.readString(err));
        }
        return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
    }

    record Result(int exitCode, String out, String err) {
    }

    /** Starts hotplex in the background with {@code extra} environment; stdout and stderr go to files. */
    Started start(Map<String, String> extra, String... args) throws IOException {
        Path out = Files.createTempFile(home, "out", ".txt");
        Path err = Files.createTempFile(home, "err", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command(args)).redirectInput(ProcessBuilder.Redirect.from(
                        Files.writeString(Files.createTempFile(home, "in", ".txt"), "").toFile()))
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().clear();
        builder.environment().putAll(environment);
        builder.environment().putAll(extra);
        return new Started(builder.start(), out, err);
    }

    /** A hotplex running in the background. */
    record Started(Process process, Path out, Path err) {
        String outText() throws IOException {
            return Files.readString(out);
        }

        String errText() throws IOException {
            return Files.readString(err);
        }

        /** Waits until stdout matches {@code pattern}; returns the first match's group 1. */
        String awaitOut(java.util.regex.Pattern pattern, java.time.Duration timeout) throws Exception {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                java.util.regex.Matcher matcher = pattern.matcher(outText());
                if (matcher.find()) {
                    return matcher.group(1);
                }
                if (!process.isAlive()) {
                    throw new AssertionError("hotplex ended (" + process.exitValue() + "); stderr: " + errText());
                }
                Thread.sleep(100);
            }
            throw new AssertionError("no " + pattern + " on stdout in " + timeout + "; stderr: " + errText());
        }

        /** Ends it for sure (tests' clean-up): SIGKILL, then waits. */
        void kill() throws InterruptedException {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS);
        }
    }

    private static Path directory(Path path) {
        try {
            return Files.createDirectories(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
