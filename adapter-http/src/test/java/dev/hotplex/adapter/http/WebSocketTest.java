package dev.hotplex.adapter.http;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.WebSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class WebSocketTest {
    @TempDir
    Path workspace;
    TestServer t;

    @BeforeEach
    void start() {
        t = new TestServer(workspace);
    }

    @AfterEach
    void stop() {
        t.close();
    }

    /** Collects whole text messages and the close code. */
    static class Client implements WebSocket.Listener {
        final BlockingQueue<JsonNode> messages = new LinkedBlockingQueue<>();
        final CompletableFuture<Integer> closed = new CompletableFuture<>();
        private final StringBuilder partial = new StringBuilder();
        WebSocket socket;

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    messages.add(Api.JSON.readTree(partial.toString()));
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(statusCode);
            return null;
        }

        JsonNode next() throws InterruptedException {
            JsonNode message = messages.poll(TestServer.WAIT.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(message).as("a message within " + TestServer.WAIT).isNotNull();
            return message;
        }

        void send(String json) {
            socket.sendText(json, true).join();
        }
    }

    Client connect(String key) {
        return connect(t.server.port(), key);
    }

    static Client connect(int port, String key) {
        Client client = new Client();
        var builder = Api.CLIENT.newWebSocketBuilder();
        if (key != null) {
            builder.header("Authorization", "Bearer " + key);
        }
        client.socket = builder.buildAsync(URI.create("ws://127.0.0.1:" + port + "/v1/ws"), client).join();
        return client;
    }

    /** The messages of one turn, up to its terminal event or an error. */
    static List<JsonNode> turnMessages(Client client) throws InterruptedException {
        List<JsonNode> events = new ArrayList<>();
        JsonNode message;
        do {
            message = client.next();
            events.add(message);
        } while (!message.path("event").asText().equals("session_stats") && !message.path("event").asText()
                .equals("error") && !message.path("type").asText().equals("error"));
        return events;
    }

    @Test
    void executeStreamsTheTurnsEventsThenStatsAndVersionAnswer() throws Exception {
        Client client = connect(TestServer.KEY_A);

        client.send("{\"type\":\"execute\",\"id\":\"t1\",\"sessionId\":\"w1\",\"prompt\":\"hi\"}");
        List<JsonNode> events = new ArrayList<>();
        JsonNode message;
        do {
            message = client.next();
            events.add(message);
        } while (!message.path("event").asText().equals("session_stats") && !message.path("type").asText().equals("error"));

        assertThat(events).allMatch(event -> event.path("type").asText().equals("event")
                && event.path("id").asText().equals("t1") && event.path("sessionId").asText().equals("w1"));
        assertThat(events.getFirst().path("event").asText()).isEqualTo("session_start");
        assertThat(events).extracting(event -> event.path("seq").asLong())
                .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, events.size()).boxed().toList());
        assertThat(events).anyMatch(event -> event.path("data").path("text").asText().equals("echo: hi"));

        client.send("{\"type\":\"stats\",\"id\":\"s\",\"sessionId\":\"w1\"}");
        JsonNode stats = client.next();
        assertThat(stats.path("type").asText()).isEqualTo("result");
        assertThat(stats.path("data").path("turns").asInt()).isEqualTo(1);

        client.send("{\"type\":\"version\",\"id\":\"v\"}");
        assertThat(client.next().path("data").path("cli").asText()).isEqualTo("fake 1.0");

        client.send("{\"type\":\"stop\",\"id\":\"x\",\"sessionId\":\"w1\"}");
        assertThat(client.next().path("type").asText()).isEqualTo("result");
        client.socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").join();
    }

    @Test
    void badMessagesAndForeignSessionsAnswerErrors() throws Exception {
        t.b.turnJson("theirs", "hi");
        Client client = connect(TestServer.KEY_A);

        client.send("{not json");
        assertThat(client.next().path("error").path("code").asText()).isEqualTo("INVALID_REQUEST");
        client.send("{\"type\":\"teleport\",\"id\":\"1\"}");
        assertThat(client.next().path("error").path("code").asText()).isEqualTo("INVALID_REQUEST");
        client.send("{\"type\":\"stats\",\"id\":\"2\",\"sessionId\":\"theirs\"}");
        JsonNode foreign = client.next();
        assertThat(foreign.path("id").asText()).isEqualTo("2");
        assertThat(foreign.path("error").path("code").asText()).isEqualTo("SESSION_NOT_FOUND");
        client.send("{\"type\":\"execute\",\"id\":\"3\",\"sessionId\":\"../etc\",\"prompt\":\"hi\"}");
        assertThat(client.next().path("error").path("code").asText()).isEqualTo("INVALID_CONFIG");
        assertThat(t.provider.turnInputs()).hasSize(1);
    }

    @Test
    void aConnectionWithoutAValidKeyIsClosedWithPolicyViolation() throws Exception {
        Client client = connect("wrong");

        assertThat(client.next().path("error").path("code").asText()).isEqualTo("UNAUTHORIZED");
        assertThat(client.closed.get(5, TimeUnit.SECONDS)).isEqualTo(1008);
    }
}
