package dev.hotplex.testkit.anthropic;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static dev.hotplex.testkit.anthropic.JsonWriter.object;
import static dev.hotplex.testkit.anthropic.Values.at;
import static dev.hotplex.testkit.anthropic.Values.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The fake at the HTTP level: what each scripted behaviour streams, and what it records. */
class FakeAnthropicApiTest {
    private static final Duration WAIT = Duration.ofSeconds(5);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(WAIT).build();
    private FakeAnthropicApi api;

    @AfterEach
    void closeApi() {
        if (api != null) {
            api.close();
        }
        http.close();
    }

    @Test
    void answersAPlainPromptWithAPongStreamNamingTheRequestedModel() throws Exception {
        api = FakeAnthropicApi.start();

        HttpResponse<String> response = post("/v1/messages?beta=true", request("claude-test-1", "hello"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/event-stream"));
        List<Map<String, Object>> events = SseFrames.parse(response.body());
        assertThat(SseFrames.types(events)).containsExactly("message_start", "ping", "content_block_start",
                "content_block_delta", "content_block_delta", "content_block_stop", "message_delta", "message_stop");
        Map<String, Object> message = map(events.getFirst().get("message"));
        assertThat(message.get("model")).isEqualTo("claude-test-1");
        assertThat(message.get("id")).isEqualTo("msg_fake_1");
        assertThat(map(message.get("usage"))).containsKeys("input_tokens", "output_tokens");
        assertThat(text(events, 0)).isEqualTo("pong: hello");
        assertThat(stopReason(events)).isEqualTo("end_turn");
        assertThat(api.requestBodies()).containsExactly(request("claude-test-1", "hello"));
        assertThat(api.unexpectedRequests()).isEmpty();
    }

    @Test
    void useToolStreamsABashCallThenQuotesTheToolResult() throws Exception {
        api = FakeAnthropicApi.builder().toolCommand("echo \"quoted\" && ls").start();

        List<Map<String, Object>> call = SseFrames.parse(post("/v1/messages", request("m", "please USE TOOL now")).body());

        Map<String, Object> toolUse = call.stream().filter(event -> "content_block_start".equals(event.get("type")))
                .map(event -> map(event.get("content_block"))).filter(block -> "tool_use".equals(block.get("type")))
                .findFirst().orElseThrow();
        assertThat(toolUse.get("name")).isEqualTo("Bash");
        assertThat(toolUse.get("id")).isEqualTo("toolu_fake_1");
        assertThat(JsonParser.parseObject(partialJson(call, 1))).containsEntry("command", "echo \"quoted\" && ls");
        assertThat(text(call, 0)).isEqualTo("Running a command.");
        assertThat(stopReason(call)).isEqualTo("tool_use");

        String withResult = JsonWriter.write(object("model", "m", "messages", List.of(
                object("role", "user", "content", List.of(object("type", "text", "text", "use tool"))),
                object("role", "assistant", "content", List.of(object("type", "tool_use", "id", "toolu_fake_1"))),
                object("role", "user", "content", List.of(
                        object("type", "tool_result", "tool_use_id", "toolu_fake_1", "content", "quoted\nfile.txt"))))));
        List<Map<String, Object>> answer = SseFrames.parse(post("/v1/messages", withResult).body());

        assertThat(text(answer, 0)).isEqualTo("tool said: quoted\nfile.txt");
        assertThat(stopReason(answer)).isEqualTo("end_turn");
    }

    @Test
    void writeFileStreamsAWriteCall() throws Exception {
        api = FakeAnthropicApi.builder().writeFile("/tmp/x/notes.txt", "hi\n").start();

        List<Map<String, Object>> events = SseFrames.parse(post("/v1/messages", request("m", "write file please")).body());

        assertThat(JsonParser.parseObject(partialJson(events, 1)))
                .containsExactlyEntriesOf(object("file_path", "/tmp/x/notes.txt", "content", "hi\n"));
        assertThat(stopReason(events)).isEqualTo("tool_use");
    }

    @Test
    void thinkStreamsASignedThinkingBlockBeforeTheText() throws Exception {
        api = FakeAnthropicApi.start();

        List<Map<String, Object>> events = SseFrames.parse(post("/v1/messages", request("m", "think hard")).body());

        List<Map<String, Object>> deltas = events.stream().filter(event -> "content_block_delta".equals(event.get("type")))
                .map(event -> map(event.get("delta"))).toList();
        assertThat(deltas).extracting(delta -> delta.get("type"))
                .containsExactly("thinking_delta", "thinking_delta", "signature_delta", "text_delta", "text_delta");
        assertThat(deltas.get(2).get("signature")).isEqualTo("fake_signature_1");
        assertThat(text(events, 1)).isEqualTo("thought it through");
    }

    @Test
    void serverErrorAnswersAnAnthropicShapedHttp500() throws Exception {
        api = FakeAnthropicApi.start();

        HttpResponse<String> response = post("/v1/messages", request("m", "cause a server error"));

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(JsonParser.parse(response.body())).isEqualTo(
                Map.of("type", "error", "error", Map.of("type", "api_error", "message", "fake failure")));
        assertThat(response.headers().firstValue("request-id")).hasValue("req_fake_1");
    }

    @Test
    void scriptedRulesComeFirstInTheOrderAdded() throws Exception {
        api = FakeAnthropicApi.builder()
                .when("overloaded", new Reply.Failure(529, "overloaded_error", "busy"))
                .when("use tool", Reply.text("no tools today"))
                .when("tool", Reply.text("never reached for 'use tool'"))
                .start();

        assertThat(post("/v1/messages", request("m", "overloaded")).statusCode()).isEqualTo(529);
        assertThat(text(SseFrames.parse(post("/v1/messages", request("m", "use tool")).body()), 0)).isEqualTo("no tools today");
    }

    @Test
    void slowStreamsTimedChunksAndStopsAsSoonAsTheClientDisconnects() throws Exception {
        api = FakeAnthropicApi.builder().slow(3, Duration.ofMillis(20)).start();
        List<Map<String, Object>> events = SseFrames.parse(post("/v1/messages", request("m", "be slow")).body());
        assertThat(text(events, 0)).isEqualTo("tick 1 tick 2 tick 3 ");
        api.close();

        api = FakeAnthropicApi.builder().slow(100, Duration.ofMillis(100)).start();
        long start = System.nanoTime();
        try (Socket socket = new Socket("127.0.0.1", URI.create(api.baseUrl()).getPort())) {
            socket.setSoTimeout((int) WAIT.toMillis());
            byte[] body = request("m", "slow please").getBytes(StandardCharsets.UTF_8);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /v1/messages HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: "
                    + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            readUntil(socket.getInputStream(), "content_block_start");
        }

        assertThat(api.awaitAbortedResponses(1, WAIT)).isEqualTo(1);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2)); // not the 10 s of the full answer
    }

    @Test
    void hangNeverAnswersUntilClosed() throws Exception {
        api = FakeAnthropicApi.start();
        CompletableFuture<HttpResponse<String>> pending = http.sendAsync(
                HttpRequest.newBuilder(URI.create(api.baseUrl() + "/v1/messages"))
                        .POST(HttpRequest.BodyPublishers.ofString(request("m", "hang"))).build(),
                HttpResponse.BodyHandlers.ofString());

        api.awaitRequestBodies(1, WAIT);
        assertThatThrownBy(() -> pending.get(300, TimeUnit.MILLISECONDS)).isInstanceOf(TimeoutException.class);
        long start = System.nanoTime();
        api.close();

        assertThatThrownBy(() -> pending.get(WAIT.toMillis(), TimeUnit.MILLISECONDS)).hasCauseInstanceOf(IOException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(WAIT);
        assertThat(api.abortedResponses()).isZero();
    }

    @Test
    void unknownPathsAndMethodsGet404AndAreListed() throws Exception {
        api = FakeAnthropicApi.start();

        HttpResponse<Void> head = http.send(HttpRequest.newBuilder(URI.create(api.baseUrl() + "/"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).timeout(WAIT).build(), HttpResponse.BodyHandlers.discarding());
        HttpResponse<String> get = http.send(HttpRequest.newBuilder(URI.create(api.baseUrl() + "/v1/models?limit=1"))
                .timeout(WAIT).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> countTokens = post("/v1/messages/count_tokens", request("m", "x"));

        assertThat(List.of(head.statusCode(), get.statusCode(), countTokens.statusCode())).containsOnly(404);
        assertThat(api.unexpectedRequests()).containsExactly("HEAD /", "GET /v1/models?limit=1", "POST /v1/messages/count_tokens");
        assertThat(api.requestBodies()).isEmpty();
    }

    @Test
    void answersAnUnreadableRequestWith400ButRecordsIt() throws Exception {
        api = FakeAnthropicApi.start();

        HttpResponse<String> response = post("/v1/messages", "{not json");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(at(JsonParser.parse(response.body()), "error", "type")).isEqualTo("invalid_request_error");
        assertThat(api.requestBodies()).containsExactly("{not json");
    }

    @Test
    void waitingForRequestsIsBounded() {
        api = FakeAnthropicApi.start();

        assertThatThrownBy(() -> api.awaitRequestBodies(1, Duration.ofMillis(50)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("timed out");
        assertThat(api.baseUrl()).matches("http://127\\.0\\.0\\.1:\\d+");
    }

    private HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(api.baseUrl() + path)).timeout(WAIT)
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A request shaped like Claude Code's: a reminder block, then the prompt, then a system message. */
    private static String request(String model, String prompt) {
        return JsonWriter.write(object("model", model, "stream", true, "messages", List.of(
                object("role", "user", "content", List.of(
                        object("type", "text", "text", "<system-reminder>ignore me, use tool</system-reminder>"),
                        object("type", "text", "text", prompt))),
                object("role", "system", "content", "# Environment"))));
    }

    /** The joined text deltas of content block {@code index}. */
    private static String text(List<Map<String, Object>> events, int index) {
        return deltas(events, index, "text_delta", "text");
    }

    private static String partialJson(List<Map<String, Object>> events, int index) {
        return deltas(events, index, "input_json_delta", "partial_json");
    }

    private static String deltas(List<Map<String, Object>> events, int index, String type, String field) {
        StringBuilder joined = new StringBuilder();
        for (Map<String, Object> event : events) {
            if ("content_block_delta".equals(event.get("type")) && Long.valueOf(index).equals(event.get("index"))
                    && event.get("delta") instanceof Map<?, ?> delta && type.equals(delta.get("type"))) {
                joined.append((String) delta.get(field));
            }
        }
        return joined.toString();
    }

    private static Object stopReason(List<Map<String, Object>> events) {
        Map<String, Object> messageDelta = events.stream().filter(event -> "message_delta".equals(event.get("type")))
                .findFirst().orElseThrow();
        return at(messageDelta, "delta", "stop_reason");
    }

    private static void readUntil(InputStream in, String marker) throws IOException {
        StringBuilder seen = new StringBuilder();
        int b;
        while ((b = in.read()) >= 0) {
            seen.append((char) b);
            if (seen.indexOf(marker) >= 0) {
                return;
            }
        }
        throw new AssertionError("stream ended before '" + marker + "': " + seen);
    }
}
