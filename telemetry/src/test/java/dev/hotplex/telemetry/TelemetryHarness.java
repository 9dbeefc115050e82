package dev.hotplex.telemetry;

import dev.hotplex.core.model.ModelUsage;
import dev.hotplex.core.model.ProviderTotals;
import dev.hotplex.core.model.TokenUsage;
import dev.hotplex.core.port.out.ContentPolicy;
import dev.hotplex.core.port.out.TurnCompletion;
import dev.hotplex.core.service.DefaultEngine;
import dev.hotplex.core.service.EngineConfig;
import dev.hotplex.core.service.InMemorySessionStore;
import dev.hotplex.core.service.SystemClock;
import dev.hotplex.core.service.ToolApproval;
import dev.hotplex.telemetry.sdk.TelemetrySdk;
import dev.hotplex.testkit.FakeProvider;
import dev.hotplex.testkit.SequentialIdGenerator;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The real telemetry set-up ({@link TelemetrySdk}, {@link EngineMetrics}, {@link TelemetryObserver}) with the SDK's
 * in-memory exporters attached, observing a real {@link DefaultEngine} over the {@link FakeProvider}.
 */
final class TelemetryHarness implements AutoCloseable {
    static final String MODEL = "claude-test-1";
    static final TokenUsage TOKENS = new TokenUsage(120, 45, 30, 200);
    static final BigDecimal COST = new BigDecimal("0.0125");

    final InMemorySpanExporter spans = InMemorySpanExporter.create();
    final InMemoryMetricReader metrics = InMemoryMetricReader.create();
    final TelemetrySdk sdk;
    final EngineMetrics engineMetrics;
    final TelemetryObserver observer;
    final FakeProvider provider = new FakeProvider();
    final DefaultEngine engine;

    TelemetryHarness(Path workspace, TelemetryConfig config, ContentPolicy policy, ToolApproval approval) {
        this(workspace, config, policy, approval, EngineConfig.Prewarm.OFF);
    }

    TelemetryHarness(Path workspace, TelemetryConfig config, ContentPolicy policy, ToolApproval approval,
                     EngineConfig.Prewarm prewarm) {
        sdk = TelemetrySdk.create(config, List.of(spans), List.of(metrics));
        engineMetrics = new EngineMetrics(sdk.openTelemetry().getMeter(TelemetryNames.SCOPE), config);
        observer = new TelemetryObserver(sdk.openTelemetry().getTracer(TelemetryNames.SCOPE), engineMetrics, config);
        EngineConfig engineConfig = new EngineConfig.Builder(workspace)
                .reaperInterval(Duration.ZERO)
                .turnTimeout(Duration.ofSeconds(30))
                .permissionTimeout(Duration.ofSeconds(30))
                .toolApproval(approval)
                .prewarm(prewarm)
                .build();
        engine = new DefaultEngine(engineConfig, provider, policy, observer, new InMemorySessionStore(),
                new SystemClock(), new SequentialIdGenerator("turn"));
    }

    static TelemetryConfig config() {
        return TelemetryConfig.defaults().withService("hotplex-test", "1.2.3", "test-instance")
                .withProvider("anthropic", Optional.of("claude-requested"));
    }

    /**
     * How the fake agent ends the {@code nth} turn of a process: {@link #TOKENS} and {@link #COST} more than the turn
     * before, reported as running totals the way Claude's result message does.
     */
    static TurnCompletion completion(String answer, int nth) {
        TokenUsage running = TokenUsage.ZERO;
        for (int i = 0; i < nth; i++) {
            running = running.plus(TOKENS);
        }
        BigDecimal cost = COST.multiply(BigDecimal.valueOf(nth));
        ProviderTotals totals = new ProviderTotals(Optional.of(cost), Map.of(MODEL, new ModelUsage(running, cost)));
        return new TurnCompletion(TurnCompletion.Status.SUCCESS, Optional.of(answer), TOKENS, totals,
                Optional.of(MODEL), 2, Optional.empty());
    }

    List<SpanData> spans(String name) {
        return spans.getFinishedSpanItems().stream().filter(span -> span.getName().equals(name)).toList();
    }

    SpanData onlySpan(String name) {
        List<SpanData> found = spans(name);
        if (found.size() != 1) {
            throw new AssertionError("expected one span '" + name + "', found " + found.size() + ": "
                    + spans.getFinishedSpanItems().stream().map(SpanData::getName).toList());
        }
        return found.getFirst();
    }

    MetricData metric(String name) {
        return metrics.collectAllMetrics().stream().filter(metric -> metric.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no metric " + name));
    }

    Optional<MetricData> maybeMetric(String name) {
        return metrics.collectAllMetrics().stream().filter(metric -> metric.getName().equals(name)).findFirst();
    }

    @Override
    public void close() {
        try {
            engine.close();
        } finally {
            engineMetrics.close();
            sdk.close();
        }
    }
}
