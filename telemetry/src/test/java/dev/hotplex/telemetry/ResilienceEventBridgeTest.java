package dev.hotplex.telemetry;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** Refusals of real Resilience4j rate limiters, present and created later, become rejection counts per limiter. */
class ResilienceEventBridgeTest {
    @Test
    void everyRefusedPermitIsCountedForItsLimiter() {
        InMemoryMetricReader reader = InMemoryMetricReader.create();
        try (SdkMeterProvider provider = SdkMeterProvider.builder().registerMetricReader(reader).build();
             EngineMetrics metrics = new EngineMetrics(provider.get(TelemetryNames.SCOPE), TelemetryConfig.defaults())) {
            RateLimiterRegistry registry = RateLimiterRegistry.of(RateLimiterConfig.custom().limitForPeriod(1)
                    .limitRefreshPeriod(Duration.ofHours(1)).timeoutDuration(Duration.ZERO).build());
            RateLimiter early = registry.rateLimiter("tenant-early");
            new ResilienceEventBridge(metrics).bridge(registry);
            RateLimiter late = registry.rateLimiter("tenant-late");

            assertThat(early.acquirePermission()).isTrue();
            assertThat(early.acquirePermission()).isFalse();
            assertThat(early.acquirePermission()).isFalse();
            assertThat(late.acquirePermission()).isTrue();
            assertThat(late.acquirePermission()).isFalse();

            MetricData rejections = reader.collectAllMetrics().stream()
                    .filter(metric -> metric.getName().equals(TelemetryNames.METRIC_RESILIENCE_REJECTIONS))
                    .findFirst().orElseThrow();
            assertThat(rejections.getUnit()).isEqualTo("{rejection}");
            assertThat(rejections.getLongSumData().getPoints())
                    .extracting(LongPointData::getAttributes, LongPointData::getValue)
                    .containsExactlyInAnyOrder(
                            org.assertj.core.groups.Tuple.tuple(Attributes.of(TelemetryNames.RESILIENCE_KIND,
                                    "rate_limiter", TelemetryNames.RESILIENCE_NAME, "tenant-early"), 2L),
                            org.assertj.core.groups.Tuple.tuple(Attributes.of(TelemetryNames.RESILIENCE_KIND,
                                    "rate_limiter", TelemetryNames.RESILIENCE_NAME, "tenant-late"), 1L));
        }
    }
}
