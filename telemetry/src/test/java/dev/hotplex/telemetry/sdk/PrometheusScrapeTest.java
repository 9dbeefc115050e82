package dev.hotplex.telemetry.sdk;

import dev.hotplex.core.model.SessionConfig;
import dev.hotplex.core.model.TurnOutcome;
import dev.hotplex.core.service.ToolApproval;
import dev.hotplex.telemetry.EngineMetrics;
import dev.hotplex.telemetry.PrometheusExposition;
import dev.hotplex.telemetry.TelemetryConfig;
import dev.hotplex.telemetry.TelemetryNames;
import dev.hotplex.testkit.BlockingContentPolicy;
import dev.hotplex.testkit.RecordingEventSink;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Prometheus scrape: names, units, types and labels as OpenTelemetry's Prometheus compatibility rules say. */
class PrometheusScrapeTest {
    @org.junit.jupiter.api.io.TempDir
    java.nio.file.Path workspace;

    private static TelemetryConfig config() {
        return TelemetryConfig.defaults().withService("hotplex-test", "1.2.3", "node-1")
                .withResourceAttributes(Map.of("deployment.environment.name", "ci"));
    }

    @Test
    void engineMetricsScrapeAsValidPrometheusTextWithUnitSuffixes() {
        try (TelemetrySdk sdk = TelemetrySdk.create(config())) {
            EngineMetrics metrics = new EngineMetrics(sdk.openTelemetry().getMeter(TelemetryNames.SCOPE), config());
            metrics.sessionCounts(3, 1);
            metrics.processStarted(java.time.Duration.ofMillis(1500), false);
            metrics.blocked(dev.hotplex.core.model.BlockLayer.PROMPT, new dev.hotplex.core.model.Verdict.Blocked(
                    "core.rm \"root\"", "destructive", dev.hotplex.core.model.Severity.CRITICAL, "r", "m", "s"));
            metrics.sseClientOpened();
            metrics.sseClientOpened();
            metrics.sseClientClosed();
            metrics.rejected("rate_limiter", "tenant-a");
            metrics.toolFinished("Bash", 250, true);

            PrometheusScrape scrape = sdk.prometheus().orElseThrow();
            assertThat(scrape.contentType()).isEqualTo("text/plain; version=0.0.4; charset=utf-8");
            PrometheusExposition text = PrometheusExposition.parse(scrape.scrape());

            assertThat(text.types()).containsEntry("hotplex_sessions_active", "gauge")
                    .containsEntry("hotplex_sessions_busy", "gauge")
                    .containsEntry("hotplex_process_starts_total", "counter")
                    .containsEntry("hotplex_process_cold_start_duration_seconds", "histogram")
                    .containsEntry("hotplex_firewall_blocks_total", "counter")
                    .containsEntry("hotplex_http_sse_clients", "gauge")
                    .containsEntry("hotplex_resilience_rejections_total", "counter")
                    .containsEntry("gen_ai_execute_tool_duration_seconds", "histogram")
                    .containsEntry("target_info", "gauge");
            assertThat(text.sum("hotplex_sessions_active")).isEqualTo(3);
            assertThat(text.sum("hotplex_sessions_busy")).isEqualTo(1);
            assertThat(text.sum("hotplex_http_sse_clients")).isEqualTo(1);
            assertThat(text.sample("hotplex_process_cold_start_duration_seconds_bucket", Map.of("le", "2.56")))
                    .hasValueSatisfying(bucket -> assertThat(bucket.value()).isEqualTo(1));
            assertThat(text.sample("hotplex_process_cold_start_duration_seconds_bucket", Map.of("le", "1.28")))
                    .hasValueSatisfying(bucket -> assertThat(bucket.value()).isZero());
            assertThat(text.sum("hotplex_process_cold_start_duration_seconds_sum")).isEqualTo(1.5);
            // label values are escaped and come back intact; attribute keys become label names
            assertThat(text.samples("hotplex_firewall_blocks_total")).singleElement().satisfies(sample -> {
                assertThat(sample.label("hotplex_firewall_rule")).isEqualTo("core.rm \"root\"");
                assertThat(sample.label("hotplex_firewall_layer")).isEqualTo("prompt");
                assertThat(sample.value()).isEqualTo(1);
            });
            assertThat(text.sample("gen_ai_execute_tool_duration_seconds_count",
                    Map.of("gen_ai_tool_name", "Bash", "error_type", "tool_error")))
                    .hasValueSatisfying(count -> assertThat(count.value()).isEqualTo(1));
            assertThat(text.samples("target_info")).singleElement().satisfies(info -> {
                assertThat(info.label("service_name")).isEqualTo("hotplex-test");
                assertThat(info.label("service_version")).isEqualTo("1.2.3");
                assertThat(info.label("service_instance_id")).isEqualTo("node-1");
                assertThat(info.label("deployment_environment_name")).isEqualTo("ci");
            });
            metrics.close();
        }
    }

    @Test
    void aRealTurnShowsUpInTheScrapeWithTheGenAiNames() {
        TelemetryConfig config = config();
        try (TelemetrySdk sdk = TelemetrySdk.create(config);
             EngineMetrics metrics = new EngineMetrics(sdk.openTelemetry().getMeter(TelemetryNames.SCOPE), config)) {
            var observer = new dev.hotplex.telemetry.TelemetryObserver(
                    sdk.openTelemetry().getTracer(TelemetryNames.SCOPE), metrics, config);
            dev.hotplex.testkit.FakeProvider provider = new dev.hotplex.testkit.FakeProvider();
            try (dev.hotplex.core.service.DefaultEngine engine = engine(workspace, provider, observer)) {
                assertThat(engine.execute(SessionConfig.of("p"), "hello", new RecordingEventSink()).outcome())
                        .isEqualTo(TurnOutcome.SUCCESS);
                assertThat(engine.execute(SessionConfig.of("p"), "rm -rf / please", new RecordingEventSink())
                        .outcome()).isEqualTo(TurnOutcome.BLOCKED);
            }
            PrometheusExposition text = PrometheusExposition.parse(sdk.prometheus().orElseThrow().scrape());
            assertThat(text.types()).containsEntry("gen_ai_client_operation_duration_seconds", "histogram")
                    .containsEntry("gen_ai_client_operation_time_to_first_chunk_seconds", "histogram")
                    .containsEntry("hotplex_turns_total", "counter");
            assertThat(text.sample("hotplex_turns_total", Map.of("hotplex_turn_outcome", "success")))
                    .hasValueSatisfying(sample -> assertThat(sample.value()).isEqualTo(1));
            assertThat(text.sample("hotplex_turns_total", Map.of("hotplex_turn_outcome", "blocked")))
                    .hasValueSatisfying(sample -> assertThat(sample.value()).isEqualTo(1));
            assertThat(text.sample("gen_ai_client_operation_duration_seconds_count",
                    Map.of("gen_ai_operation_name", "invoke_agent", "gen_ai_provider_name", "anthropic",
                            "error_type", "DANGER_BLOCKED")))
                    .hasValueSatisfying(sample -> assertThat(sample.value()).isEqualTo(1));
            assertThat(text.sample("hotplex_firewall_blocks_total",
                    Map.of("hotplex_firewall_rule", BlockingContentPolicy.RULE_ID, "hotplex_firewall_layer", "prompt")))
                    .isPresent();
        }
    }

    @Test
    void namesFollowThePrometheusCompatibilityRules() {
        InMemoryMetricReader reader = InMemoryMetricReader.create();
        try (io.opentelemetry.sdk.metrics.SdkMeterProvider provider =
                     io.opentelemetry.sdk.metrics.SdkMeterProvider.builder().registerMetricReader(reader).build()) {
            Meter meter = provider.get("test");
            meter.counterBuilder("a.b-c").setUnit("By").build().add(2);
            meter.counterBuilder("done_total").setUnit("{thing}").build().add(1);
            meter.upDownCounterBuilder("queue.depth").setUnit("{item}").build().add(-1);
            meter.gaugeBuilder("load").setUnit("1").build().set(0.5, Attributes.empty());
            meter.histogramBuilder("latency").setUnit("ms").build().record(3);
            List<MetricData> data = List.copyOf(reader.collectAllMetrics());
            Map<String, String> names = new java.util.TreeMap<>();
            data.forEach(metric -> names.put(metric.getName(), PrometheusText.familyName(metric)));
            assertThat(names).containsEntry("a.b-c", "a_b_c_bytes_total")
                    .containsEntry("done_total", "done_total")
                    .containsEntry("queue.depth", "queue_depth")
                    .containsEntry("load", "load")
                    .containsEntry("latency", "latency_milliseconds");
            PrometheusExposition text = PrometheusExposition.parse(
                    PrometheusText.write(data, io.opentelemetry.sdk.resources.Resource.empty()));
            assertThat(text.types()).containsEntry("queue_depth", "gauge").containsEntry("load", "gauge")
                    .doesNotContainKey("target_info");
            assertThat(text.sum("queue_depth")).isEqualTo(-1);
            assertThat(text.sum("load")).isEqualTo(0.5);
        }
        assertThat(PrometheusText.number(0.01)).isEqualTo("0.01");
        assertThat(PrometheusText.number(67108864d)).isEqualTo("67108864");
        assertThat(PrometheusText.number(Double.POSITIVE_INFINITY)).isEqualTo("+Inf");
        assertThat(PrometheusText.sanitize("9lives.x")).isEqualTo("_lives_x");
    }

    @Test
    void theReaderRejectsMalformedText() {
        assertThatThrownBy(() -> PrometheusExposition.parse("x 1\n")).hasMessageContaining("undeclared family");
        assertThatThrownBy(() -> PrometheusExposition.parse("# TYPE x counter\nx{a=\"b} 1\n"))
                .isInstanceOf(AssertionError.class);
        assertThatThrownBy(() -> PrometheusExposition.parse("# TYPE x gauge\nx 1")).hasMessageContaining("newline");
    }

    @Test
    void withoutPrometheusThereIsNoScrape() {
        try (TelemetrySdk sdk = TelemetrySdk.create(config().withPrometheus(false))) {
            assertThat(sdk.prometheus()).isEmpty();
        }
    }

    private static dev.hotplex.core.service.DefaultEngine engine(java.nio.file.Path workspace,
                                                                 dev.hotplex.testkit.FakeProvider provider,
                                                                 dev.hotplex.core.port.out.EngineObserver observer) {
        return new dev.hotplex.core.service.DefaultEngine(
                new dev.hotplex.core.service.EngineConfig.Builder(workspace).reaperInterval(java.time.Duration.ZERO)
                        .toolApproval(ToolApproval.ALLOW).build(),
                provider, new BlockingContentPolicy(), observer, new dev.hotplex.core.service.InMemorySessionStore(),
                new dev.hotplex.core.service.SystemClock(), new dev.hotplex.testkit.SequentialIdGenerator());
    }
}
