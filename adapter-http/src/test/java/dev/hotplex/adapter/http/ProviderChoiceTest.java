package dev.hotplex.adapter.http;

import dev.hotplex.core.port.out.ContentPolicy;
import dev.hotplex.testkit.FakeProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpRequest;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** A turn body may name the provider of its session; the version lists every provider's CLI. */
class ProviderChoiceTest {
    @TempDir
    Path workspace;

    TestServer t;

    @BeforeEach
    void start() {
        // a short heartbeat: a WebSocket refusal is reported at the next heartbeat tick
        t = new TestServer(workspace, http -> http.withStreaming(java.time.Duration.ofMillis(200),
                http.disconnectPolicy(), http.streamBufferEvents()), engine -> engine, ContentPolicy.allowAll());
    }

    @AfterEach
    void stop() {
        t.close();
    }

    private Api.Reply turn(String sessionId, String body) {
        return t.a.send(t.a.request("/v1/sessions/" + sessionId + "/turns").header("Accept", "application/json")
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    @Test
    void a_configured_provider_runs_the_session_and_shows_in_its_view() {
        Api.Reply reply = turn("p1", "{\"prompt\":\"hi\",\"provider\":\"" + FakeProvider.NAME + "\"}");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().path("answer").asText()).isEqualTo("echo: hi");
        assertThat(t.a.get("/v1/sessions/p1").json().path("provider").asText()).isEqualTo(FakeProvider.NAME);
    }

    @Test
    void an_unconfigured_or_malformed_provider_is_a_400_that_starts_nothing() {
        Api.Reply unknown = turn("p2", "{\"prompt\":\"hi\",\"provider\":\"codex\"}");
        Api.Reply malformed = turn("p3", "{\"prompt\":\"hi\",\"provider\":\"Codex CLI\"}");

        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().path("error").path("message").asText()).contains("codex").contains("not configured");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.json().path("error").path("message").asText()).contains("'provider'");
        assertThat(t.provider.openCount()).isZero();
    }

    @Test
    void a_websocket_execute_may_name_the_provider_too() throws Exception {
        WebSocketTest.Client client = new WebSocketTest.Client();
        client.socket = Api.CLIENT.newWebSocketBuilder().header("Authorization", "Bearer " + TestServer.KEY_A)
                .buildAsync(java.net.URI.create("ws://127.0.0.1:" + t.server.port() + "/v1/ws"), client).join();

        client.send("{\"type\":\"execute\",\"id\":\"w\",\"sessionId\":\"ws1\",\"prompt\":\"hi\","
                + "\"provider\":\"codex\"}");
        com.fasterxml.jackson.databind.JsonNode refused = client.next();

        assertThat(refused.path("error").path("code").asText()).isEqualTo("INVALID_CONFIG");
        assertThat(refused.path("error").path("message").asText()).contains("provider 'codex' is not configured");
        assertThat(t.provider.openCount()).isZero();
    }

    @Test
    void the_version_lists_each_providers_cli() {
        Api.Reply version = t.a.get("/v1/version");

        assertThat(version.status()).isEqualTo(200);
        assertThat(version.json().path("providers").path(FakeProvider.NAME).asText())
                .isEqualTo(FakeProvider.DEFAULT_VERSION);
    }
}
