package dev.hotplex.provider.claude.internal.process;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static java.util.Objects.requireNonNull;

/**
 * Every process group started and not yet verified gone, so that none outlives hotplex: {@link #close}
 * ends them all, and so does a JVM shutdown hook that this registry adds for itself (and removes on
 * close). Kept small and on its own so that a later on-disk record of live groups (to reap what a crashed
 * engine left behind) can grow here.
 */
public final class LiveProcessRegistry implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(LiveProcessRegistry.class.getName());

    private final Set<ChildProcess> live = ConcurrentHashMap.newKeySet();
    private final Duration grace;
    private final Thread shutdownHook;
    private boolean closed; // guarded by this

    /** {@code grace}: what each group gets between the polite stop and SIGKILL on close and at JVM exit. */
    public LiveProcessRegistry(Duration grace) {
        this.grace = requireNonNull(grace, "grace is null");
        this.shutdownHook = new Thread(() -> killAll(grace, "the JVM is shutting down"), "hotplex-process-groups");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** Adds a started child; false (the caller must end it) when the registry is closed. */
    synchronized boolean register(ChildProcess child) {
        requireNonNull(child, "child is null");
        if (closed) {
            return false;
        }
        live.add(child);
        child.groupGone().thenRun(() -> live.remove(child));
        return true;
    }

    synchronized boolean isClosed() {
        return closed;
    }

    /** The process group ids not yet verified gone. */
    public List<Long> liveGroups() {
        return live.stream().map(ChildProcess::pid).sorted().toList();
    }

    /** Ends every registered group in parallel, each with {@code killGrace}; returns when all are done. */
    public void killAll(Duration killGrace, String reason) {
        requireNonNull(killGrace, "killGrace is null");
        List<ChildProcess> targets = new ArrayList<>(live);
        if (targets.isEmpty()) {
            return;
        }
        LOG.log(System.Logger.Level.INFO, "ending {0} process groups: {1}", targets.size(), reason);
        try (ExecutorService stoppers = Executors.newVirtualThreadPerTaskExecutor()) {
            List<CompletableFuture<GroupTermination>> stops = targets.stream()
                    .map(child -> CompletableFuture.supplyAsync(
                            () -> child.terminate(killGrace, Optional.of(reason)), stoppers).exceptionally(failure -> {
                                LOG.log(System.Logger.Level.ERROR, "ending process group " + child.pid() + " failed",
                                        failure);
                                return null;
                            }))
                    .toList();
            CompletableFuture.allOf(stops.toArray(CompletableFuture[]::new)).join();
        }
    }

    /** Refuses new children, ends all live groups and drops the shutdown hook. Idempotent. */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
        }
        killAll(grace, "the provider is closing");
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down: the hook runs (or ran) anyway
        }
    }
}
