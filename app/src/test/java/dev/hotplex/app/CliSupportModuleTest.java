package dev.hotplex.app;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The CLI's commands as the assembled app wires them: doctor sees the configuration through Diagnostics. */
class CliSupportModuleTest {
    @TempDir
    Path temp;

    @Test
    void doctorExitsFourWithoutAnAgentCli() {
        Map<String, String> environment = Map.of("HOTPLEX_WORKSPACE_ROOT", temp.resolve("ws").toString(),
                "HOTPLEX_STATE_DIR", temp.resolve("state").toString(),
                "HOTPLEX_CLAUDE_BINARY", temp.resolve("no-such-claude").toString());

        assertThat(HotplexMain.run(new String[] {"doctor"}, environment)).isEqualTo(4);
        assertThat(HotplexMain.run(new String[] {"doctor"}, Map.of("HOTPLEX_PROVIDERS", "",
                "HOTPLEX_WORKSPACE_ROOT", temp.resolve("ws").toString()))).isEqualTo(4);
    }

    @Test
    void checkRunsThroughTheWiredEngine() {
        assertThat(HotplexMain.run(new String[] {"check", "list files"},
                Map.of("HOTPLEX_PROVIDERS", "", "HOTPLEX_WORKSPACE_ROOT", temp.resolve("ws").toString()))).isZero();
    }

    @Test
    void diagnosticsReportTheSettings() {
        Path home = temp.resolve("home");
        var settings = new dev.hotplex.app.config.ConfigLoader().load(Optional.empty(),
                Map.of("HOTPLEX_WORKSPACE_ROOT", temp.resolve("ws").toString(), "HOTPLEX_CLAUDE_BINARY", "/opt/claude",
                        "HOTPLEX_HTTP_PORT", "9099"),
                Map.of());
        SettingsDiagnostics diagnostics = new SettingsDiagnostics(settings, Optional.of(temp.resolve("c.yaml")), home,
                dev.hotplex.telemetry.TelemetryConfig.defaults());

        assertThat(diagnostics.workspaceRoot()).isEqualTo(temp.resolve("ws"));
        assertThat(diagnostics.stateDir()).isEqualTo(home.resolve(".hotplex/state"));
        assertThat(diagnostics.agentBinary()).contains("/opt/claude");
        assertThat(diagnostics.providers()).containsExactly("claude");
        assertThat(diagnostics.configurationSource()).contains("c.yaml");
        assertThat(diagnostics.httpPort()).isEqualTo(9099);
    }

    @Test
    void diagnosticsShowTheTelemetryAsItAppliesWithoutSecrets() {
        var settings = new dev.hotplex.app.config.ConfigLoader().load(Optional.empty(),
                Map.of("HOTPLEX_WORKSPACE_ROOT", temp.resolve("ws").toString(), "HOTPLEX_TELEMETRY_EXPORTER", "otlp",
                        "HOTPLEX_TELEMETRY_PROMETHEUS", "false"),
                Map.of());
        // the endpoint and headers from the standard OpenTelemetry variables, as a deployment would set them
        var telemetry = settings.telemetry().toTelemetryConfig(Map.of(
                "OTEL_EXPORTER_OTLP_ENDPOINT", "https://ingest:s3cret@collector.example:4318/otlp?api-key=s3cret",
                "OTEL_EXPORTER_OTLP_HEADERS", "authorization=Bearer%20s3cret,x-team=a"), "1", "i", Optional.empty());
        var summary = new SettingsDiagnostics(settings, Optional.empty(), temp, telemetry).telemetry();

        assertThat(summary.exporter()).isEqualTo("otlp");
        assertThat(summary.endpoint()).map(Object::toString).contains("https://collector.example:4318/otlp");
        assertThat(summary.headerCount()).isEqualTo(2);
        assertThat(summary.prometheus()).isFalse();
        assertThat(summary.toString()).doesNotContain("s3cret");
    }
}
