package dev.hotplex.e2e;

import dev.hotplex.core.model.AgentEvent;
import dev.hotplex.core.model.SessionConfig;
import dev.hotplex.core.model.TurnOutcome;
import dev.hotplex.core.model.TurnResult;
import dev.hotplex.core.port.out.ContentPolicy;
import dev.hotplex.core.port.out.SessionStore;
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
import dev.hotplex.testkit.RecordingEngineObserver;
import dev.hotplex.testkit.RecordingEventSink;
import dev.hotplex.testkit.openai.CodexBinaryLocator;
import dev.hotplex.testkit.openai.CodexHomes;
import dev.hotplex.testkit.openai.FakeOpenAiApi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Issue #10 item 2 for Codex: with {@code codex.home-scope: tenant} (the default) each tenant's sessions get
 * {@code <home>/tenants/<owner>} as {@code CODEX_HOME}, and inside hotplex's bubblewrap sandbox the base home and
 * every other tenant's home are hidden. Drives the real Codex CLI against the fake Responses API: both tenants'
 * turns work, a command in one tenant's session can read neither the other tenant's home nor the base home, and
 * after a restart (a new provider and engine over the same state dir) a session resumes its thread from its
 * tenant's home.
 */
class CodexTenantHomeEndToEndTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    private final List<AutoCloseable> open = new ArrayList<>();
    private Path base;
    private Path home;

    @AfterEach
    void cleanUp() throws Exception {
        for (AutoCloseable closeable : open.reversed()) {
            closeable.close();
        }
        if (base != null) {
            CodexAndClaudeEngine.deleteTree(base);
        }
        if (home != null) {
            CodexAndClaudeEngine.deleteTree(home);
        }
    }

    @Test
    void tenants_see_only_their_own_codex_home_and_a_restarted_engine_resumes_from_it() throws Exception {
        assumeTrue(CodexBinaryLocator.find().isPresent(), "the Codex CLI is not installed (bin/install-codex)");
        base = Files.createDirectories(Path.of("target", "codex-tenant-e2e", UUID.randomUUID().toString()))
                .toAbsolutePath();
        Path workspace = Files.createDirectories(base.resolve("workspace"));
        Path state = Files.createDirectories(base.resolve("state"));
        home = Files.createTempDirectory(CodexHomes.base(), "tenant-e2e-").toAbsolutePath();
        Path globexHome = home.resolve("tenants").resolve("globex");
        FakeOpenAiApi api = FakeOpenAiApi.builder()
                .whenCommand("list neighbour", "ls -R " + globexHome)
                .whenCommand("read base", "cat " + home.resolve("config.toml"))
                .whenCommand("list tenants", "ls " + home.resolve("tenants"))
                .start();
        open.add(api);
        api.writeCodexHome(home);
        Files.writeString(home.resolve("auth.json"), "{}");
        SessionStore store = new InMemorySessionStore(); // outlives the first engine, like the SQLite store
        SessionConfig acme = SessionConfig.of("acme:chat").withOwner("acme").withWorkDir("acme-chat");
        SessionConfig globex = SessionConfig.of("globex:chat").withOwner("globex").withWorkDir("globex-chat");

        DefaultEngine first = engine(api, workspace, state, store);
        Run globexTurn = run(first, globex, "globex-fig is the word");
        Run acmeTurn = run(first, acme, "acme-plum is the word");

        assertThat(globexTurn.result().outcome()).as("%s", globexTurn.result().error()).isEqualTo(TurnOutcome.SUCCESS);
        assertThat(acmeTurn.result().outcome()).as("%s", acmeTurn.result().error()).isEqualTo(TurnOutcome.SUCCESS);
        assertThat(rollouts(globexHome)).as("globex's thread lives in globex's home").hasSize(1);
        assertThat(rollouts(home.resolve("tenants").resolve("acme"))).as("acme's in acme's").hasSize(1);
        assertThat(home.resolve("sessions")).as("nothing in the shared base home").doesNotExist();
        assertThat(home.resolve("tenants").resolve("acme").resolve("config.toml")).as("seeded from the base (Codex "
                + "appends its project trust)").content().startsWith(Files.readString(home.resolve("config.toml")));

        AgentEvent.ToolResult neighbour = failedCommand(first, acme, "list neighbour now");
        AgentEvent.ToolResult baseConfig = failedCommand(first, acme, "read base now");
        assertThat(neighbour.output()).containsIgnoringCase("no such file or directory").doesNotContain("rollout-");
        assertThat(baseConfig.output()).containsIgnoringCase("no such file or directory")
                .doesNotContain(FakeOpenAiApi.KEY_VARIABLE);
        Run tenants = run(first, acme, "list tenants now");
        AgentEvent.ToolResult listing = tenants.sink().awaitEvent(AgentEvent.ToolResult.class, WAIT);
        assertThat(listing.output()).as("only its own home shows under tenants/").contains("acme")
                .doesNotContain("globex");
        closeAll(); // the restart: engine and provider go, the state dir and the store stay

        DefaultEngine second = engine(api, workspace, state, store);
        Run resumed = run(second, acme, "after-the-restart");

        assertThat(resumed.result().outcome()).as("%s", resumed.result().error()).isEqualTo(TurnOutcome.SUCCESS);
        assertThat(resumed.sink().awaitEvent(AgentEvent.SessionStart.class, WAIT).resumed()).isTrue();
        assertThat(api.requestBodies().stream().filter(body -> body.contains("after-the-restart")).toList())
                .singleElement().satisfies(body -> assertThat(body).as("the resumed thread carries acme's earlier turn")
                        .contains("acme-plum").doesNotContain("globex-fig"));
        assertThat(rollouts(home.resolve("tenants").resolve("acme"))).as("the same thread, resumed").hasSize(1);
    }

    private DefaultEngine engine(FakeOpenAiApi api, Path workspace, Path state, SessionStore store) {
        Map<String, String> extra = new HashMap<>(api.cliEnvironment(home));
        extra.remove("CODEX_HOME"); // the provider sets each session's
        CodexProvider provider = new CodexProvider(CodexProviderConfig.defaults()
                .withBinary(CodexBinaryLocator.locate().toString())
                .withHome(home)
                .withModel(FakeOpenAiApi.DEFAULT_MODEL)
                .withPolicy("workspace-write", "never")
                .withExtraEnv(extra)
                .withStateDir(state.resolve("codex"))
                .withShutdownGrace(Duration.ofSeconds(3))
                .withOsSandbox(new SandboxConfig(Optional.of(SandboxMode.BWRAP), List.of(), List.of(),
                        List.of(workspace, state))));
        open.add(provider);
        EngineConfig config = new EngineConfig.Builder(workspace)
                .namespace("e2e-codex-tenants")
                .maxSessions(4)
                .turnTimeout(WAIT)
                .interruptGrace(Duration.ofSeconds(5))
                .stopGrace(Duration.ofSeconds(3))
                .permissionTimeout(Duration.ofSeconds(20))
                .reaperInterval(Duration.ZERO)
                .toolApproval(ToolApproval.ALLOW)
                .build();
        DefaultEngine engine = new DefaultEngine(config, provider, ContentPolicy.allowAll(),
                new RecordingEngineObserver(), store, new SystemClock(), new RandomIdGenerator());
        open.add(engine);
        return engine;
    }

    private void closeAll() throws Exception {
        for (AutoCloseable closeable : open.reversed()) {
            if (!(closeable instanceof FakeOpenAiApi)) {
                closeable.close();
            }
        }
        open.removeIf(closeable -> !(closeable instanceof FakeOpenAiApi));
    }

    private record Run(TurnResult result, RecordingEventSink sink) {
    }

    private static Run run(DefaultEngine engine, SessionConfig session, String prompt) {
        RecordingEventSink sink = new RecordingEventSink();
        return new Run(engine.execute(session, prompt, sink), sink);
    }

    /** Runs a command that must fail inside the sandbox; the turn itself succeeds. */
    private static AgentEvent.ToolResult failedCommand(DefaultEngine engine, SessionConfig session, String prompt) {
        Run run = run(engine, session, prompt);
        assertThat(run.result().outcome()).as("%s", run.result().error()).isEqualTo(TurnOutcome.SUCCESS);
        AgentEvent.ToolResult result = run.sink().awaitEvent(AgentEvent.ToolResult.class, WAIT);
        assertThat(result.isError()).as("a failed command: %s", result.output()).isTrue();
        return result;
    }

    private static List<Path> rollouts(Path codexHome) throws IOException {
        if (!Files.isDirectory(codexHome)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(codexHome)) {
            return files.filter(file -> file.getFileName().toString().startsWith("rollout-")).toList();
        }
    }
}
