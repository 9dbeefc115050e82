package dev.hotplex.provider.process;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static java.util.Objects.requireNonNull;

/**
 * Every process group started and not yet verified gone, so that none outlives hotplex: {@link #close}
 * ends them all, and so does a JVM shutdown hook that this registry adds for itself (and removes on
 * close). Neither runs when the engine is killed with SIGKILL (or the OOM killer), so with a state dir
 * each group is also recorded on disk ({@link GroupRecordStore}) from its start until it is verified gone,
 * and {@link #reapOrphans()} ends what a dead engine left behind.
 */
public final class LiveProcessRegistry implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(LiveProcessRegistry.class.getName());

    /** Each live child with its record on disk, if it has one. */
    private final Map<ChildProcess, Optional<GroupRecord>> live = new ConcurrentHashMap<>();
    private final Duration grace;
    private final Thread shutdownHook;
    private final Optional<GroupRecordStore> records;
    private final ProcessGroupKiller killer;
    private final Optional<ProcessIdentity> self;
    private final Spawner spawner = new Spawner();
    private boolean closed; // guarded by this

    /**
     * Without records on disk (groups left by a SIGKILLed engine are not found again).
     * {@code grace}: what each group gets between the polite stop and SIGKILL on close and at JVM exit.
     */
    public LiveProcessRegistry(Duration grace) {
        this(grace, Optional.empty(), ProcessGroupKiller.system());
    }

    /**
     * Records every group in {@code stateDir}, created owner-only if missing ({@link java.io.UncheckedIOException}
     * when it cannot be), so that {@link #reapOrphans()} of a later engine finds them.
     */
    public LiveProcessRegistry(Duration grace, Path stateDir) {
        this(grace, Optional.of(GroupRecordStore.open(requireNonNull(stateDir, "stateDir is null"))),
                ProcessGroupKiller.system());
    }

    LiveProcessRegistry(Duration grace, Optional<GroupRecordStore> records, ProcessGroupKiller killer) {
        this.grace = requireNonNull(grace, "grace is null");
        this.records = requireNonNull(records, "records is null");
        this.killer = requireNonNull(killer, "killer is null");
        this.self = records.isPresent() && killer.table().available() ? Optional.of(killer.table().self())
                : Optional.empty();
        this.shutdownHook = new Thread(() -> killAll(grace, "the JVM is shutting down"), "hotplex-process-groups");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * Adds a started child, and records it on disk before it is handed out; false (the caller must end it)
     * when the registry is closed. The record is deleted once the group is verified empty, and kept when it is
     * not, so that the next engine retries.
     */
    boolean register(ChildProcess child, String binary) {
        requireNonNull(child, "child is null");
        requireNonNull(binary, "binary is null");
        Optional<GroupRecord> record = record(child, binary);
        boolean accepted;
        synchronized (this) {
            accepted = !closed;
            if (accepted) {
                live.put(child, record);
            }
        }
        child.groupGone().thenAccept(result -> ended(child, record, result));
        return accepted;
    }

    /**
     * Ends the process groups that dead engines recorded in the state dir and left running; returns their
     * pgids. Call it once at start, before serving. Groups of engines still running are left alone.
     */
    public List<Long> reapOrphans() {
        return records.map(store -> new OrphanReaper(store, killer, grace).reap()).orElse(List.of());
    }

    synchronized boolean isClosed() {
        return closed;
    }

    /** Starts a child from the spawner thread, which lives as long as this registry (see {@link Spawner}). */
    Process spawn(ProcessBuilder builder) throws java.io.IOException {
        return spawner.start(builder);
    }

    private Optional<GroupRecord> record(ChildProcess child, String binary) {
        if (records.isEmpty() || self.isEmpty()) {
            return Optional.empty();
        }
        Optional<ProcessIdentity> leader = killer.table().identity(child.pid());
        if (leader.isEmpty()) {
            return Optional.empty(); // gone already: nothing to reap later
        }
        GroupRecord record = new GroupRecord(leader.get(), self.get(), binary);
        try {
            records.get().write(record);
            return Optional.of(record);
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "cannot record process group " + child.pid() + " in "
                    + records.get().dir() + "; if this engine is killed, it will be left running", e);
            return Optional.empty();
        }
    }

    /**
     * Drops an ended child, and its record once the group is verified empty (kept otherwise, for the next start).
     * Called both by whoever ended it and from its {@code groupGone} callback: a thread blocked on that future
     * may run the callback after {@link ChildProcess#terminate} has returned, and {@link #close} must not return
     * before the registry is clean. Idempotent.
     */
    private GroupTermination ended(ChildProcess child, Optional<GroupRecord> record, GroupTermination result) {
        if (result.empty()) {
            record.ifPresent(this::forget);
        }
        live.remove(child);
        return result;
    }

    private void forget(GroupRecord record) {
        try {
            records.orElseThrow().delete(record);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.ERROR, "cannot delete the record of ended process group " + record.pgid()
                    + "; the next start will find it gone", e);
        }
    }

    /** The process group ids not yet verified gone. */
    public List<Long> liveGroups() {
        return live.keySet().stream().map(ChildProcess::pid).sorted().toList();
    }

    /** Ends every registered group in parallel, each with {@code killGrace}; returns when all are done. */
    public void killAll(Duration killGrace, String reason) {
        requireNonNull(killGrace, "killGrace is null");
        List<ChildProcess> targets = new ArrayList<>(live.keySet());
        if (targets.isEmpty()) {
            return;
        }
        LOG.log(System.Logger.Level.INFO, "ending {0} process groups: {1}", targets.size(), reason);
        try (ExecutorService stoppers = Executors.newVirtualThreadPerTaskExecutor()) {
            List<CompletableFuture<GroupTermination>> stops = targets.stream()
                    .map(child -> CompletableFuture.supplyAsync(() -> ended(child,
                                    live.getOrDefault(child, Optional.empty()),
                                    child.terminate(killGrace, Optional.of(reason))), stoppers)
                            .exceptionally(failure -> {
                                LOG.log(System.Logger.Level.ERROR, "ending process group " + child.pid() + " failed",
                                        failure);
                                return null;
                            }))
                    .toList();
            CompletableFuture.allOf(stops.toArray(CompletableFuture[]::new)).join();
        }
    }

    /** Refuses new children, ends all live groups, stops the spawner thread and drops the shutdown hook. Idempotent. */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
        }
        killAll(grace, "the provider is closing");
        spawner.close();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down: the hook runs (or ran) anyway
        }
    }
}
