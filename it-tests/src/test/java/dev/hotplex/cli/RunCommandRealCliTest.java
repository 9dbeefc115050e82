package dev.hotplex.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hotplex.testkit.anthropic.FakeAnthropicApi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code hotplex run} as a separate process over the real Claude Code CLI and the fake Anthropic API. */
class RunCommandRealCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final RealClaudeCli CLI = RealClaudeCli.against(FakeAnthropicApi::start);

    @TempDir
    Path sandbox;

    @Test
    void readableTranscriptOfAToolCallAndTheStatsLine() throws Exception {
        HotplexLauncher hotplex = CLI.hotplex(sandbox);

        HotplexLauncher.Result result = hotplex.run("", "--set", "engine.tool-approval=allow", "run", "--session",
                "r1", "please use tool now");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains("→ Bash " + FakeAnthropicApi.DEFAULT_TOOL_COMMAND, "← ok",
                "hello-from-tool", "tool said:", " ms · ", "1 tool calls").doesNotContain("\u001b[");
    }

    @Test
    void jsonIsOneEventPerLineEndingWithTheStats() throws Exception {
        HotplexLauncher hotplex = CLI.hotplex(sandbox);

        HotplexLauncher.Result result = hotplex.run("think about ping", "run", "--json", "--session", "r2", "-");

        assertThat(result.exitCode()).as(result.err()).isZero();
        List<JsonNode> events = result.out().lines().map(RunCommandRealCliTest::parse).toList();
        assertThat(events.getFirst().get("event").asText()).isEqualTo("session_start");
        assertThat(events.getLast().get("event").asText()).isEqualTo("session_stats");
        assertThat(events).extracting(e -> e.get("event").asText()).contains("thinking", "answer");
        assertThat(events).extracting(e -> e.get("seq").asInt())
                .containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(1, events.size()).boxed().toList());
        JsonNode turn = events.getLast().get("data").get("turn");
        assertThat(turn.get("total_ms").asLong()).isPositive();
        assertThat(turn.get("tokens").get("output").asLong()).isPositive();
    }

    private static JsonNode parse(String line) {
        try {
            return JSON.readTree(line);
        } catch (Exception e) {
            throw new AssertionError("not a JSON line: " + line, e);
        }
    }
}
