package dev.hotplex.provider.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static java.util.Objects.requireNonNull;

/**
 * Ends the process groups that a dead engine left behind, from the records it kept in a
 * {@link GroupRecordStore}: {@code kill -9} of the engine runs no shutdown hook, and its CLIs, each in a
 * group of its own, keep running (and spending tokens) as orphans.
 *
 * <p>A record is acted on only when its owner (pid and start time) no longer runs, so engines may share the
 * directory. Then: if the leader still exists with the recorded start time, the whole group is ended
 * (SIGTERM, grace, SIGKILL, checked empty in {@code /proc}); if the leader is gone, whatever members of its
 * group are left are ended the same way (a pgid stays reserved while any member lives, so they can only be
 * ours); if the leader's pid now names another process, the group is necessarily empty and nothing is
 * signalled. The record is deleted once the group is verified empty, and kept (for the next try) otherwise.
 * Unreadable or corrupt records, and temp files of dead owners, are logged and deleted: a bad file must
 * never stop the engine from starting.
 */
final class OrphanReaper {
    private static final System.Logger LOG = System.getLogger(OrphanReaper.class.getName());
    private static final Duration KILL_TIMEOUT = Duration.ofSeconds(5);

    private final GroupRecordStore store;
    private final ProcessGroupKiller killer;
    private final Duration grace;

    OrphanReaper(GroupRecordStore store, ProcessGroupKiller killer, Duration grace) {
        this.store = requireNonNull(store, "store is null");
        this.killer = requireNonNull(killer, "killer is null");
        this.grace = requireNonNull(grace, "grace is null");
    }

    /** Ends every orphaned group on record, in parallel; returns their pgids (groups found still running). */
    List<Long> reap() {
        List<Path> files;
        try {
            files = store.files();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.ERROR, "cannot list the process group records in " + store.dir()
                    + "; orphans of a dead engine are not reaped", e);
            return List.of();
        }
        List<Long> reaped = new ArrayList<>();
        try (ExecutorService reapers = Executors.newVirtualThreadPerTaskExecutor()) {
            List<CompletableFuture<Optional<Long>>> results = files.stream()
                    .map(file -> CompletableFuture.supplyAsync(() -> reap(file), reapers).exceptionally(failure -> {
                        LOG.log(System.Logger.Level.ERROR, "reaping the group recorded in " + file + " failed",
                                failure);
                        return Optional.empty();
                    }))
                    .toList();
            results.forEach(result -> result.join().ifPresent(reaped::add));
        }
        List<Long> sorted = reaped.stream().sorted().toList();
        if (!sorted.isEmpty()) {
            LOG.log(System.Logger.Level.WARNING, "reaped {0} process groups left running by a dead engine: {1}",
                    sorted.size(), sorted);
        }
        return sorted;
    }

    /** The pgid when a running orphan group was ended. */
    private Optional<Long> reap(Path file) {
        if (GroupRecordStore.isTemp(file)) {
            dropTempOfDeadOwner(file);
            return Optional.empty();
        }
        GroupRecord record;
        try {
            record = GroupRecordStore.read(file);
        } catch (IOException | UncheckedIOException | IllegalArgumentException e) {
            LOG.log(System.Logger.Level.WARNING, "removing the unreadable process group record {0}: {1}", file,
                    e.toString());
            GroupRecordStore.deleteQuietly(file);
            return Optional.empty();
        }
        if (killer.table().isRunning(record.owner())) {
            return Optional.empty(); // a living engine's group: its business
        }
        long pgid = record.pgid();
        Optional<ProcessIdentity> leader = killer.table().identity(pgid);
        if (leader.isPresent() && !leader.get().equals(record.leader())) {
            LOG.log(System.Logger.Level.INFO, "process group {0} ({1}) is gone and its pid reused; forgetting it",
                    pgid, record.binary());
            GroupRecordStore.deleteQuietly(file);
            return Optional.empty();
        }
        long start = System.nanoTime();
        GroupTermination result = killer.terminate(pgid, start, start + grace.toNanos(), KILL_TIMEOUT);
        if (!result.empty()) {
            LOG.log(System.Logger.Level.ERROR, "orphaned process group {0} ({1}) still has live members {2}; its "
                    + "record is kept for the next start", pgid, record.binary(), result.survivors());
            return Optional.empty();
        }
        GroupRecordStore.deleteQuietly(file);
        if (!result.signalled()) {
            return Optional.empty(); // it had ended on its own
        }
        LOG.log(System.Logger.Level.WARNING, "ended orphaned process group {0} ({1}) of dead engine {2}: {3}", pgid,
                record.binary(), record.owner().pid(), result);
        return Optional.of(pgid);
    }

    private void dropTempOfDeadOwner(Path file) {
        Optional<ProcessIdentity> owner = GroupRecordStore.ownerByName(file);
        if (owner.isPresent() && killer.table().isRunning(owner.get())) {
            return; // being written right now
        }
        LOG.log(System.Logger.Level.WARNING, "removing the unfinished process group record {0}", file);
        GroupRecordStore.deleteQuietly(file);
    }
}
