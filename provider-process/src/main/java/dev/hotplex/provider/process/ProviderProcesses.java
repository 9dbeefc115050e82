package dev.hotplex.provider.process;

import dev.hotplex.core.error.HotplexException;
import dev.hotplex.core.error.StandardErrorCode;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * The process groups of one provider: a {@link LiveProcessRegistry} that records them on disk (so a later engine
 * reaps what a SIGKILLed one left), and the {@link ProcessLauncher} that starts every child of the provider in
 * its OS sandbox and registers it there. What a provider exposes about its processes comes from here.
 */
public final class ProviderProcesses implements AutoCloseable {
    private final LiveProcessRegistry registry;
    private final ProcessLauncher launcher;

    /**
     * Records the groups in {@code groupsDir}, created if missing; {@code INVALID_CONFIG} naming the provider's
     * {@code stateDir} when it cannot be used. Adds the registry's JVM shutdown hook, so build it last among what
     * can refuse the provider's settings.
     */
    public ProviderProcesses(String provider, Duration shutdownGrace, Path stateDir, Path groupsDir, Sandbox sandbox) {
        requireNonNull(provider, "provider is null");
        requireNonNull(stateDir, "stateDir is null");
        requireNonNull(sandbox, "sandbox is null");
        try {
            this.registry = new LiveProcessRegistry(shutdownGrace, groupsDir);
        } catch (UncheckedIOException e) {
            throw new HotplexException(StandardErrorCode.INVALID_CONFIG, provider + " provider: cannot use the state dir "
                    + stateDir + ": " + e.getCause().getMessage(), e);
        }
        this.launcher = new ProcessLauncher(registry, sandbox);
    }

    /** Starts children confined by the sandbox and registered here. */
    public ProcessLauncher launcher() {
        return launcher;
    }

    /** What confines the processes, e.g. {@code bwrap (bubblewrap 0.8.0, /usr/bin/bwrap)} or {@code none}. */
    public String sandbox() {
        return launcher.sandbox().describe();
    }

    /** Ends the groups a dead engine recorded and left running; how many (see {@link LiveProcessRegistry#reapOrphans}). */
    public int reapOrphans() {
        return registry.reapOrphans().size();
    }

    /** The process group ids still alive. */
    public List<Long> liveGroups() {
        return registry.liveGroups();
    }

    /** Ends every group started here and refuses to start more. Idempotent. */
    @Override
    public void close() {
        registry.close();
    }
}
