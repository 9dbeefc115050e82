package dev.hotplex.adapter.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hotplex.core.model.AgentEvent;
import dev.hotplex.testkit.RecordingEngineObserver;
import dev.hotplex.testkit.TurnScript;
import dev.hotplex.testkit.TurnStep;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.WebSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The CLI's unmapped {@code raw} events (here a {@code system/init} naming the server's cwd and MCP servers) are held
 * back from every transport unless {@code forwardRawEvents} is on; the engine's observers (telemetry, logs) still see
 * them either way.
 */
class RawEventsTest {
    private static final String INIT = "{\"type\":\"system\",\"subtype\":\"init\",\"cwd\":\"/srv/secret/work\","
            + "\"mcp_servers\":[{\"name\":\"internal-db\"}]}";

    @TempDir
    Path workspace;

    @Test
    void rawEventsReachNoClientByDefaultButStillReachTheObserver() throws Exception {
        try (TestServer t = server(UnaryOperator.identity())) {
            Api.Sse sse = t.a.turn("sse", "hi");
            Api.Reply json = t.a.turnJson("json", "hi");
            List<JsonNode> ws = webSocketTurn(t);

            assertThat(sse.events()).doesNotContain("raw").contains("answer", "session_stats");
            assertThat(sse.frames()).extracting(Api.Frame::id).containsExactly(sequence(sse.frames().size()));
            assertThat(json.status()).isEqualTo(200);
            assertThat(json.json().path("events")).extracting(event -> event.path("event").asText())
                    .doesNotContain("raw").contains("answer");
            assertThat(json.body()).doesNotContain("/srv/secret/work").doesNotContain("internal-db");
            assertThat(ws).extracting(message -> message.path("event").asText()).doesNotContain("raw")
                    .contains("answer", "session_stats");
            assertThat(rawEventsObserved(t)).isEqualTo(3);
        }
    }

    @Test
    void forwardRawEventsSendsThemToEveryTransport() throws Exception {
        try (TestServer t = server(http -> http.withForwardRawEvents(true))) {
            Api.Sse sse = t.a.turn("sse", "hi");
            Api.Reply json = t.a.turnJson("json", "hi");
            List<JsonNode> ws = webSocketTurn(t);

            assertThat(sse.frames()).filteredOn(frame -> frame.event().equals("raw")).singleElement()
                    .satisfies(frame -> {
                        assertThat(frame.data().path("type").asText()).isEqualTo("system/init");
                        assertThat(frame.data().path("json").asText()).contains("/srv/secret/work");
                    });
            assertThat(json.json().path("events")).extracting(event -> event.path("event").asText()).contains("raw");
            assertThat(ws).extracting(message -> message.path("event").asText()).contains("raw");
        }
    }

    private TestServer server(UnaryOperator<HttpConfig> tune) {
        TestServer t = new TestServer(workspace, tune);
        t.provider.defaultScript(TurnScript.of(TurnStep.emit(new AgentEvent.Raw("system/init", INIT)),
                TurnStep.answer("done")));
        return t;
    }

    private static List<JsonNode> webSocketTurn(TestServer t) throws InterruptedException {
        WebSocketTest.Client client = WebSocketTest.connect(t.server.port(), TestServer.KEY_A);
        try {
            client.send("{\"type\":\"execute\",\"id\":\"t1\",\"sessionId\":\"ws\",\"prompt\":\"hi\"}");
            return WebSocketTest.turnMessages(client);
        } finally {
            client.socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").join();
        }
    }

    private static long rawEventsObserved(TestServer t) {
        return t.observer.observations().stream()
                .filter(RecordingEngineObserver.TurnEvent.class::isInstance)
                .map(RecordingEngineObserver.TurnEvent.class::cast)
                .filter(observed -> observed.event() instanceof AgentEvent.Raw)
                .count();
    }

    private static Long[] sequence(int size) {
        return java.util.stream.LongStream.rangeClosed(1, size).boxed().toArray(Long[]::new);
    }
}
