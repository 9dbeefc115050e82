package dev.hotplex.adapter.http;

import dev.hotplex.testkit.TurnScript;
import dev.hotplex.testkit.TurnStep;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

class ShutdownTest {
    @TempDir
    Path workspace;

    @Test
    void drainingRefusesNewTurnsFailsReadinessAndLetsRunningTurnsFinish() throws Exception {
        try (TestServer t = new TestServer(workspace)) {
            CompletableFuture<Void> release = new CompletableFuture<>();
            t.provider.defaultScript(TurnScript.of(TurnStep.waitFor(release), TurnStep.answer("done")));
            HttpResponse<InputStream> running = t.a.open("s1", "hi");
            t.provider.awaitTurnsStarted(1, TestServer.WAIT);

            Thread stopper = Thread.ofVirtual().start(() -> t.server.stop(Duration.ofSeconds(5)));
            awaitDraining(t.server);
            Api.Reply ready = t.anonymous().get("/readyz");
            Api.Reply refused = t.a.turnJson("s2", "new");
            release.complete(null);
            Api.Sse sse = Api.Sse.read(running);
            stopper.join(Duration.ofSeconds(10));

            assertThat(ready.status()).isEqualTo(503);
            assertThat(ready.json().path("checks").path("draining").asText()).contains("shutting down");
            assertThat(refused.status()).isEqualTo(503);
            assertThat(refused.errorCode()).isEqualTo("ENGINE_CLOSED");
            assertThat(sse.last().event()).isEqualTo("session_stats");
            assertThat(t.server.awaitStop(Duration.ofSeconds(1))).isTrue();
            assertThat(t.provider.liveConnections()).isZero();
        }
    }

    @Test
    void turnsStillRunningAtTheDeadlineAreInterruptedAndEverySessionStopped() throws Exception {
        try (TestServer t = new TestServer(workspace)) {
            t.a.turnJson("idle", "warm");
            t.provider.defaultScript(TurnScript.hang());
            HttpResponse<InputStream> running = t.a.open("s1", "hi");
            t.provider.awaitTurnsStarted(2, TestServer.WAIT);

            long start = System.nanoTime();
            t.server.stop(Duration.ofMillis(200));
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            assertThat(took).isLessThan(Duration.ofSeconds(5));
            assertThat(t.provider.liveConnections()).isZero();
            assertThat(Api.Sse.read(running).last().event()).isEqualTo("error");
        }
    }

    private static void awaitDraining(HotplexHttpServer server) throws InterruptedException {
        long deadline = System.nanoTime() + TestServer.WAIT.toNanos();
        while (!server.draining() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(server.draining()).isTrue();
    }
}
