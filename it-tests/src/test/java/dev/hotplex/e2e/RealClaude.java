package dev.hotplex.e2e;


import dev.hotplex.core.port.out.ContentPolicy;
import dev.hotplex.core.service.DefaultEngine;
import dev.hotplex.core.service.EngineConfig;
import dev.hotplex.core.service.InMemorySessionStore;
import dev.hotplex.core.service.RandomIdGenerator;
import dev.hotplex.core.service.SystemClock;
import dev.hotplex.core.service.ToolApproval;
import dev.hotplex.provider.claude.ClaudeProvider;
import dev.hotplex.provider.claude.ClaudeProviderConfig;
import dev.hotplex.testkit.RecordingEngineObserver;
import dev.hotplex.testkit.anthropic.ClaudeBinaryLocator;
import dev.hotplex.testkit.anthropic.FakeAnthropicApi;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * A {@link DefaultEngine} over a real {@link ClaudeProvider} running the pinned Claude Code CLI, isolated in a
 * sandbox (own home, config dir and workspace) and offline against a {@link FakeAnthropicApi}.
 */
public final class RealClaude implements AutoCloseable {
    /** Bounds every wait: a cold start takes about a second alone, several on a loaded 2-core machine. */
    public static final Duration WAIT = Duration.ofSeconds(30);

    public final Path binary;
    public final Path workspace;
    public final Map<String, String> environment;
    public final ClaudeProvider provider;
    public final RecordingEngineObserver observer = new RecordingEngineObserver();
    public final DefaultEngine engine;

    private RealClaude(Path binary, Path sandbox, FakeAnthropicApi api, ContentPolicy policy) {
        this.binary = binary;
        this.workspace = createDirectories(sandbox.resolve("workspace"));
        this.environment = environment(api, sandbox);
        this.provider = new ClaudeProvider(ClaudeProviderConfig.builder()
                .binary(binary.toString())
                .partialMessages(true)
                .permissionPromptStdio(true)
                .startupTimeout(WAIT)
                .shutdownGrace(Duration.ofSeconds(3))
                .build(), environment);
        EngineConfig config = new EngineConfig.Builder(workspace)
                .namespace("e2e")
                .maxSessions(16)
                .turnTimeout(WAIT)
                .interruptGrace(Duration.ofSeconds(5))
                .stopGrace(Duration.ofSeconds(3))
                .permissionTimeout(Duration.ofSeconds(20))
                .reaperInterval(Duration.ZERO)
                .toolApproval(ToolApproval.ASK)
                .build();
        this.engine = new DefaultEngine(config, provider, policy, observer, new InMemorySessionStore(),
                new SystemClock(), new RandomIdGenerator());
    }

    /**
     * Skips when {@code HOTPLEX_SKIP_REAL_CLI=1}; otherwise fails with what to do when the binary is missing.
     * Call from {@code @BeforeAll}.
     */
    public static Path requireBinary() {
        assumeFalse(ClaudeBinaryLocator.skipRequested(),
                ClaudeBinaryLocator.SKIP_VARIABLE + "=1: real Claude Code CLI tests skipped");
        return ClaudeBinaryLocator.locate();
    }

    public static RealClaude start(Path binary, Path sandbox, FakeAnthropicApi api, ContentPolicy policy) {
        return new RealClaude(binary, sandbox, api, policy);
    }

    /** Exactly what the CLI needs to run offline against {@code api}, nothing from this JVM's environment but PATH. */
    public static Map<String, String> environment(FakeAnthropicApi api, Path sandbox) {
        Map<String, String> env = new HashMap<>();
        String path = System.getenv("PATH");
        env.put("PATH", path == null ? "/usr/bin:/bin" : path);
        env.put("HOME", createDirectories(sandbox.resolve("home")).toString());
        env.putAll(api.cliEnvironment(createDirectories(sandbox.resolve("config"))));
        return Map.copyOf(env);
    }

    /** Stops every session that still has a process, so that tests of one class do not pile up live CLIs. */
    void stopLiveSessions() {
        engine.sessions().stream().filter(view -> view.pid().isPresent())
                .forEach(view -> engine.stopSession(view.sessionId(), "test done"));
    }

    @Override
    public void close() {
        try {
            engine.close();
        } finally {
            provider.close();
        }
    }

    static Path createDirectories(Path directory) {
        try {
            return Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
