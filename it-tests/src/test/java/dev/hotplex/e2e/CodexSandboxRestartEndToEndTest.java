package dev.hotplex.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hotplex.testkit.ProcessGroups;
import dev.hotplex.testkit.openai.CodexBinaryLocator;
import dev.hotplex.testkit.openai.CodexHomes;
import dev.hotplex.testkit.openai.FakeOpenAiApi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static dev.hotplex.e2e.RestartEndToEndTest.KEY_A;
import static dev.hotplex.e2e.RestartEndToEndTest.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code kill -9} of the real {@code hotplex serve} ({@code providers: codex}, {@code sandbox.mode: bwrap}) in the
 * middle of a Codex turn: the sandboxed {@code codex app-server} dies with the engine ({@code --die-with-parent}),
 * so nothing is left to reap, and the next start resumes the session's Codex thread from its record in the state
 * dir, inside the sandbox again.
 */
class CodexSandboxRestartEndToEndTest {
    private static final Duration GONE_WITHIN = Duration.ofSeconds(5);

    @TempDir
    Path sandbox;

    @Test
    void a_killed_engine_takes_its_sandboxed_codex_along_and_the_restart_resumes_the_thread() throws Exception {
        assumeTrue(CodexBinaryLocator.find().isPresent(), "the Codex CLI is not installed (bin/install-codex)");
        Path codexBinary = CodexBinaryLocator.locate();
        try (FakeOpenAiApi api = FakeOpenAiApi.builder().slow(600, Duration.ofMillis(100)).start()) {
            Path codexHome = api.writeCodexHome(Files.createTempDirectory(CodexHomes.base(), "sandbox-restart-"));
            Map<String, String> extra = new HashMap<>();
            extra.put("HOTPLEX_PROVIDERS", "codex");
            extra.put("HOTPLEX_SANDBOX_MODE", "bwrap");
            extra.put("HOTPLEX_CODEX_BINARY", codexBinary.toString());
            extra.put("HOTPLEX_CODEX_HOME", codexHome.toString());
            extra.put("HOTPLEX_CODEX_MODEL", FakeOpenAiApi.DEFAULT_MODEL);
            extra.put("HOTPLEX_CODEX_APPROVAL_POLICY", "never");
            extra.put("HOTPLEX_CODEX_ENV_" + FakeOpenAiApi.KEY_VARIABLE, "dummy");
            extra.put("HOTPLEX_HTTP_API_KEYS", KEY_A + "=team-a");
            Map<String, String> environment = RestartableServer.environment(sandbox, codexBinary, extra);
            long pgid;
            RestartableServer first = RestartableServer.start(environment, sandbox.resolve("logs"));
            try {
                first.turn("web-1", "remember-fig", KEY_A);
                Stream<String> midTurn = first.turnUntil("web-1", "slow and long", KEY_A,
                        event -> event.name().equals("answer"));
                JsonNode sessions = first.getJson("/v1/sessions", KEY_A).get("sessions");
                pgid = sessions.get(0).get("pid").asLong();
                assertThat(ProcessGroups.liveMembers(pgid)).as("bwrap, its init and codex")
                        .hasSizeGreaterThanOrEqualTo(3);
                first.killHard();
                midTurn.close();
            } finally {
                first.close();
            }
            long deadline = System.nanoTime() + GONE_WITHIN.toNanos();
            while (!ProcessGroups.liveMembers(pgid).isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(ProcessGroups.liveMembers(pgid)).as("gone with the engine, nothing to reap").isEmpty();

            try (RestartableServer second = RestartableServer.start(environment, sandbox.resolve("logs"))) {
                List<RestartableServer.SseEvent> resumed = second.turn("web-1", "after-the-kill", KEY_A);

                assertThat(event(resumed, "session_start").get("resumed").asBoolean()).isTrue();
                assertThat(resumed).extracting(RestartableServer.SseEvent::name).endsWith("session_stats");
                List<String> bodies = api.requestBodies().stream().filter(body -> body.contains("after-the-kill"))
                        .toList();
                assertThat(bodies).singleElement().satisfies(body -> assertThat(body)
                        .as("the resumed thread carries the earlier turn").contains("remember-fig"));
            } finally {
                CodexAndClaudeEngine.deleteTree(codexHome);
            }
        }
    }
}
