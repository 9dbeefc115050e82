package dev.hotplex.app.config;

import dev.hotplex.core.error.HotplexException;
import dev.hotplex.telemetry.TelemetryConfig;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code telemetry:} section. A key left out falls back to its standard OpenTelemetry variable where one exists
 * ({@code OTEL_SERVICE_NAME}, {@code OTEL_EXPORTER_OTLP_ENDPOINT}, {@code OTEL_EXPORTER_OTLP_HEADERS},
 * {@code OTEL_METRIC_EXPORT_INTERVAL}, {@code OTEL_EXPORTER_OTLP_TIMEOUT}; {@code OTEL_RESOURCE_ATTRIBUTES} adds
 * resource attributes), then to the default.
 *
 * @param exporter        {@code none} (default), {@code otlp} (OTLP/HTTP protobuf) or {@code logging}
 * @param otlpEndpoint    OTLP/HTTP base URL (default {@code http://localhost:4318})
 * @param otlpHeaders     {@code name=value,...} sent with every export; credentials, so never logged
 * @param serviceName     {@code service.name} (default {@code hotplex})
 * @param captureContent  prompt, answer and tool input/output on spans (default false)
 * @param prometheus      serve {@code /metrics} in the Prometheus text format (default true)
 * @param metricInterval  how often metrics are pushed (default 60s)
 * @param exportTimeout   bound of one export, and of the flush at shutdown (default 10s)
 */
public record TelemetrySettings(
        String exporter,
        String otlpEndpoint,
        String otlpHeaders,
        String serviceName,
        Boolean captureContent,
        Boolean prometheus,
        Duration metricInterval,
        Duration exportTimeout) {
    static final TelemetrySettings EMPTY = new TelemetrySettings(null, null, null, null, null, null, null, null);

    /**
     * The telemetry configuration: this section over the {@code OTEL_*} variables in {@code environment}, for a
     * service of {@code version}, one {@code instanceId} per running hotplex, asking the provider for {@code model}.
     */
    public TelemetryConfig toTelemetryConfig(Map<String, String> environment, String version, String instanceId,
                                             Optional<String> model) {
        TelemetryConfig defaults = TelemetryConfig.defaults();
        String name = first(serviceName, environment.get("OTEL_SERVICE_NAME")).orElse(defaults.serviceName());
        URI endpoint = first(otlpEndpoint, environment.get("OTEL_EXPORTER_OTLP_ENDPOINT"))
                .map(TelemetrySettings::endpoint).orElse(defaults.otlpEndpoint());
        Map<String, String> headers = first(otlpHeaders, environment.get("OTEL_EXPORTER_OTLP_HEADERS"))
                .map(text -> pairs(text, "telemetry.otlp-headers")).orElse(Map.of());
        Duration interval = Optional.ofNullable(metricInterval)
                .or(() -> millis(environment.get("OTEL_METRIC_EXPORT_INTERVAL"), "OTEL_METRIC_EXPORT_INTERVAL"))
                .orElse(defaults.metricInterval());
        Duration timeout = Optional.ofNullable(exportTimeout)
                .or(() -> millis(environment.get("OTEL_EXPORTER_OTLP_TIMEOUT"), "OTEL_EXPORTER_OTLP_TIMEOUT"))
                .orElse(defaults.exportTimeout());
        Map<String, String> resource = Optional.ofNullable(environment.get("OTEL_RESOURCE_ATTRIBUTES"))
                .filter(text -> !text.isBlank()).map(text -> pairs(text, "OTEL_RESOURCE_ATTRIBUTES")).orElse(Map.of());
        try {
            return defaults
                    .withService(name, version, instanceId)
                    .withResourceAttributes(resource)
                    .withExporter(exporterKind())
                    .withOtlp(endpoint, headers)
                    .withExportTiming(interval, defaults.spanDelay(), timeout)
                    .withPrometheus(prometheus == null || prometheus)
                    .withCaptureContent(captureContent != null && captureContent)
                    .withProvider(defaults.providerName(), model);
        } catch (HotplexException e) {
            throw new ConfigException("telemetry: " + e.getMessage(), e);
        }
    }

    private TelemetryConfig.Exporter exporterKind() {
        if (exporter == null || exporter.isBlank()) {
            return TelemetryConfig.Exporter.NONE;
        }
        try {
            return TelemetryConfig.Exporter.valueOf(exporter.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ConfigException("telemetry.exporter: '" + exporter + "' is not one of none, otlp, logging", e);
        }
    }

    private static Optional<String> first(String configured, String fromEnvironment) {
        if (configured != null && !configured.isBlank()) {
            return Optional.of(configured.strip());
        }
        return Optional.ofNullable(fromEnvironment).filter(text -> !text.isBlank()).map(String::strip);
    }

    private static URI endpoint(String text) {
        try {
            return URI.create(text);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("telemetry.otlp-endpoint: not a URL: " + text, e);
        }
    }

    private static Optional<Duration> millis(String text, String variable) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Duration.ofMillis(Long.parseLong(text.strip())));
        } catch (NumberFormatException e) {
            throw new ConfigException(variable + ": not a number of milliseconds: " + text, e);
        }
    }

    /** {@code k=v,k2=v2} as the OpenTelemetry variables write them (values percent-decoded); the value is never shown. */
    static Map<String, String> pairs(String text, String source) {
        Map<String, String> pairs = new LinkedHashMap<>();
        for (String entry : text.split(",")) {
            if (entry.isBlank()) {
                continue;
            }
            int equals = entry.indexOf('=');
            if (equals <= 0) {
                throw new ConfigException(source + ": entries are name=value, separated by commas; one entry has no "
                        + "name or no '='");
            }
            pairs.put(entry.substring(0, equals).strip(),
                    URLDecoder.decode(entry.substring(equals + 1).strip(), StandardCharsets.UTF_8));
        }
        return pairs;
    }

    @Override
    public String toString() {
        return "TelemetrySettings[exporter=" + exporter + ", otlp-endpoint=" + otlpEndpoint + ", otlp-headers="
                + (otlpHeaders == null ? "none" : "****") + ", service-name=" + serviceName + ", capture-content="
                + captureContent + ", prometheus=" + prometheus + ", metric-interval=" + metricInterval
                + ", export-timeout=" + exportTimeout + "]";
    }
}
