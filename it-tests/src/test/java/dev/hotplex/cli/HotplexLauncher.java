package dev.hotplex.cli;

import dev.hotplex.testkit.anthropic.FakeAnthropicApi;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Starts the real {@code hotplex} (HotplexMain on this test JVM's classpath) the way a person would, with the real
 * Claude Code CLI talking to a {@link FakeAnthropicApi}, in a sandbox: own home, config dir, workspace and state.
 */
final class HotplexLauncher {
    private static final Duration RUN_LIMIT = Duration.ofSeconds(90);

    final Path home;
    final Path workspace;
    final Path stateDir;
    final Map<String, String> environment;
    private final Path sandbox;

    HotplexLauncher(Path claude, Path sandbox, FakeAnthropicApi api) {
        this.sandbox = sandbox;
        this.home = directory(sandbox.resolve("home"));
        this.workspace = directory(sandbox.resolve("workspace"));
        this.stateDir = directory(sandbox.resolve("state"));
        Map<String, String> env = new HashMap<>();
        String path = System.getenv("PATH");
        env.put("PATH", path == null ? "/usr/bin:/bin" : path);
        env.put("HOME", home.toString());
        env.put("TERM", "xterm-256color");
        env.put("LANG", "C.UTF-8");
        env.put("HOTPLEX_CLAUDE_BINARY", claude.toString());
        env.put("HOTPLEX_WORKSPACE_ROOT", workspace.toString());
        env.put("HOTPLEX_STATE_DIR", stateDir.toString());
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
        return run(Map.of(), stdin, args);
    }

    /** Runs hotplex to its end with {@code extra} environment and {@code stdin}. */
    Result run(Map<String, String> extra, String stdin, String... args) throws IOException, InterruptedException {
        Path in = Files.writeString(Files.createTempFile(home, "in", ".txt"), stdin);
        Started started = start(ProcessBuilder.Redirect.from(in.toFile()), extra, args);
        if (!started.process().waitFor(RUN_LIMIT.toSeconds(), TimeUnit.SECONDS)) {
            started.kill();
            throw new AssertionError("hotplex " + String.join(" ", args) + " did not end; stderr: "
                    + started.errText());
        }
        return new Result(started.process().exitValue(), started.outText(), started.errText());
    }

    record Result(int exitCode, String out, String err) {
    }

    /** Starts hotplex in the background with {@code extra} environment and empty stdin. */
    Started start(Map<String, String> extra, String... args) throws IOException {
        Path in = Files.writeString(Files.createTempFile(home, "in", ".txt"), "");
        return start(ProcessBuilder.Redirect.from(in.toFile()), extra, args);
    }

    /** Starts hotplex in the background on a stdin that stays open (never ends) until it is closed. */
    Started startWithOpenStdin(String... args) throws IOException {
        return start(ProcessBuilder.Redirect.PIPE, Map.of(), args);
    }

    /** Starts hotplex in a fresh {@code width}×{@code height} terminal; {@code script} names its wrapper. */
    Tmux inTerminal(String script, int width, int height, String... args) throws IOException, InterruptedException {
        return new Tmux(command(args), environment, sandbox, width, height, script);
    }

    private Started start(ProcessBuilder.Redirect stdin, Map<String, String> extra, String... args)
            throws IOException {
        Path out = Files.createTempFile(home, "out", ".txt");
        Path err = Files.createTempFile(home, "err", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command(args)).redirectInput(stdin)
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().clear();
        builder.environment().putAll(environment);
        builder.environment().putAll(extra);
        return new Started(builder.start(), out, err);
    }

    /** A hotplex running in the background; closing it kills whatever of it is left. */
    record Started(Process process, Path out, Path err) implements AutoCloseable {
        String outText() throws IOException {
            return Files.readString(out);
        }

        String errText() throws IOException {
            return Files.readString(err);
        }

        /** Waits until stdout matches {@code pattern}; returns the first match's group 1. */
        String awaitOut(Pattern pattern, Duration timeout) throws Exception {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                Matcher matcher = pattern.matcher(outText());
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

        /** The processes hotplex runs right now: the agent CLI and whatever it started. */
        AgentProcesses agentProcesses() {
            return AgentProcesses.under(process.toHandle());
        }

        /** Sends SIGINT, as Ctrl-C in its terminal would. */
        void interrupt() throws IOException, InterruptedException {
            Process kill = new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).inheritIO().start();
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new AssertionError("kill -INT " + process.pid() + " failed");
            }
        }

        /** Waits for hotplex to end by itself; false if it still runs after {@code timeout}. */
        boolean awaitEnd(Duration timeout) throws InterruptedException {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }

        /** SIGTERM, the graceful path; SIGKILL only if that does not end it within a minute. */
        void stop() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                kill();
            }
        }

        /** Ends it for sure (tests' clean-up): SIGKILL, then waits. */
        void kill() throws InterruptedException {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }

        @Override
        public void close() throws IOException {
            process.getOutputStream().close(); // an open stdin ends here
            if (process.isAlive()) {
                try {
                    kill();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
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
