package dev.hotplex.app;

import dev.hotplex.adapter.http.MetricsScrape;
import dev.hotplex.telemetry.sdk.PrometheusScrape;
import jakarta.inject.Inject;

import static java.util.Objects.requireNonNull;

/** {@code GET /metrics} of the HTTP adapter, served by telemetry's Prometheus scrape. */
final class PrometheusMetricsScrape implements MetricsScrape {
    private final PrometheusScrape scrape;

    @Inject
    PrometheusMetricsScrape(TelemetryRuntime telemetry) {
        this.scrape = requireNonNull(telemetry, "telemetry is null").prometheus()
                .orElseThrow(() -> new IllegalStateException("telemetry.prometheus is off: there is nothing to scrape"));
    }

    @Override
    public String contentType() {
        return scrape.contentType();
    }

    @Override
    public String scrape() {
        return scrape.scrape();
    }
}
