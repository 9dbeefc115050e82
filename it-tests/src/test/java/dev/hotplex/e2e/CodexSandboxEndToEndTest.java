package dev.hotplex.e2e;

import dev.hotplex.core.model.AgentEvent;
import dev.hotplex.core.model.SessionConfig;
import dev.hotplex.core.model.TurnOutcome;
import dev.hotplex.core.model.TurnResult;
import dev.hotplex.core.port.out.ContentPolicy;
import dev.hotplex.core.service.DefaultEngine;
import dev.hotplex.core.service.EngineConfig;
import dev.hotplex.core.service.InMemorySessionStore;
import dev.hotplex.core.service.RandomIdGenerator;
import dev.hotplex.core.service.SystemClock;
import dev.hotplex.core.service.ToolApproval;
import dev.hotplex.provider.codex.CodexProvider;
import dev.hotplex.provider.codex.CodexProviderConfig;
import dev.hotplex.provider.process.SandboxConfig;
import dev.hotplex.provider.process.SandboxMode;
import dev.hotplex.testkit.ProcessGroups;
import dev.hotplex.testkit.RecordingEngineObserver;
import dev.hotplex.testkit.RecordingEventSink;
import dev.hotplex.testkit.openai.CodexBinaryLocator;
import dev.hotplex.testkit.openai.CodexHomes;
import dev.hotplex.testkit.openai.FakeOpenAiApi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Issue #10 for the second provider: the real Codex CLI 0.169.0 in hotplex's bubblewrap sandbox, laid out like the
 * app's deployment (a workspace root and a state dir, both hidden). Codex's own sandbox setting is
 * {@code workspace-write}, which hotplex replaces with {@code danger-full-access} inside its sandbox (Codex's
 * bubblewrap cannot start nested): commands in the work dir work, and a command that writes or reads outside
 * fails inside, changes nothing outside and comes back as a failed tool call. The firewall is off, tools are
 * allowed and Codex never asks, so the sandbox alone stands between a command and the machine. Lives under
 * {@code target/}: the sandbox's private {@code /tmp} would hide a layout there anyway and so prove nothing.
 */
class CodexSandboxEndToEndTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String SECRET = "globex-secret-" + UUID.randomUUID();
    private static final String ESCAPE = "hotplex-codex-escape-" + UUID.randomUUID();

    private static Path base;
    private static Path workspace;
    private static Path state;
    private static Path codexState;
    private static Path home;
    private static FakeOpenAiApi api;
    private static CodexProvider provider;
    private static DefaultEngine engine;

    @BeforeAll
    static void start() throws IOException {
        assumeTrue(CodexBinaryLocator.find().isPresent(), "the Codex CLI is not installed (bin/install-codex)");
        base = Files.createDirectories(Path.of("target", "codex-sandbox-e2e", UUID.randomUUID().toString()))
                .toAbsolutePath();
        workspace = Files.createDirectories(base.resolve("workspace"));
        state = Files.createDirectories(base.resolve("state"));
        codexState = state.resolve("codex");
        Path globexWork = Files.createDirectories(workspace.resolve("globex/globex-work")); // another tenant's
        Files.writeString(globexWork.resolve("secret.txt"), SECRET + "\n");
        Files.writeString(state.resolve("audit.log"), "the engine's audit log\n");
        api = FakeOpenAiApi.builder()
                .whenCommand("write inside", "echo inside > inside.txt && cat inside.txt")
                .whenCommand("escape etc", "touch /etc/" + ESCAPE)
                .whenCommand("escape state", "echo pwned > " + state.resolve("audit.log"))
                .whenCommand("escape threads", "ls " + codexState.resolve("threads"))
                .whenCommand("escape neighbour", "echo pwned > " + globexWork.resolve("planted.txt"))
                .whenCommand("read neighbour", "cat " + globexWork.resolve("secret.txt"))
                .start();
        home = api.writeCodexHome(Files.createTempDirectory(CodexHomes.base(), "sandbox-e2e-"));
        Map<String, String> extra = new HashMap<>(api.cliEnvironment(home));
        extra.remove("CODEX_HOME"); // the provider sets it from its own config
        SandboxConfig sandbox = new SandboxConfig(Optional.of(SandboxMode.BWRAP), List.of(), List.of(),
                List.of(workspace, state));
        provider = new CodexProvider(CodexProviderConfig.defaults()
                .withBinary(CodexBinaryLocator.locate().toString())
                .withHome(home)
                .withModel(FakeOpenAiApi.DEFAULT_MODEL)
                .withPolicy("workspace-write", "never")
                .withExtraEnv(extra)
                .withStateDir(codexState)
                .withShutdownGrace(Duration.ofSeconds(3))
                .withOsSandbox(sandbox));
        EngineConfig config = new EngineConfig.Builder(workspace)
                .namespace("e2e-codex-sandbox")
                .maxSessions(8)
                .turnTimeout(WAIT)
                .interruptGrace(Duration.ofSeconds(5))
                .stopGrace(Duration.ofSeconds(3))
                .permissionTimeout(Duration.ofSeconds(20))
                .reaperInterval(Duration.ZERO)
                .toolApproval(ToolApproval.ALLOW)
                .build();
        engine = new DefaultEngine(config, provider, ContentPolicy.allowAll(), new RecordingEngineObserver(),
                new InMemorySessionStore(), new SystemClock(), new RandomIdGenerator());
    }

    @AfterEach
    void stopSessions() {
        if (engine != null) {
            engine.sessions().stream().filter(view -> view.pid().isPresent())
                    .forEach(view -> engine.stopSession(view.sessionId(), "test done"));
        }
    }

    @AfterAll
    static void stop() {
        try {
            if (engine != null) {
                engine.close();
            }
        } finally {
            if (provider != null) {
                provider.close();
            }
            if (api != null) {
                api.close();
            }
            if (base != null) {
                CodexAndClaudeEngine.deleteTree(base);
            }
            if (home != null) {
                CodexAndClaudeEngine.deleteTree(home);
            }
        }
    }

    @Test
    void codex_runs_in_bubblewrap_and_a_command_writes_inside_its_work_dir_on_one_hot_process() {
        SessionConfig session = session("hot");
        Run first = run(session, "first");
        Run tool = run(session, "write inside please");

        assertThat(provider.sandbox()).startsWith("bwrap (bubblewrap ");
        assertThat(first.result().outcome()).as("%s", first.result().error()).isEqualTo(TurnOutcome.SUCCESS);
        assertThat(tool.result().outcome()).as("%s", tool.result().error()).isEqualTo(TurnOutcome.SUCCESS);
        AgentEvent.ToolResult result = tool.sink().awaitEvent(AgentEvent.ToolResult.class, WAIT);
        assertThat(result.isError()).as("%s", result.output()).isFalse();
        assertThat(result.output()).contains("inside").doesNotContain("uid map");
        assertThat(workspace.resolve("acme/hot").resolve("inside.txt")).hasContent("inside");
        AgentEvent.SessionStart warm = tool.sink().awaitEvent(AgentEvent.SessionStart.class, WAIT);
        assertThat(warm.coldStart()).as("the same hot Codex").isFalse();
        assertThat(ProcessGroups.liveMembers(warm.pid().orElseThrow())).as("bwrap, its init and Codex")
                .hasSizeGreaterThanOrEqualTo(3);
    }

    @Test
    void writing_to_etc_fails_inside_and_changes_nothing() {
        AgentEvent.ToolResult result = escape(session("etc"), "escape etc now");

        assertThat(result.output()).containsIgnoringCase("read-only file system");
        assertThat(Path.of("/etc", ESCAPE)).doesNotExist();
    }

    @Test
    void writing_to_the_engines_state_dir_fails_and_changes_nothing() {
        AgentEvent.ToolResult result = escape(session("state"), "escape state now");

        assertThat(result.output()).containsIgnoringCase("read-only file system");
        assertThat(state.resolve("audit.log")).hasContent("the engine's audit log");
    }

    @Test
    void the_providers_own_thread_records_are_not_visible() {
        run(session("threads-first"), "hello"); // at least one thread record exists on the host
        AgentEvent.ToolResult result = escape(session("threads"), "escape threads now");

        assertThat(codexState.resolve("threads")).isNotEmptyDirectory();
        assertThat(result.output()).containsIgnoringCase("no such file or directory");
    }

    @Test
    void another_sessions_work_dir_can_be_neither_written_nor_read() {
        AgentEvent.ToolResult write = escape(session("write-neighbour"), "escape neighbour now");
        AgentEvent.ToolResult read = escape(session("read-neighbour"), "read neighbour now");

        assertThat(workspace.resolve("globex/globex-work").resolve("planted.txt")).doesNotExist();
        assertThat(write.output()).containsIgnoringCase("no such file or directory");
        assertThat(read.output()).containsIgnoringCase("no such file or directory").doesNotContain(SECRET);
    }

    private record Run(TurnResult result, RecordingEventSink sink) {
    }

    private static SessionConfig session(String workDir) {
        return SessionConfig.of("acme:" + workDir).withOwner("acme").withWorkDir(workDir);
    }

    private static Run run(SessionConfig session, String prompt) {
        RecordingEventSink sink = new RecordingEventSink();
        return new Run(engine.execute(session, prompt, sink), sink);
    }

    /** Runs the escaping command; the turn succeeds, the command's result is an error. */
    private static AgentEvent.ToolResult escape(SessionConfig session, String prompt) {
        Run run = run(session, prompt);
        assertThat(run.result().outcome()).as("%s", run.result().error()).isEqualTo(TurnOutcome.SUCCESS);
        AgentEvent.ToolResult result = run.sink().awaitEvent(AgentEvent.ToolResult.class, WAIT);
        assertThat(result.isError()).as("the escape is reported as a failed command: %s", result.output()).isTrue();
        return result;
    }
}
