package dev.hotplex.provider.codex;

import dev.hotplex.core.port.out.AgentConnection;
import dev.hotplex.core.port.out.AgentProvider;
import dev.hotplex.core.port.out.SessionSpec;
import dev.hotplex.provider.codex.internal.CodexBinary;
import dev.hotplex.provider.codex.internal.CodexConnector;
import dev.hotplex.provider.codex.internal.CodexEnvironment;
import dev.hotplex.provider.codex.internal.CodexHome;
import dev.hotplex.provider.codex.internal.CodexRollouts;
import dev.hotplex.provider.codex.internal.ThreadIds;
import dev.hotplex.provider.codex.internal.session.Pricing;
import dev.hotplex.provider.codex.internal.wire.CodexWire;
import dev.hotplex.provider.codex.internal.wire.ThreadSettings;
import dev.hotplex.provider.process.ProcessLauncher;
import dev.hotplex.provider.process.ProviderProcesses;
import dev.hotplex.provider.process.Sandbox;
import dev.hotplex.provider.process.SandboxSelector;
import dev.hotplex.provider.process.VersionProbe;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * The OpenAI Codex CLI as an {@link AgentProvider}: one hot {@code codex app-server} per session, in a process
 * group of its own (the shared provider-process supervision: group kill, on-disk records, orphan reaping),
 * with an allow-listed environment. Codex names its threads itself; the session → thread record under the
 * state dir lets a session resume its thread after a restart or a crash.
 *
 * <p>Each process runs in the configured OS sandbox ({@link CodexProviderConfig#osSandbox()}, bubblewrap by default):
 * its work dir and the session's Codex home writable ({@link CodexProviderConfig#homeScope()}: by default each
 * tenant has its own, and the base home with the other tenants' is hidden), the provider's state dir hidden, plus
 * the deployment's own binds and hidden paths (the engine's state dir, the workspace root). Codex's own bubblewrap
 * cannot run nested inside it, so while it confines, threads start with {@code danger-full-access} and hotplex's
 * sandbox is what confines the commands; without it, Codex's configured {@link CodexProviderConfig#sandbox()}
 * applies.
 */
public final class CodexProvider implements AgentProvider, AutoCloseable {
    public static final String NAME = "codex";
    private static final Duration VERSION_TIMEOUT = Duration.ofSeconds(15);
    private static final String FULL_ACCESS = "danger-full-access";

    private final ProviderProcesses processes;
    private final CodexConnector connector;
    private final VersionProbe versionProbe;
    private final ThreadIds threads;
    private final CodexHome home;
    private final CodexHomeScope homeScope;

    public CodexProvider(CodexProviderConfig config) {
        this(config, System.getenv());
    }

    /** {@code engineEnvironment}: what the allow-list filters (normally {@link System#getenv()}). */
    public CodexProvider(CodexProviderConfig config, Map<String, String> engineEnvironment) {
        requireNonNull(config, "config is null");
        requireNonNull(engineEnvironment, "engineEnvironment is null");
        Map<String, String> environment = new CodexEnvironment(config.envAllow(), config.home(), config.extraEnv())
                .build(engineEnvironment);
        CodexBinary binary = new CodexBinary(config.binary(), Optional.ofNullable(environment.get("PATH"))
                .or(() -> Optional.ofNullable(engineEnvironment.get("PATH"))));
        // what can refuse the settings runs before the registry exists (it adds a shutdown hook)
        Sandbox osSandbox = new SandboxSelector().select(config.osSandbox()).sandbox();
        this.processes = new ProviderProcesses("Codex", config.shutdownGrace(), config.stateDir(),
                config.stateDir().resolve("groups"), osSandbox);
        ProcessLauncher launcher = processes.launcher();
        this.threads = new ThreadIds(config.stateDir().resolve("threads"));
        this.homeScope = config.homeScope();
        this.home = new CodexHome(config.home(), environment, switch (config.homeScope()) {
            case ENGINE -> CodexHome.Scope.ENGINE;
            case TENANT -> CodexHome.Scope.TENANT;
            case SESSION -> CodexHome.Scope.SESSION;
        });
        this.connector = new CodexConnector(launcher, CodexWire.create(), binary, environment,
                new ThreadSettings(config.model(), innerSandbox(config, osSandbox), config.approvalPolicy()), threads,
                home, List.of(config.stateDir().toAbsolutePath()),
                pricing(config.prices()), config.maxLineBytes(), config.startupTimeout());
        this.versionProbe = new VersionProbe(launcher, binary::resolve, environment, VERSION_TIMEOUT);
    }

    /**
     * Codex's own sandbox for its commands. Its bubblewrap cannot start inside hotplex's (all capabilities dropped:
     * {@code bwrap: setting up uid map: Operation not permitted}, found on 0.169.0), so every sandboxed command would
     * fail; while hotplex's sandbox confines, Codex runs commands directly and hotplex's bwrap confines them.
     */
    private static String innerSandbox(CodexProviderConfig config, Sandbox osSandbox) {
        return osSandbox.confines() ? FULL_ACCESS : config.sandbox();
    }

    private static Pricing pricing(Map<String, CodexPrice> prices) {
        return (model, tokens) -> Optional.ofNullable(prices.get(model)).map(price -> price.cost(tokens));
    }

    @Override
    public String name() {
        return NAME;
    }

    /** E.g. {@code codex-cli 0.169.0}; cached after the first success. */
    @Override
    public String version() {
        return versionProbe.version();
    }

    @Override
    public AgentConnection open(SessionSpec spec) {
        requireNonNull(spec, "spec is null");
        return connector.open(spec);
    }

    /** A spare can run ahead of its session unless each session gets its own Codex home (named after its id). */
    @Override
    public boolean supportsSpares() {
        return homeScope != CodexHomeScope.SESSION;
    }

    /** Whether a thread was recorded for the session: Codex keeps it in its home until it is discarded. */
    @Override
    public boolean canResume(SessionSpec spec) {
        requireNonNull(spec, "spec is null");
        return threads.find(spec.providerSessionId()).isPresent();
    }

    /** Forgets the session's thread and deletes its rollout file from the session's Codex home. */
    @Override
    public void discardSessionFiles(SessionSpec spec) {
        requireNonNull(spec, "spec is null");
        CodexRollouts rollouts = new CodexRollouts(home.of(spec));
        threads.find(spec.providerSessionId()).ifPresent(rollouts::discard);
        threads.forget(spec.providerSessionId());
    }

    /** Ends the process groups a dead engine recorded and left running; call once at start. */
    public int reapOrphans() {
        return processes.reapOrphans();
    }

    /** What confines the Codex processes, e.g. {@code bwrap (bubblewrap 0.8.0, /usr/bin/bwrap)} or {@code none}. */
    public String sandbox() {
        return processes.sandbox();
    }

    /** The process group ids of the Codex processes still alive (for diagnostics and tests). */
    public List<Long> liveProcessGroups() {
        return processes.liveGroups();
    }

    /** Ends every process group this provider started, and refuses to start more. Idempotent. */
    @Override
    public void close() {
        processes.close();
    }
}
