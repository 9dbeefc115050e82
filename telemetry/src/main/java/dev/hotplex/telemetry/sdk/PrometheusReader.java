package dev.hotplex.telemetry.sdk;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.metrics.InstrumentType;
import io.opentelemetry.sdk.metrics.data.AggregationTemporality;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.export.CollectionRegistration;
import io.opentelemetry.sdk.metrics.export.MetricReader;

import java.util.Collection;
import java.util.List;

/**
 * A pull reader: collects cumulative metrics when scraped, never on a timer. Prometheus wants cumulative counters and
 * histograms; the SDK keeps the running totals for a cumulative reader.
 */
final class PrometheusReader implements MetricReader {
    private volatile CollectionRegistration registration = CollectionRegistration.noop();

    @Override
    public void register(CollectionRegistration collectionRegistration) {
        this.registration = collectionRegistration;
    }

    Collection<MetricData> collect() {
        Collection<MetricData> metrics = registration.collectAllMetrics();
        return metrics == null ? List.of() : metrics;
    }

    @Override
    public AggregationTemporality getAggregationTemporality(InstrumentType instrumentType) {
        return AggregationTemporality.CUMULATIVE;
    }

    @Override
    public CompletableResultCode forceFlush() {
        return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode shutdown() {
        registration = CollectionRegistration.noop();
        return CompletableResultCode.ofSuccess();
    }
}
