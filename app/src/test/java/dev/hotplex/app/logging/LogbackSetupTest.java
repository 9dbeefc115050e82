package dev.hotplex.app.logging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Logging as the app sets it up, observed on a captured stderr: the JDK's System.Logger (what core uses) and SLF4J
 * land in the same format, with the MDC, at the configured level.
 */
class LogbackSetupTest {
    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();
    private PrintStream original;

    @BeforeEach
    void captureStderr() {
        original = System.err;
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setErr(original);
        MDC.clear();
        new LogbackSetup().apply(LogConfig.defaults());
    }

    private List<String> lines() {
        return captured.toString(StandardCharsets.UTF_8).lines().toList();
    }

    @Test
    void jsonLinesCarryTheFieldsAndTheMdcForBothLoggingApis() throws Exception {
        new LogbackSetup().apply(new LogConfig(LogFormat.JSON, "debug"));
        MDC.put("session", "s-1");
        MDC.put("tenant", "team-a");

        System.getLogger("dev.hotplex.core.service.Example").log(System.Logger.Level.INFO, "turn {0} of {1}", "t1",
                "s-1");
        LoggerFactory.getLogger("dev.hotplex.adapter.Example").debug("multi\nline", new IllegalStateException("boom"));
        LoggerFactory.getLogger("org.eclipse.jetty.Example").debug("library debug stays out");

        List<String> lines = lines();
        assertThat(lines).hasSize(2);
        ObjectMapper json = new ObjectMapper();
        JsonNode first = json.readTree(lines.get(0));
        assertThat(first.get("level").asText()).isEqualTo("INFO");
        assertThat(first.get("logger").asText()).isEqualTo("dev.hotplex.core.service.Example");
        assertThat(first.get("message").asText()).isEqualTo("turn t1 of s-1");
        assertThat(first.get("timestamp").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
        assertThat(first.get("mdc").get("session").asText()).isEqualTo("s-1");
        assertThat(first.get("mdc").get("tenant").asText()).isEqualTo("team-a");
        JsonNode second = json.readTree(lines.get(1));
        assertThat(second.get("message").asText()).isEqualTo("multi\nline");
        assertThat(second.get("error").asText()).contains("IllegalStateException: boom");
    }

    @Test
    void humanLinesAreReadableAndRespectTheLevel() {
        new LogbackSetup().apply(new LogConfig(LogFormat.HUMAN, "warn"));
        MDC.put("session", "s-2");

        System.getLogger("dev.hotplex.x").log(System.Logger.Level.INFO, "not at warn");
        System.getLogger("dev.hotplex.x").log(System.Logger.Level.WARNING, "disk {0} full", "/tmp");

        assertThat(lines()).singleElement().asString()
                .matches("\\d{4}-\\d\\d-\\d\\dT\\S+Z WARN  dev\\.hotplex\\.x \\[session=s-2]: disk /tmp full");
    }

    @Test
    void badValuesAreRefused() {
        assertThatThrownBy(() -> LogFormat.parse("xml")).hasMessageContaining("human or json");
        assertThatThrownBy(() -> new LogConfig(LogFormat.JSON, "loud")).hasMessageContaining("level must be one of");
        assertThat(new LogConfig(LogFormat.JSON, " WARNING ").level()).isEqualTo("warn");
    }
}
