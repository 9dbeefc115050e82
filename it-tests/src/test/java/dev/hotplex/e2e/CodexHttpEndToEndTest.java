package dev.hotplex.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hotplex.adapter.http.ApiKey;
import dev.hotplex.adapter.http.HotplexHttpServer;
import dev.hotplex.adapter.http.HttpConfig;
import dev.hotplex.app.AgentProvidersModule;
import dev.hotplex.app.HotplexBootstrap;
import dev.hotplex.app.config.ConfigLoader;
import dev.hotplex.app.config.HotplexSettings;
import dev.hotplex.core.port.out.AgentProvider;
import dev.hotplex.core.port.out.ContentPolicy;
import dev.hotplex.core.service.AgentProviders;
import dev.hotplex.core.service.DefaultEngine;
import dev.hotplex.core.service.InMemorySessionStore;
import dev.hotplex.core.service.RandomIdGenerator;
import dev.hotplex.core.service.SystemClock;
import dev.hotplex.testkit.RecordingEngineObserver;
import dev.hotplex.testkit.openai.CodexHomes;
import dev.hotplex.testkit.openai.CodexBinaryLocator;
import dev.hotplex.testkit.openai.FakeOpenAiApi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The Codex provider as an operator configures it ({@code providers: claude,codex} and the {@code codex:} section,
 * here through {@code HOTPLEX_*} variables), wired by the app's module, behind the HTTP API: a turn body that
 * names {@code codex} runs its session on the real Codex CLI although claude is the default.
 */
class CodexHttpEndToEndTest {
    private static final String KEY = "e2e-codex-key-0123456789";
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path sandbox;

    @Test
    void a_turn_that_names_codex_runs_on_codex_over_http_and_the_version_lists_both_providers() throws Exception {
        assumeTrue(CodexBinaryLocator.find().isPresent(), "the Codex CLI is not installed (bin/install-codex)");
        Path homes = CodexHomes.base();
        try (FakeOpenAiApi api = FakeOpenAiApi.start()) {
            Path codexHome = api.writeCodexHome(Files.createTempDirectory(homes, "http-"));
            Map<String, String> environment = Map.of(
                    "HOTPLEX_WORKSPACE_ROOT", sandbox.resolve("workspace").toString(),
                    "HOTPLEX_STATE_DIR", sandbox.resolve("state").toString(),
                    "HOTPLEX_PROVIDERS", "claude,codex",
                    "HOTPLEX_CODEX_BINARY", CodexBinaryLocator.locate().toString(),
                    "HOTPLEX_CODEX_HOME", codexHome.toString(),
                    "HOTPLEX_CODEX_MODEL", FakeOpenAiApi.DEFAULT_MODEL,
                    "HOTPLEX_CODEX_SANDBOX", "read-only",
                    "HOTPLEX_CODEX_APPROVAL_POLICY", "never",
                    "HOTPLEX_CODEX_ENV_" + FakeOpenAiApi.KEY_VARIABLE, "dummy");
            HotplexSettings settings = new ConfigLoader().load(Optional.empty(), environment, Map.of(), sandbox);
            AgentProviders providers = new HotplexBootstrap(List.of(new AgentProvidersModule(settings, sandbox)))
                    .start().getInstance(AgentProviders.class);
            Files.createDirectories(settings.workspace().rootPath(sandbox));
            DefaultEngine engine = new DefaultEngine(settings.engineConfig(sandbox), providers, ContentPolicy.allowAll(),
                    new RecordingEngineObserver(), new InMemorySessionStore(), new SystemClock(),
                    new RandomIdGenerator());
            HotplexHttpServer server = new HotplexHttpServer(engine, HttpConfig.defaults().withPort(0)
                    .withApiKeys(List.of(ApiKey.ofPlainKey("team-c", KEY)))).start();
            try {
                String base = "http://127.0.0.1:" + server.port();
                HttpClient client = HttpClient.newHttpClient();
                HttpResponse<String> turn = client.send(HttpRequest.newBuilder(URI.create(base
                                + "/v1/sessions/web-codex/turns"))
                        .header("Authorization", "Bearer " + KEY).header("Content-Type", "application/json")
                        .header("Accept", "application/json").timeout(WAIT)
                        .POST(HttpRequest.BodyPublishers.ofString("{\"prompt\":\"hello codex over http\","
                                + "\"provider\":\"codex\"}")).build(), HttpResponse.BodyHandlers.ofString());
                HttpResponse<String> version = client.send(HttpRequest.newBuilder(URI.create(base + "/v1/version"))
                        .header("Authorization", "Bearer " + KEY).timeout(WAIT).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                HttpResponse<String> view = client.send(HttpRequest.newBuilder(URI.create(base
                                + "/v1/sessions/web-codex")).header("Authorization", "Bearer " + KEY).timeout(WAIT)
                        .GET().build(), HttpResponse.BodyHandlers.ofString());

                ObjectMapper json = new ObjectMapper();
                assertThat(turn.statusCode()).as(turn.body()).isEqualTo(200);
                JsonNode document = json.readTree(turn.body());
                assertThat(document.path("outcome").asText()).isEqualTo("SUCCESS");
                assertThat(document.path("answer").asText()).isEqualTo("pong: hello codex over http");
                assertThat(api.requestBodies()).anySatisfy(body -> assertThat(body).contains("hello codex over http"));
                assertThat(json.readTree(view.body()).path("provider").asText()).isEqualTo("codex");
                JsonNode versions = json.readTree(version.body()).path("providers");
                assertThat(versions.path("codex").asText()).isEqualTo("codex-cli " + CodexBinaryLocator.VERSION);
                assertThat(versions.has("claude")).isTrue();
            } finally {
                server.stop(Duration.ofSeconds(5));
                engine.close();
                providers.byName().values().forEach(AgentProvider::close);
                CodexAndClaudeEngine.deleteTree(codexHome);
            }
        }
    }
}
