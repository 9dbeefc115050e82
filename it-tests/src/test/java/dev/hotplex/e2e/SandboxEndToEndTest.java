package dev.hotplex.e2e;

import dev.hotplex.core.model.AgentEvent;
import dev.hotplex.core.model.SessionConfig;
import dev.hotplex.core.model.TurnOutcome;
import dev.hotplex.core.model.TurnResult;
import dev.hotplex.provider.claude.ClaudeProviderConfig;
import dev.hotplex.provider.process.SandboxMode;
import dev.hotplex.provider.process.SandboxSelector;
import dev.hotplex.testkit.ProcessGroups;
import dev.hotplex.testkit.RecordingEventSink;
import dev.hotplex.testkit.anthropic.FakeAnthropicApi;
import dev.hotplex.testkit.anthropic.Reply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static dev.hotplex.e2e.RealClaude.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue #10 over the real Claude Code CLI in the bubblewrap sandbox: sessions still work inside (hot turns, a tool
 * writing in the work dir, per-tenant transcripts and resume), and a tool call that tries to get out fails inside
 * the sandbox, changes nothing outside and comes back to the engine as a tool error. The firewall is off and tools
 * are allowed, so the sandbox alone is tested. Also: {@code kill -9} of an engine leaves none of its CLIs running.
 */
class SandboxEndToEndTest {
    private static final String SECRET = "globex-secret-" + UUID.randomUUID();
    private static final String ESCAPE = "hotplex-escape-" + UUID.randomUUID();

    private static Path binary;
    private static Path base;
    private static FakeAnthropicApi api;
    private static SandboxedClaude claude;

    @BeforeAll
    static void start() throws IOException {
        binary = RealClaude.requireBinary();
        base = Files.createDirectories(Path.of("target", "sandbox-e2e", UUID.randomUUID().toString())).toAbsolutePath();
        Path workspace = base.resolve("workspace");
        Path state = base.resolve("state");
        Path globexWork = workspace.resolve("globex/globex-work"); // another tenant's work dir
        Path config = base.resolve("config");
        api = FakeAnthropicApi.builder()
                .when("write inside", Reply.bash("echo inside > inside.txt && cat inside.txt"))
                .when("escape etc", Reply.bash("touch /etc/" + ESCAPE))
                .when("escape state", Reply.bash("echo pwned > " + state.resolve("audit.log")))
                .when("escape neighbour", Reply.bash("echo pwned > " + globexWork.resolve("planted.txt")))
                .when("read neighbour", Reply.bash("cat " + globexWork.resolve("secret.txt")))
                .when("read transcripts", Reply.bash("cat " + config.resolve("tenants/globex/projects") + "/*/*.jsonl"))
                .start();
        claude = new SandboxedClaude(binary, base, RealClaude.environment(api, base), SandboxMode.BWRAP);
        Files.createDirectories(globexWork);
        Files.writeString(globexWork.resolve("secret.txt"), SECRET + "\n");
        Files.writeString(state.resolve("audit.log"), "the engine's audit log\n");
    }

    @AfterEach
    void stopSessions() {
        claude.engine.sessions().stream().filter(view -> view.pid().isPresent())
                .forEach(view -> claude.engine.stopSession(view.sessionId(), "test done"));
    }

    @AfterAll
    static void stop() throws IOException {
        try {
            if (claude != null) {
                claude.close();
            }
        } finally {
            if (api != null) {
                api.close();
            }
        }
        if (base != null) {
            try (Stream<Path> tree = Files.walk(base)) {
                for (Path path : tree.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(path);
                }
            }
        }
    }

    @Test
    void byDefaultTheProviderRunsItsClisInBubblewrap() {
        assertThat(claude.provider.sandbox()).startsWith("bwrap (bubblewrap ");
        assertThat(new SandboxSelector().select(ClaudeProviderConfig.defaults().sandbox()).sandbox().describe())
                .as("the default, which every other real-CLI test runs with").startsWith("bwrap (");
    }

    @Test
    void hotTurnsAndAToolWritingInsideTheWorkDirWork() {
        SessionConfig session = acme("acme:hot", "acme-hot");
        TurnResult first = run(session, "first").result();
        Run tool = run(session, "write inside please");

        assertThat(first.outcome()).as("%s", first.error()).isEqualTo(TurnOutcome.SUCCESS);
        assertThat(tool.result().outcome()).as("%s", tool.result().error()).isEqualTo(TurnOutcome.SUCCESS);
        AgentEvent.ToolResult result = tool.sink().awaitEvent(AgentEvent.ToolResult.class, WAIT);
        assertThat(result.isError()).isFalse();
        assertThat(result.output()).contains("inside");
        assertThat(claude.workspace.resolve("acme/acme-hot").resolve("inside.txt")).hasContent("inside");
        assertThat(tool.sink().awaitEvent(AgentEvent.SessionStart.class, WAIT).coldStart()).as("the same hot CLI")
                .isFalse();
        assertThat(claude.configDir.resolve("tenants").resolve("acme")).isDirectory();
    }

    @Test
    void writingToEtcFailsInsideAndChangesNothing() {
        AgentEvent.ToolResult result = escape(acme("acme:etc", "acme-etc"), "escape etc now");

        assertThat(result.output()).containsIgnoringCase("read-only file system");
        assertThat(Path.of("/etc", ESCAPE)).doesNotExist();
    }

    @Test
    void writingToTheEnginesStateDirFailsAndChangesNothing() throws IOException {
        escape(acme("acme:state", "acme-state"), "escape state now");

        assertThat(claude.state.resolve("audit.log")).hasContent("the engine's audit log");
    }

    @Test
    void anotherSessionsWorkDirCanBeNeitherWrittenNorRead() {
        AgentEvent.ToolResult write = escape(acme("acme:write-neighbour", "acme-w"), "escape neighbour now");
        AgentEvent.ToolResult read = escape(acme("acme:read-neighbour", "acme-r"), "read neighbour now");

        assertThat(claude.workspace.resolve("globex/globex-work").resolve("planted.txt")).doesNotExist();
        assertThat(write.output()).containsIgnoringCase("no such file or directory");
        assertThat(read.output()).containsIgnoringCase("no such file or directory").doesNotContain(SECRET);
    }

    @Test
    void anotherTenantsTranscriptsAreNotVisibleButItsOwnResumeWorks() {
        String word = "globex-private-" + UUID.randomUUID();
        SessionConfig globex = new SessionConfig(dev.hotplex.core.model.SessionId.of("globex:chat"), "globex",
                java.util.Optional.of("globex-chat"), java.util.Optional.empty(), java.util.Optional.empty());
        assertThat(run(globex, word).result().outcome()).isEqualTo(TurnOutcome.SUCCESS);
        claude.engine.stopSession(globex.sessionId(), "resume it later");

        AgentEvent.ToolResult read = escape(acme("acme:snoop", "acme-snoop"), "read transcripts now");
        Run resumed = run(globex, "again");

        assertThat(read.output()).doesNotContain(word);
        assertThat(resumed.result().outcome()).as("%s", resumed.result().error()).isEqualTo(TurnOutcome.SUCCESS);
        assertThat(resumed.sink().awaitEvent(AgentEvent.SessionStart.class, WAIT).coldStart()).isTrue();
        assertThat(api.requestBodies()).as("the resumed CLI sent globex's history").anySatisfy(body ->
                assertThat(body).contains(word, "again"));
    }

    @Test
    void killingTheEngineWithSigkillLeavesNoSandboxedCliRunning() throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), SandboxedEngineProbe.class.getName(), binary.toString(),
                Files.createDirectories(base.resolve("probe")).toString()));
        Map<String, String> environment = RealClaude.environment(api, base.resolve("probe"));
        environment.forEach((name, value) -> command.add(name + "=" + value));
        Process engine = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        long pgid;
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(engine.getInputStream(), StandardCharsets.UTF_8));
            pgid = Long.parseLong(String.valueOf(out.readLine()).strip());
            assertThat(ProcessGroups.liveMembers(pgid)).as("bwrap, its init and the CLI").hasSizeGreaterThanOrEqualTo(3);
        } catch (RuntimeException | IOException | AssertionError e) {
            engine.destroyForcibly();
            throw e;
        }

        long killed = System.nanoTime();
        engine.destroyForcibly(); // SIGKILL: neither close() nor the shutdown hook runs
        assertThat(engine.waitFor(10, TimeUnit.SECONDS)).isTrue();
        while (!ProcessGroups.liveMembers(pgid).isEmpty()
                && System.nanoTime() - killed < Duration.ofSeconds(5).toNanos()) {
            Thread.sleep(10);
        }
        Duration gone = Duration.ofNanos(System.nanoTime() - killed);

        System.getLogger(SandboxEndToEndTest.class.getName()).log(System.Logger.Level.INFO,
                "sandboxed CLI gone {0} ms after kill -9 of its engine", gone.toMillis());
        assertThat(ProcessGroups.liveMembers(pgid)).isEmpty();
        assertThat(gone).isLessThan(Duration.ofSeconds(1));
    }

    private record Run(TurnResult result, RecordingEventSink sink) {
    }

    private static SessionConfig acme(String id, String workDir) {
        return SessionConfig.of(id).withOwner("acme").withWorkDir(workDir);
    }

    private static Run run(SessionConfig session, String prompt) {
        RecordingEventSink sink = new RecordingEventSink();
        return new Run(claude.engine.execute(session, prompt, sink), sink);
    }

    /** Runs the escaping tool call; the turn succeeds, the tool's result is an error. */
    private static AgentEvent.ToolResult escape(SessionConfig session, String prompt) {
        Run run = run(session, prompt);
        assertThat(run.result().outcome()).as("%s", run.result().error()).isEqualTo(TurnOutcome.SUCCESS);
        AgentEvent.ToolResult result = run.sink().awaitEvent(AgentEvent.ToolResult.class, WAIT);
        assertThat(result.isError()).as("the escape is reported as a failed tool call: %s", result.output()).isTrue();
        return result;
    }
}
