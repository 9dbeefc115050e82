package dev.hotplex.adapter.http;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.MDC;

import java.net.http.WebSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The MDC ({@code tenant}, {@code session}, {@code request}) of the adapter's log lines, over HTTP and over the
 * WebSocket, observed on real log events; and that it is cleared after each unit of work.
 */
class LogContextTest {
    @TempDir
    Path workspace;

    @AfterEach
    void clear() {
        MDC.clear();
    }

    @Test
    void httpRequestLinesCarryTenantSessionAndRequestId() {
        try (TestServer t = new TestServer(workspace); LogCapture logs = new LogCapture()) {
            Api.Reply reply = t.a.get("/v1/sessions/h1");

            LogCapture.Line line = awaitLine(logs, "GET /v1/sessions/h1 -> 404");
            assertThat(line.mdc()).containsEntry("tenant", "tenant-a").containsEntry("session", "h1")
                    .containsEntry("request", reply.header("X-Request-Id"));
        }
    }

    @Test
    void webSocketMessageLinesCarryTenantSessionAndTheRequestIdOfTheirAnswer() throws Exception {
        try (TestServer t = new TestServer(workspace); LogCapture logs = new LogCapture()) {
            WebSocketTest.Client client = WebSocketTest.connect(t.server.port(), TestServer.KEY_B);
            client.send("{\"type\":\"stats\",\"id\":\"1\",\"sessionId\":\"w1\"}");
            JsonNode refused = client.next();
            client.send("{\"type\":\"sessions\",\"id\":\"2\"}");
            client.next();
            client.send("{\"type\":\"stats\",\"id\":\"3\",\"sessionId\":\"bad\\nid\"}");
            client.next();

            LogCapture.Line stats = awaitLine(logs, "WebSocket stats -> SESSION_NOT_FOUND");
            assertThat(stats.mdc()).isEqualTo(Map.of("tenant", "tenant-b", "session", "w1", "request",
                    refused.path("error").path("requestId").asText()));
            LogCapture.Line sessions = awaitLine(logs, "WebSocket sessions -> ok");
            assertThat(sessions.mdc()).containsEntry("tenant", "tenant-b").containsKey("request")
                    .doesNotContainKey("session");
            LogCapture.Line unsafe = awaitLine(logs, "WebSocket stats -> INVALID_CONFIG");
            assertThat(unsafe.mdc()).as("a client id that could forge a log line stays out").doesNotContainKey(
                    "session");
            assertThat(awaitLine(logs, "WebSocket connected").mdc()).containsEntry("tenant", "tenant-b");
            client.socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").join();
        }
    }

    @Test
    @SuppressWarnings("try") // the contexts are used for their scope
    void closingRestoresWhatTheThreadHadBefore() {
        MDC.put("outer", "kept");
        try (LogContext first = LogContext.open(new Tenant("t1"), "s1", "r1")) {
            assertThat(MDC.getCopyOfContextMap()).containsEntry("tenant", "t1").containsEntry("session", "s1")
                    .containsEntry("request", "r1").containsEntry("outer", "kept");
            try (LogContext second = LogContext.open(new Tenant("t2"), null, "r2")) {
                assertThat(MDC.get("session")).isNull();
                assertThat(MDC.get("tenant")).isEqualTo("t2");
            }
            assertThat(MDC.get("session")).isEqualTo("s1");
        }
        assertThat(MDC.getCopyOfContextMap()).isEqualTo(Map.of("outer", "kept"));

        MDC.clear();
        LogContext.open(new Tenant("t3"), "s3", "r3").close();
        assertThat(MDC.getCopyOfContextMap()).isNullOrEmpty();
    }

    /** The line is logged after the answer is sent, so wait a little for it. */
    private static LogCapture.Line awaitLine(LogCapture logs, String message) {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (System.nanoTime() < deadline) {
            for (LogCapture.Line line : logs.lines()) {
                if (line.message().equals(message)) {
                    return line;
                }
            }
            Thread.onSpinWait();
        }
        throw new AssertionError("no log line '" + message + "' in " + logs.lines());
    }
}
