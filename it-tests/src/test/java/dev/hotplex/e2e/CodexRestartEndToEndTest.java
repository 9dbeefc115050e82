package dev.hotplex.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hotplex.testkit.ProcessGroups;
import dev.hotplex.testkit.openai.CodexHomes;
import dev.hotplex.testkit.openai.CodexBinaryLocator;
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
 * {@code kill -9} of the real {@code hotplex serve} (a child JVM configured with {@code providers: codex}) in the
 * middle of a Codex turn: the {@code codex app-server} group outlives it, the next start reaps it before serving,
 * and the session's next turn resumes its Codex thread (the session → thread record survived in the state dir).
 */
class CodexRestartEndToEndTest {
    @TempDir
    Path sandbox;

    @Test
    void a_codex_process_orphaned_by_a_killed_engine_is_reaped_at_restart_and_the_thread_resumes() throws Exception {
        assumeTrue(CodexBinaryLocator.find().isPresent(), "the Codex CLI is not installed (bin/install-codex)");
        Path codexBinary = CodexBinaryLocator.locate();
        Path homes = CodexHomes.base();
        try (FakeOpenAiApi api = FakeOpenAiApi.builder().slow(600, Duration.ofMillis(100)).start()) {
            Path codexHome = api.writeCodexHome(Files.createTempDirectory(homes, "restart-"));
            Map<String, String> extra = new HashMap<>();
            extra.put("HOTPLEX_PROVIDERS", "codex");
            extra.put("HOTPLEX_CODEX_BINARY", codexBinary.toString());
            extra.put("HOTPLEX_CODEX_HOME", codexHome.toString());
            extra.put("HOTPLEX_CODEX_MODEL", FakeOpenAiApi.DEFAULT_MODEL);
            extra.put("HOTPLEX_CODEX_SANDBOX", "read-only");
            extra.put("HOTPLEX_CODEX_APPROVAL_POLICY", "never");
            extra.put("HOTPLEX_CODEX_ENV_" + FakeOpenAiApi.KEY_VARIABLE, "dummy");
            extra.put("HOTPLEX_HTTP_API_KEYS", KEY_A + "=team-a");
            // unconfined: in the sandbox codex dies with the engine (--die-with-parent), leaving no orphan to reap
            // (that path: CodexSandboxRestartEndToEndTest)
            extra.put("HOTPLEX_SANDBOX_MODE", "none");
            // the claude binary is not used (providers: codex), but the environment helper names one
            Map<String, String> environment = RestartableServer.environment(sandbox, codexBinary, extra);
            long pgid;
            RestartableServer first = RestartableServer.start(environment, sandbox.resolve("logs"));
            try {
                first.turn("web-1", "remember-kiwi", KEY_A);
                Stream<String> midTurn = first.turnUntil("web-1", "slow and long", KEY_A,
                        event -> event.name().equals("answer"));
                JsonNode sessions = first.getJson("/v1/sessions", KEY_A).get("sessions");
                assertThat(sessions).hasSize(1);
                assertThat(sessions.get(0).get("provider").asText()).isEqualTo("codex");
                pgid = sessions.get(0).get("pid").asLong();
                first.killHard();
                midTurn.close();
            } finally {
                first.close();
            }
            assertThat(ProcessGroups.liveMembers(pgid)).as("codex outlives the killed engine").isNotEmpty();

            try (RestartableServer second = RestartableServer.start(environment, sandbox.resolve("logs"))) {
                assertThat(ProcessGroups.liveMembers(pgid)).as("reaped before the restarted engine served")
                        .isEmpty();
                List<RestartableServer.SseEvent> resumed = second.turn("web-1", "after-the-kill", KEY_A);

                assertThat(event(resumed, "session_start").get("resumed").asBoolean()).isTrue();
                assertThat(resumed).extracting(RestartableServer.SseEvent::name).endsWith("session_stats");
                List<String> bodies = api.requestBodies().stream().filter(body -> body.contains("after-the-kill"))
                        .toList();
                assertThat(bodies).singleElement().satisfies(body -> assertThat(body)
                        .as("the resumed thread carries the earlier turn").contains("remember-kiwi"));
            } finally {
                CodexAndClaudeEngine.deleteTree(codexHome);
            }
        }
    }
}
