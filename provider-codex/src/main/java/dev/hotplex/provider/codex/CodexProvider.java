package dev.hotplex.provider.codex;

import dev.hotplex.core.error.HotplexException;
import dev.hotplex.core.error.StandardErrorCode;
import dev.hotplex.core.port.out.AgentConnection;
import dev.hotplex.core.port.out.AgentProvider;
import dev.hotplex.core.port.out.SessionSpec;
import dev.hotplex.provider.codex.internal.CodexBinary;
import dev.hotplex.provider.codex.internal.CodexConnector;
import dev.hotplex.provider.codex.internal.CodexEnvironment;
import dev.hotplex.provider.codex.internal.CodexRollouts;
import dev.hotplex.provider.codex.internal.CodexVersionProbe;
import dev.hotplex.provider.codex.internal.ThreadIds;
import dev.hotplex.provider.codex.internal.session.Pricing;
import dev.hotplex.provider.codex.internal.wire.CodexWire;
import dev.hotplex.provider.codex.internal.wire.ThreadSettings;
import dev.hotplex.provider.process.LiveProcessRegistry;
import dev.hotplex.provider.process.ProcessLauncher;

import java.io.UncheckedIOException;
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
 */
public final class CodexProvider implements AgentProvider, AutoCloseable {
    public static final String NAME = "codex";
    private static final Duration VERSION_TIMEOUT = Duration.ofSeconds(15);

    private final LiveProcessRegistry registry;
    private final CodexConnector connector;
    private final CodexVersionProbe versionProbe;
    private final ThreadIds threads;
    private final CodexRollouts rollouts;

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
        try {
            this.registry = new LiveProcessRegistry(config.shutdownGrace(), config.stateDir().resolve("groups"));
        } catch (UncheckedIOException e) {
            throw new HotplexException(StandardErrorCode.INVALID_CONFIG, "Codex provider: cannot use the state dir "
                    + config.stateDir() + ": " + e.getCause().getMessage(), e);
        }
        ProcessLauncher launcher = new ProcessLauncher(registry);
        this.threads = new ThreadIds(config.stateDir().resolve("threads"));
        this.rollouts = new CodexRollouts(config.home());
        this.connector = new CodexConnector(launcher, CodexWire.create(), binary, environment,
                new ThreadSettings(config.model(), config.sandbox(), config.approvalPolicy()), threads,
                pricing(config.prices()), config.maxLineBytes(), config.startupTimeout());
        this.versionProbe = new CodexVersionProbe(launcher, binary, environment, VERSION_TIMEOUT);
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

    /** Whether a thread was recorded for the session: Codex keeps it in its home until it is discarded. */
    @Override
    public boolean canResume(SessionSpec spec) {
        requireNonNull(spec, "spec is null");
        return threads.find(spec.providerSessionId()).isPresent();
    }

    /** Forgets the session's thread and deletes its rollout file (when the Codex home is configured). */
    @Override
    public void discardSessionFiles(SessionSpec spec) {
        requireNonNull(spec, "spec is null");
        threads.find(spec.providerSessionId()).ifPresent(rollouts::discard);
        threads.forget(spec.providerSessionId());
    }

    /** Ends the process groups a dead engine recorded and left running; call once at start. */
    public int reapOrphans() {
        return registry.reapOrphans().size();
    }

    /** The process group ids of the Codex processes still alive (for diagnostics and tests). */
    public List<Long> liveProcessGroups() {
        return registry.liveGroups();
    }

    /** Ends every process group this provider started, and refuses to start more. Idempotent. */
    @Override
    public void close() {
        registry.close();
    }
}
