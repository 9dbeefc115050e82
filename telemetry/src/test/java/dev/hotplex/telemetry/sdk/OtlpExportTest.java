package dev.hotplex.telemetry.sdk;

import dev.hotplex.core.model.SessionConfig;
import dev.hotplex.core.model.TurnOutcome;
import dev.hotplex.core.model.TurnResult;
import dev.hotplex.core.port.out.ContentPolicy;
import dev.hotplex.core.service.DefaultEngine;
import dev.hotplex.core.service.EngineConfig;
import dev.hotplex.core.service.InMemorySessionStore;
import dev.hotplex.core.service.SystemClock;
import dev.hotplex.core.service.ToolApproval;
import dev.hotplex.telemetry.EngineMetrics;
import dev.hotplex.telemetry.TelemetryConfig;
import dev.hotplex.telemetry.TelemetryNames;
import dev.hotplex.telemetry.TelemetryObserver;
import dev.hotplex.testkit.FakeProvider;
import dev.hotplex.testkit.RecordingEventSink;
import dev.hotplex.testkit.SequentialIdGenerator;
import dev.hotplex.testkit.ToolCalls;
import dev.hotplex.testkit.TurnScript;
import dev.hotplex.testkit.TurnStep;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.trace.v1.Span;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * OTLP export as a collector sees it: an in-process OTLP/HTTP receiver decodes the protobuf requests. And a collector
 * that hangs or is gone never fails or holds up a turn.
 */
class OtlpExportTest {
    @TempDir
    Path workspace;

    /** Metrics pushed every {@code metricInterval}, spans within 20 ms, one export bounded by {@code timeout}. */
    private static TelemetryConfig otlp(URI endpoint, Duration metricInterval, Duration timeout) {
        return TelemetryConfig.defaults()
                .withService("hotplex-otlp", "9.9.9", "node-7")
                .withExporter(TelemetryConfig.Exporter.OTLP)
                .withOtlp(endpoint, Map.of("Authorization", "Bearer collector-secret"))
                .withExportTiming(metricInterval, Duration.ofMillis(20), timeout)
                .withProvider("anthropic", Optional.of("claude-requested"));
    }

    /** A real engine over the fake agent, observed by the real telemetry over {@code sdk}. */
    private record Stack(TelemetrySdk sdk, EngineMetrics metrics, DefaultEngine engine, FakeProvider provider)
            implements AutoCloseable {
        static Stack start(Path workspace, TelemetryConfig config) {
            TelemetrySdk sdk = TelemetrySdk.create(config);
            EngineMetrics metrics = new EngineMetrics(sdk.openTelemetry().getMeter(TelemetryNames.SCOPE), config);
            TelemetryObserver observer = new TelemetryObserver(sdk.openTelemetry().getTracer(TelemetryNames.SCOPE),
                    metrics, config);
            FakeProvider provider = new FakeProvider();
            DefaultEngine engine = new DefaultEngine(new EngineConfig.Builder(workspace).reaperInterval(Duration.ZERO)
                    .toolApproval(ToolApproval.ALLOW).build(), provider, ContentPolicy.allowAll(), observer,
                    new InMemorySessionStore(), new SystemClock(), new SequentialIdGenerator("turn"));
            return new Stack(sdk, metrics, engine, provider);
        }

        @Override
        public void close() {
            try {
                engine.close();
            } finally {
                metrics.close();
                sdk.close();
            }
        }
    }

    @Test
    void spansAndMetricsReachAnOtlpCollectorAsProtobuf() throws Exception {
        try (OtlpReceiver collector = OtlpReceiver.start();
             Stack stack = Stack.start(workspace, otlp(collector.endpoint(), Duration.ofMinutes(10),
                     Duration.ofSeconds(20)))) {
            // only the flush below pushes metrics: a periodic push in flight would make that flush report a failure
            stack.provider().nextTurn(TurnScript.of(TurnStep.tool(ToolCalls.bash("toolu_1", "pwd"), "/"),
                    TurnStep.answer("here")));
            TurnResult result = stack.engine().execute(SessionConfig.of("otlp-1"), "where", new RecordingEventSink());
            assertThat(result.outcome()).isEqualTo(TurnOutcome.SUCCESS);
            assertThat(stack.sdk().flush()).as("flushed to the collector").isTrue();

            List<Span> spans = collector.spans();
            Span turn = only(spans, "invoke_agent");
            Span tool = only(spans, "execute_tool Bash");
            Span process = only(spans, "start_process");
            assertThat(turn.getKind()).isEqualTo(Span.SpanKind.SPAN_KIND_CLIENT);
            assertThat(turn.getParentSpanId().isEmpty()).isTrue();
            assertThat(tool.getParentSpanId()).isEqualTo(turn.getSpanId());
            assertThat(process.getParentSpanId()).isEqualTo(turn.getSpanId());
            assertThat(tool.getTraceId()).isEqualTo(turn.getTraceId());
            assertThat(attribute(turn, "gen_ai.operation.name").getStringValue()).isEqualTo("invoke_agent");
            assertThat(attribute(turn, "gen_ai.provider.name").getStringValue()).isEqualTo("anthropic");
            assertThat(attribute(turn, "gen_ai.request.model").getStringValue()).isEqualTo("claude-requested");
            assertThat(attribute(turn, "gen_ai.conversation.id").getStringValue()).isEqualTo("otlp-1");
            assertThat(attribute(turn, "gen_ai.usage.output_tokens").getIntValue())
                    .isEqualTo(result.stats().tokens().outputTokens()).isPositive();
            assertThat(attribute(tool, "gen_ai.tool.name").getStringValue()).isEqualTo("Bash");
            assertThat(attribute(tool, "gen_ai.tool.call.id").getStringValue()).isEqualTo("toolu_1");
            List<KeyValue> resource = collector.traces.getFirst().getResourceSpans(0).getResource().getAttributesList();
            assertThat(value(resource, "service.name").getStringValue()).isEqualTo("hotplex-otlp");
            assertThat(value(resource, "service.version").getStringValue()).isEqualTo("9.9.9");
            assertThat(value(resource, "service.instance.id").getStringValue()).isEqualTo("node-7");

            List<Metric> durations = collector.metricsNamed("gen_ai.client.operation.duration");
            assertThat(durations).isNotEmpty();
            assertThat(durations.getLast().getUnit()).isEqualTo("s");
            assertThat(durations.getLast().getHistogram().getDataPoints(0).getCount()).isEqualTo(1);
            assertThat(collector.metricsNamed("hotplex.turns")).isNotEmpty()
                    .allSatisfy(metric -> assertThat(metric.getUnit()).isEqualTo("{turn}"));
            assertThat(collector.metricsNamed("hotplex.sessions.active").getLast().getGauge().getDataPoints(0)
                    .getAsInt()).isEqualTo(1);
            assertThat(collector.contentTypes).containsOnly("application/x-protobuf");
            assertThat(collector.authorizations).as("configured headers are sent").containsOnly("Bearer collector-secret");
        }
    }

    @Test
    void closingFlushesWhatWasStillWaitingToBePushed() throws Exception {
        try (OtlpReceiver collector = OtlpReceiver.start()) {
            TelemetryConfig config = otlp(collector.endpoint(), Duration.ofMinutes(10), Duration.ofSeconds(20))
                    .withExportTiming(Duration.ofMinutes(10), Duration.ofMinutes(10), Duration.ofSeconds(20));
            Stack stack = Stack.start(workspace, config);
            assertThat(stack.engine().execute(SessionConfig.of("c"), "last words", new RecordingEventSink()).outcome())
                    .isEqualTo(TurnOutcome.SUCCESS);
            assertThat(collector.requests()).as("nothing is due for ten minutes").isZero();
            stack.close();
            assertThat(collector.spans()).extracting(Span::getName).contains("invoke_agent", "start_process");
            assertThat(collector.metricsNamed("hotplex.turns")).isNotEmpty();
        }
    }

    @Test
    void aHangingCollectorNeitherFailsNorHoldsUpTurnsAndShutdownIsBounded() throws Exception {
        try (OtlpReceiver collector = OtlpReceiver.stalled()) {
            Stack stack = Stack.start(workspace, otlp(collector.endpoint(), Duration.ofMillis(200),
                    Duration.ofSeconds(1)));
            try {
                assertThat(stack.engine().execute(SessionConfig.of("h"), "first", new RecordingEventSink()).outcome())
                        .isEqualTo(TurnOutcome.SUCCESS);
                // an export is now stuck inside the collector, and stays stuck for every later turn
                collector.awaitRequests(1, Duration.ofSeconds(20));
                List<TurnOutcome> outcomes = new ArrayList<>();
                for (int i = 0; i < 25; i++) {
                    outcomes.add(stack.engine().execute(SessionConfig.of("h"), "turn " + i, new RecordingEventSink())
                            .outcome());
                }
                assertThat(outcomes).hasSize(25).containsOnly(TurnOutcome.SUCCESS);
                assertThat(stack.engine().sessionStats(dev.hotplex.core.model.SessionId.of("h")).orElseThrow().turns())
                        .isEqualTo(26);
            } finally {
                // bounded by the export timeout (1 s here), even with the collector still hanging
                stack.close();
            }
        }
    }

    @Test
    void aCollectorThatIsGoneCostsNoTurn() throws Exception {
        URI nowhere;
        try (ServerSocket socket = new ServerSocket(0)) {
            nowhere = URI.create("http://127.0.0.1:" + socket.getLocalPort());
        }
        try (Stack stack = Stack.start(workspace, otlp(nowhere, Duration.ofMillis(200), Duration.ofSeconds(1)))) {
            for (int i = 0; i < 10; i++) {
                assertThat(stack.engine().execute(SessionConfig.of("g"), "turn " + i, new RecordingEventSink())
                        .outcome()).isEqualTo(TurnOutcome.SUCCESS);
            }
            assertThat(stack.sdk().flush()).as("nothing could be delivered").isFalse();
        }
    }

    private static Span only(List<Span> spans, String name) {
        List<Span> named = spans.stream().filter(span -> span.getName().equals(name)).toList();
        assertThat(named).as("spans named %s among %s", name, spans.stream().map(Span::getName).toList()).hasSize(1);
        return named.getFirst();
    }

    private static AnyValue attribute(Span span, String key) {
        return value(span.getAttributesList(), key);
    }

    private static AnyValue value(List<KeyValue> attributes, String key) {
        return attributes.stream().filter(attribute -> attribute.getKey().equals(key)).findFirst()
                .orElseThrow(() -> new AssertionError("no attribute " + key)).getValue();
    }
}
