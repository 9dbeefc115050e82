package dev.hotplex.bench;

import dev.hotplex.testkit.anthropic.JsonParser;
import dev.hotplex.testkit.anthropic.JsonWriter;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static dev.hotplex.testkit.anthropic.JsonWriter.object;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The minimal harness the benchmarks compare hotplex with: the same CLI and command line as the provider uses for a
 * hot session (stream-json both ways, partial messages, permission prompts over stdio), one user line per turn,
 * stdout read until {@code result}. No engine, no HTTP: what driving the CLI by hand costs.
 */
final class DirectCli implements AutoCloseable {
    private final Process process;
    private final OutputStream stdin;
    private final BufferedReader stdout;

    private DirectCli(Process process) {
        this.process = process;
        this.stdin = process.getOutputStream();
        this.stdout = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    static DirectCli start(Path binary, Map<String, String> environment, Path workDir) throws IOException {
        Files.createDirectories(workDir);
        ProcessBuilder builder = new ProcessBuilder(binary.toString(), "-p", "--input-format", "stream-json",
                "--output-format", "stream-json", "--verbose", "--include-partial-messages",
                "--permission-prompt-tool", "stdio", "--session-id", UUID.randomUUID().toString())
                .directory(workDir.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().clear();
        builder.environment().putAll(environment);
        return new DirectCli(builder.start());
    }

    /**
     * The {@code initialize} handshake the provider performs on every new process; returns once the CLI answered,
     * which is how a pre-spawned process is known to be ready for its first turn.
     */
    void initialize() throws IOException {
        String id = "init-" + UUID.randomUUID();
        write(JsonWriter.write(object("type", "control_request", "request_id", id,
                "request", object("subtype", "initialize"))));
        String read;
        while ((read = stdout.readLine()) != null) {
            Map<String, Object> message = JsonParser.parseObject(read);
            if ("control_response".equals(message.get("type")) && message.get("response") instanceof Map<?, ?> response
                    && id.equals(response.get("request_id"))) {
                return;
            }
        }
        throw new UncheckedIOException(new IOException("the CLI ended before answering initialize"));
    }

    void turn(String prompt) throws IOException {
        write(JsonWriter.write(object("type", "user", "session_id", "", "parent_tool_use_id", null,
                "message", object("role", "user", "content", List.of(object("type", "text", "text", prompt))))));
        String read;
        while ((read = stdout.readLine()) != null) {
            Map<String, Object> message = JsonParser.parseObject(read);
            if ("result".equals(message.get("type"))) {
                assertThat(message).as("result of %s", prompt).containsEntry("is_error", false);
                return;
            }
        }
        throw new UncheckedIOException(new IOException("the CLI ended before the result of " + prompt));
    }

    private void write(String line) throws IOException {
        stdin.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        stdin.flush();
    }

    @Override
    public void close() throws IOException {
        stdin.close();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
