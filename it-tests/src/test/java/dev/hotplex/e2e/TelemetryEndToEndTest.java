package dev.hotplex.e2e;

import dev.hotplex.adapter.http.HotplexHttpServer;
import dev.hotplex.adapter.http.HttpConfig;
import dev.hotplex.adapter.http.HttpObserver;
import dev.hotplex.adapter.http.MetricsScrape;
import dev.hotplex.core.model.SessionStats;
import dev.hotplex.core.model.SessionView;
import dev.hotplex.core.port.out.ContentPolicy;
import dev.hotplex.core.service.DefaultEngine;
import dev.hotplex.core.service.EngineConfig;
import dev.hotplex.core.service.InMemorySessionStore;
import dev.hotplex.core.service.RandomIdGenerator;
import dev.hotplex.core.service.SystemClock;
import dev.hotplex.core.service.ToolApproval;
import dev.hotplex.provider.claude.ClaudeProvider;
import dev.hotplex.provider.claude.ClaudeProviderConfig;
import dev.hotplex.telemetry.EngineMetrics;
import dev.hotplex.telemetry.TelemetryConfig;
import dev.hotplex.telemetry.TelemetryNames;
import dev.hotplex.telemetry.TelemetryObserver;
import dev.hotplex.telemetry.sdk.PrometheusScrape;
import dev.hotplex.telemetry.sdk.TelemetrySdk;
import dev.hotplex.testkit.anthropic.FakeAnthropicApi;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import static dev.hotplex.telemetry.TelemetryNames.*;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Telemetry of a real turn: HTTP client → SSE route → engine → the real Claude Code CLI → fake model API, with the
 * tool the model asks for really run by the CLI. The spans come from the SDK's in-memory exporter, the metrics from
 * the HTTP adapter's {@code /metrics}, and both agree with the engine's own session stats.
 */
class TelemetryEndToEndTest {
    private static final Pattern SAMPLE = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*(\\{.*})? \\S+");

    @TempDir
    Path sandbox;

    @Test
    void aRealToolTurnIsTracedAndMeasuredConsistentlyWithItsStats() throws Exception {
        Path binary = RealClaude.requireBinary();
        TelemetryConfig config = TelemetryConfig.defaults().withService("hotplex-e2e", "test", "e2e-1")
                .withProvider("anthropic", Optional.empty());
        InMemorySpanExporter spans = InMemorySpanExporter.create();
        try (FakeAnthropicApi api = FakeAnthropicApi.start();
             TelemetrySdk sdk = TelemetrySdk.create(config, List.of(spans), List.of());
             EngineMetrics metrics = new EngineMetrics(sdk.openTelemetry().getMeter(TelemetryNames.SCOPE), config)) {
            TelemetryObserver observer = new TelemetryObserver(sdk.openTelemetry().getTracer(TelemetryNames.SCOPE),
                    metrics, config);
            ClaudeProvider provider = new ClaudeProvider(ClaudeProviderConfig.builder()
                    .binary(binary.toString())
                    .partialMessages(true)
                    .permissionPromptStdio(true)
                    .startupTimeout(RealClaude.WAIT)
                    .shutdownGrace(Duration.ofSeconds(3))
                    .build(), RealClaude.environment(api, sandbox));
            DefaultEngine engine = new DefaultEngine(new EngineConfig.Builder(
                    RealClaude.createDirectories(sandbox.resolve("workspace")))
                    .namespace("e2e-telemetry")
                    .turnTimeout(RealClaude.WAIT)
                    .reaperInterval(Duration.ZERO)
                    .toolApproval(ToolApproval.ASK)
                    .build(), provider, ContentPolicy.allowAll(), observer, new InMemorySessionStore(),
                    new SystemClock(), new RandomIdGenerator());
            PrometheusScrape prometheus = sdk.prometheus().orElseThrow();
            MetricsScrape scrape = new MetricsScrape() {
                @Override
                public String contentType() {
                    return prometheus.contentType();
                }

                @Override
                public String scrape() {
                    return prometheus.scrape();
                }
            };
            HttpObserver sse = new HttpObserver() {
                @Override
                public void sseClientOpened() {
                    metrics.sseClientOpened();
                }

                @Override
                public void sseClientClosed() {
                    metrics.sseClientClosed();
                }
            };
            HotplexHttpServer server = new HotplexHttpServer(engine, HttpConfig.defaults().withPort(0), sse,
                    Optional.of(scrape)).start();
            try {
                List<String> events = streamTurn(server.port(), "tel-1", "use tool now");
                assertThat(events.getFirst()).isEqualTo("session_start");
                assertThat(events).contains("tool_use", "tool_result");
                assertThat(events.getLast()).isEqualTo("session_stats");

                SessionView session = engine.sessions().getFirst();
                SessionStats stats = engine.sessionStats(session.sessionId()).orElseThrow();
                assertThat(stats.toolCallCount()).isEqualTo(1);

                SpanData turn = only(spans, SPAN_TURN);
                assertThat(turn.getKind()).isEqualTo(SpanKind.CLIENT);
                assertThat(turn.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
                assertThat(turn.getAttributes().get(GEN_AI_OPERATION_NAME)).isEqualTo("invoke_agent");
                assertThat(turn.getAttributes().get(GEN_AI_PROVIDER_NAME)).isEqualTo("anthropic");
                assertThat(turn.getAttributes().get(GEN_AI_CONVERSATION_ID)).isEqualTo(session.sessionId().value());
                assertThat(turn.getAttributes().get(GEN_AI_RESPONSE_MODEL)).isNotBlank();
                assertThat(turn.getAttributes().get(GEN_AI_USAGE_OUTPUT_TOKENS))
                        .isEqualTo(stats.tokens().outputTokens()).isPositive();
                assertThat(turn.getAttributes().get(GEN_AI_USAGE_INPUT_TOKENS)).isEqualTo(stats.tokens().inputTokens()
                        + stats.tokens().cacheReadTokens() + stats.tokens().cacheWriteTokens());
                assertThat(turn.getAttributes().get(TURN_COLD_START)).isTrue();
                assertThat(turn.getAttributes().get(GEN_AI_RESPONSE_TIME_TO_FIRST_CHUNK)).isPositive();

                SpanData process = only(spans, SPAN_PROCESS_START);
                assertThat(process.getParentSpanId()).isEqualTo(turn.getSpanId());
                assertThat(process.getAttributes().get(PROCESS_PID)).isEqualTo(session.pid().orElseThrow());
                assertThat(process.getEndEpochNanos() - process.getStartEpochNanos())
                        .as("the cold start takes real time").isPositive();

                SpanData tool = only(spans, "execute_tool Bash");
                assertThat(tool.getParentSpanId()).isEqualTo(turn.getSpanId());
                assertThat(tool.getTraceId()).isEqualTo(turn.getTraceId());
                assertThat(tool.getAttributes().get(GEN_AI_TOOL_CALL_ID)).startsWith("toolu_");
                assertThat(tool.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
                assertThat(tool.getStartEpochNanos()).isGreaterThanOrEqualTo(turn.getStartEpochNanos());
                assertThat(tool.getEndEpochNanos()).isLessThanOrEqualTo(turn.getEndEpochNanos());

                HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                                URI.create("http://127.0.0.1:" + server.port() + "/metrics"))
                        .timeout(RealClaude.WAIT).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(response.statusCode()).isEqualTo(200);
                String text = response.body();
                Files.createDirectories(Path.of("target"));
                Files.writeString(Path.of("target", "telemetry-metrics-sample.txt"), text);
                for (String line : text.split("\n")) {
                    assertThat(line.startsWith("# HELP ") || line.startsWith("# TYPE ") || SAMPLE.matcher(line).matches())
                            .as("a Prometheus text line: %s", line).isTrue();
                }
                assertThat(text)
                        .contains("# TYPE gen_ai_client_operation_duration_seconds histogram")
                        .contains("# TYPE gen_ai_client_token_usage histogram")
                        .contains("# TYPE gen_ai_client_operation_time_to_first_chunk_seconds histogram")
                        .contains("# TYPE gen_ai_execute_tool_duration_seconds histogram")
                        .contains("hotplex_turns_total{hotplex_turn_outcome=\"success\"} 1")
                        .contains("hotplex_process_starts_total{hotplex_process_resumed=\"false\"} 1")
                        .contains("hotplex_process_cold_start_duration_seconds_count{hotplex_process_resumed=\"false\"} 1")
                        .contains("hotplex_sessions_active 1")
                        .contains("hotplex_sessions_busy 0")
                        .contains("hotplex_http_sse_clients 0")
                        .doesNotContain(session.sessionId().value());
                assertThat(value(text, "gen_ai_client_token_usage_sum", "gen_ai_token_type=\"output\""))
                        .isEqualTo(stats.tokens().outputTokens());
                assertThat(value(text, "gen_ai_client_operation_duration_seconds_sum", "invoke_agent"))
                        .isEqualTo(stats.totalMs() / 1000.0);
                assertThat(value(text, "gen_ai_execute_tool_duration_seconds_count", "gen_ai_tool_name=\"Bash\""))
                        .isEqualTo(1);
            } finally {
                server.stop(Duration.ofSeconds(5));
                try {
                    engine.close();
                } finally {
                    provider.close();
                }
            }
            assertThat(observer.openTurns()).isZero();
        }
    }

    private static List<String> streamTurn(int port, String sessionId, String prompt) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/v1/sessions/" + sessionId + "/turns"))
                .header("Content-Type", "application/json")
                .timeout(RealClaude.WAIT)
                .POST(HttpRequest.BodyPublishers.ofString("{\"prompt\":\"" + prompt + "\"}"))
                .build();
        HttpResponse<java.util.stream.Stream<String>> response = HttpClient.newHttpClient()
                .send(request, HttpResponse.BodyHandlers.ofLines());
        assertThat(response.statusCode()).isEqualTo(200);
        List<String> events = new ArrayList<>();
        response.body().forEach(line -> {
            if (line.startsWith("event: ")) {
                events.add(line.substring("event: ".length()));
            }
        });
        return events;
    }

    /**
     * The one finished span named {@code name}. The turn's span ends just after its terminal event reached the client,
     * so it is waited for (bounded) rather than expected at the instant the stream closed.
     */
    private static SpanData only(InMemorySpanExporter exporter, String name) {
        long deadline = System.nanoTime() + RealClaude.WAIT.toNanos();
        List<SpanData> named = named(exporter, name);
        while (named.isEmpty() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            named = named(exporter, name);
        }
        assertThat(named).as("spans named %s among %s", name,
                exporter.getFinishedSpanItems().stream().map(SpanData::getName).toList()).hasSize(1);
        return named.getFirst();
    }

    private static List<SpanData> named(InMemorySpanExporter exporter, String name) {
        return exporter.getFinishedSpanItems().stream().filter(span -> span.getName().equals(name)).toList();
    }

    /** The value of the one sample named {@code name} whose line contains {@code containing}. */
    private static double value(String text, String name, String containing) {
        List<String> lines = text.lines().filter(line -> line.startsWith(name + "{") || line.startsWith(name + " "))
                .filter(line -> line.contains(containing)).toList();
        assertThat(lines).as("%s lines with %s", name, containing).hasSize(1);
        String line = lines.getFirst();
        return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
    }
}
