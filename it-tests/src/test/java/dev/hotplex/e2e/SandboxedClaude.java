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
import dev.hotplex.provider.claude.ConfigDirScope;
import dev.hotplex.provider.process.SandboxConfig;
import dev.hotplex.provider.process.SandboxMode;
import dev.hotplex.testkit.RecordingEngineObserver;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A deployment laid out like the app's, with the real CLI in the bubblewrap sandbox: a workspace root and a state
 * dir (both hidden from every CLI), a config dir per tenant, the firewall off and tools allowed, so that only the
 * sandbox stands between a tool call and the machine. Lives under {@code target/}, not {@code /tmp}: the
 * sandbox's private {@code /tmp} would hide a layout there anyway and so prove nothing.
 */
final class SandboxedClaude implements AutoCloseable {
    final Path workspace;
    final Path state;
    final Path configDir;
    final ClaudeProvider provider;
    final DefaultEngine engine;

    SandboxedClaude(Path binary, Path base, Map<String, String> environment, SandboxMode mode) {
        this.workspace = RealClaude.createDirectories(base.resolve("workspace"));
        this.state = RealClaude.createDirectories(base.resolve("state"));
        this.configDir = Path.of(environment.get("CLAUDE_CONFIG_DIR"));
        SandboxConfig sandbox = new SandboxConfig(Optional.of(mode), List.of(), List.of(), List.of(workspace, state));
        this.provider = new ClaudeProvider(ClaudeProviderConfig.builder()
                .binary(binary.toString())
                .partialMessages(true)
                .permissionPromptStdio(true)
                .startupTimeout(RealClaude.WAIT)
                .shutdownGrace(Duration.ofSeconds(3))
                .stateDir(state.resolve("claude-groups"))
                .sandbox(sandbox)
                .configDirScope(ConfigDirScope.TENANT)
                .build(), environment);
        EngineConfig config = new EngineConfig.Builder(workspace)
                .namespace("e2e")
                .maxSessions(16)
                .turnTimeout(RealClaude.WAIT)
                .interruptGrace(Duration.ofSeconds(5))
                .stopGrace(Duration.ofSeconds(3))
                .permissionTimeout(Duration.ofSeconds(20))
                .reaperInterval(Duration.ZERO)
                .toolApproval(ToolApproval.ALLOW)
                .build();
        this.engine = new DefaultEngine(config, provider, ContentPolicy.allowAll(), new RecordingEngineObserver(),
                new InMemorySessionStore(), new SystemClock(), new RandomIdGenerator());
    }

    @Override
    public void close() {
        try {
            engine.close();
        } finally {
            provider.close();
        }
    }
}
