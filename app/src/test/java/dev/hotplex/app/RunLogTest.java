package dev.hotplex.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hotplex.app.logging.LogConfig;
import dev.hotplex.app.logging.LogbackSetup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code hotplex --log-format json --log-level debug run ...}: the engine's lines about the turn name its session. */
class RunLogTest {
    @TempDir
    Path temp;

    private final PrintStream original = System.err;

    @AfterEach
    void restore() {
        System.setErr(original);
        new LogbackSetup().apply(LogConfig.defaults());
    }

    @Test
    void theEnginesLinesAboutARunCarryItsSessionAndTenant() throws Exception {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));

        int exit = HotplexMain.run(new String[] {"--log-format", "json", "--log-level", "debug", "run",
                "--session", "m1", "hello"}, Map.of("HOTPLEX_WORKSPACE_ROOT", temp.resolve("ws").toString(),
                "HOTPLEX_PROVIDERS", "", "HOTPLEX_STATE_DIR", temp.resolve("state").toString()));

        assertThat(exit).isEqualTo(4);
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> lines = captured.toString(StandardCharsets.UTF_8).lines().filter(line -> line.startsWith("{"))
                .map(line -> {
                    try {
                        return json.readTree(line);
                    } catch (Exception e) {
                        throw new AssertionError(line, e);
                    }
                }).toList();
        assertThat(lines).anySatisfy(line -> {
            assertThat(line.get("logger").asText()).startsWith("dev.hotplex.core");
            assertThat(line.get("mdc").get("session").asText()).isEqualTo("m1");
            assertThat(line.get("mdc").get("tenant").asText()).isEqualTo("default");
        });
    }
}
