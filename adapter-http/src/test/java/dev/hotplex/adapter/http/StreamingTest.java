package dev.hotplex.adapter.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.JsonNode;
import dev.hotplex.core.model.AgentEvent;
import dev.hotplex.core.model.TurnOutcome;
import dev.hotplex.core.model.TurnResult;
import dev.hotplex.testkit.RecordingEngineObserver;
import dev.hotplex.testkit.TurnScript;
import dev.hotplex.testkit.TurnStep;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

class StreamingTest {
    @TempDir
    Path workspace;

    @Test
    void idleStreamsGetHeartbeatComments() throws Exception {
        try (TestServer t = new TestServer(workspace, http -> http.withStreaming(Duration.ofMillis(50),
                DisconnectPolicy.INTERRUPT, 64))) {
            CompletableFuture<Void> release = new CompletableFuture<>();
            t.provider.defaultScript(TurnScript.of(TurnStep.waitFor(release), TurnStep.answer("late")));
            HttpResponse<InputStream> response = t.a.open("s1", "hi");
            List<Api.Frame> frames = new ArrayList<>();
            List<String> comments = new ArrayList<>();
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(),
                    StandardCharsets.UTF_8))) {
                Api.Sse.readFrames(reader, frames, comments, 1);
                long deadline = System.nanoTime() + TestServer.WAIT.toNanos();
                String line;
                while (comments.size() < 3 && System.nanoTime() < deadline && (line = reader.readLine()) != null) {
                    if (line.startsWith(":")) {
                        comments.add(line);
                    }
                }
                release.complete(null);
                Api.Sse.readFrames(reader, frames, comments, Integer.MAX_VALUE);
            }
            assertThat(comments).hasSizeGreaterThanOrEqualTo(3).allMatch(line -> line.equals(": heartbeat"));
            assertThat(frames.getFirst().event()).isEqualTo("session_start");
            assertThat(frames.getLast().event()).isEqualTo("session_stats");
        }
    }

    @Test
    void aClientThatDisconnectsMidTurnInterruptsTheTurn() throws Exception {
        try (TestServer t = new TestServer(workspace, http -> http.withStreaming(Duration.ofMillis(50),
                DisconnectPolicy.INTERRUPT, 64))) {
            t.provider.defaultScript(TurnScript.hang());
            HttpResponse<InputStream> response = t.a.open("s1", "hi");
            readFirstFrameThenHangUp(response);

            TurnResult result = t.observer.await(RecordingEngineObserver.TurnFinished.class, TestServer.WAIT).result();

            assertThat(result.outcome()).isEqualTo(TurnOutcome.INTERRUPTED);
            assertThat(t.observer.count(RecordingEngineObserver.Interrupted.class)).isEqualTo(1);
        }
    }

    @Test
    void withTheFinishPolicyAGoneClientsTurnRunsToItsEnd() throws Exception {
        try (TestServer t = new TestServer(workspace, http -> http.withStreaming(Duration.ofMillis(50),
                DisconnectPolicy.FINISH, 64))) {
            CompletableFuture<Void> release = new CompletableFuture<>();
            t.provider.defaultScript(TurnScript.of(TurnStep.waitFor(release), TurnStep.answer("done")));
            HttpResponse<InputStream> response = t.a.open("s1", "hi");
            readFirstFrameThenHangUp(response);
            Thread.sleep(300);
            release.complete(null);

            TurnResult result = t.observer.await(RecordingEngineObserver.TurnFinished.class, TestServer.WAIT).result();

            assertThat(result.outcome()).isEqualTo(TurnOutcome.SUCCESS);
            assertThat(result.answer()).isEqualTo("done");
            assertThat(t.observer.count(RecordingEngineObserver.Interrupted.class)).isZero();
        }
    }

    @Test
    void aLongJsonTurnIsKeptAliveWithLeadingSpacesAndStillParses() throws Exception {
        try (TestServer t = new TestServer(workspace, http -> http.withStreaming(Duration.ofMillis(50),
                DisconnectPolicy.INTERRUPT, 64))) {
            CompletableFuture<Void> release = new CompletableFuture<>();
            t.provider.defaultScript(TurnScript.of(TurnStep.waitFor(release), TurnStep.answer("late")));
            HttpResponse<InputStream> response = t.a.open("s1", "hi", "application/json");
            assertThat(response.statusCode()).isEqualTo(200);
            InputStream body = response.body();
            byte[] leading = body.readNBytes(3);
            release.complete(null);
            String rest = new String(body.readAllBytes(), StandardCharsets.UTF_8);

            assertThat(new String(leading, StandardCharsets.UTF_8)).isEqualTo("   ");
            JsonNode document = new ObjectMapper().readTree(rest);
            assertThat(document.path("outcome").asText()).isEqualTo("SUCCESS");
            assertThat(document.path("answer").asText()).isEqualTo("late");
            assertThat(document.path("events").get(document.path("events").size() - 1).path("event").asText())
                    .isEqualTo("session_stats");
        }
    }

    @Test
    void aJsonClientThatDisconnectsMidTurnInterruptsTheTurn() throws Exception {
        try (TestServer t = new TestServer(workspace, http -> http.withStreaming(Duration.ofMillis(50),
                DisconnectPolicy.INTERRUPT, 64))) {
            t.provider.defaultScript(TurnScript.hang());
            HttpResponse<InputStream> response = t.a.open("s1", "hi", "application/json");
            assertThat(response.statusCode()).isEqualTo(200);
            response.body().close();

            TurnResult result = t.observer.await(RecordingEngineObserver.TurnFinished.class, TestServer.WAIT).result();

            assertThat(result.outcome()).isEqualTo(TurnOutcome.INTERRUPTED);
            assertThat(t.observer.count(RecordingEngineObserver.Interrupted.class)).isEqualTo(1);
        }
    }

    @Test
    void aRefusedJsonTurnKeepsItsStatusAndErrorShape() throws Exception {
        try (TestServer t = new TestServer(workspace, http -> http.withStreaming(Duration.ofMillis(50),
                DisconnectPolicy.FINISH, 64))) {
            t.provider.defaultScript(TurnScript.hang());
            HttpResponse<InputStream> first = t.a.open("s1", "hi", "application/json");
            assertThat(first.statusCode()).isEqualTo(200);

            Api.Reply busy = t.a.turnJson("s1", "again");

            assertThat(busy.status()).isEqualTo(409);
            assertThat(busy.json().path("error").path("code").asText()).isEqualTo("SESSION_BUSY");
            first.body().close();
        }
    }

    @Test
    void aSlowClientOverflowsItsBufferWithoutBlockingTheTurn() {
        try (TestServer t = new TestServer(workspace, http -> http.withStreaming(Duration.ofSeconds(5),
                DisconnectPolicy.FINISH, 2))) {
            String chunk = "x".repeat(256 * 1024);
            t.provider.defaultScript(TurnScript.of(turn -> {
                for (int i = 0; i < 64; i++) {
                    turn.emit(new AgentEvent.Answer(chunk, true));
                }
            }));
            HttpResponse<InputStream> response = t.a.open("s1", "hi");

            // the client reads nothing until the engine has finished the turn: the sink never blocked it
            TurnResult result = t.observer.await(RecordingEngineObserver.TurnFinished.class, TestServer.WAIT).result();
            Api.Sse sse = Api.Sse.read(response);

            assertThat(result.outcome()).isEqualTo(TurnOutcome.SUCCESS);
            assertThat(sse.last().event()).isEqualTo("error");
            assertThat(sse.last().data().path("code").asText()).isEqualTo("STREAM_OVERFLOW");
            assertThat(sse.frames().size()).isLessThan(66);
        }
    }

    @Test
    void theSinkNeverBlocksAndRemembersOverflow() throws Exception {
        SseEventSink sink = new SseEventSink(2);
        for (int i = 0; i < 10_000; i++) {
            sink.accept(new AgentEvent.Answer("a" + i, true));
        }
        assertThat(sink.overflowed()).isTrue();
        assertThat(((AgentEvent.Answer) sink.poll(Duration.ZERO)).text()).isEqualTo("a0");
        assertThat(((AgentEvent.Answer) sink.poll(Duration.ZERO)).text()).isEqualTo("a1");
        assertThat(sink.poll(Duration.ZERO)).isNull();
    }

    private static void readFirstFrameThenHangUp(HttpResponse<InputStream> response) throws Exception {
        InputStream body = response.body();
        BufferedReader reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
        List<Api.Frame> frames = new ArrayList<>();
        Api.Sse.readFrames(reader, frames, new ArrayList<>(), 1);
        assertThat(frames.getFirst().event()).isEqualTo("session_start");
        body.close();
    }
}
