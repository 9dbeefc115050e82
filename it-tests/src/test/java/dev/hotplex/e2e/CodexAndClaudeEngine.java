package dev.hotplex.e2e;

import dev.hotplex.core.port.out.AgentProvider;
import dev.hotplex.core.port.out.ContentPolicy;
import dev.hotplex.core.service.AgentProviders;
import dev.hotplex.core.service.DefaultEngine;
import dev.hotplex.core.service.EngineConfig;
import dev.hotplex.core.service.InMemorySessionStore;
import dev.hotplex.core.service.RandomIdGenerator;
import dev.hotplex.core.service.SystemClock;
import dev.hotplex.core.service.ToolApproval;
import dev.hotplex.provider.claude.ClaudeProvider;
import dev.hotplex.provider.claude.ClaudeProviderConfig;
import dev.hotplex.provider.codex.CodexProvider;
import dev.hotplex.provider.codex.CodexProviderConfig;
import dev.hotplex.testkit.RecordingEngineObserver;
import dev.hotplex.testkit.anthropic.ClaudeBinaryLocator;
import dev.hotplex.testkit.anthropic.FakeAnthropicApi;
import dev.hotplex.testkit.openai.CodexHomes;
import dev.hotplex.testkit.openai.CodexBinaryLocator;
import dev.hotplex.testkit.openai.FakeOpenAiApi;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * One {@link DefaultEngine} over both real providers: the pinned Codex CLI against a {@link FakeOpenAiApi}
 * ({@code codex}, the default) and the pinned Claude Code CLI against a {@link FakeAnthropicApi}
 * ({@code claude}). Codex asks before every command that is not known read-only ({@code untrusted}), in its
 * {@code workspace-write} sandbox, so approvals go through the engine's decision path.
 */
final class CodexAndClaudeEngine implements AutoCloseable {
    static final Duration WAIT = Duration.ofSeconds(60);

    final FakeOpenAiApi openAi;
    final FakeAnthropicApi anthropic;
    final Path workspace;
    final Path codexHome;
    final CodexProvider codex;
    final ClaudeProvider claude;
    final RecordingEngineObserver observer = new RecordingEngineObserver();
    final DefaultEngine engine;

    private CodexAndClaudeEngine(Path sandbox, FakeOpenAiApi openAi, FakeAnthropicApi anthropic, ContentPolicy policy,
                                 Duration permissionTimeout) throws IOException {
        this.openAi = openAi;
        this.anthropic = anthropic;
        this.workspace = Files.createDirectories(sandbox.resolve("workspace"));
        // Codex will not create its sandbox helper under the temp dir: its home lives in the build dir
        Path homes = CodexHomes.base();
        this.codexHome = openAi.writeCodexHome(Files.createTempDirectory(homes, "e2e-"));
        Map<String, String> codexEnv = new HashMap<>(openAi.cliEnvironment(codexHome));
        codexEnv.remove("CODEX_HOME");
        this.codex = new CodexProvider(new CodexProviderConfig(CodexBinaryLocator.locate().toString(),
                java.util.Optional.of(FakeOpenAiApi.DEFAULT_MODEL), java.util.Optional.of(codexHome),
                "workspace-write", "untrusted", CodexProviderConfig.DEFAULT_ENV_ALLOW, codexEnv,
                CodexProviderConfig.DEFAULT_MAX_LINE_BYTES, WAIT, Duration.ofSeconds(3), sandbox.resolve("codex-state")));
        this.claude = new ClaudeProvider(ClaudeProviderConfig.builder()
                .binary(ClaudeBinaryLocator.locate().toString())
                .startupTimeout(WAIT)
                .shutdownGrace(Duration.ofSeconds(3))
                .stateDir(sandbox.resolve("claude-state"))
                .build(), RealClaude.environment(anthropic, sandbox));
        EngineConfig config = new EngineConfig.Builder(workspace)
                .namespace("e2e-codex")
                .maxSessions(16)
                .turnTimeout(WAIT)
                .interruptGrace(Duration.ofSeconds(5))
                .stopGrace(Duration.ofSeconds(3))
                .permissionTimeout(permissionTimeout)
                .reaperInterval(Duration.ZERO)
                .toolApproval(ToolApproval.ASK)
                .build();
        this.engine = new DefaultEngine(config, AgentProviders.of(List.<AgentProvider>of(codex, claude)), policy,
                observer, new InMemorySessionStore(), new SystemClock(), new RandomIdGenerator());
    }

    /** Skips only when a pinned CLI is genuinely not installed ({@code .ci/run} installs both). */
    static CodexAndClaudeEngine start(Path sandbox, FakeOpenAiApi.Builder openAi, ContentPolicy policy,
                                      Duration permissionTimeout) {
        assumeTrue(CodexBinaryLocator.find().isPresent(), "the Codex CLI is not installed (bin/install-codex)");
        FakeOpenAiApi fakeOpenAi = openAi.start();
        FakeAnthropicApi fakeAnthropic = FakeAnthropicApi.start();
        try {
            return new CodexAndClaudeEngine(sandbox, fakeOpenAi, fakeAnthropic, policy, permissionTimeout);
        } catch (IOException e) {
            fakeOpenAi.close();
            fakeAnthropic.close();
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            engine.close();
        } finally {
            codex.close();
            claude.close();
            openAi.close();
            anthropic.close();
            deleteTree(codexHome);
        }
    }

    static void deleteTree(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            // a leftover under target/ is harmless
        }
    }
}
