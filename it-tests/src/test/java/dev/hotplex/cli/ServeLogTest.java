package dev.hotplex.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hotplex.testkit.anthropic.FakeAnthropicApi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code hotplex serve} as a separate process with JSON logs at the most verbose level, an API key and an admin token
 * in its config file, a real turn of the Claude Code CLI (against the fake API), then {@code hotplex sessions} run as
 * separate processes against it: every log line is one JSON object, request lines carry the tenant and session, and
 * neither secret ever shows in any output.
 */
class ServeLogTest {
    private static final String API_KEY = "api-key-7f3a9c1e5b2d4f60";
    private static final String ADMIN_TOKEN = "admin-token-e4b8d2a6c0f1937";
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final RealClaudeCli CLI = RealClaudeCli.against(FakeAnthropicApi::start);

    @TempDir
    Path sandbox;

    @Test
    void jsonLogsWithTenantAndSessionAndNoSecrets() throws Exception {
        HotplexLauncher hotplex = CLI.hotplex(sandbox);
        Path config = Files.writeString(sandbox.resolve("hotplex.yaml"), """
                log:
                  level: trace
                http:
                  port: 0
                  api-keys: ["%s=team-a"]
                waf:
                  admin-token: "%s"
                """.formatted(API_KEY, ADMIN_TOKEN));
        HotplexLauncher.Started serve = hotplex.start(Map.of(), "--config", config.toString(), "--log-format", "json",
                "serve");
        List<String> outputs = new ArrayList<>();
        try {
            String port = serve.awaitOut(Pattern.compile("serving on http://127\\.0\\.0\\.1:(\\d+)"), Duration.ofSeconds(60));
            String url = "http://127.0.0.1:" + port;
            try (HttpClient client = HttpClient.newHttpClient()) {
                HttpResponse<String> turn = client.send(HttpRequest.newBuilder(URI.create(url + "/v1/sessions/s1/turns"))
                        .header("Authorization", "Bearer " + API_KEY).header("Accept", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"prompt\":\"hello there\"}")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(turn.statusCode()).as(turn.body()).isEqualTo(200);
                HttpResponse<String> refused = client.send(HttpRequest.newBuilder(URI.create(url + "/v1/sessions"))
                        .header("Authorization", "Bearer " + ADMIN_TOKEN).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(refused.statusCode()).isEqualTo(401);
            }

            // the whole command tree, built by Guice in a separate JVM, against the running server
            HotplexLauncher.Result list = hotplex.run("", "--config", config.toString(), "sessions", "list", "--json",
                    "--server", url, "--api-key-is-not-a-flag");
            assertThat(list.exitCode()).as("an unknown option is a usage error").isEqualTo(2);
            Map<String, String> apiKey = Map.of("HOTPLEX_API_KEY", API_KEY);
            HotplexLauncher.Result listed = hotplex.run(apiKey, "", "--config", config.toString(), "sessions", "list",
                    "--json", "--server", url);
            assertThat(listed.exitCode()).as(listed.err()).isZero();
            assertThat(JSON.readTree(listed.out()).get("sessions").get(0).get("id").asText()).isEqualTo("s1");
            HotplexLauncher.Result shown = hotplex.run(apiKey, "", "--config", config.toString(), "sessions", "show",
                    "s1", "--server", url);
            assertThat(shown.exitCode()).as(shown.err()).isZero();
            assertThat(shown.out()).contains("s1", "READY");
            HotplexLauncher.Result wrongKey = hotplex.run(Map.of("HOTPLEX_API_KEY", ADMIN_TOKEN), "", "--config",
                    config.toString(), "sessions", "list", "--server", url);
            assertThat(wrongKey.exitCode()).as(wrongKey.out() + wrongKey.err()).isEqualTo(7);
            outputs.addAll(List.of(list.out(), list.err(), listed.out(), listed.err(), shown.out(), shown.err(),
                    wrongKey.out(), wrongKey.err()));
        } finally {
            serve.stop();
        }
        String log = serve.errText();
        outputs.add(serve.outText());
        outputs.add(log);

        List<JsonNode> lines = log.lines().filter(line -> !line.isBlank()).map(ServeLogTest::parse).toList();
        assertThat(lines).as("a trace-level serve with a turn logs plenty").hasSizeGreaterThan(5);
        assertThat(lines).allSatisfy(line -> assertThat(line.has("timestamp") && line.has("level") && line.has("logger")
                && line.has("message") && line.get("mdc").isObject()).as(line.toString()).isTrue());
        assertThat(lines).anySatisfy(line -> {
            assertThat(line.get("message").asText()).contains("/v1/sessions/s1/turns");
            assertThat(line.get("mdc").get("tenant").asText()).isEqualTo("team-a");
            assertThat(line.get("mdc").get("session").asText()).isEqualTo("s1");
        });
        assertThat(lines).as("core's System.Logger lines are in the same format")
                .anySatisfy(line -> assertThat(line.get("logger").asText()).startsWith("dev.hotplex.provider"));
        assertThat(String.join("\n", outputs)).doesNotContain(API_KEY).doesNotContain(ADMIN_TOKEN);
    }

    private static JsonNode parse(String line) {
        try {
            return JSON.readTree(line);
        } catch (Exception e) {
            throw new AssertionError("not a JSON log line: " + line, e);
        }
    }
}
