package dev.hotplex.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hotplex.e2e.RestartableServer.SseEvent;
import dev.hotplex.testkit.ProcessGroups;
import dev.hotplex.testkit.anthropic.FakeAnthropicApi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static dev.hotplex.e2e.RestartEndToEndTest.KEY_A;
import static dev.hotplex.e2e.RestartEndToEndTest.KEY_B;
import static dev.hotplex.e2e.RestartEndToEndTest.event;
import static dev.hotplex.e2e.RestartEndToEndTest.ids;
import static dev.hotplex.e2e.RestartEndToEndTest.lastBodyWith;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code kill -9} of the real {@code hotplex serve} (a child JVM) in the middle of turns: its agent process groups
 * outlive it, and the next start reaps every one of them, grandchildren that ignore SIGTERM included, before it
 * serves; the sessions are still listed and the next turn resumes. Groups are observed through {@code /proc},
 * independently of the code under test. The first two run unconfined ({@code sandbox.mode: none}), where only the
 * engine's on-disk group registry stands between a killed engine and orphans; the last under bubblewrap.
 */
class OrphanReapingEndToEndTest {
    @TempDir
    Path sandbox;

    @Test
    void theRealCliKilledWithItsEngineMidTurnIsReapedAtTheNextStartAndTheSessionResumes() throws Exception {
        Path binary = RealClaude.requireBinary();
        try (FakeAnthropicApi api = FakeAnthropicApi.builder().slow(600, Duration.ofMillis(100)).start()) {
            Map<String, String> environment = unconfined(RestartEndToEndTest.environment(sandbox, binary, api));
            List<Long> groups = new ArrayList<>();
            RestartableServer first = RestartableServer.start(environment, sandbox.resolve("logs"));
            try {
                first.turn("web-1", "remember-bravo", KEY_A);
                first.turn("web-2", "hello second", KEY_B);
                Stream<String> midTurn = first.turnUntil("web-1", "slow and long", KEY_A,
                        event -> event.name().equals("answer"));
                groups.add(onlyPid(first.getJson("/v1/sessions", KEY_A)));
                groups.add(onlyPid(first.getJson("/v1/sessions", KEY_B)));
                first.killHard();
                midTurn.close();
            } finally {
                first.close();
            }
            // the CLI in the middle of a turn outlives its killed engine until someone reaps it; the idle one may
            // already have left by itself (its stdin closed with the engine, and an idle CLI exits at end of input)
            assertThat(ProcessGroups.liveMembers(groups.getFirst()))
                    .as("the killed engine's mid-turn CLI outlives it until someone reaps it").isNotEmpty();

            try (RestartableServer second = RestartableServer.start(environment, sandbox.resolve("logs"))) {
                assertThat(groups).as("reaped before the restarted engine served")
                        .allSatisfy(pgid -> assertThat(ProcessGroups.liveMembers(pgid)).isEmpty());

                JsonNode listA = second.getJson("/v1/sessions", KEY_A).get("sessions");
                assertThat(ids(listA)).containsExactly("web-1");
                assertThat(listA.get(0).get("state").asText()).isEqualTo("IDLE");
                assertThat(ids(second.getJson("/v1/sessions", KEY_B).get("sessions"))).containsExactly("web-2");
                // the completed turn counts; the one killed mid-way never finished
                assertThat(second.getJson("/v1/sessions/web-1/stats", KEY_A).get("turns").asInt()).isEqualTo(1);

                List<SseEvent> resumed = second.turn("web-1", "after-the-kill", KEY_A);
                assertThat(event(resumed, "session_start").get("resumed").asBoolean()).isTrue();
                assertThat(resumed).extracting(SseEvent::name).endsWith("session_stats");
                assertThat(lastBodyWith(api, "after-the-kill")).as("the resumed CLI sent the earlier history")
                        .contains("remember-bravo", "pong: remember-bravo");
            }
        }
    }

    @Test
    void grandchildrenThatIgnoreSigtermAreReapedAfterAKillAndDieWithStopResetTimeoutAndClose() throws Exception {
        Path fakeCli = installFakeCli(sandbox.resolve("bin"));
        Map<String, String> environment = new HashMap<>(unconfined(fakeCliEnvironment(fakeCli)));
        environment.put("HOTPLEX_ENGINE_TURN_TIMEOUT", "15s");
        environment.put("HOTPLEX_ENGINE_INTERRUPT_GRACE", "2s");
        List<Long> groups = new ArrayList<>();
        List<Long> grandchildren = new ArrayList<>();
        RestartableServer first = RestartableServer.start(environment, sandbox.resolve("logs"));
        try {
            for (String session : List.of("g1", "g2", "g3")) {
                grandchildren.add(grandchildPid(first.turn(session, "grandchild", KEY_A)));
                first.turn(session, "stubborn", KEY_A);
            }
            Stream<String> midTurn = first.turnUntil("g3", "slow", KEY_A, event -> event.name().equals("answer"));
            first.getJson("/v1/sessions", KEY_A).get("sessions").forEach(view -> groups.add(view.get("pid").asLong()));
            first.killHard();
            midTurn.close();
        } finally {
            first.close();
        }
        assertThat(groups).hasSize(3);
        for (int i = 0; i < groups.size(); i++) {
            // the CLI mid-turn may die of its broken pipe; its stubborn grandchild stays, which is the danger
            assertThat(ProcessGroups.liveMembers(groups.get(i))).as("group %s outlives the killed engine", i)
                    .contains(grandchildren.get(i));
        }

        try (RestartableServer second = RestartableServer.start(environment, sandbox.resolve("logs"))) {
            assertThat(groups).as("every old group reaped before serving, stubborn members included")
                    .allSatisfy(pgid -> assertThat(ProcessGroups.liveMembers(pgid)).isEmpty());
            assertThat(ids(second.getJson("/v1/sessions", KEY_A).get("sessions"))).containsExactly("g1", "g2", "g3");

            // each new CLI gets a stubborn grandchild again; stop, reset, a turn timeout and a graceful close must
            // each end them
            List<Long> newGroups = new ArrayList<>();
            for (String session : List.of("g1", "g2", "g3")) {
                List<SseEvent> events = second.turn(session, "grandchild", KEY_A);
                assertThat(event(events, "session_start").get("resumed").asBoolean()).isTrue();
                second.turn(session, "stubborn", KEY_A);
                newGroups.add(event(events, "session_start").get("pid").asLong());
            }
            assertThat(second.send("DELETE", "/v1/sessions/g1", KEY_A).statusCode()).isBetween(200, 299);
            assertThat(ProcessGroups.liveMembers(newGroups.get(0))).as("after stop").isEmpty();
            assertThat(second.send("POST", "/v1/sessions/g2/reset", KEY_A).statusCode()).isBetween(200, 299);
            assertThat(ProcessGroups.liveMembers(newGroups.get(1))).as("after reset").isEmpty();
            assertThat(ProcessGroups.liveMembers(newGroups.get(2))).as("g3 still runs").isNotEmpty();

            List<SseEvent> g4 = second.turn("g4", "grandchild", KEY_A);
            long g4Group = event(g4, "session_start").get("pid").asLong();
            assertThat(ProcessGroups.liveMembers(g4Group)).contains(grandchildPid(g4));
            List<SseEvent> timedOut = second.turn("g4", "hang", KEY_A); // ignores the interrupt: killed after the grace
            assertThat(timedOut.getLast().name()).isEqualTo("error");
            assertThat(timedOut.getLast().data().get("code").asText()).isEqualTo("TURN_TIMEOUT");
            assertThat(ProcessGroups.liveMembers(g4Group)).as("after a turn timeout").isEmpty();
            second.stopGracefully();
            assertThat(ProcessGroups.liveMembers(newGroups.get(2))).as("after a graceful close").isEmpty();
        }
    }

    @Test
    void sandboxedClisKilledWithTheirEngineLeaveNothingBehindEither() throws Exception {
        assumeTrue(onPath("bwrap"), "bubblewrap is not installed");
        Path fakeCli = installFakeCli(sandbox.resolve("bin"));
        Map<String, String> environment = new HashMap<>(fakeCliEnvironment(fakeCli));
        environment.put("HOTPLEX_SANDBOX_MODE", "bwrap");
        List<Long> groups = new ArrayList<>();
        RestartableServer first = RestartableServer.start(environment, sandbox.resolve("logs"));
        try {
            first.turn("b1", "grandchild", KEY_A);
            first.turn("b1", "stubborn", KEY_A);
            Stream<String> midTurn = first.turnUntil("b2", "slow", KEY_A, event -> event.name().equals("answer"));
            first.getJson("/v1/sessions", KEY_A).get("sessions").forEach(view -> groups.add(view.get("pid").asLong()));
            first.killHard();
            midTurn.close();
        } finally {
            first.close();
        }
        assertThat(groups).hasSize(2);
        // bwrap --die-with-parent ends them with the engine; the next start reaps whatever is still on its way out
        try (RestartableServer second = RestartableServer.start(environment, sandbox.resolve("logs"))) {
            assertThat(groups).allSatisfy(pgid -> assertThat(ProcessGroups.liveMembers(pgid)).isEmpty());
            assertThat(ids(second.getJson("/v1/sessions", KEY_A).get("sessions"))).containsExactly("b1", "b2");
            List<SseEvent> resumed = second.turn("b1", "after the kill", KEY_A);
            assertThat(event(resumed, "session_start").get("resumed").asBoolean()).isTrue();
            assertThat(resumed).extracting(SseEvent::name).endsWith("session_stats");
        }
    }

    @Test
    void spareProcessesOfAKilledEngineAreReapedAtTheNextStartAndAnAdoptedOneResumes() throws Exception {
        Path fakeCli = installFakeCli(sandbox.resolve("bin"));
        Map<String, String> environment = new HashMap<>(unconfined(fakeCliEnvironment(fakeCli)));
        environment.put("HOTPLEX_ENGINE_PREWARM_SPARES", "2");
        environment.put("HOTPLEX_ENGINE_PREWARM_TENANTS", "team-a");
        environment.put("HOTPLEX_ENGINE_PREWARM_INTERVAL", "100ms");
        Path tenantDir = sandbox.resolve("workspace/team-a");
        Set<Long> started = new HashSet<>();
        long adopted;
        RestartableServer first = RestartableServer.start(environment, sandbox.resolve("logs"));
        try {
            started.addAll(awaitSpares(tenantDir, 2));
            List<SseEvent> events = first.turn("p1", "hello", KEY_A);
            JsonNode start = event(events, "session_start");
            assertThat(start.get("prewarmed").asBoolean()).as("%s", start).isTrue();
            adopted = start.get("pid").asLong();
            assertThat(started).contains(adopted);
            assertThat(start.get("workDir").asText()).startsWith("spare-");
            started.addAll(awaitSpares(tenantDir, 3)); // the adopted one and two spares again
            first.killHard();
        } finally {
            first.close();
        }
        // idle CLIs usually end by themselves at the end of their stdin; whatever did not is reaped before serving
        assertThat(started).hasSize(3);

        environment.put("HOTPLEX_ENGINE_PREWARM_SPARES", "0");
        try (RestartableServer second = RestartableServer.start(environment, sandbox.resolve("logs"))) {
            assertThat(started).as("the old spares and the adopted CLI reaped before serving")
                    .allSatisfy(pgid -> assertThat(ProcessGroups.liveMembers(pgid)).isEmpty());
            List<SseEvent> resumed = second.turn("p1", "after the kill", KEY_A);
            JsonNode start = event(resumed, "session_start");
            assertThat(start.get("resumed").asBoolean()).isTrue();
            assertThat(start.get("prewarmed").asBoolean()).isFalse();
            assertThat(resumed).extracting(SseEvent::name).endsWith("session_stats");
            second.stopGracefully();
            assertThat(ProcessGroups.leadersWorkingIn(tenantDir)).as("nothing after a graceful close").isEmpty();
        }
    }

    /** Waits until {@code count} CLIs run in the tenant's directory (spares and adopted ones); returns their pids. */
    private static List<Long> awaitSpares(Path tenantDir, int count) throws InterruptedException {
        long deadline = System.nanoTime() + RestartableServer.WAIT.toNanos();
        List<Long> found = ProcessGroups.leadersWorkingIn(tenantDir);
        while (found.size() < count) {
            assertThat(System.nanoTime()).as("%d CLIs in %s, found %s", count, tenantDir, found).isLessThan(deadline);
            Thread.sleep(50);
            found = ProcessGroups.leadersWorkingIn(tenantDir);
        }
        return found;
    }

    /** Agent CLIs outside any sandbox: nothing but the engine's own reaping stands between them and orphanhood. */
    private static Map<String, String> unconfined(Map<String, String> environment) {
        Map<String, String> unconfined = new HashMap<>(environment);
        unconfined.put("HOTPLEX_SANDBOX_MODE", "none");
        return Map.copyOf(unconfined);
    }

    private Map<String, String> fakeCliEnvironment(Path fakeCli) {
        return RestartableServer.environment(sandbox, fakeCli, Map.of(
                "CLAUDE_CONFIG_DIR", RealClaude.createDirectories(sandbox.resolve("claude-config")).toString(),
                "HOTPLEX_HTTP_API_KEYS", KEY_A + "=team-a"));
    }

    private static boolean onPath(String program) {
        String path = System.getenv("PATH");
        return path != null && java.util.Arrays.stream(path.split(":"))
                .anyMatch(directory -> Files.isExecutable(Path.of(directory, program)));
    }

    private static long onlyPid(JsonNode list) {
        JsonNode sessions = list.get("sessions");
        assertThat(sessions).hasSize(1);
        assertThat(sessions.get(0).get("pid").isNumber()).as("a live process: %s", sessions).isTrue();
        return sessions.get(0).get("pid").asLong();
    }

    private static long grandchildPid(List<SseEvent> events) {
        StringBuilder answer = new StringBuilder();
        events.stream().filter(event -> event.name().equals("answer"))
                .forEach(event -> answer.append(event.data().path("text").asText()));
        String text = answer.toString().strip();
        assertThat(text).startsWith("grandchild ");
        return Long.parseLong(text.substring("grandchild ".length()).strip());
    }

    /** The provider tests' scriptable fake CLI, copied out of provider-claude's test resources. */
    private static Path installFakeCli(Path directory) throws IOException {
        Path source = Path.of("..", "provider-claude", "src", "test", "resources", "fake-claude", "claude");
        assertThat(source).as("the fake CLI of provider-claude's tests").exists();
        Path target = Files.createDirectories(directory).resolve("claude");
        Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwxr-xr-x"));
        return target;
    }
}
