package dev.hotplex.cli;

import dev.hotplex.adapter.cli.ExitCodes;
import dev.hotplex.testkit.anthropic.FakeAnthropicApi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real {@code hotplex serve} (its own JVM) holds the state dir; {@code run}, {@code chat} and a second {@code serve}
 * started beside it, each a JVM of its own, stop before any turn with one line naming the server's pid and what to
 * do, and exit 9. With {@code --set state.dir=...} the same run works.
 */
class StateDirInUseTest {
    @RegisterExtension
    static final RealClaudeCli CLI = RealClaudeCli.against(FakeAnthropicApi::start);

    @TempDir
    Path sandbox;

    private HotplexLauncher hotplex;
    private HotplexLauncher.Started server;
    private int port;

    @BeforeEach
    void serve() throws Exception {
        hotplex = CLI.hotplex(sandbox);
        port = freePort();
        server = hotplex.start(Map.of("HOTPLEX_HTTP_PORT", Integer.toString(port)), "serve");
        server.awaitOut(Pattern.compile("hotplex serving on (\\S+)"), Duration.ofSeconds(90));
    }

    @AfterEach
    void stopServer() throws Exception {
        server.stop();
    }

    @Test
    void runStopsBeforeAnyTurnNamingTheServersPid() throws Exception {
        int requestsBefore = CLI.api().requestBodies().size();

        HotplexLauncher.Result run = hotplex.run("", "run", "--session", "locked", "hello there");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.STATE_DIR_IN_USE);
        assertThat(run.err().lines().toList()).as("one line, no stack trace, no log").singleElement().asString()
                .startsWith("✗ the state dir ").contains("in use by hotplex process " + server.process().pid(),
                        "--set state.dir=", "hotplex sessions");
        assertThat(run.out()).isEmpty();
        assertThat(CLI.api().requestBodies()).as("no turn reached the model").hasSize(requestsBefore);
        assertThat(server.process().isAlive()).as("the server is unharmed").isTrue();
    }

    @Test
    void runWithItsOwnStateDirWorksBesideTheServer() throws Exception {
        HotplexLauncher.Result run = hotplex.run("", "--set", "state.dir=" + sandbox.resolve("own-state"), "run",
                "--session", "own", "hello there");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains(" ms · ");
    }

    @Test
    void chatStopsBeforeItsFirstPrompt() throws Exception {
        HotplexLauncher.Result chat = hotplex.run("hello\n/quit\n", "chat", "--session", "locked-chat");

        assertThat(chat.exitCode()).as(chat.err()).isEqualTo(ExitCodes.STATE_DIR_IN_USE);
        assertThat(chat.err().lines().toList()).singleElement().asString()
                .contains("hotplex process " + server.process().pid(), "--set state.dir=");
        assertThat(chat.out()).doesNotContain("you>");
    }

    @Test
    void aSecondServeOnTheSameStateDirIsRefusedAndOneOnTheSamePortToo() throws Exception {
        HotplexLauncher.Result second = hotplex.run("", "--set", "http.port=" + freePort(), "serve");

        assertThat(second.exitCode()).as(second.err()).isEqualTo(ExitCodes.STATE_DIR_IN_USE);
        assertThat(second.err().lines().toList()).singleElement().asString()
                .startsWith("hotplex: cannot serve: ").contains("hotplex process " + server.process().pid());

        HotplexLauncher.Result samePort = hotplex.run("", "--set", "state.dir=" + sandbox.resolve("other-state"),
                "--set", "http.port=" + port, "serve");

        assertThat(samePort.exitCode()).as(samePort.err()).isEqualTo(ExitCodes.USAGE);
        assertThat(samePort.err().lines().toList()).singleElement().asString()
                .contains("127.0.0.1:" + port + " is already in use", "--set http.port=");
    }

    @Test
    void doctorSaysWhoHoldsTheStateDirWithoutTakingIt() throws Exception {
        HotplexLauncher.Result doctor = hotplex.run("", "--set", "http.port=" + freePort(), "doctor");

        assertThat(doctor.out()).as(doctor.err()).contains("warn  state dir",
                "is in use by hotplex process " + server.process().pid(), "exit 9", "--set state.dir=");
        assertThat(doctor.exitCode()).as("a warning, not a failure").isZero();
        assertThat(server.process().isAlive()).isTrue();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
