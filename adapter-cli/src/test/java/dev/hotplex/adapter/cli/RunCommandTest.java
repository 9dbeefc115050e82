package dev.hotplex.adapter.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hotplex.testkit.BlockingContentPolicy;
import dev.hotplex.testkit.ToolCalls;
import dev.hotplex.testkit.TurnScript;
import dev.hotplex.testkit.TurnStep;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RunCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path temp;

    @Test
    void printsAReadableTranscriptAndExitsZero() {
        try (CliHarness cli = new CliHarness(temp)) {
            cli.provider.defaultScript(TurnScript.of(TurnStep.thinking("pondering"),
                    TurnStep.tool(ToolCalls.bash("t1", "ls -la"), "file-a\nfile-b"),
                    TurnStep.tool(ToolCalls.write("t2", "notes/a.txt", "x".repeat(500)), "written"),
                    TurnStep.answer("all done")));

            int exit = cli.run("run", "--session", "s1", "list the files");

            assertThat(exit).isZero();
            assertThat(cli.out()).contains("· pondering", "→ Bash ls -la", "← ok", "file-a file-b",
                    "→ Write notes/a.txt", "all done", "tool calls · $0.0100").doesNotContain("\u001b[");
            assertThat(cli.err()).isEmpty();
        }
    }

    @Test
    void ctrlCInterruptsTheTurnAndExitsWith130() throws Exception {
        try (CliHarness cli = new CliHarness(temp)) {
            cli.provider.defaultScript(TurnScript.hang());
            java.util.concurrent.CompletableFuture<Integer> exit = java.util.concurrent.CompletableFuture
                    .supplyAsync(() -> cli.run("run", "--session", "c1", "wait forever"));
            while (!cli.pressCtrlC()) {
                assertThat(exit).isNotDone();
                Thread.sleep(20);
            }

            assertThat(exit.get(30, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(ExitCodes.INTERRUPTED);
            assertThat(cli.err()).contains("interrupted (Ctrl-C)");
            assertThat(cli.ctrlC.get()).as("the handler is gone once the command ends").isNull();
            // the hot process survives an interrupt: the next turn reuses it
            assertThat(cli.engine.session(dev.hotplex.core.model.SessionId.of("c1")).orElseThrow().state()
                    .hasLiveProcess()).isTrue();
        }
    }

    @Test
    void readsThePromptFromStdinForADash() {
        try (CliHarness cli = new CliHarness(temp)) {
            int exit = cli.stdin("from stdin\nsecond line").run("run", "-");

            assertThat(exit).isZero();
            assertThat(cli.out()).contains("echo: from stdin\nsecond line");
        }
    }

    @Test
    void jsonPrintsOneNumberedLinePerEvent() throws Exception {
        try (CliHarness cli = new CliHarness(temp)) {
            cli.provider.defaultScript(TurnScript.of(TurnStep.tool(ToolCalls.bash("t1", "echo hi"), "hi"),
                    TurnStep.answer("done")));

            int exit = cli.run("run", "--json", "--session", "j1", "go");

            assertThat(exit).isZero();
            List<String> lines = cli.out().lines().toList();
            List<JsonNode> events = lines.stream().map(this::parse).toList();
            assertThat(events).extracting(e -> e.get("event").asText())
                    .containsExactly("session_start", "tool_use", "tool_result", "answer", "session_stats");
            assertThat(events).extracting(e -> e.get("seq").asLong()).containsExactly(1L, 2L, 3L, 4L, 5L);
            assertThat(events.get(0).get("data").get("session_id").asText()).isEqualTo("j1");
            assertThat(events.get(0).get("data").get("cold_start").asBoolean()).isTrue();
            assertThat(events.get(1).get("data").get("input").get("command").asText()).isEqualTo("echo hi");
            assertThat(events.get(2).get("data").has("duration_ms")).isTrue();
            JsonNode stats = events.get(4).get("data");
            assertThat(stats.get("turn").get("cost_usd").isNumber()).isTrue();
            assertThat(stats.get("turn").get("cost_usd").decimalValue()).isEqualByComparingTo("0.01");
            assertThat(stats.get("turn").get("tools_used").get(0).asText()).isEqualTo("Bash");
            assertThat(stats.get("session").get("turns").asInt()).isEqualTo(1);
        }
    }

    @Test
    void aFailedTurnIsAnErrorEventAndExitOne() {
        try (CliHarness cli = new CliHarness(temp)) {
            cli.provider.defaultScript(TurnScript.fail("the agent gave up"));

            assertThat(cli.run("run", "x")).isEqualTo(ExitCodes.TURN_FAILED);
            assertThat(cli.err()).contains("✗ TURN_FAILED", "the agent gave up");

            assertThat(cli.run("run", "--json", "x")).isEqualTo(ExitCodes.TURN_FAILED);
            JsonNode last = parse(cli.out().lines().toList().getLast());
            assertThat(last.get("event").asText()).isEqualTo("error");
            assertThat(last.get("data").get("code").asText()).isEqualTo("TURN_FAILED");
        }
    }

    @Test
    void aBlockedPromptExitsThree() {
        try (CliHarness cli = new CliHarness(temp, new BlockingContentPolicy())) {
            assertThat(cli.run("run", "please rm -rf / now")).isEqualTo(ExitCodes.BLOCKED);
            assertThat(cli.out()).contains("✗ blocked by " + BlockingContentPolicy.RULE_ID);

            assertThat(cli.run("run", "--json", "please rm -rf / now")).isEqualTo(ExitCodes.BLOCKED);
            assertThat(cli.out()).contains("\"event\":\"danger_block\"", "\"layer\":\"PROMPT\"",
                    "\"rule_id\":\"" + BlockingContentPolicy.RULE_ID + "\"");
        }
    }

    @Test
    void anUnavailableAgentCliExitsFour() {
        try (CliHarness cli = new CliHarness(temp)) {
            cli.provider.failNextOpens(1);

            assertThat(cli.run("run", "hello")).isEqualTo(ExitCodes.PROVIDER_UNAVAILABLE);
        }
    }

    @Test
    void usageErrorsExitTwo() {
        try (CliHarness cli = new CliHarness(temp)) {
            assertThat(cli.run("run")).isEqualTo(ExitCodes.USAGE);
            assertThat(cli.err()).contains("Missing required parameter: 'PROMPT'");
            assertThat(cli.run("run", "--bogus", "x")).isEqualTo(ExitCodes.USAGE);
            assertThat(cli.stdin("  \n").run("run", "-")).isEqualTo(ExitCodes.USAGE);
            assertThat(cli.err()).contains("the prompt is empty");
            assertThat(cli.run("run", "--session", "bad id with spaces/..", "x")).isEqualTo(ExitCodes.USAGE);
            assertThat(cli.run("run", "--workdir", "../../outside", "x")).isEqualTo(ExitCodes.USAGE);
        }
    }

    @Test
    void helpListsTheExitCodes() {
        try (CliHarness cli = new CliHarness(temp)) {
            assertThat(cli.run("run", "--help")).isZero();
            assertThat(cli.out()).contains("--json", "Exit codes:", "firewall blocked");
        }
    }

    private JsonNode parse(String line) {
        try {
            return JSON.readTree(line);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + line, e);
        }
    }
}
