package dev.hotplex.app;

import dev.hotplex.telemetry.EngineMetrics;
import dev.hotplex.telemetry.ResilienceEventBridge;
import dev.hotplex.telemetry.TelemetryConfig;
import dev.hotplex.telemetry.TelemetryNames;
import dev.hotplex.telemetry.TelemetryObserver;
import dev.hotplex.telemetry.sdk.PrometheusScrape;
import dev.hotplex.telemetry.sdk.TelemetrySdk;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Telemetry of one running hotplex: the SDK built once from config, the instruments, the engine observer and the
 * Resilience4j bridge over it. {@link #close()} (after the engine closed, so its last turns are recorded) ends spans
 * nothing will finish, then flushes and shuts the SDK down within the export timeout. Idempotent, and a second
 * caller waits for the first: a shutdown hook that returned early would let the JVM halt mid-flush.
 */
public final class TelemetryRuntime implements AutoCloseable {
    private final TelemetrySdk sdk;
    private final EngineMetrics metrics;
    private final TelemetryObserver observer;
    private final ResilienceEventBridge resilience;
    private boolean closed;

    public TelemetryRuntime(TelemetrySdk sdk, TelemetryConfig config) {
        this.sdk = requireNonNull(sdk, "sdk is null");
        requireNonNull(config, "config is null");
        this.metrics = new EngineMetrics(sdk.openTelemetry().getMeter(TelemetryNames.SCOPE), config);
        this.observer = new TelemetryObserver(sdk.openTelemetry().getTracer(TelemetryNames.SCOPE), metrics, config);
        this.resilience = new ResilienceEventBridge(metrics);
    }

    public TelemetryObserver observer() {
        return observer;
    }

    public EngineMetrics metrics() {
        return metrics;
    }

    public ResilienceEventBridge resilience() {
        return resilience;
    }

    public Optional<PrometheusScrape> prometheus() {
        return sdk.prometheus();
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        observer.endOpenSpans();
        metrics.close();
        sdk.close();
    }
}
