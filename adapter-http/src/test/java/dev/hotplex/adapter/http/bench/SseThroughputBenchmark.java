package dev.hotplex.adapter.http.bench;

import dev.hotplex.adapter.http.ApiKey;
import dev.hotplex.adapter.http.DisconnectPolicy;
import dev.hotplex.adapter.http.HotplexHttpServer;
import dev.hotplex.adapter.http.HttpConfig;
import dev.hotplex.adapter.http.RateLimit;
import dev.hotplex.core.model.AgentEvent;
import dev.hotplex.core.port.out.ContentPolicy;
import dev.hotplex.core.port.out.EngineObserver;
import dev.hotplex.core.service.DefaultEngine;
import dev.hotplex.core.service.EngineConfig;
import dev.hotplex.core.service.InMemorySessionStore;
import dev.hotplex.core.service.RandomIdGenerator;
import dev.hotplex.core.service.SystemClock;
import dev.hotplex.testkit.FakeProvider;
import dev.hotplex.testkit.TurnScript;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue #5: events per second delivered over SSE by the real HTTP adapter (Javalin/Jetty, virtual threads) to one
 * client and to 50 parallel clients, each on its own session. The engine runs over the in-process fake provider,
 * whose turns emit a burst of answer deltas at once, so the figures are the adapter's and the engine's delivery
 * cost (engine thread → bounded sink → HTTP thread → JSON → socket → client parse), not an agent's.
 * Not a test: it asserts only that every event arrived, and prints its figures. Run it with
 * {@code bin/mvn -o -pl adapter-http -P bench test} (see docs/BENCHMARKS.md).
 */
class SseThroughputBenchmark {
    private static final int EVENTS_PER_TURN = Integer.getInteger("bench.sse.events", 2_000);
    private static final int TURNS_PER_CLIENT = Integer.getInteger("bench.sse.turns", 20);
    private static final int DELTA_CHARS = Integer.getInteger("bench.sse.chars", 64);
    private static final String KEY = "bench-key-0123456789abcdef";

    @TempDir
    Path workspace;

    @Test
    void eventsPerSecondForOneAndFiftyClients() throws Exception {
        FakeProvider provider = new FakeProvider();
        String delta = "x".repeat(DELTA_CHARS);
        provider.defaultScript(TurnScript.of(turn -> {
            for (int i = 0; i < EVENTS_PER_TURN; i++) {
                turn.emit(new AgentEvent.Answer(delta, true));
            }
        }));
        EngineConfig engineConfig = EngineConfig.defaults(workspace.resolve("ws")).withMaxSessions(64);
        DefaultEngine engine = new DefaultEngine(engineConfig, provider, ContentPolicy.allowAll(), EngineObserver.NONE,
                new InMemorySessionStore(), new SystemClock(), new RandomIdGenerator());
        HttpConfig http = HttpConfig.defaults().withPort(0)
                .withApiKeys(List.of(ApiKey.ofPlainKey("bench", KEY)))
                .withRateLimit(RateLimit.unlimited())
                // a buffer that holds a whole burst: the figure is throughput, not the overflow guard
                .withStreaming(Duration.ofSeconds(15), DisconnectPolicy.INTERRUPT, EVENTS_PER_TURN + 16)
                .withWorkspaceRoot(workspace.resolve("ws"));
        HotplexHttpServer server = new HotplexHttpServer(engine, http).start();
        List<String> rows = new ArrayList<>();
        try {
            run(server.port(), 1, "warmup");
            for (int clients : new int[] {1, 50}) {
                rows.add(run(server.port(), clients, "c" + clients).row(clients));
            }
        } finally {
            server.stop(Duration.ofSeconds(5));
            engine.close();
        }
        String table = """
                | clients | turns | events | wall s | events/s | MB/s (SSE bytes) | turn p50 ms | turn p99 ms |
                |---|---|---|---|---|---|---|---|
                """ + String.join("\n", rows) + "\n";
        System.out.println("\nSSE throughput (" + EVENTS_PER_TURN + " answer deltas of " + DELTA_CHARS
                + " chars per turn, " + TURNS_PER_CLIENT + " turns per client)\n" + table);
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "sse-throughput-benchmark.md"), table);
    }

    private static Result run(int port, int clients, String prefix) throws Exception {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        AtomicLong events = new AtomicLong();
        AtomicLong bytes = new AtomicLong();
        List<Long> turnNanos = Collections.synchronizedList(new ArrayList<>());
        long start = System.nanoTime();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> futures = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                String session = prefix + "-" + c;
                futures.add(pool.submit(() -> {
                    for (int t = 0; t < TURNS_PER_CLIENT; t++) {
                        long turnStart = System.nanoTime();
                        Count count = streamTurn(client, port, session);
                        turnNanos.add(System.nanoTime() - turnStart);
                        assertThat(count.events()).as("events of one turn").isEqualTo(EVENTS_PER_TURN + 2);
                        events.addAndGet(count.events());
                        bytes.addAndGet(count.bytes());
                    }
                    return null;
                }));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        }
        long wall = System.nanoTime() - start;
        return new Result(clients * TURNS_PER_CLIENT, events.get(), bytes.get(), wall, List.copyOf(turnNanos));
    }

    /** One SSE turn read to its end: the number of {@code event:} frames and the bytes received. */
    private static Count streamTurn(HttpClient client, int port, String session) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/sessions/"
                        + session + "/turns"))
                .header("Authorization", "Bearer " + KEY)
                .header("Accept", "text/event-stream")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"prompt\":\"go\"}"))
                .build();
        try {
            HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            assertThat(response.statusCode()).isEqualTo(200);
            long frames = 0;
            long bytes = 0;
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    bytes += line.length() + 1;
                    if (line.startsWith("event: ")) {
                        frames++;
                    }
                }
            }
            return new Count(frames, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private record Count(long events, long bytes) {
    }

    private record Result(int turns, long events, long bytes, long wallNanos, List<Long> turnNanos) {
        String row(int clients) {
            double seconds = wallNanos / 1e9;
            List<Long> sorted = turnNanos.stream().sorted().toList();
            return String.format(Locale.ROOT, "| %d | %d | %d | %.2f | %,.0f | %.1f | %.1f | %.1f |",
                    clients, turns, events, seconds, events / seconds, bytes / seconds / 1e6,
                    percentile(sorted, 0.50) / 1e6, percentile(sorted, 0.99) / 1e6);
        }

        private static long percentile(List<Long> sorted, double p) {
            int index = (int) Math.ceil(p * sorted.size()) - 1;
            return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
        }
    }
}
