package dev.hotplex.app.config;

import dev.hotplex.telemetry.TelemetryConfig;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The {@code telemetry:} section: defaults, every key, the {@code OTEL_*} fallbacks, bad values, hidden secrets. */
class TelemetrySettingsTest {
    private static final Path EXAMPLE = Path.of("..", "hotplex.example.yaml");

    private static TelemetryConfig load(Map<String, String> environment, Map<String, String> overrides) {
        return new ConfigLoader().load(Optional.empty(), environment, overrides, Path.of("/nonexistent-home"))
                .telemetry().toTelemetryConfig(environment, "1.0", "id-1", Optional.empty());
    }

    @Test
    void defaultsPushNothingServePrometheusAndCaptureNoContent() {
        TelemetryConfig config = load(Map.of(), Map.of());
        assertThat(config).isEqualTo(TelemetryConfig.defaults().withService("hotplex", "1.0", "id-1"));
        assertThat(config.exporter()).isEqualTo(TelemetryConfig.Exporter.NONE);
        assertThat(config.prometheus()).isTrue();
        assertThat(config.captureContent()).isFalse();
        assertThat(config.otlpEndpoint()).isEqualTo(URI.create("http://localhost:4318"));
    }

    @Test
    void theExampleShowsTheDefaultsAndEveryCommentedKeyIsReal() throws Exception {
        ConfigLoader loader = new ConfigLoader();
        HotplexSettings example = loader.load(Optional.of(EXAMPLE), Map.of(), Map.of(), Path.of("/nonexistent-home"));
        assertThat(example.telemetry().toTelemetryConfig(Map.of(), "1.0", "id-1", Optional.empty()))
                .isEqualTo(load(Map.of(), Map.of()));
        String uncommented = Files.readString(EXAMPLE)
                .replace("  # otlp-endpoint: ", "  otlp-endpoint: ")
                .replace("  # otlp-headers: ", "  otlp-headers: ")
                .replace("  # service-name: ", "  service-name: ")
                .replace("  # metric-interval: ", "  metric-interval: ")
                .replace("  # export-timeout: ", "  export-timeout: ");
        Path copy = Files.createTempFile("hotplex-telemetry", ".yaml");
        try {
            Files.writeString(copy, uncommented);
            TelemetryConfig config = loader.load(Optional.of(copy), Map.of(), Map.of(), Path.of("/nonexistent-home"))
                    .telemetry().toTelemetryConfig(Map.of(), "1.0", "id-1", Optional.empty());
            assertThat(config.otlpHeaders()).containsEntry("authorization", "Bearer xyz");
            assertThat(config.metricInterval()).isEqualTo(Duration.ofSeconds(60));
            assertThat(config.serviceName()).isEqualTo("hotplex");
        } finally {
            Files.deleteIfExists(copy);
        }
    }

    @Test
    void everyKeyMaps() {
        TelemetryConfig config = load(Map.of(), Map.of(
                "telemetry.exporter", "OTLP",
                "telemetry.otlp-endpoint", "https://collector.example:4318/",
                "telemetry.otlp-headers", "api-key=s3cret,x-tenant=a%2Cb",
                "telemetry.service-name", "hotplex-prod",
                "telemetry.capture-content", "true",
                "telemetry.prometheus", "false",
                "telemetry.metric-interval", "15s",
                "telemetry.export-timeout", "3s"));
        assertThat(config.exporter()).isEqualTo(TelemetryConfig.Exporter.OTLP);
        assertThat(config.otlpUrl("/v1/traces")).isEqualTo("https://collector.example:4318/v1/traces");
        assertThat(config.otlpHeaders()).containsExactlyInAnyOrderEntriesOf(Map.of("api-key", "s3cret", "x-tenant", "a,b"));
        assertThat(config.serviceName()).isEqualTo("hotplex-prod");
        assertThat(config.captureContent()).isTrue();
        assertThat(config.prometheus()).isFalse();
        assertThat(config.metricInterval()).isEqualTo(Duration.ofSeconds(15));
        assertThat(config.exportTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(config.toString()).contains("api-key").doesNotContain("s3cret");
    }

    @Test
    void theStandardOtelVariablesApplyWhenTheKeyIsNotSet() {
        Map<String, String> environment = Map.of(
                "OTEL_SERVICE_NAME", "from-otel",
                "OTEL_EXPORTER_OTLP_ENDPOINT", "http://otel-collector:4318",
                "OTEL_EXPORTER_OTLP_HEADERS", "authorization=Bearer%20t0ken",
                "OTEL_METRIC_EXPORT_INTERVAL", "5000",
                "OTEL_EXPORTER_OTLP_TIMEOUT", "2500",
                "OTEL_RESOURCE_ATTRIBUTES", "deployment.environment.name=staging,team=agents",
                "HOTPLEX_TELEMETRY_EXPORTER", "otlp");
        TelemetryConfig config = load(environment, Map.of());
        assertThat(config.exporter()).isEqualTo(TelemetryConfig.Exporter.OTLP);
        assertThat(config.serviceName()).isEqualTo("from-otel");
        assertThat(config.otlpEndpoint()).isEqualTo(URI.create("http://otel-collector:4318"));
        assertThat(config.otlpHeaders()).containsEntry("authorization", "Bearer t0ken");
        assertThat(config.metricInterval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.exportTimeout()).isEqualTo(Duration.ofMillis(2500));
        assertThat(config.resourceAttributes()).containsEntry("deployment.environment.name", "staging")
                .containsEntry("team", "agents");
        // a hotplex key wins over its OTEL_* variable
        assertThat(load(environment, Map.of("telemetry.service-name", "mine")).serviceName()).isEqualTo("mine");
    }

    @Test
    void badValuesAreConfigErrorsNamingTheKey() {
        assertThatThrownBy(() -> load(Map.of(), Map.of("telemetry.exporter", "zipkin")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("telemetry.exporter");
        assertThatThrownBy(() -> load(Map.of(), Map.of("telemetry.otlp-endpoint", "ftp://x")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("telemetry");
        assertThatThrownBy(() -> load(Map.of(), Map.of("telemetry.otlp-headers", "novalue")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("telemetry.otlp-headers")
                .hasMessageNotContaining("novalue");
        assertThatThrownBy(() -> load(Map.of("OTEL_METRIC_EXPORT_INTERVAL", "soon"), Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("OTEL_METRIC_EXPORT_INTERVAL");
        assertThatThrownBy(() -> load(Map.of(), Map.of("telemetry.metric-interval", "0s")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("metricInterval");
        assertThatThrownBy(() -> load(Map.of(), Map.of("telemetry.sampler", "always")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("telemetry.sampler");
    }
}
