package dev.hotplex.testkit.anthropic;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static dev.hotplex.testkit.anthropic.JsonWriter.object;
import static dev.hotplex.testkit.anthropic.Values.at;
import static dev.hotplex.testkit.anthropic.Values.list;
import static dev.hotplex.testkit.anthropic.Values.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * {@link FakeAnthropicApi} against the real Claude Code CLI {@value RealClaudeCli#VERSION}: proof that the
 * fake streams what the CLI accepts, and a record of what the CLI prints for each situation. Needs
 * {@code bin/install-claude} (fails otherwise, saying so) unless {@code HOTPLEX_SKIP_REAL_CLI=1}.
 * Measured timings are logged at INFO.
 */
class RealClaudeCliTest {
    private static final System.Logger LOG = System.getLogger(RealClaudeCliTest.class.getName());
    /** Bounds every wait: a cold start takes under a second alone but several on a loaded machine. */
    private static final Duration TURN = Duration.ofSeconds(30);
    private static final Duration EXIT = Duration.ofSeconds(10);
    private static final List<String> STREAM_JSON =
            List.of("-p", "--input-format", "stream-json", "--output-format", "stream-json", "--verbose");

    @TempDir
    Path sandbox;
    private RealClaudeCli cli;

    @BeforeEach
    void locateCli() {
        assumeFalse(RealClaudeCli.skipRequested(), RealClaudeCli.SKIP_VARIABLE + "=1: real Claude Code CLI tests skipped");
        cli = RealClaudeCli.locate();
    }

    @Test
    void theInstalledCliIsThePinnedVersion() throws Exception {
        try (FakeAnthropicApi api = FakeAnthropicApi.start()) {
            Process process = cli.command(api, sandbox, List.of("--version")).start();
            try {
                assertThat(process.waitFor(EXIT.toSeconds(), TimeUnit.SECONDS)).as("exited in time").isTrue();
                assertThat(new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip())
                        .isEqualTo(RealClaudeCli.VERSION + " (Claude Code)");
            } finally {
                process.destroyForcibly();
            }
            assertThat(api.requestBodies()).isEmpty();
            assertThat(api.unexpectedRequests()).isEmpty();
        }
    }

    @Test
    void oneShotPrintsTheFakesAnswer() {
        try (FakeAnthropicApi api = FakeAnthropicApi.start();
             CliProcess claude = start(api, List.of("-p", "hello from hotplex", "--output-format", "stream-json", "--verbose"))) {
            claude.closeStdin();
            List<Duration> initAt = new ArrayList<>();
            List<Map<String, Object>> lines = claude.untilResult(TURN, line -> {
                if (isInit(line)) {
                    initAt.add(claude.sinceStart());
                }
            });
            Duration toResult = claude.sinceStart();

            Map<String, Object> init = lines.getFirst();
            assertThat(isInit(init)).as("first line is system/init: %s", init).isTrue();
            assertThat(init).containsEntry("claude_code_version", RealClaudeCli.VERSION).containsEntry("apiKeySource", "ANTHROPIC_API_KEY");
            assertThat(assistantText(lines)).isEqualTo("pong: hello from hotplex");
            Map<String, Object> result = lines.getLast();
            assertThat(result).containsEntry("subtype", "success").containsEntry("is_error", false)
                    .containsEntry("result", "pong: hello from hotplex").containsEntry("num_turns", 1L)
                    .containsEntry("session_id", init.get("session_id"));
            assertThat(claude.awaitExit(EXIT)).isZero();
            assertThat(api.requestBodies()).singleElement().asString().contains("hello from hotplex");
            assertThat(api.unexpectedRequests()).isEmpty();
            LOG.log(System.Logger.Level.INFO, "cold one-shot: spawn to system/init {0} ms, spawn to result {1} ms",
                    initAt.getFirst().toMillis(), toResult.toMillis());
        }
    }

    @Test
    void streamJsonKeepsTheConversationAcrossTwoTurns() {
        try (FakeAnthropicApi api = FakeAnthropicApi.start(); CliProcess claude = start(api, STREAM_JSON)) {
            claude.sendUserTurn("first question");
            List<Map<String, Object>> first = claude.untilResult(TURN);
            Duration coldTurn = claude.sinceStart();
            long secondSent = System.nanoTime();
            claude.sendUserTurn("second question");
            List<Map<String, Object>> second = claude.untilResult(TURN);
            Duration warmTurn = Duration.ofNanos(System.nanoTime() - secondSent);

            assertThat(first.getLast()).containsEntry("is_error", false).containsEntry("result", "pong: first question");
            assertThat(second.getLast()).containsEntry("is_error", false).containsEntry("result", "pong: second question")
                    .containsEntry("session_id", first.getLast().get("session_id"));
            assertThat(isInit(second.getFirst())).as("system/init starts every turn").isTrue();
            List<String> bodies = api.requestBodies();
            assertThat(bodies).hasSize(2);
            assertThat(bodies.get(1)).as("the second request carries the first exchange")
                    .contains("first question", "pong: first question", "second question");
            assertThat(claude.closeStdinAndAwaitExit(EXIT)).isZero();
            assertThat(api.unexpectedRequests()).isEmpty();
            LOG.log(System.Logger.Level.INFO, "stream-json: spawn to first result {0} ms, warm second turn {1} ms",
                    coldTurn.toMillis(), warmTurn.toMillis());
        }
    }

    @Test
    void toolCallsAreAskedOverStdioAllowedAndTheirResultsReachTheModel() throws Exception {
        String command = "touch hotplex-marker.txt && echo hello-from-tool";
        Path written = sandbox.resolve("work").resolve("notes.txt");
        List<String> arguments = Stream.concat(STREAM_JSON.stream(), Stream.of("--permission-prompt-tool", "stdio")).toList();
        try (FakeAnthropicApi api = FakeAnthropicApi.builder().toolCommand(command).writeFile(written.toString(), "noted\n").start();
             CliProcess claude = start(api, arguments)) {
            List<Map<String, Object>> asked = new ArrayList<>();

            claude.sendUserTurn("use tool");
            List<Map<String, Object>> bashTurn = claude.untilResult(TURN, allowTools(claude, asked));

            assertThat(asked).singleElement().satisfies(request -> {
                assertThat(request).containsEntry("tool_name", "Bash");
                assertThat(at(request, "input", "command")).isEqualTo(command);
            });
            Map<String, Object> toolResult = toolResults(bashTurn).getFirst();
            assertThat(toolResult).containsEntry("content", "hello-from-tool").containsEntry("is_error", false);
            assertThat(assistantText(bashTurn)).endsWith("tool said: hello-from-tool");
            assertThat(bashTurn.getLast()).containsEntry("is_error", false).containsEntry("num_turns", 2L)
                    .containsEntry("result", "tool said: hello-from-tool");
            assertThat(sandbox.resolve("work").resolve("hotplex-marker.txt")).exists();
            assertThat(api.requestBodies()).hasSize(2);
            assertThat(api.requestBodies().get(1)).contains("\"tool_result\"", "hello-from-tool");

            claude.sendUserTurn("now write file");
            List<Map<String, Object>> writeTurn = claude.untilResult(TURN, allowTools(claude, asked));

            assertThat(asked).hasSize(2);
            assertThat(asked.get(1)).containsEntry("tool_name", "Write");
            assertThat(at(asked.get(1), "input", "file_path")).isEqualTo(written.toString());
            assertThat(toolResults(writeTurn).getFirst()).doesNotContainEntry("is_error", true);
            assertThat(writeTurn.getLast()).containsEntry("is_error", false);
            assertThat(Files.readString(written)).isEqualTo("noted\n");
            assertThat(claude.closeStdinAndAwaitExit(EXIT)).isZero();
            assertThat(api.unexpectedRequests()).isEmpty();
        }
    }

    @Test
    void aServerErrorEndsTheTurnAsAnErrorWithoutRetries() {
        try (FakeAnthropicApi api = FakeAnthropicApi.start();
             CliProcess claude = start(api, List.of("-p", "provoke a server error", "--output-format", "stream-json", "--verbose"))) {
            claude.closeStdin();
            List<Map<String, Object>> lines = claude.untilResult(TURN);

            assertThat(lines.getLast()).containsEntry("is_error", true).containsEntry("api_error_status", 500L);
            assertThat((String) lines.getLast().get("result")).contains("500", "fake failure");
            assertThat(claude.awaitExit(EXIT)).isEqualTo(1);
            assertThat(api.requestBodies()).hasSize(1);
        }
    }

    @Test
    void thinkingThenAnInterruptedSlowAnswerLeaveTheSessionUsable() {
        try (FakeAnthropicApi api = FakeAnthropicApi.builder().slow(50, Duration.ofMillis(200)).start();
             CliProcess claude = start(api, STREAM_JSON)) {
            claude.sendUserTurn("think first");
            List<Map<String, Object>> thinkingTurn = claude.untilResult(TURN);

            assertThat(blocks(thinkingTurn, "thinking")).singleElement()
                    .satisfies(block -> assertThat(block).containsEntry("thinking", "Let me think about this."));
            assertThat(thinkingTurn.getLast()).containsEntry("is_error", false).containsEntry("result", "thought it through");

            claude.sendUserTurn("be slow");
            api.awaitRequestBodies(2, TURN);
            long interruptSent = System.nanoTime();
            claude.send(object("type", "control_request", "request_id", "interrupt-1", "request", object("subtype", "interrupt")));
            List<Map<String, Object>> slowTurn = claude.untilResult(TURN);
            Duration interruptToResult = Duration.ofNanos(System.nanoTime() - interruptSent);

            assertThat(slowTurn).anySatisfy(line -> assertThat(at(line, "type")).isEqualTo("control_response"));
            assertThat(slowTurn.getLast()).containsEntry("is_error", true).containsEntry("subtype", "error_during_execution");
            assertThat(api.awaitAbortedResponses(1, Duration.ofSeconds(5))).as("the fake saw the CLI hang up").isEqualTo(1);

            claude.sendUserTurn("still there?");
            assertThat(claude.untilResult(TURN).getLast()).containsEntry("is_error", false).containsEntry("result", "pong: still there?");
            assertThat(claude.closeStdinAndAwaitExit(EXIT)).isZero();
            LOG.log(System.Logger.Level.INFO, "interrupt to result {0} ms", interruptToResult.toMillis());
        }
    }

    private CliProcess start(FakeAnthropicApi api, List<String> arguments) {
        return CliProcess.start(cli.command(api, sandbox, arguments), sandbox.resolve("stderr.txt"));
    }

    /** Answers every {@code can_use_tool} request with allow and the unchanged input, collecting the requests. */
    private static Consumer<Map<String, Object>> allowTools(CliProcess claude, List<Map<String, Object>> asked) {
        return line -> {
            if ("control_request".equals(line.get("type")) && "can_use_tool".equals(at(line, "request", "subtype"))) {
                asked.add(map(line.get("request")));
                claude.send(object("type", "control_response", "response", object("subtype", "success",
                        "request_id", line.get("request_id"),
                        "response", object("behavior", "allow", "updatedInput", at(line, "request", "input")))));
            }
        };
    }

    private static boolean isInit(Map<String, Object> line) {
        return "system".equals(line.get("type")) && "init".equals(line.get("subtype"));
    }

    /** The content blocks of one type in the lines of one message role ({@code assistant} or {@code user}). */
    private static List<Map<String, Object>> blocks(List<Map<String, Object>> lines, String lineType, String blockType) {
        return lines.stream().filter(line -> lineType.equals(line.get("type")))
                .flatMap(line -> list(at(line, "message", "content")).stream()).map(Values::map)
                .filter(block -> blockType.equals(block.get("type"))).toList();
    }

    private static List<Map<String, Object>> blocks(List<Map<String, Object>> lines, String blockType) {
        return blocks(lines, "assistant", blockType);
    }

    private static List<Map<String, Object>> toolResults(List<Map<String, Object>> lines) {
        return blocks(lines, "user", "tool_result");
    }

    /** All assistant text of a turn, one block per line. */
    private static String assistantText(List<Map<String, Object>> lines) {
        return String.join("\n", blocks(lines, "text").stream().map(block -> (String) block.get("text")).toList());
    }
}
