package dev.hotplex.adapter.http;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LimitsTest {
    @TempDir
    Path workspace;
    TestServer t;

    @BeforeEach
    void start() {
        t = new TestServer(workspace, http -> http.withLimits(64 * 1024, 1000));
    }

    @AfterEach
    void stop() {
        t.close();
    }

    @Test
    void aBodyOverTheLimitIs413() {
        Api.Reply reply = t.a.post("/v1/sessions/s1/turns", Api.prompt("x".repeat(100 * 1024)));

        assertThat(reply.status()).isEqualTo(413);
        assertThat(reply.errorCode()).isEqualTo("PAYLOAD_TOO_LARGE");
        assertThat(reply.hasErrorShape()).isTrue();
        assertThat(t.provider.turnInputs()).isEmpty();
    }

    @Test
    void aChunkedBodyOverTheLimitIs413() {
        byte[] big = Api.prompt("y".repeat(100 * 1024)).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        Api.Reply reply = t.a.send(t.a.request("/v1/sessions/s1/turns").POST(HttpRequest.BodyPublishers
                .ofInputStream(() -> new java.io.ByteArrayInputStream(big))).build());

        assertThat(reply.status()).isEqualTo(413);
        assertThat(reply.hasErrorShape()).isTrue();
    }

    @Test
    void aPromptOverTheLimitIs413() {
        Api.Reply reply = t.a.turnJson("s1", "z".repeat(1001));

        assertThat(reply.status()).isEqualTo(413);
        assertThat(reply.errorCode()).isEqualTo("PAYLOAD_TOO_LARGE");
        assertThat(t.provider.turnInputs()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{", "not json", "[]", "\"text\"", "null", "{\"prompt\":1}", "{\"prompt\":true}", "{\"prompt\":[\"a\"]}",
            "{\"prompt\":{\"a\":1}}", "{\"prompt\":\"hi\",\"model\":\"x\"}", "{\"prompt\":\"hi\"} trailing",
            "{\"prompt\":\"hi\",\"prompt\":\"again\"}", "{}", "{\"prompt\":\"\"}", "{\"prompt\":\"   \"}",
            "{\"prompt\":\"a\\u0000b\"}", "{\"prompt\":\"hi\",\"workDir\":5}"})
    void malformedTurnBodiesAre400AndNeverReachTheEngine(String body) {
        Api.Reply reply = t.a.post("/v1/sessions/s1/turns", body);

        assertThat(reply.status()).as(body).isEqualTo(400);
        assertThat(reply.errorCode()).isEqualTo("INVALID_REQUEST");
        assertThat(reply.hasErrorShape()).isTrue();
        assertThat(t.provider.turnInputs()).isEmpty();
        assertThat(t.engine.sessions()).isEmpty();
    }

    @Test
    void deepJsonIs400() {
        String deep = "{\"prompt\":\"hi\",\"workDir\":" + "[".repeat(5000) + "]".repeat(5000) + "}";
        Api.Reply reply = t.a.post("/v1/sessions/s1/turns", deep);

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.hasErrorShape()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"..", ".hidden", "-dash", "a%2Fb", "..%2F..%2Fetc%2Fpasswd", "a%00b", "a%0Ab", "sp%20ace",
            "%C3%A9t%C3%A9", "a*b", "a$b"})
    void badSessionIdsAre400(String id) {
        Api.Reply reply = t.a.post("/v1/sessions/" + id + "/turns", Api.prompt("hi"));

        assertThat(reply.status()).as(id).isBetween(400, 404);
        assertThat(reply.hasErrorShape()).as(id + ": " + reply.body()).isTrue();
        assertThat(t.provider.turnInputs()).isEmpty();
    }

    @Test
    void aTooLongSessionIdIs400() {
        Api.Reply reply = t.a.post("/v1/sessions/" + "a".repeat(120) + "/turns", Api.prompt("hi"));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.errorCode()).isEqualTo("INVALID_CONFIG");
        assertThat(t.a.get("/v1/sessions/" + "a".repeat(200)).status()).isEqualTo(400);
    }

    @Test
    void overTheRateLimitIs429WithRetryAfterPerTenant(@TempDir Path other) {
        try (TestServer limited = new TestServer(other, http -> http.withRateLimit(
                new RateLimit(3, Duration.ofSeconds(30))))) {
            List<Integer> statuses = java.util.stream.IntStream.range(0, 5)
                    .mapToObj(i -> limited.a.get("/v1/sessions").status()).toList();
            Api.Reply limitedReply = limited.a.get("/v1/sessions");

            assertThat(statuses).containsExactly(200, 200, 200, 429, 429);
            assertThat(limitedReply.errorCode()).isEqualTo("RATE_LIMITED");
            assertThat(limitedReply.header("Retry-After")).isEqualTo("30");
            assertThat(limited.b.get("/v1/sessions").status()).isEqualTo(200);
        }
    }
}
