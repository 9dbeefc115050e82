package dev.hotplex.telemetry;

import dev.hotplex.core.error.HotplexException;
import dev.hotplex.core.error.StandardErrorCode;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import static java.util.Objects.requireNonNull;

/**
 * What telemetry records and where it goes. The app builds it from the {@code telemetry:} configuration section and the
 * standard {@code OTEL_*} variables.
 *
 * @param serviceName        resource attribute {@code service.name}
 * @param serviceVersion     resource attribute {@code service.version}
 * @param serviceInstanceId  resource attribute {@code service.instance.id}
 * @param resourceAttributes more resource attributes (from {@code OTEL_RESOURCE_ATTRIBUTES})
 * @param exporter           where spans and metrics are pushed
 * @param otlpEndpoint       OTLP/HTTP base URL; spans go to {@code /v1/traces}, metrics to {@code /v1/metrics}
 * @param otlpHeaders        sent with every export (credentials: never logged, see {@link #toString()})
 * @param metricInterval     how often metrics are pushed
 * @param spanDelay          longest wait before ended spans are pushed
 * @param exportTimeout      bound of one export, and of flushing at shutdown
 * @param prometheus         keep a Prometheus scrape of the metrics (served as {@code /metrics} by the HTTP adapter)
 * @param captureContent     record the prompt, the answer, tool arguments and tool results on spans (off by default: they may
 *                           hold secrets the firewall exists to protect)
 * @param providerName       {@code gen_ai.provider.name}, e.g. {@code anthropic}
 * @param requestModel       {@code gen_ai.request.model}: the model hotplex asks for, when configured
 */
public record TelemetryConfig(
        String serviceName,
        String serviceVersion,
        String serviceInstanceId,
        Map<String, String> resourceAttributes,
        Exporter exporter,
        URI otlpEndpoint,
        Map<String, String> otlpHeaders,
        Duration metricInterval,
        Duration spanDelay,
        Duration exportTimeout,
        boolean prometheus,
        boolean captureContent,
        String providerName,
        Optional<String> requestModel) {

    /** Where telemetry is pushed. The Prometheus scrape is independent of it. */
    public enum Exporter {
        /** Nothing is pushed. */
        NONE,
        /** OTLP over HTTP with protobuf bodies. */
        OTLP,
        /** Through the JDK logger, for a look without a collector. */
        LOGGING
    }

    public static final URI DEFAULT_OTLP_ENDPOINT = URI.create("http://localhost:4318");

    public TelemetryConfig {
        requireNonNull(serviceName, "serviceName is null");
        requireNonNull(serviceVersion, "serviceVersion is null");
        requireNonNull(serviceInstanceId, "serviceInstanceId is null");
        resourceAttributes = Map.copyOf(requireNonNull(resourceAttributes, "resourceAttributes is null"));
        requireNonNull(exporter, "exporter is null");
        requireNonNull(otlpEndpoint, "otlpEndpoint is null");
        otlpHeaders = Map.copyOf(requireNonNull(otlpHeaders, "otlpHeaders is null"));
        requirePositive(metricInterval, "metricInterval");
        requirePositive(spanDelay, "spanDelay");
        requirePositive(exportTimeout, "exportTimeout");
        requireNonNull(providerName, "providerName is null");
        requireNonNull(requestModel, "requestModel is null");
        if (serviceName.isBlank()) {
            throw new HotplexException(StandardErrorCode.INVALID_CONFIG, "serviceName is blank");
        }
        String scheme = otlpEndpoint.getScheme();
        if (!"http".equals(scheme) && !"https".equals(scheme) || otlpEndpoint.getHost() == null) {
            throw new HotplexException(StandardErrorCode.INVALID_CONFIG, "the OTLP endpoint must be an http(s) URL with a host: " + otlpEndpoint);
        }
    }

    /** Nothing pushed, Prometheus scrape on, no content: what an unconfigured hotplex runs with. */
    public static TelemetryConfig defaults() {
        return new TelemetryConfig("hotplex", "dev", "local", Map.of(), Exporter.NONE, DEFAULT_OTLP_ENDPOINT, Map.of(),
                Duration.ofSeconds(60), Duration.ofSeconds(5), Duration.ofSeconds(10), true, false, "anthropic",
                Optional.empty());
    }

    public TelemetryConfig withService(String name, String version, String instanceId) {
        return new TelemetryConfig(name, version, instanceId, resourceAttributes, exporter, otlpEndpoint, otlpHeaders,
                metricInterval, spanDelay, exportTimeout, prometheus, captureContent, providerName, requestModel);
    }

    public TelemetryConfig withResourceAttributes(Map<String, String> attributes) {
        return new TelemetryConfig(serviceName, serviceVersion, serviceInstanceId, attributes, exporter, otlpEndpoint,
                otlpHeaders, metricInterval, spanDelay, exportTimeout, prometheus, captureContent, providerName,
                requestModel);
    }

    public TelemetryConfig withExporter(Exporter newExporter) {
        return new TelemetryConfig(serviceName, serviceVersion, serviceInstanceId, resourceAttributes, newExporter,
                otlpEndpoint, otlpHeaders, metricInterval, spanDelay, exportTimeout, prometheus, captureContent,
                providerName, requestModel);
    }

    public TelemetryConfig withOtlp(URI endpoint, Map<String, String> headers) {
        return new TelemetryConfig(serviceName, serviceVersion, serviceInstanceId, resourceAttributes, exporter,
                endpoint, headers, metricInterval, spanDelay, exportTimeout, prometheus, captureContent, providerName,
                requestModel);
    }

    public TelemetryConfig withExportTiming(Duration metrics, Duration spans, Duration timeout) {
        return new TelemetryConfig(serviceName, serviceVersion, serviceInstanceId, resourceAttributes, exporter,
                otlpEndpoint, otlpHeaders, metrics, spans, timeout, prometheus, captureContent, providerName,
                requestModel);
    }

    public TelemetryConfig withPrometheus(boolean enabled) {
        return new TelemetryConfig(serviceName, serviceVersion, serviceInstanceId, resourceAttributes, exporter,
                otlpEndpoint, otlpHeaders, metricInterval, spanDelay, exportTimeout, enabled, captureContent,
                providerName, requestModel);
    }

    public TelemetryConfig withCaptureContent(boolean enabled) {
        return new TelemetryConfig(serviceName, serviceVersion, serviceInstanceId, resourceAttributes, exporter,
                otlpEndpoint, otlpHeaders, metricInterval, spanDelay, exportTimeout, prometheus, enabled, providerName,
                requestModel);
    }

    public TelemetryConfig withProvider(String name, Optional<String> model) {
        return new TelemetryConfig(serviceName, serviceVersion, serviceInstanceId, resourceAttributes, exporter,
                otlpEndpoint, otlpHeaders, metricInterval, spanDelay, exportTimeout, prometheus, captureContent, name,
                model);
    }

    /** The signal's OTLP/HTTP URL: the base endpoint plus {@code /v1/traces} or {@code /v1/metrics}. */
    public String otlpUrl(String signalPath) {
        String base = otlpEndpoint.toString();
        return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + signalPath;
    }

    /** Header values are credentials: only their names are shown. */
    @Override
    public String toString() {
        return "TelemetryConfig[service=" + serviceName + " " + serviceVersion + " (" + serviceInstanceId + "), exporter="
                + exporter + ", otlpEndpoint=" + otlpEndpoint + ", otlpHeaders=" + new TreeMap<>(otlpHeaders).keySet()
                + " (values hidden), metricInterval=" + metricInterval + ", spanDelay=" + spanDelay + ", exportTimeout="
                + exportTimeout + ", prometheus=" + prometheus + ", captureContent=" + captureContent + ", provider="
                + providerName + ", requestModel=" + requestModel.orElse("(default)") + "]";
    }

    private static void requirePositive(Duration duration, String name) {
        requireNonNull(duration, name + " is null");
        if (duration.isNegative() || duration.isZero()) {
            throw new HotplexException(StandardErrorCode.INVALID_CONFIG, name + " must be positive: " + duration);
        }
    }
}
