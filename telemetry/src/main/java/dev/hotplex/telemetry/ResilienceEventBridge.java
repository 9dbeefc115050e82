package dev.hotplex.telemetry;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;

import static java.util.Objects.requireNonNull;

/**
 * Counts what Resilience4j refuses, from its own event publishers (Resilience4j never sees OpenTelemetry): every rate
 * limiter of a registry, present and future, reports each refused permit as one
 * {@value TelemetryNames#METRIC_RESILIENCE_REJECTIONS} point named after the limiter.
 */
public final class ResilienceEventBridge {
    private final EngineMetrics metrics;

    public ResilienceEventBridge(EngineMetrics metrics) {
        this.metrics = requireNonNull(metrics, "metrics is null");
    }

    public void bridge(RateLimiterRegistry registry) {
        requireNonNull(registry, "registry is null");
        registry.getAllRateLimiters().forEach(this::subscribe);
        registry.getEventPublisher().onEntryAdded(added -> subscribe(added.getAddedEntry()));
    }

    private void subscribe(RateLimiter limiter) {
        String name = limiter.getName();
        limiter.getEventPublisher().onFailure(event -> metrics.rejected(TelemetryNames.RESILIENCE_RATE_LIMITER, name));
    }
}
