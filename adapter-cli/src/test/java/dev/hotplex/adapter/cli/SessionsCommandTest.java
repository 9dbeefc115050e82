package dev.hotplex.adapter.cli;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code hotplex sessions} against answers a hotplex server should not give (the real server is in it-tests'
 * SessionsCommandTest): a stand-in HTTP server on an ephemeral port answers whatever each test scripts.
 */
class SessionsCommandTest {
    @TempDir
    Path temp;

    private HttpServer server;
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private final List<String> paths = new CopyOnWriteArrayList<>();

    private CliHarness harness(int status, String body) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            paths.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getRawPath());
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
        CliHarness harness = new CliHarness(temp);
        harness.diagnostics = harness.diagnostics.withPort(server.getAddress().getPort());
        harness.environment = CliEnvironment.of(Map.of(ServerApiFactory.API_KEY_VARIABLE, " the-key "));
        return harness;
    }

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void theKeyFromTheEnvironmentIsSentAsABearerToken() throws IOException {
        try (CliHarness cli = harness(200, "{\"sessions\":[]}")) {
            assertThat(cli.run("sessions", "list")).isZero();
            assertThat(cli.out()).isEqualTo("no sessions\n");
            assertThat(authorizations).containsExactly("Bearer the-key");
        }
    }

    @Test
    void anAnswerThatIsNotTheApiIsAnInternalError() throws IOException {
        try (CliHarness cli = harness(200, "<html>hello</html>")) {
            assertThat(cli.run("sessions", "list")).isEqualTo(ExitCodes.INTERNAL);
            assertThat(cli.err()).contains("unexpected answer", "is it a hotplex server?");
        }
    }

    @Test
    void aBusyServerAsksToRetry() throws IOException {
        try (CliHarness cli = harness(429,
                "{\"error\":{\"code\":\"RATE_LIMITED\",\"message\":\"slow down\",\"requestId\":\"r-1\"}}")) {
            assertThat(cli.run("sessions", "show", "x")).isEqualTo(ExitCodes.BUSY);
            assertThat(cli.err()).contains("slow down", "RATE_LIMITED", "request r-1");
        }
    }

    @Test
    void theServersErrorCodeDecidesTheExitCode() throws IOException {
        try (CliHarness cli = harness(400,
                "{\"error\":{\"code\":\"INVALID_REQUEST\",\"message\":\"bad id\",\"requestId\":\"r-2\"}}")) {
            assertThat(cli.run("sessions", "reset", "x")).isEqualTo(ExitCodes.USAGE);
            assertThat(cli.err()).contains("could not reset session 'x'", "bad id");
        }
    }

    @Test
    void aSessionIdIsEncodedIntoThePathAndAnInvalidOneNeverLeaves() throws IOException {
        try (CliHarness cli = harness(204, "")) {
            assertThat(cli.run("sessions", "stop", "team:a.1")).isZero();
            assertThat(cli.out()).isEqualTo("stopped session team:a.1\n");
            assertThat(cli.run("sessions", "stop", "a b")).isEqualTo(ExitCodes.USAGE);
            assertThat(paths).containsExactly("DELETE /v1/sessions/team%3Aa.1");
        }
    }
}
