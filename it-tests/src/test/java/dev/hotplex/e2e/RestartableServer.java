package dev.hotplex.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The real {@code hotplex serve} in a child JVM (HotplexMain on this test JVM's classpath), configured only through
 * {@code HOTPLEX_*} variables the way an operator would: its own state directory, workspace and port. It can be
 * stopped gracefully (SIGTERM) or killed ({@code kill -9}), and started again over the same state.
 */
public final class RestartableServer implements AutoCloseable {
    static final Duration WAIT = Duration.ofSeconds(60);
    private static final Pattern SERVING = Pattern.compile("hotplex serving on http://([0-9.]+):(\\d+)");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final Path log;
    private final String baseUrl;
    private final HttpClient http = HttpClient.newHttpClient();

    private RestartableServer(Process process, Path log, String baseUrl) {
        this.process = process;
        this.log = log;
        this.baseUrl = baseUrl;
    }

    /** Starts {@code hotplex serve} with {@code environment} and returns once it listens. */
    public static RestartableServer start(Map<String, String> environment, Path logDir) throws Exception {
        Files.createDirectories(logDir);
        Path log = Files.createTempFile(logDir, "serve", ".log");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        if (Runtime.version().feature() >= 24) {
            command.add("--sun-misc-unsafe-memory-access=allow");
            command.add("--enable-native-access=ALL-UNNAMED"); // as bin/hotplex does: SQLite's native library
        }
        command.add("-Xmx256m");
        command.add("-Duser.home=" + environment.get("HOME"));
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("dev.hotplex.app.HotplexMain");
        command.add("serve");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        builder.environment().clear();
        builder.environment().putAll(environment);
        Process process = builder.start();
        CompletableFuture<String> serving = new CompletableFuture<>();
        Thread.ofVirtual().name("serve-output").start(() -> copyOutput(process, log, serving));
        try {
            String url = serving.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            return new RestartableServer(process, log, url);
        } catch (TimeoutException | java.util.concurrent.ExecutionException e) {
            process.destroyForcibly().waitFor(WAIT.toSeconds(), TimeUnit.SECONDS);
            throw new AssertionError("hotplex serve did not start listening; its output:\n" + Files.readString(log), e);
        }
    }

    /** The environment for a serve over the state, workspace and home under {@code sandbox}, on an ephemeral port. */
    public static Map<String, String> environment(Path sandbox, Path claudeBinary, Map<String, String> extra) {
        Map<String, String> env = new HashMap<>();
        String path = System.getenv("PATH");
        env.put("PATH", path == null ? "/usr/bin:/bin" : path);
        env.put("HOME", RealClaude.createDirectories(sandbox.resolve("home")).toString());
        env.put("LANG", "C.UTF-8");
        env.put("HOTPLEX_CLAUDE_BINARY", claudeBinary.toString());
        env.put("HOTPLEX_WORKSPACE_ROOT", RealClaude.createDirectories(sandbox.resolve("workspace")).toString());
        env.put("HOTPLEX_STATE_DIR", sandbox.resolve("state").toString());
        env.put("HOTPLEX_HTTP_PORT", "0");
        env.putAll(extra);
        return Map.copyOf(env);
    }

    public long pid() {
        return process.pid();
    }

    /** {@code http://host:port}, as the server printed it. */
    public String baseUrl() {
        return baseUrl;
    }

    public String output() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** SIGTERM, as an operator's {@code kill} or a service manager does: the graceful path. Returns the exit code. */
    int stopGracefully() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)) {
            throw new AssertionError("hotplex serve did not stop on SIGTERM; its output:\n" + output());
        }
        return process.exitValue();
    }

    /** SIGKILL: the engine gets no chance to stop anything. */
    void killHard() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)) {
            throw new AssertionError("hotplex serve survived SIGKILL");
        }
    }

    public HttpResponse<String> get(String path, String apiKey) throws IOException, InterruptedException {
        return http.send(request(path, apiKey).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    public JsonNode getJson(String path, String apiKey) throws IOException, InterruptedException {
        HttpResponse<String> response = get(path, apiKey);
        if (response.statusCode() != 200) {
            throw new AssertionError("GET " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    /** A bodiless request such as {@code DELETE /v1/sessions/x} or {@code POST /v1/sessions/x/reset}. */
    public HttpResponse<String> send(String method, String path, String apiKey) throws IOException, InterruptedException {
        return http.send(request(path, apiKey).method(method, HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Runs a turn to its end over SSE; the events as (name, data) pairs. */
    public List<SseEvent> turn(String sessionId, String prompt, String apiKey) throws IOException, InterruptedException {
        List<SseEvent> events = new ArrayList<>();
        try (Stream<String> lines = streamTurn(sessionId, prompt, apiKey)) {
            collect(lines, events, event -> false);
        }
        return events;
    }

    /**
     * Starts a turn over SSE and returns once an event matching {@code until} arrived; the turn goes on in the
     * server, and the returned stream (to close) holds the rest.
     */
    Stream<String> turnUntil(String sessionId, String prompt, String apiKey, Predicate<SseEvent> until)
            throws IOException, InterruptedException {
        Stream<String> lines = streamTurn(sessionId, prompt, apiKey);
        List<SseEvent> events = new ArrayList<>();
        if (!collect(lines, events, until)) {
            lines.close();
            throw new AssertionError("the turn ended before the awaited event: " + events);
        }
        return lines;
    }

    private Stream<String> streamTurn(String sessionId, String prompt, String apiKey)
            throws IOException, InterruptedException {
        HttpRequest request = request("/v1/sessions/" + sessionId + "/turns", apiKey)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("prompt", prompt))))
                .build();
        HttpResponse<Stream<String>> response = http.send(request, HttpResponse.BodyHandlers.ofLines());
        if (response.statusCode() != 200) {
            String body = String.join("\n", response.body().toList());
            throw new AssertionError("the turn was refused with " + response.statusCode() + ": " + body);
        }
        return response.body();
    }

    /** Reads events until {@code until} matches (true) or the stream ends (false). */
    private static boolean collect(Stream<String> lines, List<SseEvent> events, Predicate<SseEvent> until) {
        String name = null;
        for (java.util.Iterator<String> it = lines.iterator(); it.hasNext(); ) {
            String line = it.next();
            if (line.startsWith("event: ")) {
                name = line.substring("event: ".length());
            } else if (line.startsWith("data: ") && name != null) {
                SseEvent event = new SseEvent(name, readJson(line.substring("data: ".length())));
                events.add(event);
                name = null;
                if (until.test(event)) {
                    return true;
                }
            }
        }
        return false;
    }

    private HttpRequest.Builder request(String path, String apiKey) {
        return HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(WAIT)
                .header("Authorization", "Bearer " + apiKey);
    }

    private static JsonNode readJson(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void copyOutput(Process process, Path log, CompletableFuture<String> serving) {
        try (BufferedReader reader = process.inputReader();
             java.io.BufferedWriter out = Files.newBufferedWriter(log)) {
            String line;
            while ((line = reader.readLine()) != null) {
                out.write(line);
                out.newLine();
                out.flush();
                Matcher matcher = SERVING.matcher(line);
                if (matcher.find()) {
                    serving.complete("http://" + matcher.group(1) + ":" + matcher.group(2));
                }
            }
        } catch (IOException e) {
            serving.completeExceptionally(e);
        } finally {
            serving.completeExceptionally(new IllegalStateException("hotplex serve ended"));
        }
    }

    /** Stops a server a test left running (gracefully, so its CLIs go too); a no-op after a stop or a kill. */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        try {
            stopGracefully();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    /** One server-sent event: its name and its data. */
    public record SseEvent(String name, JsonNode data) {
    }
}
