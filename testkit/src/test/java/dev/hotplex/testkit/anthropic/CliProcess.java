package dev.hotplex.testkit.anthropic;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

import static dev.hotplex.testkit.anthropic.JsonWriter.object;
import static java.util.Objects.requireNonNull;

/**
 * A running CLI speaking one JSON object per line, read on a virtual thread into a queue so every wait
 * is bounded: a CLI that hangs fails the test with what it printed instead of hanging the build.
 */
final class CliProcess implements AutoCloseable {
    private static final String END = "\u0000end of stdout";
    private static final Duration STOP_GRACE = Duration.ofSeconds(3);

    private final Process process;
    private final Path stderr;
    private final long startNanos;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<String> seen = new ArrayList<>();
    private final OutputStream stdin;

    private CliProcess(Process process, Path stderr, long startNanos) {
        this.process = process;
        this.stderr = stderr;
        this.startNanos = startNanos;
        this.stdin = process.getOutputStream();
        Thread.ofVirtual().name("cli-stdout-" + process.pid()).start(this::pumpStdout);
    }

    /** Starts {@code builder}, whose stderr must be redirected to {@code stderr}. */
    static CliProcess start(ProcessBuilder builder, Path stderr) {
        long start = System.nanoTime();
        try {
            return new CliProcess(builder.start(), requireNonNull(stderr, "stderr is null"), start);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + builder.command(), e);
        }
    }

    /** Time since the process was spawned. */
    Duration sinceStart() {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    /** Writes one JSON line to stdin. */
    void send(Map<String, Object> message) {
        try {
            stdin.write((JsonWriter.write(message) + "\n").getBytes(StandardCharsets.UTF_8));
            stdin.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write to the CLI; " + diagnostics(), e);
        }
    }

    /** Sends a user turn the way an SDK does in {@code --input-format stream-json}. */
    void sendUserTurn(String text) {
        send(object("type", "user", "session_id", "", "parent_tool_use_id", null,
                "message", object("role", "user", "content", List.of(object("type", "text", "text", text)))));
    }

    /** The next stdout line as JSON; {@link AssertionError} when none comes within {@code timeout} or stdout ends. */
    Map<String, Object> next(Duration timeout) {
        String line;
        try {
            line = lines.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for CLI output", e);
        }
        if (line == null) {
            throw new AssertionError("no CLI output within " + timeout + "; " + diagnostics());
        }
        if (line.equals(END)) {
            lines.add(END);
            throw new AssertionError("the CLI closed stdout; " + diagnostics());
        }
        seen.add(line);
        try {
            return JsonParser.parseObject(line);
        } catch (IllegalArgumentException e) {
            throw new AssertionError("the CLI printed a line that is not a JSON object: " + line, e);
        }
    }

    /**
     * The lines up to and including the next {@code result}, each first shown to {@code onLine} (which
     * may answer control requests); all within {@code timeout}.
     */
    List<Map<String, Object>> untilResult(Duration timeout, Consumer<Map<String, Object>> onLine) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Map<String, Object>> turn = new ArrayList<>();
        while (true) {
            Duration left = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
            Map<String, Object> line = next(left);
            turn.add(line);
            onLine.accept(line);
            if ("result".equals(line.get("type"))) {
                return turn;
            }
        }
    }

    List<Map<String, Object>> untilResult(Duration timeout) {
        return untilResult(timeout, line -> { });
    }

    /** Closes stdin: a one-shot CLI reads it to its end, a stream-json CLI finishes its transcript and exits. */
    void closeStdin() {
        try {
            stdin.close();
        } catch (IOException e) {
            // already gone: the exit code tells
        }
    }

    int closeStdinAndAwaitExit(Duration timeout) {
        closeStdin();
        return awaitExit(timeout);
    }

    int awaitExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
                throw new AssertionError("the CLI did not exit within " + timeout + "; " + diagnostics());
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for the CLI to exit", e);
        }
    }

    /** Ends the process tree: politely, then forcibly after a grace period. */
    @Override
    public void close() {
        closeStdin();
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        tree.add(process.toHandle());
        tree.forEach(ProcessHandle::destroy);
        for (ProcessHandle handle : tree) {
            try {
                handle.onExit().get(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException | TimeoutException e) {
                handle.destroyForcibly();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                handle.destroyForcibly();
            }
        }
    }

    private void pumpStdout() {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lines.add(line);
            }
        } catch (IOException e) {
            // the process died; END below says so
        } finally {
            lines.add(END);
        }
    }

    private String diagnostics() {
        String tail;
        try {
            String all = Files.exists(stderr) ? Files.readString(stderr) : "";
            tail = all.length() > 2000 ? all.substring(all.length() - 2000) : all;
        } catch (IOException e) {
            tail = "(unreadable: " + e + ")";
        }
        List<String> recent = seen.subList(Math.max(0, seen.size() - 5), seen.size()).stream()
                .map(line -> line.length() > 300 ? line.substring(0, 300) + "..." : line).toList();
        return "alive=" + process.isAlive() + ", last lines=" + recent + ", stderr tail=" + tail;
    }
}
