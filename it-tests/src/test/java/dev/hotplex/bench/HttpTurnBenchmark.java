package dev.hotplex.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hotplex.e2e.RealClaude;
import dev.hotplex.e2e.RestartableServer;
import dev.hotplex.e2e.RestartableServer.SseEvent;
import dev.hotplex.testkit.anthropic.ClaudeBinaryLocator;
import dev.hotplex.testkit.anthropic.FakeAnthropicApi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue #8 point 5, end to end over HTTP: the real {@code hotplex serve} (a child JVM built by the app's own
 * composition root: config from {@code HOTPLEX_*}, SQLite store, firewall, telemetry, Javalin) running the real
 * Claude Code CLI against the fake Anthropic API, driven by a JDK HTTP client over SSE
 * ({@code POST /v1/sessions/{id}/turns}, timed from the request to the end of the stream after
 * {@code session_stats}). Measured: a cold first turn (new session, spawn), a pre-warmed first turn (new session
 * adopting a spare process; a second server with {@code engine.prewarm-spares: 1}), a warm turn, each against the
 * same turn driven directly on the CLI ({@link DirectCli}), paired turn by turn. Not a test: it asserts only that
 * turns succeed and that pre-warmed turns were pre-warmed. Run with
 * {@code bin/mvn -o -f it-tests/pom.xml -P bench verify -Dbench.test=HttpTurnBenchmark} (docs/BENCHMARKS.md).
 */
class HttpTurnBenchmark {
    private static final int COLD = Integer.getInteger("bench.http.cold", 6);
    private static final int WARM = Integer.getInteger("bench.http.warm", 30);
    private static final int WARMUP = 3;
    private static final boolean PREWARM = Boolean.parseBoolean(System.getProperty("bench.http.prewarm", "true"));
    /** none by default, so that the paired overhead is the engine's and HTTP's alone (bwrap's cost is measured apart) */
    private static final String SANDBOX = System.getProperty("bench.http.sandbox", "none");
    private static final String KEY = "http-bench-key-0123456789abcdef";
    private static final String TENANT = "bench";

    @TempDir
    Path sandbox;

    @Test
    @Timeout(value = 30, unit = TimeUnit.MINUTES) // sizes are chosen on the command line; a hung run still ends
    void coldPrewarmedAndWarmTurnsOverHttpAgainstTheCliDirectly() throws Exception {
        Path binary = ClaudeBinaryLocator.locate();
        String load = Files.readString(Path.of("/proc/loadavg")).trim();
        Samples httpCold = new Samples();
        Samples directCold = new Samples();
        Samples httpPrewarmed = new Samples();
        Samples directPrespawned = new Samples();
        Samples httpWarm = new Samples();
        Samples directWarm = new Samples();
        try (FakeAnthropicApi api = FakeAnthropicApi.start();
             RestartableServer cold = RestartableServer.start(environment(sandbox.resolve("cold"), binary, api,
                     Map.of()), sandbox.resolve("logs"));
             RestartableServer prewarmed = PREWARM ? RestartableServer.start(environment(sandbox.resolve("prewarm"),
                     binary, api, Map.of("HOTPLEX_ENGINE_PREWARM_SPARES", "1",
                             "HOTPLEX_ENGINE_PREWARM_TENANTS", TENANT)), sandbox.resolve("logs")) : null) {
            Map<String, String> cliEnvironment = RealClaude.environment(api, sandbox.resolve("direct"));
            SpareWatch spares = PREWARM ? new SpareWatch(prewarmed, KEY) : null;

            // untimed: the servers' JIT and the CLI's file caches warm up
            for (int i = 0; i < 2; i++) {
                coldTurn(cold, "warmup-cold-" + i);
                if (PREWARM) {
                    spares.awaitReady();
                    prewarmedTurn(prewarmed, "warmup-prewarmed-" + i);
                }
            }

            for (int i = 0; i < COLD; i++) {
                // the direct counterpart of a spare: spawned and through its handshake, then left idle as long as
                // the server's spare (both wait through the cold turns below) before its first turn is timed
                DirectCli prespawned = null;
                if (PREWARM) {
                    spares.awaitReady();
                    prespawned = DirectCli.start(binary, cliEnvironment,
                            sandbox.resolve("direct").resolve("prespawned-" + i));
                    prespawned.initialize();
                }
                try {
                    long start = System.nanoTime();
                    coldTurn(cold, "cold-" + i);
                    httpCold.add(System.nanoTime() - start);

                    start = System.nanoTime();
                    try (DirectCli direct = DirectCli.start(binary, cliEnvironment,
                            sandbox.resolve("direct").resolve("cold-" + i))) {
                        direct.turn("direct cold " + i);
                        directCold.add(System.nanoTime() - start);
                    }

                    if (PREWARM) {
                        start = System.nanoTime();
                        prewarmedTurn(prewarmed, "prewarmed-" + i);
                        httpPrewarmed.add(System.nanoTime() - start);

                        start = System.nanoTime();
                        prespawned.turn("direct prespawned " + i);
                        directPrespawned.add(System.nanoTime() - start);
                    }
                } finally {
                    if (prespawned != null) {
                        prespawned.close();
                    }
                }
            }

            try (DirectCli direct = DirectCli.start(binary, cliEnvironment, sandbox.resolve("direct").resolve("warm"))) {
                for (int i = 0; i < WARMUP; i++) {
                    expectStats(cold.turn("warm", "warmup " + i, KEY), "warmup " + i);
                    direct.turn("direct warmup " + i);
                }
                for (int i = 0; i < WARM; i++) {
                    long start = System.nanoTime();
                    List<SseEvent> events = cold.turn("warm", "warm " + i, KEY);
                    httpWarm.add(System.nanoTime() - start);
                    expectStats(events, "warm " + i);
                    assertThat(sessionStart(events).get("coldStart").asBoolean()).as("warm turn %d", i).isFalse();

                    start = System.nanoTime();
                    direct.turn("direct warm " + i);
                    directWarm.add(System.nanoTime() - start);
                }
            }
        }

        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%nEnd to end over HTTP (hotplex serve, real Claude Code CLI, fake API, "
                        + "sandbox %s): %d cold, %d pre-warmed, %d warm turns (+%d warm-up); load average at the start: %s%n%n",
                SANDBOX, COLD, PREWARM ? COLD : 0, WARM, WARMUP, load));
        out.append(Samples.header()).append('\n');
        out.append(httpCold.row("HTTP cold first turn (POST → session_stats; spawn, handshake, turn)")).append('\n');
        if (PREWARM) {
            out.append(httpPrewarmed.row("HTTP pre-warmed first turn (new session adopts a spare)")).append('\n');
        }
        out.append(httpWarm.row("HTTP warm turn (hot session)")).append('\n');
        out.append(directCold.row("direct cold (spawn → result)")).append('\n');
        if (PREWARM) {
            out.append(directPrespawned.row("direct pre-spawned first turn (after initialize → result)")).append('\n');
        }
        out.append(directWarm.row("direct warm (stdin line → result)")).append('\n');
        out.append('\n');
        out.append(String.format(Locale.ROOT, "- engine+HTTP overhead, median of paired differences: cold %.1f ms, "
                        + "warm %.1f ms%s%n", httpCold.medianPairedDifference(directCold),
                httpWarm.medianPairedDifference(directWarm), PREWARM ? String.format(Locale.ROOT,
                        ", pre-warmed %.1f ms (against a pre-spawned direct CLI)",
                        httpPrewarmed.medianPairedDifference(directPrespawned)) : ""));
        out.append(String.format(Locale.ROOT, "- cold/warm (HTTP medians): %.1f×; direct: %.1f×%n",
                httpCold.median() / httpWarm.median(), directCold.median() / directWarm.median()));
        if (PREWARM) {
            out.append(String.format(Locale.ROOT, "- cold/pre-warmed (HTTP medians): %.1f×; pre-warmed/warm: %.1f×%n",
                    httpCold.median() / httpPrewarmed.median(), httpPrewarmed.median() / httpWarm.median()));
        } else {
            out.append("- pre-warmed turns not measured (-Dbench.http.prewarm=false)\n");
        }
        System.out.print(out);
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "http-turn-benchmark.md"), out.toString());
    }

    /** A new session's first turn with no spare to adopt; the session is stopped afterwards, untimed. */
    private static void coldTurn(RestartableServer server, String sessionId) throws Exception {
        List<SseEvent> events = server.turn(sessionId, "first turn of " + sessionId, KEY);
        expectStats(events, sessionId);
        JsonNode start = sessionStart(events);
        assertThat(start.get("coldStart").asBoolean()).as("%s started its process", sessionId).isTrue();
        assertThat(start.path("prewarmed").asBoolean(false)).as("%s adopted no spare", sessionId).isFalse();
        stop(server, sessionId);
    }

    /** A new session's first turn that must have adopted a spare; the session is stopped afterwards, untimed. */
    private static void prewarmedTurn(RestartableServer server, String sessionId) throws Exception {
        List<SseEvent> events;
        try {
            events = server.turn(sessionId, "first turn of " + sessionId, KEY);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "\nserver output:\n" + server.output(), e);
        }
        expectStats(events, sessionId);
        JsonNode start = sessionStart(events);
        assertThat(start.path("prewarmed").asBoolean(false)).as("%s adopted a spare: %s", sessionId, start).isTrue();
        assertThat(start.get("coldStart").asBoolean()).as("%s", start).isFalse();
        stop(server, sessionId);
    }

    private static void stop(RestartableServer server, String sessionId) throws Exception {
        assertThat(server.send("DELETE", "/v1/sessions/" + sessionId, KEY).statusCode()).isBetween(200, 299);
    }

    private static void expectStats(List<SseEvent> events, String what) {
        assertThat(events).as("%s: %s", what, events).extracting(SseEvent::name).endsWith("session_stats");
    }

    private static JsonNode sessionStart(List<SseEvent> events) {
        return events.stream().filter(event -> event.name().equals("session_start")).findFirst()
                .orElseThrow(() -> new AssertionError("no session_start in " + events)).data();
    }

    private static Map<String, String> environment(Path root, Path binary, FakeAnthropicApi api,
                                                   Map<String, String> more) throws IOException {
        Map<String, String> extra = new HashMap<>(api.cliEnvironment(
                Files.createDirectories(root.resolve("claude-config"))));
        extra.put("HOTPLEX_HTTP_API_KEYS", KEY + "=" + TENANT);
        extra.put("HOTPLEX_SANDBOX_MODE", SANDBOX);
        extra.putAll(more);
        return RestartableServer.environment(root, binary, extra);
    }
}
