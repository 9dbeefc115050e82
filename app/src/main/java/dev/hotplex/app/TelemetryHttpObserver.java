package dev.hotplex.app;

import dev.hotplex.adapter.http.HttpObserver;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;

import static java.util.Objects.requireNonNull;

/** The HTTP adapter's hooks, forwarded to telemetry (the adapter does not know telemetry, and telemetry not HTTP). */
final class TelemetryHttpObserver implements HttpObserver {
    private final TelemetryRuntime telemetry;

    TelemetryHttpObserver(TelemetryRuntime telemetry) {
        this.telemetry = requireNonNull(telemetry, "telemetry is null");
    }

    @Override
    public void sseClientOpened() {
        telemetry.metrics().sseClientOpened();
    }

    @Override
    public void sseClientClosed() {
        telemetry.metrics().sseClientClosed();
    }

    @Override
    public void rateLimiters(RateLimiterRegistry registry) {
        telemetry.resilience().bridge(registry);
    }
}
