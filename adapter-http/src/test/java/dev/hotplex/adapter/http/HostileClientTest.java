package dev.hotplex.adapter.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hotplex.core.model.SessionId;
import dev.hotplex.testkit.TurnScript;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.InputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Hostile or careless clients, each probing one defence: every answer a typed 4xx, nothing held forever. */
class HostileClientTest {
    @TempDir
    Path workspace;

    @ParameterizedTest
    @ValueSource(strings = {"text/html", "application/xml", "image/png", "application/json;q=0",
            "text/event-stream;q=0, application/json;q=0"})
    void aTurnNobodyCanReadIs406BeforeItStarts(String accept) {
        try (TestServer t = new TestServer(workspace)) {
            Api.Reply reply = t.a.send(t.a.request("/v1/sessions/s1/turns").header("Accept", accept)
                    .POST(HttpRequest.BodyPublishers.ofString(Api.prompt("hi"))).build());

            assertThat(reply.status()).as(accept).isEqualTo(406);
            assertThat(reply.errorCode()).isEqualTo("NOT_ACCEPTABLE");
            assertThat(t.provider.turnInputs()).isEmpty();
        }
    }

    @Test
    void acceptPicksSseOrOneJsonDocument() {
        try (TestServer t = new TestServer(workspace)) {
            assertThat(turnContentType(t, "*/*")).startsWith("text/event-stream");
            assertThat(turnContentType(t, "text/*")).startsWith("text/event-stream");
            assertThat(turnContentType(t, "application/json;q=0, text/event-stream")).startsWith("text/event-stream");
            assertThat(turnContentType(t, "application/*")).startsWith("application/json");
            assertThat(turnContentType(t, "text/html, application/json;q=0.5")).startsWith("application/json");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"PUT /v1/sessions/s1/turns", "PATCH /v1/sessions/s1", "TRACE /v1/sessions",
            "DELETE /v1/sessions", "POST /v1/sessions/s1", "PUT /healthz", "TRACE /", "OPTIONS /v1/check"})
    void wrongMethodsAre4xxNever5xx(String line) {
        try (TestServer t = new TestServer(workspace)) {
            String[] parts = line.split(" ");
            Api.Reply reply = t.a.send(t.a.request(parts[1]).method(parts[0], HttpRequest.BodyPublishers.noBody())
                    .build());

            assertThat(reply.status()).as(line).isBetween(400, 499);
            assertThat(reply.hasErrorShape()).as(line + ": " + reply.body()).isTrue();
        }
    }

    @Test
    void invalidUtf8InABodyIs400() {
        try (TestServer t = new TestServer(workspace)) {
            byte[] body = {'{', '"', 'p', 'r', 'o', 'm', 'p', 't', '"', ':', '"', (byte) 0xC3, (byte) 0x28, (byte) 0xFF,
                    '"', '}'};
            Api.Reply reply = t.a.send(t.a.request("/v1/sessions/s1/turns").header("Content-Type",
                    "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());

            assertThat(reply.status()).isEqualTo(400);
            assertThat(reply.errorCode()).isEqualTo("INVALID_REQUEST");
            assertThat(t.provider.turnInputs()).isEmpty();
        }
    }

    @Test
    void aBodyCutShortIs400AndLogsNoStackTrace() throws Exception {
        try (TestServer t = new TestServer(workspace); LogCapture logs = new LogCapture()) {
            try (Socket socket = new Socket("127.0.0.1", t.server.port())) {
                socket.setSoTimeout(20_000);
                socket.getOutputStream().write(("POST /v1/check HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
                        + TestServer.KEY_A + "\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n"
                        + "{\"text\":\"a\"}").getBytes(StandardCharsets.US_ASCII));
                socket.shutdownOutput(); // the promised 88 other bytes never come

                String reply = RawHttp.readUntilClosed(socket.getInputStream());

                assertThat(RawHttp.status(reply)).isEqualTo(400);
                assertThat(reply).contains("INVALID_REQUEST");
            }
            assertThat(logs.lines()).noneMatch(line -> line.message().contains("failed"));
        }
    }

    @Test
    void aTenantCannotHoldMoreStreamsThanItsCap() throws Exception {
        try (TestServer t = new TestServer(workspace, http -> http.withMaxStreamsPerTenant(2))) {
            t.provider.script("hang", TurnScript.hang());
            List<HttpResponse<InputStream>> open = new ArrayList<>();
            open.add(t.a.open("s1", "hang"));
            open.add(t.a.open("s2", "hang"));
            t.provider.awaitTurnsStarted(2, TestServer.WAIT);

            Api.Reply sse = t.a.post("/v1/sessions/s3/turns", Api.prompt("one too many"));
            Api.Reply json = t.a.turnJson("s4", "one too many");
            WebSocketTest.Client ws = WebSocketTest.connect(t.server.port(), TestServer.KEY_A);
            ws.send("{\"type\":\"execute\",\"id\":\"x\",\"sessionId\":\"s5\",\"prompt\":\"one too many\"}");
            JsonNode wsRefusal = ws.next();

            assertThat(sse.status()).isEqualTo(429);
            assertThat(sse.errorCode()).isEqualTo("TOO_MANY_STREAMS");
            assertThat(sse.header("Retry-After")).isNotNull();
            assertThat(json.status()).isEqualTo(429);
            assertThat(wsRefusal.path("error").path("code").asText()).isEqualTo("TOO_MANY_STREAMS");
            assertThat(t.provider.turnInputs()).hasSize(2);
            assertThat(t.b.turnJson("theirs", "hi").status()).as("another tenant has its own cap").isEqualTo(200);

            // a stream that ends gives its slot back
            t.engine.interrupt(SessionId.of("tenant-a:s1"));
            Api.Sse ended = Api.Sse.read(open.getFirst());
            assertThat(ended.last().event()).isEqualTo("error");
            assertThat(t.a.turnJson("s6", "now there is room").status()).isEqualTo(200);

            t.engine.interrupt(SessionId.of("tenant-a:s2"));
            open.get(1).body().readAllBytes();
            ws.socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").join();
        }
    }

    @Test
    void aTenantCannotHoldMoreWebSocketsThanItsCap() throws Exception {
        try (TestServer t = new TestServer(workspace, http -> http.withMaxStreamsPerTenant(1))) {
            WebSocketTest.Client first = WebSocketTest.connect(t.server.port(), TestServer.KEY_A);
            first.send("{\"type\":\"version\",\"id\":\"v\"}");
            assertThat(first.next().path("type").asText()).isEqualTo("result");

            WebSocketTest.Client second = WebSocketTest.connect(t.server.port(), TestServer.KEY_A);
            assertThat(second.next().path("error").path("code").asText()).isEqualTo("TOO_MANY_STREAMS");
            assertThat(second.closed.get(5, TimeUnit.SECONDS)).isEqualTo(1008);

            WebSocketTest.Client other = WebSocketTest.connect(t.server.port(), TestServer.KEY_B);
            other.send("{\"type\":\"version\",\"id\":\"v\"}");
            assertThat(other.next().path("type").asText()).as("another tenant has its own cap").isEqualTo("result");

            // a closed connection gives its place back (the server learns of the close asynchronously)
            first.socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").join();
            first.closed.get(5, TimeUnit.SECONDS);
            JsonNode answer = null;
            for (int attempt = 0; attempt < 50 && answer == null; attempt++) {
                WebSocketTest.Client again = WebSocketTest.connect(t.server.port(), TestServer.KEY_A);
                again.send("{\"type\":\"version\",\"id\":\"v\"}");
                JsonNode reply = again.next();
                if (reply.path("type").asText().equals("result")) {
                    answer = reply;
                } else {
                    Thread.sleep(100);
                }
            }
            assertThat(answer).isNotNull();
        }
    }

    @Test
    void aWebSocketClientThatNeverReadsOverflowsItsBufferInsteadOfQueueingEverything() throws Exception {
        try (TestServer t = new TestServer(workspace, http -> http.withStreaming(Duration.ofSeconds(5),
                DisconnectPolicy.FINISH, 2))) {
            String chunk = "x".repeat(256 * 1024);
            t.provider.defaultScript(TurnScript.of(turn -> {
                for (int i = 0; i < 64; i++) {
                    // back to back: with pauses, a busy machine's grown socket buffers could take all 16 MiB
                    turn.emit(new dev.hotplex.core.model.AgentEvent.Answer(chunk, true));
                }
            }));
            WebSocketTest.Client client = new WebSocketTest.Client() {
                @Override
                public void onOpen(WebSocket webSocket) {
                    // no request(1): the client reads nothing until the test says so
                }
            };
            client.socket = Api.CLIENT.newWebSocketBuilder().header("Authorization", "Bearer " + TestServer.KEY_A)
                    .buildAsync(java.net.URI.create("ws://127.0.0.1:" + t.server.port() + "/v1/ws"), client).join();
            client.send("{\"type\":\"execute\",\"id\":\"t\",\"sessionId\":\"w\",\"prompt\":\"flood\"}");

            // the engine finishes the turn while the client reads nothing: nothing waited for it
            t.observer.await(dev.hotplex.testkit.RecordingEngineObserver.TurnFinished.class, TestServer.WAIT);
            client.socket.request(Long.MAX_VALUE);
            List<JsonNode> messages = WebSocketTest.turnMessages(client);

            assertThat(messages.getLast().path("event").asText()).isEqualTo("error");
            assertThat(messages.getLast().path("data").path("code").asText()).isEqualTo("STREAM_OVERFLOW");
            assertThat(messages.size()).as("not all 64 chunks (16 MiB) were held for it").isLessThan(64);
            client.socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").join();
        }
    }

    @Test
    void aClientThatNeverFinishesItsHeadersIsCutOffAtTheIdleTimeout() throws Exception {
        try (TestServer t = new TestServer(workspace, http -> http.withStreaming(Duration.ofMillis(200),
                DisconnectPolicy.INTERRUPT, 64).withIdleTimeout(Duration.ofSeconds(1)))) {
            try (Socket socket = new Socket("127.0.0.1", t.server.port())) {
                socket.setSoTimeout(20_000); // below Jetty's own 30 s default, so only our setting can pass this
                socket.getOutputStream().write("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: "
                        .getBytes(StandardCharsets.US_ASCII));
                socket.getOutputStream().flush();

                String received = RawHttp.readUntilClosed(socket.getInputStream());

                assertThat(received).as("the server closed the connection").doesNotContain("<still open>");
            }
            assertThat(t.anonymous().get("/healthz").status()).isEqualTo(200);
        }
    }

    @Test
    void anIdleSseStreamOutlivesTheIdleTimeoutThanksToHeartbeats() {
        try (TestServer t = new TestServer(workspace, http -> http.withStreaming(Duration.ofMillis(200),
                DisconnectPolicy.INTERRUPT, 64).withIdleTimeout(Duration.ofSeconds(1)))) {
            t.provider.defaultScript(TurnScript.of(turn -> {
                try {
                    Thread.sleep(2_500); // a thinking model: no event for longer than the idle timeout
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                turn.emit(new dev.hotplex.core.model.AgentEvent.Answer("late but here", false));
            }));

            Api.Sse sse = t.a.turn("s1", "think long");

            assertThat(sse.comments()).isNotEmpty();
            assertThat(sse.frames()).anyMatch(frame -> frame.data().path("text").asText().equals("late but here"));
            assertThat(sse.last().event()).isEqualTo("session_stats");
        }
    }

    @Test
    void answersNameNoServerPathsVersionsOrKeys() throws Exception {
        Path notADirectory = Files.writeString(workspace.resolve("file-in-the-way"), "x");
        try (TestServer t = new TestServer(workspace, http -> http.withWorkspaceRoot(notADirectory));
             LogCapture logs = new LogCapture()) {
            t.provider.setUnavailable(true);
            Api.Reply ready = t.anonymous().get("/readyz");
            String secretLookingKey = "sk-live-" + "9".repeat(40);
            Api.Reply wrongKey = new Api(t.server.port(), secretLookingKey).get("/v1/sessions");
            WebSocketTest.Client ws = WebSocketTest.connect(t.server.port(), secretLookingKey);
            JsonNode wsRefusal = ws.next();

            assertThat(ready.status()).isEqualTo(503);
            assertThat(ready.body()).doesNotContain(workspace.toString()).doesNotContain("/");
            assertThat(ready.json().path("checks").path("workspace").asText()).isNotEqualTo("ok");
            assertThat(ready.json().path("checks").path("provider").asText()).isEqualTo("PROVIDER_UNAVAILABLE");
            assertThat(wrongKey.status()).isEqualTo(401);
            assertThat(wrongKey.body()).doesNotContain(secretLookingKey);
            assertThat(wrongKey.header("WWW-Authenticate")).startsWith("Bearer");
            assertThat(wsRefusal.toString()).contains("UNAUTHORIZED").doesNotContain(secretLookingKey);
            assertThat(logs.lines()).as("the adapter logged something about these requests").isNotEmpty()
                    .noneMatch(line -> (line.message() + line.mdc()).contains(secretLookingKey));
            assertThat(wrongKey.header("X-Content-Type-Options")).isEqualTo("nosniff");
            assertThat(ready.header("X-Content-Type-Options")).isEqualTo("nosniff");
            assertThat(ready.header("Server")).as("no server software version").isNull();
            assertThat(wrongKey.header("Server")).isNull();
        }
    }

    private static String turnContentType(TestServer t, String accept) {
        HttpResponse<InputStream> response = t.a.open("ct", "hi", accept);
        try (InputStream body = response.body()) {
            body.readAllBytes();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        assertThat(response.statusCode()).as(accept).isEqualTo(200);
        return response.headers().firstValue("Content-Type").orElse("");
    }
}
