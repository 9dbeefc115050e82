package dev.hotplex.adapter.http;

import dev.hotplex.core.model.SessionId;
import dev.hotplex.core.service.ToolApproval;
import dev.hotplex.testkit.FakeProvider;
import dev.hotplex.testkit.ToolCalls;
import dev.hotplex.testkit.TurnScript;
import dev.hotplex.testkit.TurnStep;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

class SessionRoutesTest {
    @TempDir
    Path workspace;
    TestServer t;

    @BeforeEach
    void start() {
        t = new TestServer(workspace, http -> http, engine -> engine.withPermissions(ToolApproval.ASK,
                Duration.ofSeconds(5)), dev.hotplex.core.port.out.ContentPolicy.allowAll());
    }

    @AfterEach
    void stop() {
        t.close();
    }

    @Test
    void streamsATurnAsSseFramesInOrderEndingWithSessionStats() {
        t.provider.defaultScript(TurnScript.of(TurnStep.thinking("hmm"), TurnStep.streamedAnswer("he", "llo")));

        Api.Sse sse = t.a.turn("s1", "hi");

        assertThat(sse.status()).isEqualTo(200);
        assertThat(sse.contentType()).startsWith("text/event-stream");
        assertThat(sse.events()).first().isEqualTo("session_start");
        assertThat(sse.events()).contains("thinking", "answer").last().isEqualTo("session_stats");
        assertThat(sse.frames().stream().mapToLong(Api.Frame::id).toArray())
                .containsExactly(LongStream.rangeClosed(1, sse.frames().size()).toArray());
        assertThat(sse.frames().getFirst().data().path("sessionId").asText()).isEqualTo("s1");
        assertThat(sse.last().data().path("session").path("sessionId").asText()).isEqualTo("s1");
        assertThat(sse.last().data().path("session").path("turns").asInt()).isEqualTo(1);
    }

    @Test
    void aFailedTurnEndsTheStreamWithAnErrorEvent() {
        t.provider.defaultScript(TurnScript.fail("model overloaded"));

        Api.Sse sse = t.a.turn("s1", "hi");

        assertThat(sse.status()).isEqualTo(200);
        assertThat(sse.last().event()).isEqualTo("error");
        assertThat(sse.last().data().path("code").asText()).isEqualTo("TURN_FAILED");
        assertThat(sse.events()).filteredOn(name -> name.equals("error") || name.equals("session_stats")).hasSize(1);
    }

    @Test
    void acceptJsonReturnsTheWholeTurnAsOneDocument() {
        Api.Reply reply = t.a.turnJson("s1", "hi");

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(reply.json().path("sessionId").asText()).isEqualTo("s1");
        assertThat(reply.json().path("outcome").asText()).isEqualTo("SUCCESS");
        assertThat(reply.json().path("answer").asText()).isEqualTo("echo: hi");
        assertThat(reply.json().path("events").get(0).path("event").asText()).isEqualTo("session_start");
        assertThat(reply.json().path("events").get(reply.json().path("events").size() - 1).path("event").asText())
                .isEqualTo("session_stats");
    }

    @Test
    void listsGetsAndCountsTheCallersSessions() {
        t.a.turnJson("s1", "hi");
        t.a.turnJson("s2", "hi");

        Api.Reply list = t.a.get("/v1/sessions");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json().path("sessions").findValuesAsText("id")).containsExactly("s1", "s2");

        Api.Reply one = t.a.get("/v1/sessions/s1");
        assertThat(one.status()).isEqualTo(200);
        assertThat(one.json().path("id").asText()).isEqualTo("s1");
        assertThat(one.json().path("state").asText()).isEqualTo("READY");
        assertThat(one.json().path("pid").asLong()).isGreaterThanOrEqualTo(FakeProvider.FIRST_PID);
        assertThat(one.json().path("createdAt").asText()).isNotEmpty();
        assertThat(one.json().path("lastActiveAt").asText()).isNotEmpty();
        assertThat(one.json().path("providerSessionId").asText()).isNotEmpty();
        assertThat(one.json().path("workDir").asText()).isNotEmpty();

        Api.Reply stats = t.a.get("/v1/sessions/s1/stats");
        assertThat(stats.status()).isEqualTo(200);
        assertThat(stats.json().path("sessionId").asText()).isEqualTo("s1");
        assertThat(stats.json().path("turns").asInt()).isEqualTo(1);
    }

    @Test
    void stopResetAndInterruptAnswerAndUnknownSessionsAre404() {
        t.a.turnJson("s1", "hi");

        assertThat(t.a.post("/v1/sessions/s1/interrupt", "").status()).isEqualTo(202);
        assertThat(t.a.post("/v1/sessions/s1/reset", "").status()).isEqualTo(204);
        assertThat(t.a.delete("/v1/sessions/s1").status()).isEqualTo(204);
        assertThat(t.provider.liveConnections()).isZero();

        for (Api.Reply reply : new Api.Reply[]{t.a.get("/v1/sessions/nope"), t.a.get("/v1/sessions/nope/stats"),
                t.a.delete("/v1/sessions/nope"), t.a.post("/v1/sessions/nope/reset", ""),
                t.a.post("/v1/sessions/nope/interrupt", "")}) {
            assertThat(reply.status()).isEqualTo(404);
            assertThat(reply.errorCode()).isEqualTo("SESSION_NOT_FOUND");
            assertThat(reply.hasErrorShape()).isTrue();
            assertThat(reply.body()).as("the client's own id, not the tenant-qualified one").contains("'nope'")
                    .doesNotContain("tenant-a:");
        }
    }

    @Test
    void aPermissionRequestIsAnsweredByPost() throws Exception {
        t.provider.defaultScript(TurnScript.of(TurnStep.toolWithPermission("req-1",
                ToolCalls.bash("tool-1", "ls"), "file.txt")));

        HttpResponse<InputStream> response = t.a.open("s1", "list files");
        t.provider.awaitTurnsStarted(1, TestServer.WAIT);
        awaitPermissionPending();
        Api.Reply answer = t.a.post("/v1/sessions/s1/permissions/req-1", "{\"decision\":\"allow\"}");
        Api.Sse sse = Api.Sse.read(response);

        assertThat(answer.status()).isEqualTo(204);
        assertThat(sse.events()).contains("tool_use", "permission_request", "tool_result").last()
                .isEqualTo("session_stats");
        assertThat(t.a.post("/v1/sessions/s1/permissions/req-1", "{\"decision\":\"allow\"}").errorCode())
                .isEqualTo("PERMISSION_REQUEST_NOT_FOUND");
        assertThat(t.a.post("/v1/sessions/s1/permissions/req-2", "{\"decision\":\"maybe\"}").status())
                .isEqualTo(400);
    }

    private void awaitPermissionPending() throws InterruptedException {
        long deadline = System.nanoTime() + TestServer.WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            boolean pending = t.observer.observations().stream().anyMatch(observation ->
                    observation instanceof dev.hotplex.testkit.RecordingEngineObserver.TurnEvent event
                            && event.event() instanceof dev.hotplex.core.model.AgentEvent.PermissionRequest);
            if (pending) {
                return;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("no permission request within " + TestServer.WAIT);
    }

    @Test
    void aSecondTurnOnABusySessionIs409AndNothingIsStreamed() {
        CompletableFuture<Void> release = new CompletableFuture<>();
        t.provider.defaultScript(TurnScript.of(TurnStep.waitFor(release), TurnStep.answer("done")));
        HttpResponse<InputStream> first = t.a.open("s1", "one");
        t.provider.awaitTurnsStarted(1, TestServer.WAIT);

        Api.Reply second = t.a.send(t.a.request("/v1/sessions/s1/turns")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(Api.prompt("two"))).build());

        assertThat(second.status()).isEqualTo(409);
        assertThat(second.errorCode()).isEqualTo("SESSION_BUSY");
        assertThat(second.hasErrorShape()).isTrue();
        release.complete(null);
        assertThat(Api.Sse.read(first).last().event()).isEqualTo("session_stats");
    }

    @Test
    void withoutCapacityATurnIs503WithRetryAfter(@TempDir Path other) {
        try (TestServer small = new TestServer(other, http -> http, engine -> engine.withMaxSessions(1),
                dev.hotplex.core.port.out.ContentPolicy.allowAll())) {
            small.provider.defaultScript(TurnScript.hang());
            HttpResponse<InputStream> first = small.a.open("s1", "one");
            small.provider.awaitTurnsStarted(1, TestServer.WAIT);

            Api.Reply second = small.a.turnJson("s2", "two");

            assertThat(second.status()).isEqualTo(503);
            assertThat(second.errorCode()).isEqualTo("CAPACITY");
            assertThat(second.header("Retry-After")).isNotBlank();
            small.engine.interrupt(SessionId.of("tenant-a:s1"));
            assertThat(Api.Sse.read(first).last().event()).isEqualTo("error");
        }
    }

    @Test
    void checkReturnsTheFirewallVerdict(@TempDir Path other) {
        try (TestServer guarded = new TestServer(other, http -> http, engine -> engine,
                new dev.hotplex.testkit.BlockingContentPolicy())) {
            Api.Reply allowed = guarded.a.post("/v1/check", "{\"text\":\"hello\"}");
            Api.Reply blocked = guarded.a.post("/v1/check", "{\"command\":\"rm -rf / --no-preserve-root\"}");
            Api.Reply both = guarded.a.post("/v1/check", "{\"text\":\"a\",\"command\":\"b\"}");

            assertThat(allowed.status()).isEqualTo(200);
            assertThat(allowed.json().path("blocked").asBoolean()).isFalse();
            assertThat(blocked.json().path("blocked").asBoolean()).isTrue();
            assertThat(blocked.json().path("ruleId").asText()).isEqualTo("test.rm-rf-root");
            assertThat(both.status()).isEqualTo(400);
        }
    }

    @Test
    void versionHealthAndReadiness() {
        Api.Reply version = t.a.get("/v1/version");
        assertThat(version.status()).isEqualTo(200);
        assertThat(version.json().path("cli").asText()).isEqualTo(FakeProvider.DEFAULT_VERSION);
        assertThat(version.json().path("hotplex").asText()).isNotBlank();

        assertThat(t.anonymous().get("/healthz").status()).isEqualTo(200);
        assertThat(t.anonymous().get("/readyz").status()).isEqualTo(200);
        t.provider.setUnavailable(true);
        Api.Reply notReady = t.anonymous().get("/readyz");
        assertThat(notReady.status()).isEqualTo(503);
        assertThat(notReady.json().path("checks").path("provider").asText()).startsWith("PROVIDER_UNAVAILABLE");
        Api.Reply unavailable = t.a.get("/v1/version");
        assertThat(unavailable.json().path("cliError").asText()).isEqualTo("PROVIDER_UNAVAILABLE");
        assertThat(unavailable.json().path("providers").path(FakeProvider.NAME).asText()).isEqualTo("unavailable");
        assertThat(unavailable.body()).as("the why (paths, PATH) stays in the log").doesNotContain("not installed");
    }

    @Test
    void unknownRoutesAndMethodsAnswerWithTheErrorShape() {
        Api.Reply unknown = t.a.get("/v1/nothing-here");
        Api.Reply wrongMethod = t.a.send(t.a.request("/v1/sessions").PUT(
                java.net.http.HttpRequest.BodyPublishers.noBody()).build());

        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.errorCode()).isEqualTo("NOT_FOUND");
        assertThat(unknown.hasErrorShape()).isTrue();
        assertThat(wrongMethod.status()).isIn(404, 405);
        assertThat(wrongMethod.hasErrorShape()).isTrue();
    }
}
