package dev.hotplex.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hotplex.e2e.RestartableServer.SseEvent;
import dev.hotplex.testkit.ProcessGroups;
import dev.hotplex.testkit.anthropic.FakeAnthropicApi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Durable sessions across a graceful restart of the real {@code hotplex serve} (child JVM, SQLite store in its
 * state dir) over the real Claude Code CLI: the sessions are listed again, to their tenant only, with the same
 * stats, and the next turn resumes the conversation (the fake model API sees the earlier turn).
 */
class RestartEndToEndTest {
    static final String KEY_A = "restart-key-of-team-a-0123456789";
    static final String KEY_B = "restart-key-of-team-b-0123456789";

    private static Path binary;

    @TempDir
    Path sandbox;

    @BeforeAll
    static void binary() {
        binary = RealClaude.requireBinary();
    }

    @Test
    void afterAGracefulRestartSessionsAreListedWithTheirStatsAndTheNextTurnResumes() throws Exception {
        try (FakeAnthropicApi api = FakeAnthropicApi.start()) {
            Map<String, String> environment = environment(sandbox, binary, api);
            JsonNode statsBefore;
            try (RestartableServer first = RestartableServer.start(environment, sandbox.resolve("logs"))) {
                List<SseEvent> events = first.turn("web-1", "remember-alpha", KEY_A);
                assertThat(events).as("%s", events).extracting(SseEvent::name).endsWith("session_stats");
                first.turn("other", "hello from team b", KEY_B);
                statsBefore = first.getJson("/v1/sessions/web-1/stats", KEY_A);
                assertThat(statsBefore.get("turns").asInt()).isEqualTo(1);
                List<Long> groups = new ArrayList<>();
                first.getJson("/v1/sessions", KEY_A).get("sessions").forEach(view -> groups.add(view.get("pid").asLong()));
                first.getJson("/v1/sessions", KEY_B).get("sessions").forEach(view -> groups.add(view.get("pid").asLong()));
                assertThat(groups).hasSize(2).allSatisfy(pgid -> assertThat(ProcessGroups.liveMembers(pgid))
                        .isNotEmpty());
                // SIGTERM: the JVM ends through its shutdown hooks (exit status 128 + 15)
                assertThat(first.stopGracefully()).isEqualTo(143);
                assertThat(groups).as("no process of a session outlives a graceful stop")
                        .allSatisfy(pgid -> assertThat(ProcessGroups.liveMembers(pgid)).isEmpty());
            }
            assertThat(sandbox.resolve("state").resolve("sessions.db")).isRegularFile();

            try (RestartableServer second = RestartableServer.start(environment, sandbox.resolve("logs"))) {
                JsonNode listA = second.getJson("/v1/sessions", KEY_A).get("sessions");
                assertThat(ids(listA)).containsExactly("web-1");
                // closing the engine stopped it; its next turn resumes all the same
                assertThat(listA.get(0).get("state").asText()).isEqualTo("STOPPED");
                assertThat(listA.get(0).get("pid").isNull()).isTrue();
                assertThat(listA.get(0).get("provider").asText()).isEqualTo("claude");
                assertThat(ids(second.getJson("/v1/sessions", KEY_B).get("sessions"))).containsExactly("other");
                // every figure, token counts and cost included, came back as it was
                assertThat(second.getJson("/v1/sessions/web-1/stats", KEY_A)).isEqualTo(statsBefore);
                assertThat(second.get("/v1/sessions/web-1", KEY_B).statusCode()).isEqualTo(404);

                List<SseEvent> resumed = second.turn("web-1", "after-restart", KEY_A);
                JsonNode start = event(resumed, "session_start");
                assertThat(start.get("coldStart").asBoolean()).isTrue();
                assertThat(start.get("resumed").asBoolean()).isTrue();
                assertThat(event(resumed, "session_stats")).isNotNull();
                assertThat(lastBodyWith(api, "after-restart")).as("the resumed CLI sent the earlier history")
                        .contains("remember-alpha", "pong: remember-alpha");
                assertThat(second.getJson("/v1/sessions/web-1/stats", KEY_A).get("turns").asInt()).isEqualTo(2);
            }
        }
    }

    static Map<String, String> environment(Path sandbox, Path binary, FakeAnthropicApi api) {
        Map<String, String> extra = new HashMap<>(api.cliEnvironment(
                RealClaude.createDirectories(sandbox.resolve("claude-config"))));
        extra.put("HOTPLEX_HTTP_API_KEYS", KEY_A + "=team-a," + KEY_B + "=team-b");
        return RestartableServer.environment(sandbox, binary, extra);
    }

    static List<String> ids(JsonNode sessions) {
        List<String> ids = new ArrayList<>();
        sessions.forEach(session -> ids.add(session.get("id").asText()));
        return ids;
    }

    static JsonNode event(List<SseEvent> events, String name) {
        return events.stream().filter(event -> event.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + name + " event in " + events)).data();
    }

    static String lastBodyWith(FakeAnthropicApi api, String text) {
        List<String> bodies = api.requestBodies().stream().filter(body -> body.contains(text)).toList();
        assertThat(bodies).as("requests mentioning %s", text).isNotEmpty();
        return bodies.getLast();
    }
}
