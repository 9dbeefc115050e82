package dev.hotplex.telemetry.sdk;

import dev.hotplex.telemetry.TelemetryConfig;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.exporter.logging.LoggingMetricExporter;
import io.opentelemetry.exporter.logging.LoggingSpanExporter;
import io.opentelemetry.exporter.otlp.http.metrics.OtlpHttpMetricExporter;
import io.opentelemetry.exporter.otlp.http.metrics.OtlpHttpMetricExporterBuilder;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporterBuilder;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.SdkMeterProviderBuilder;
import io.opentelemetry.sdk.metrics.export.MetricExporter;
import io.opentelemetry.sdk.metrics.export.MetricReader;
import io.opentelemetry.sdk.metrics.export.PeriodicMetricReader;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SdkTracerProviderBuilder;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static java.util.Objects.requireNonNull;

/**
 * The OpenTelemetry SDK, built once from a {@link TelemetryConfig}: resource ({@code service.name}, {@code .version},
 * {@code .instance.id}), the configured exporter, and the Prometheus scrape. Everything else sees only the API type
 * {@link #openTelemetry()}. Exports run on the SDK's own threads (batching span processor, periodic metric reader), so
 * a slow or dead collector never holds up a turn; {@link #close()} flushes and shuts down within a bound.
 */
public final class TelemetrySdk implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(TelemetrySdk.class.getName());

    private final OpenTelemetrySdk sdk;
    private final Optional<PrometheusScrape> prometheus;
    private final TelemetryConfig config;

    private TelemetrySdk(OpenTelemetrySdk sdk, Optional<PrometheusScrape> prometheus, TelemetryConfig config) {
        this.sdk = sdk;
        this.prometheus = prometheus;
        this.config = config;
    }

    public static TelemetrySdk create(TelemetryConfig config) {
        return create(config, List.of(), List.of());
    }

    /**
     * With extra span exporters (each behind its own synchronous processor) and metric readers besides the configured
     * ones: how tests attach the SDK's in-memory exporters to the real set-up.
     */
    public static TelemetrySdk create(TelemetryConfig config, List<SpanExporter> extraSpanExporters,
                                      List<MetricReader> extraMetricReaders) {
        requireNonNull(config, "config is null");
        Resource resource = resource(config);
        SdkTracerProviderBuilder tracing = SdkTracerProvider.builder().setResource(resource);
        SdkMeterProviderBuilder metering = SdkMeterProvider.builder().setResource(resource);
        switch (config.exporter()) {
            case NONE -> {
            }
            case OTLP -> {
                tracing.addSpanProcessor(batch(otlpSpans(config), config));
                metering.registerMetricReader(periodic(otlpMetrics(config), config));
            }
            case LOGGING -> {
                tracing.addSpanProcessor(batch(LoggingSpanExporter.create(), config));
                metering.registerMetricReader(periodic(LoggingMetricExporter.create(), config));
            }
        }
        extraSpanExporters.forEach(exporter -> tracing.addSpanProcessor(SimpleSpanProcessor.create(exporter)));
        extraMetricReaders.forEach(metering::registerMetricReader);
        Optional<PrometheusScrape> prometheus = Optional.empty();
        if (config.prometheus()) {
            PrometheusReader reader = new PrometheusReader();
            metering.registerMetricReader(reader);
            prometheus = Optional.of(new PrometheusScrape(reader, resource));
        }
        OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
                .setTracerProvider(tracing.build())
                .setMeterProvider(metering.build())
                .build();
        LOG.log(System.Logger.Level.DEBUG, "telemetry: {0}", config);
        return new TelemetrySdk(sdk, prometheus, config);
    }

    public OpenTelemetry openTelemetry() {
        return sdk;
    }

    /** The Prometheus scrape, when {@code prometheus} is on. */
    public Optional<PrometheusScrape> prometheus() {
        return prometheus;
    }

    /** Pushes what is pending now (spans and metrics), waiting at most the export timeout; true if all went out. */
    public boolean flush() {
        CompletableResultCode spans = sdk.getSdkTracerProvider().forceFlush();
        CompletableResultCode metrics = sdk.getSdkMeterProvider().forceFlush();
        return CompletableResultCode.ofAll(List.of(spans, metrics))
                .join(config.exportTimeout().toMillis(), TimeUnit.MILLISECONDS).isSuccess();
    }

    /** Flushes and shuts the SDK down; bounded by the export timeout, so a dead collector cannot hang shutdown. */
    @Override
    public void close() {
        CompletableResultCode done = sdk.shutdown().join(config.exportTimeout().toMillis() * 2, TimeUnit.MILLISECONDS);
        if (!done.isSuccess()) {
            LOG.log(System.Logger.Level.WARNING, "telemetry: not everything was exported before shutdown ({0})",
                    config.otlpEndpoint());
        }
    }

    private static Resource resource(TelemetryConfig config) {
        AttributesBuilder attributes = Attributes.builder();
        config.resourceAttributes().forEach(attributes::put);
        attributes.put("service.name", config.serviceName());
        attributes.put("service.version", config.serviceVersion());
        attributes.put("service.instance.id", config.serviceInstanceId());
        return Resource.getDefault().merge(Resource.create(attributes.build()));
    }

    private static SpanExporter otlpSpans(TelemetryConfig config) {
        OtlpHttpSpanExporterBuilder builder = OtlpHttpSpanExporter.builder()
                .setEndpoint(config.otlpUrl("/v1/traces"))
                .setTimeout(config.exportTimeout());
        config.otlpHeaders().forEach(builder::addHeader);
        return builder.build();
    }

    private static MetricExporter otlpMetrics(TelemetryConfig config) {
        OtlpHttpMetricExporterBuilder builder = OtlpHttpMetricExporter.builder()
                .setEndpoint(config.otlpUrl("/v1/metrics"))
                .setTimeout(config.exportTimeout());
        config.otlpHeaders().forEach(builder::addHeader);
        return builder.build();
    }

    private static BatchSpanProcessor batch(SpanExporter exporter, TelemetryConfig config) {
        return BatchSpanProcessor.builder(exporter)
                .setScheduleDelay(config.spanDelay())
                .setExporterTimeout(config.exportTimeout())
                .build();
    }

    private static PeriodicMetricReader periodic(MetricExporter exporter, TelemetryConfig config) {
        return PeriodicMetricReader.builder(exporter).setInterval(config.metricInterval()).build();
    }
}
