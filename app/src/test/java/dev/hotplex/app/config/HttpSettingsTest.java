package dev.hotplex.app.config;

import dev.hotplex.adapter.http.HttpConfig;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The {@code http:} section's hardening keys: safe defaults, every key from YAML, env and --set, bad values. */
class HttpSettingsTest {
    private static final Path WORKSPACE = Path.of("ws");

    private static HttpConfig load(Map<String, String> environment, Map<String, String> overrides) {
        return new ConfigLoader().load(Optional.empty(), environment, overrides, Path.of("/nonexistent-home"))
                .http().toHttpConfig(WORKSPACE);
    }

    @Test
    void defaultsForwardNoRawEventsCapStreamsAndTimeOutIdleConnections() {
        HttpConfig config = load(Map.of(), Map.of());

        assertThat(config.forwardRawEvents()).isFalse();
        assertThat(config.maxStreamsPerTenant()).isEqualTo(HttpConfig.DEFAULT_MAX_STREAMS_PER_TENANT);
        assertThat(config.idleTimeout()).isEqualTo(HttpConfig.DEFAULT_IDLE_TIMEOUT);
        assertThat(config).isEqualTo(HttpConfig.defaults().withWorkspaceRoot(WORKSPACE));
    }

    @Test
    void everyKeyMapsFromOverridesAndEnvironment() {
        HttpConfig overridden = load(Map.of(), Map.of("http.forward-raw-events", "true",
                "http.max-streams-per-tenant", "4", "http.idle-timeout", "2m", "http.heartbeat-interval", "90s"));
        HttpConfig fromEnvironment = load(Map.of("HOTPLEX_HTTP_FORWARD_RAW_EVENTS", "true",
                "HOTPLEX_HTTP_MAX_STREAMS_PER_TENANT", "7", "HOTPLEX_HTTP_IDLE_TIMEOUT", "5s",
                "HOTPLEX_HTTP_HEARTBEAT_INTERVAL", "2s"), Map.of());

        assertThat(overridden.forwardRawEvents()).isTrue();
        assertThat(overridden.maxStreamsPerTenant()).isEqualTo(4);
        assertThat(overridden.idleTimeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(overridden.heartbeatInterval()).isEqualTo(Duration.ofSeconds(90));
        assertThat(fromEnvironment.forwardRawEvents()).isTrue();
        assertThat(fromEnvironment.maxStreamsPerTenant()).isEqualTo(7);
        assertThat(fromEnvironment.idleTimeout()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void badValuesAreRefusedNamingTheKey() {
        assertThatThrownBy(() -> load(Map.of(), Map.of("http.max-streams-per-tenant", "0")))
                .hasMessageContaining("maxStreamsPerTenant must be positive");
        assertThatThrownBy(() -> load(Map.of(), Map.of("http.idle-timeout", "10s")))
                .as("shorter than the default 15 s heartbeat: idle SSE streams would be cut")
                .hasMessageContaining("longer than heartbeatInterval");
        assertThatThrownBy(() -> load(Map.of(), Map.of("http.forward-raw-events", "maybe")))
                .hasMessageContaining("http.forward-raw-events");
    }
}
