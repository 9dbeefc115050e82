package dev.hotplex.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hotplex.adapter.http.ApiKey;
import dev.hotplex.adapter.http.HotplexHttpServer;
import dev.hotplex.adapter.http.HttpConfig;
import dev.hotplex.adapter.http.RateLimit;
import dev.hotplex.core.model.AgentEvent;
import dev.hotplex.core.port.out.ContentPolicy;
import dev.hotplex.core.service.DefaultEngine;
import dev.hotplex.core.service.EngineConfig;
import dev.hotplex.core.service.InMemorySessionStore;
import dev.hotplex.core.service.SystemClock;
import dev.hotplex.testkit.FakeProvider;
import dev.hotplex.testkit.RecordingEngineObserver;
import dev.hotplex.testkit.SequentialIdGenerator;
import dev.hotplex.testkit.TurnScript;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * More concurrent turns than capacity, over real HTTP: the excess is refused at once with 503 CAPACITY and
 * {@code Retry-After} (no queue), the admitted turns run to their end untouched, and neither sessions, agent
 * processes nor server memory grow with the refused load. Small scale: capacity 4, 12 concurrent turns, then 240
 * more refused while the 4 still run.
 */
class BackpressureEndToEndTest {
    private static final int CAPACITY = 4;
    private static final int WARM_WAVES = 4;
    private static final String KEY = "backpressure-key-0123456789";
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path temp;

    private final FakeProvider provider = new FakeProvider();
    private final CountDownLatch admittedRunning = new CountDownLatch(CAPACITY);
    private final CompletableFuture<Void> release = new CompletableFuture<>();
    private final HttpClient http = HttpClient.newHttpClient();
    private DefaultEngine engine;
    private HotplexHttpServer server;

    @BeforeEach
    void start() {
        // every admitted turn holds its session until the test releases it, so capacity stays full meanwhile
        provider.defaultScript(TurnScript.of(turn -> {
            admittedRunning.countDown();
            turn.waitFor(release);
            turn.emit(new AgentEvent.Answer("done: " + turn.prompt(), false));
        }));
        EngineConfig config = EngineConfig.defaults(temp.resolve("ws")).withMaxSessions(CAPACITY);
        engine = new DefaultEngine(config, provider, ContentPolicy.allowAll(), new RecordingEngineObserver(),
                new InMemorySessionStore(), new SystemClock(), new SequentialIdGenerator("turn"));
        server = new HotplexHttpServer(engine, HttpConfig.defaults().withPort(0).withWorkspaceRoot(temp.resolve("ws"))
                .withRateLimit(RateLimit.unlimited())
                .withApiKeys(List.of(ApiKey.ofPlainKey("team-a", KEY)))).start();
    }

    @AfterEach
    void stop() {
        release.complete(null);
        server.stop(Duration.ofSeconds(5));
        engine.close();
    }

    @Test
    void theExcessIsRefusedAtOnceWhileTheAdmittedTurnsRunToTheirEnd() throws Exception {
        List<CompletableFuture<HttpResponse<String>>> turns = new ArrayList<>();
        for (int i = 0; i < 3 * CAPACITY; i++) {
            turns.add(postTurn("s-" + i));
        }
        assertThat(admittedRunning.await(WAIT.toSeconds(), TimeUnit.SECONDS)).as("%d turns admitted", CAPACITY).isTrue();

        // every refusal arrives while the admitted turns are still held: nobody waited for capacity
        CountDownLatch answered = new CountDownLatch(2 * CAPACITY);
        turns.forEach(turn -> turn.whenComplete((response, failure) -> answered.countDown()));
        assertThat(answered.await(WAIT.toSeconds(), TimeUnit.SECONDS)).as("the excess answered").isTrue();
        List<HttpResponse<String>> refused = new ArrayList<>();
        List<CompletableFuture<HttpResponse<String>>> admitted = new ArrayList<>();
        for (CompletableFuture<HttpResponse<String>> turn : turns) {
            if (turn.isDone()) {
                refused.add(turn.get());
            } else {
                admitted.add(turn); // its response streams until released
            }
        }
        assertThat(release).as("nothing released yet").isNotDone();
        assertThat(admitted).hasSize(CAPACITY);
        assertThat(refused).hasSize(2 * CAPACITY).allSatisfy(BackpressureEndToEndTest::assertCapacityRefusal);

        // a flood of further turns while capacity is full: all refused, and nothing piles up behind them
        long heapBefore = usedHeapAfterGc();
        long slowestRefusalNanos = 0;
        // measured once the first waves have grown the server's and the client's thread pools to what a burst of
        // this size needs (pooled threads idle for a minute before they go): what grows after that piles up per turn
        int threadsBefore = 0;
        for (int wave = 0; wave < 20; wave++) {
            if (wave == WARM_WAVES) {
                threadsBefore = ManagementFactory.getThreadMXBean().getThreadCount();
            }
            List<CompletableFuture<HttpResponse<String>>> flood = new ArrayList<>();
            for (int i = 0; i < 3 * CAPACITY; i++) {
                flood.add(postTurn("flood-" + wave + "-" + i));
            }
            long sent = System.nanoTime();
            for (CompletableFuture<HttpResponse<String>> turn : flood) {
                assertCapacityRefusal(turn.get(WAIT.toSeconds(), TimeUnit.SECONDS));
            }
            slowestRefusalNanos = Math.max(slowestRefusalNanos, System.nanoTime() - sent);
        }
        assertThat(provider.openCount()).as("agent processes started").isEqualTo(CAPACITY);
        assertThat(engine.sessions()).as("sessions held").hasSize(CAPACITY);
        assertThat(ManagementFactory.getThreadMXBean().getThreadCount() - threadsBefore)
                .as("threads left behind by %d refused turns", (20 - WARM_WAVES) * 3 * CAPACITY)
                .isLessThan(3 * CAPACITY);
        // generous: a queue of 240 turns would not show here, but one that kept their buffers or threads would
        assertThat(usedHeapAfterGc() - heapBefore).as("heap grown by 240 refused turns").isLessThan(32L << 20);

        long released = System.nanoTime();
        release.complete(null);
        for (CompletableFuture<HttpResponse<String>> turn : admitted) {
            HttpResponse<String> response = turn.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).contains("event: answer").contains("done: work");
            assertThat(lastEventName(response.body())).isEqualTo("session_stats");
        }
        // figures for the record, not assertions (timings belong to benchmarks)
        System.out.printf("backpressure: capacity %d; slowest wave of %d refusals answered in %d ms; admitted turns "
                        + "ended %d ms after release; heap %+d KiB after the flood%n", CAPACITY, 3 * CAPACITY,
                TimeUnit.NANOSECONDS.toMillis(slowestRefusalNanos),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - released), (usedHeapAfterGc() - heapBefore) >> 10);
    }

    private CompletableFuture<HttpResponse<String>> postTurn(String sessionId) {
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + server.port() + "/v1/sessions/" + sessionId + "/turns"))
                .header("Authorization", "Bearer " + KEY)
                .header("Content-Type", "application/json")
                .timeout(WAIT)
                .POST(HttpRequest.BodyPublishers.ofString("{\"prompt\":\"work\"}"))
                .build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString());
    }

    private static void assertCapacityRefusal(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
        assertThat(response.headers().firstValue("Retry-After")).isPresent();
        try {
            JsonNode body = JSON.readTree(response.body());
            assertThat(body.toString()).contains("CAPACITY");
        } catch (java.io.IOException e) {
            throw new AssertionError("not JSON: " + response.body(), e);
        }
    }

    private static String lastEventName(String sse) {
        List<String> names = sse.lines().filter(line -> line.startsWith("event: "))
                .map(line -> line.substring("event: ".length())).toList();
        return names.getLast();
    }

    private static long usedHeapAfterGc() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
