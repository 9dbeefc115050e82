package dev.hotplex.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hotplex.adapter.cli.CliEnvironment;
import dev.hotplex.adapter.cli.Diagnostics;
import dev.hotplex.adapter.cli.ExitCodes;
import dev.hotplex.adapter.cli.ServerApiFactory;
import dev.hotplex.adapter.cli.SessionsCommand;
import dev.hotplex.adapter.cli.SessionsListCommand;
import dev.hotplex.adapter.cli.SessionsResetCommand;
import dev.hotplex.adapter.cli.SessionsShowCommand;
import dev.hotplex.adapter.cli.SessionsStopCommand;
import dev.hotplex.adapter.http.ApiKey;
import dev.hotplex.adapter.http.HotplexHttpServer;
import dev.hotplex.adapter.http.HttpConfig;
import dev.hotplex.core.model.SessionId;
import dev.hotplex.core.model.SessionState;
import dev.hotplex.core.port.out.ContentPolicy;
import dev.hotplex.core.service.DefaultEngine;
import dev.hotplex.core.service.EngineConfig;
import dev.hotplex.core.service.InMemorySessionStore;
import dev.hotplex.testkit.FakeProvider;
import dev.hotplex.testkit.ManualClock;
import dev.hotplex.testkit.RecordingEngineObserver;
import dev.hotplex.testkit.SequentialIdGenerator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code hotplex sessions list|show|stop|reset} against a real {@link HotplexHttpServer} on an ephemeral port, over an
 * engine with a fake agent: two tenants, real HTTP, the documented exit codes.
 */
class SessionsCommandTest {
    private static final String KEY_A = "key-of-team-a-0123456789";
    private static final String KEY_B = "key-of-team-b-0123456789";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path temp;

    private final FakeProvider provider = new FakeProvider();
    private DefaultEngine engine;
    private HotplexHttpServer server;
    private String url;
    private String out;
    private String err;

    @BeforeEach
    void start() throws Exception {
        Path workspace = temp.resolve("ws");
        engine = new DefaultEngine(EngineConfig.defaults(workspace), provider, ContentPolicy.allowAll(),
                new RecordingEngineObserver(), new InMemorySessionStore(), new ManualClock(),
                new SequentialIdGenerator("turn"));
        server = new HotplexHttpServer(engine, HttpConfig.defaults().withPort(0).withWorkspaceRoot(workspace)
                .withApiKeys(List.of(ApiKey.ofPlainKey("team-a", KEY_A), ApiKey.ofPlainKey("team-b", KEY_B)))).start();
        url = "http://127.0.0.1:" + server.port();
        turn(KEY_A, "alpha");
        turn(KEY_A, "beta");
        turn(KEY_B, "secret-of-b");
    }

    @AfterEach
    void stop() {
        server.stop(Duration.ofSeconds(5));
        engine.close();
    }

    @Test
    void listShowsOnlyTheCallersSessionsAsATable() {
        assertThat(sessions(KEY_A, "list", "--server", url)).isZero();

        List<String> lines = out.lines().toList();
        assertThat(lines.getFirst()).startsWith("ID").contains("STATE", "PID", "PROVIDER", "LAST ACTIVE", "WORK DIR");
        assertThat(lines).hasSize(3);
        assertThat(lines.get(1)).startsWith("alpha ").contains("READY", "fake");
        assertThat(lines.get(2)).startsWith("beta ");
        assertThat(out).doesNotContain("secret-of-b");
    }

    @Test
    void listAsJsonIsTheServersShapeOnOneLine() throws Exception {
        assertThat(sessions(KEY_A, "list", "--json", "--server", url)).isZero();

        assertThat(out.lines()).hasSize(1);
        JsonNode sessions = JSON.readTree(out).get("sessions");
        assertThat(sessions).extracting(node -> node.get("id").asText()).containsExactly("alpha", "beta");
        assertThat(sessions.get(0).get("pid").asLong()).isGreaterThanOrEqualTo(FakeProvider.FIRST_PID);
    }

    @Test
    void showPrintsOneSession() throws Exception {
        assertThat(sessions(KEY_A, "show", "alpha", "--server", url)).isZero();
        assertThat(out).contains("id:", "alpha", "state:", "READY", "provider:", "fake", "work dir:");

        assertThat(sessions(KEY_A, "show", "--json", "beta", "--server", url)).isZero();
        assertThat(JSON.readTree(out).get("id").asText()).isEqualTo("beta");
    }

    @Test
    void stopEndsTheSessionsProcess() {
        assertThat(sessions(KEY_A, "stop", "alpha", "--server", url)).isZero();

        assertThat(out).contains("stopped session alpha");
        assertThat(engine.session(SessionId.of("team-a:alpha")).orElseThrow().state()).isEqualTo(SessionState.STOPPED);
        assertThat(engine.session(SessionId.of("team-a:beta")).orElseThrow().state().hasLiveProcess()).isTrue();
    }

    @Test
    void resetForgetsTheConversation() throws Exception {
        assertThat(sessions(KEY_A, "reset", "--json", "beta", "--server", url)).isZero();

        assertThat(JSON.readTree(out).get("action").asText()).isEqualTo("reset");
        assertThat(engine.session(SessionId.of("team-a:beta")).orElseThrow().state().hasLiveProcess()).isFalse();
    }

    @Test
    void anotherTenantsSessionIsNotFound() {
        assertThat(sessions(KEY_A, "show", "secret-of-b", "--server", url)).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(err).contains("no session 'secret-of-b'");

        assertThat(sessions(KEY_A, "stop", "secret-of-b", "--server", url)).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(sessions(KEY_A, "reset", "secret-of-b", "--server", url)).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(engine.session(SessionId.of("team-b:secret-of-b")).orElseThrow().state().hasLiveProcess()).isTrue();
    }

    @Test
    void aWrongKeyIsUnauthorizedAndNeverEchoed() {
        String wrong = "wrong-key-never-to-be-printed";
        assertThat(sessions(wrong, "list", "--server", url)).isEqualTo(ExitCodes.UNAUTHORIZED);
        assertThat(err).contains("refused", "HOTPLEX_API_KEY");
        assertThat(out + err).doesNotContain(wrong);

        assertThat(sessions(null, "list", "--server", url)).isEqualTo(ExitCodes.UNAUTHORIZED);
        assertThat(err).contains("set HOTPLEX_API_KEY");
    }

    @Test
    void aServerThatIsDownIsReportedAsUnreachable() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        assertThat(sessions(KEY_A, "list", "--server", "http://127.0.0.1:" + closedPort))
                .isEqualTo(ExitCodes.SERVER_UNREACHABLE);
        assertThat(err).contains("cannot reach the hotplex server at http://127.0.0.1:" + closedPort);
    }

    @Test
    void withoutServerTheConfiguredLocalPortIsUsed() {
        assertThat(sessions(KEY_A, "list")).isZero();
        assertThat(out).contains("alpha", "beta");
    }

    @Test
    void aBadServerUrlIsAUsageError() {
        assertThat(sessions(KEY_A, "list", "--server", "ftp://example")).isEqualTo(ExitCodes.USAGE);
        assertThat(err).contains("--server must be an http:// or https:// URL");
    }

    private int sessions(String apiKey, String... args) {
        ServerApiFactory servers = new ServerApiFactory(new PortDiagnostics(server.port()),
                CliEnvironment.of(apiKey == null ? Map.of() : Map.of(ServerApiFactory.API_KEY_VARIABLE, apiKey)));
        CommandLine.IFactory factory = new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> type) throws Exception {
                Object command = type == SessionsListCommand.class ? new SessionsListCommand(servers)
                        : type == SessionsShowCommand.class ? new SessionsShowCommand(servers)
                        : type == SessionsStopCommand.class ? new SessionsStopCommand(servers)
                        : type == SessionsResetCommand.class ? new SessionsResetCommand(servers)
                        : CommandLine.defaultFactory().create(type);
                return type.cast(command);
            }
        };
        StringWriter outText = new StringWriter();
        StringWriter errText = new StringWriter();
        // the group alone: the other commands need an engine (ServeLogTest runs the whole tree in a child JVM)
        int code = new CommandLine(SessionsCommand.class, factory).setOut(new PrintWriter(outText, true))
                .setErr(new PrintWriter(errText, true)).execute(args);
        out = outText.toString();
        err = errText.toString();
        return code;
    }

    private void turn(String key, String session) throws Exception {
        try (HttpClient client = HttpClient.newHttpClient()) {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(url + "/v1/sessions/" + session
                            + "/turns")).header("Authorization", "Bearer " + key).header("Accept", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"prompt\":\"hello\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        }
    }

    /** The configuration as far as {@code sessions} cares: the local server's port. */
    private record PortDiagnostics(int httpPort) implements Diagnostics {
        @Override
        public String configurationSource() {
            return "test";
        }

        @Override
        public List<String> providers() {
            return List.of("fake");
        }

        @Override
        public Optional<String> agentBinary() {
            return Optional.empty();
        }

        @Override
        public Path workspaceRoot() {
            return Path.of("ws");
        }

        @Override
        public Path stateDir() {
            return Path.of("state");
        }

        @Override
        public dev.hotplex.adapter.cli.TelemetrySummary telemetry() {
            return new dev.hotplex.adapter.cli.TelemetrySummary("none", Optional.empty(), 0, false, false);
        }
    }
}
