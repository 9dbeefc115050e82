package dev.hotplex.provider.claude;

import dev.hotplex.core.error.StandardErrorCode;
import dev.hotplex.core.port.out.AgentConnection;
import dev.hotplex.core.port.out.AgentProvider;
import dev.hotplex.core.port.out.SessionSpec;
import dev.hotplex.provider.claude.internal.ClaudeBinary;
import dev.hotplex.provider.claude.internal.ClaudeCommandLine;
import dev.hotplex.provider.claude.internal.ClaudeConfigDirs;
import dev.hotplex.provider.claude.internal.ClaudeConnector;
import dev.hotplex.provider.claude.internal.ClaudeEnvironment;
import dev.hotplex.provider.claude.internal.ClaudeFlags;
import dev.hotplex.provider.claude.internal.ClaudeTranscripts;
import dev.hotplex.provider.process.ProcessLauncher;
import dev.hotplex.provider.process.ProviderProcesses;
import dev.hotplex.provider.process.SandboxSelector;
import dev.hotplex.provider.process.VersionProbe;
import dev.hotplex.provider.claude.internal.wire.ClaudeWireCodec;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * The Claude Code CLI as an {@link AgentProvider}: one hot {@code claude -p} process per session, in a
 * process group of its own, with an allow-listed environment. {@link #close()} (and a JVM shutdown hook)
 * ends every process group it started; each group is also recorded in the state dir until it is gone, so
 * that {@link #reapOrphans()} at the next start ends what a SIGKILLed engine left running. Each CLI runs
 * in the configured OS sandbox ({@link ClaudeProviderConfig#sandbox()}) with the config dir of its tenant or
 * session ({@link ClaudeProviderConfig#configDirScope()}).
 */
public final class ClaudeProvider implements AgentProvider, AutoCloseable {
    public static final String NAME = "claude";
    private static final Duration VERSION_TIMEOUT = Duration.ofSeconds(15);

    private final ProviderProcesses processes;
    private final ClaudeConnector connector;
    private final ClaudeConfigDirs configDirs;
    private final ConfigDirScope configDirScope;
    private final VersionProbe versionProbe;

    /** Uses this JVM's environment as the source the CLI's environment is filtered from. */
    public ClaudeProvider(ClaudeProviderConfig config) {
        this(config, System.getenv());
    }

    /** {@code engineEnvironment}: what the allow-list filters (normally {@link System#getenv()}). */
    public ClaudeProvider(ClaudeProviderConfig config, Map<String, String> engineEnvironment) {
        requireNonNull(config, "config is null");
        requireNonNull(engineEnvironment, "engineEnvironment is null");
        Map<String, String> environment = new ClaudeEnvironment(config.envAllow(), config.extraEnv())
                .build(engineEnvironment);
        ClaudeBinary binary = new ClaudeBinary(config.binary(), Optional.ofNullable(environment.get("PATH"))
                .or(() -> Optional.ofNullable(engineEnvironment.get("PATH"))));
        SandboxSelector.Choice sandboxChoice = new SandboxSelector().select(config.sandbox());
        this.processes = new ProviderProcesses("Claude", config.shutdownGrace(), config.stateDir(), config.stateDir(),
                sandboxChoice.sandbox());
        ProcessLauncher launcher = processes.launcher();
        this.configDirScope = config.configDirScope();
        this.configDirs = new ClaudeConfigDirs(ClaudeTranscripts.configDir(environment),
                switch (config.configDirScope()) {
                    case ENGINE -> ClaudeConfigDirs.Scope.ENGINE;
                    case TENANT -> ClaudeConfigDirs.Scope.TENANT;
                    case SESSION -> ClaudeConfigDirs.Scope.SESSION;
                });
        ClaudeFlags flags = new ClaudeFlags(config.model(), config.permissionMode(), config.partialMessages(),
                config.permissionPromptStdio(), config.mcpConfig(), config.addDirs(), config.maxTurns(),
                config.extraArgs());
        this.connector = new ClaudeConnector(launcher, ClaudeWireCodec.create(), new ClaudeCommandLine(flags), binary,
                environment, configDirs, List.of(config.stateDir()), config.maxLineBytes(), config.startupTimeout());
        this.versionProbe = new VersionProbe(launcher, () -> binary.resolve(StandardErrorCode.PROVIDER_UNAVAILABLE),
                environment, VERSION_TIMEOUT);
    }

    @Override
    public String name() {
        return NAME;
    }

    /** E.g. {@code 2.1.330 (Claude Code)}; cached after the first success. */
    @Override
    public String version() {
        return versionProbe.version();
    }

    @Override
    public AgentConnection open(SessionSpec spec) {
        requireNonNull(spec, "spec is null");
        return connector.open(spec);
    }

    /** A spare can run ahead of its session unless each session gets its own config dir (named after its id). */
    @Override
    public boolean supportsSpares() {
        return configDirScope != ConfigDirScope.SESSION;
    }

    @Override
    public boolean canResume(SessionSpec spec) {
        requireNonNull(spec, "spec is null");
        return new ClaudeTranscripts(configDirs.of(spec)).exists(spec.providerSessionId());
    }

    @Override
    public void discardSessionFiles(SessionSpec spec) {
        requireNonNull(spec, "spec is null");
        new ClaudeTranscripts(configDirs.of(spec)).discard(spec.providerSessionId());
    }

    /**
     * Ends the CLI process groups that a dead engine (killed with SIGKILL, say, so that neither {@link #close()}
     * nor the shutdown hook ran) recorded in {@link ClaudeProviderConfig#stateDir()} and left running. Call it
     * once at start, before serving. Groups of engines that still run (sharing the state dir) are left alone;
     * unreadable records are logged and removed. Blocks up to about the shutdown grace plus 5 s.
     *
     * @return how many running groups were ended (each is logged at WARNING with its pgid)
     */
    public int reapOrphans() {
        return processes.reapOrphans();
    }

    /** What confines the CLI processes, e.g. {@code bwrap (bubblewrap 0.8.0, /usr/bin/bwrap)} or {@code none}. */
    public String sandbox() {
        return processes.sandbox();
    }

    /** The process group ids of the CLI processes still alive (for diagnostics). */
    public List<Long> liveProcessGroups() {
        return processes.liveGroups();
    }

    /** Ends every process group this provider started, and refuses to start more. Idempotent. */
    @Override
    public void close() {
        processes.close();
    }
}
