package dev.hotplex.e2e;

import dev.hotplex.adapter.http.ApiKey;
import dev.hotplex.adapter.http.HotplexHttpServer;
import dev.hotplex.adapter.http.HttpConfig;
import dev.hotplex.core.port.out.ContentPolicy;
import dev.hotplex.testkit.anthropic.FakeAnthropicApi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** One turn through the whole stack: HTTP client → SSE route → engine → real Claude Code CLI → fake model API. */
class HttpSseEndToEndTest {
    private static final String KEY = "e2e-secret-key-0123456789";

    @TempDir
    Path sandbox;

    @Test
    void aTurnOfTheRealCliStreamsAsServerSentEvents() throws Exception {
        Path binary = RealClaude.requireBinary();
        try (FakeAnthropicApi api = FakeAnthropicApi.start();
             RealClaude claude = RealClaude.start(binary, sandbox, api, ContentPolicy.allowAll())) {
            HttpConfig config = HttpConfig.defaults().withPort(0)
                    .withApiKeys(List.of(ApiKey.ofPlainKey("team-a", KEY)));
            HotplexHttpServer server = new HotplexHttpServer(claude.engine, config).start();
            try {
                HttpRequest request = HttpRequest.newBuilder(
                                URI.create("http://127.0.0.1:" + server.port() + "/v1/sessions/web-1/turns"))
                        .header("Authorization", "Bearer " + KEY)
                        .header("Content-Type", "application/json")
                        .timeout(RealClaude.WAIT)
                        .POST(HttpRequest.BodyPublishers.ofString("{\"prompt\":\"hello over http\"}"))
                        .build();
                HttpResponse<java.util.stream.Stream<String>> response = HttpClient.newHttpClient()
                        .send(request, HttpResponse.BodyHandlers.ofLines());

                List<String> events = new ArrayList<>();
                List<String> data = new ArrayList<>();
                response.body().forEach(line -> {
                    if (line.startsWith("event: ")) {
                        events.add(line.substring("event: ".length()));
                    } else if (line.startsWith("data: ")) {
                        data.add(line.substring("data: ".length()));
                    }
                });

                assertThat(response.statusCode()).isEqualTo(200);
                assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                        type -> assertThat(type).startsWith("text/event-stream"));
                assertThat(events.getFirst()).isEqualTo("session_start");
                assertThat(events.getLast()).isEqualTo("session_stats");
                assertThat(events).contains("answer");
                StringBuilder answer = new StringBuilder();
                com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
                for (int i = 0; i < events.size(); i++) {
                    if (events.get(i).equals("answer")) {
                        answer.append(json.readTree(data.get(i)).path("text").asText());
                    }
                }
                // streamed as deltas, never repeated as a whole block
                assertThat(answer.toString()).isEqualTo("pong: hello over http");
                // the CLI really answered this prompt through the fake model API
                assertThat(api.requestBodies()).anySatisfy(body -> assertThat(body).contains("hello over http"));
                // the tenant's id is namespaced inside the engine, and only its own id is shown to it
                assertThat(claude.engine.sessions()).extracting(view -> view.sessionId().value())
                        .containsExactly("team-a:web-1");
                assertThat(String.join("\n", data)).contains("\"sessionId\":\"web-1\"")
                        .doesNotContain("\"sessionId\":\"team-a:web-1\"");
            } finally {
                server.stop(java.time.Duration.ofSeconds(5));
            }
        }
    }
}
