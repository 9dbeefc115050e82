package dev.hotplex.provider.process;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static java.util.Objects.requireNonNull;

/**
 * Ends a whole process group: SIGTERM, a grace period, SIGKILL, then a check that no live member is
 * left.
 *
 * <p>Signals go to the group as a whole, through {@code kill -SIG -- -PGID} (procps or util-linux
 * {@code kill}): that is one {@code kill(2)} on the negative pgid, so the kernel delivers it to every
 * member at once, including a child forked a moment earlier, and a pgid stays reserved while any member
 * lives, so it cannot name someone else's processes. Signalling members one by one from a {@code /proc}
 * listing would race with forks. Without a {@code kill} binary (or if it fails) the members found in
 * {@code /proc} are signalled one by one through {@code ProcessHandle}, which checks each process's start
 * time and so never signals a reused pid. Emptiness is always checked in {@code /proc}; there is no
 * event for the exit of processes that are not our children, so the check polls with a short backoff.
 */
final class ProcessGroupKiller {
    private static final System.Logger LOG = System.getLogger(ProcessGroupKiller.class.getName());
    private static final List<Path> KILL_COMMANDS = List.of(Path.of("/bin/kill"), Path.of("/usr/bin/kill"));
    private static final long KILL_COMMAND_TIMEOUT_MS = 2_000;
    private static final long FIRST_POLL_MS = 2;
    private static final long MAX_POLL_MS = 25;

    enum Signal {
        TERM, KILL
    }

    private final ProcessTable table;
    private final Optional<Path> killCommand;

    ProcessGroupKiller(ProcessTable table, Optional<Path> killCommand) {
        this.table = requireNonNull(table, "table is null");
        this.killCommand = requireNonNull(killCommand, "killCommand is null");
    }

    static ProcessGroupKiller system() {
        Optional<Path> kill = KILL_COMMANDS.stream()
                .filter(path -> ExecutableLookup.find(path.toString(), Optional.empty()).isPresent())
                .findFirst();
        if (kill.isEmpty()) {
            LOG.log(System.Logger.Level.WARNING, "no kill command in {0}; process groups will be signalled member "
                    + "by member", KILL_COMMANDS);
        }
        return new ProcessGroupKiller(ProcessTable.system(), kill);
    }

    ProcessTable table() {
        return table;
    }

    /**
     * SIGTERM to the group, up to {@code termDeadline} (a {@link System#nanoTime()} value) for it to empty,
     * then SIGKILL and up to {@code killTimeout} more. Returns early as soon as the group is empty.
     * Keeps going when interrupted (an abandoned kill would leak processes) and restores the flag.
     */
    GroupTermination terminate(long pgid, long startNanos, long termDeadline, Duration killTimeout) {
        boolean interrupted = Thread.interrupted();
        try {
            if (table.liveMembers(pgid).isEmpty()) {
                return done(true, false, false, List.of(), startNanos);
            }
            signal(pgid, Signal.TERM);
            if (awaitEmpty(pgid, termDeadline)) {
                return done(true, true, false, List.of(), startNanos);
            }
            signal(pgid, Signal.KILL);
            if (awaitEmpty(pgid, System.nanoTime() + killTimeout.toNanos())) {
                return done(true, true, true, List.of(), startNanos);
            }
            List<Long> survivors = table.liveMembers(pgid);
            LOG.log(System.Logger.Level.ERROR, "process group {0} still has live members {1} after SIGKILL",
                    pgid, survivors);
            return done(survivors.isEmpty(), true, true, survivors, startNanos);
        } finally {
            if (interrupted || Thread.interrupted()) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Sends {@code signal} to every member of the group. */
    void signal(long pgid, Signal signal) {
        if (killCommand.isPresent() && signalGroup(killCommand.get(), pgid, signal)) {
            return;
        }
        for (long member : table.liveMembers(pgid)) {
            ProcessHandle.of(member).ifPresent(handle -> {
                boolean sent = signal == Signal.KILL ? handle.destroyForcibly() : handle.destroy();
                if (!sent) {
                    LOG.log(System.Logger.Level.DEBUG, "could not signal {0} with {1}", member, signal);
                }
            });
        }
    }

    /**
     * Waits until {@code pid} leads its own process group (setsid(2) ran) or is gone; false at the deadline.
     * Until then a signal to the group would miss it, so a child is handed out only after this.
     */
    boolean awaitGroupLeader(long pid, long deadlineNanos) {
        long pause = 1;
        boolean interrupted = false;
        try {
            while (true) {
                Optional<ProcessTable.Stat> stat = table.stat(pid);
                if (stat.isEmpty() || !stat.get().alive() || stat.get().processGroup() == pid) {
                    return true;
                }
                if (System.nanoTime() - deadlineNanos >= 0) {
                    return false;
                }
                try {
                    TimeUnit.MILLISECONDS.sleep(pause);
                } catch (InterruptedException e) {
                    interrupted = true;
                }
                pause = Math.min(pause * 2, MAX_POLL_MS);
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Polls {@code /proc} until the group has no live member or the deadline passes. */
    boolean awaitEmpty(long pgid, long deadlineNanos) {
        long pause = FIRST_POLL_MS;
        boolean interrupted = false;
        try {
            while (true) {
                if (table.liveMembers(pgid).isEmpty()) {
                    return true;
                }
                long left = deadlineNanos - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                try {
                    TimeUnit.MILLISECONDS.sleep(Math.min(pause, TimeUnit.NANOSECONDS.toMillis(left) + 1));
                } catch (InterruptedException e) {
                    interrupted = true;
                }
                pause = Math.min(pause * 2, MAX_POLL_MS);
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private boolean signalGroup(Path kill, long pgid, Signal signal) {
        try {
            Process process = new ProcessBuilder(kill.toString(), "-" + signal.name(), "--", "-" + pgid)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            boolean exited = waitUninterruptibly(process);
            if (exited && process.exitValue() == 0) {
                return true;
            }
            if (!exited) {
                process.destroyForcibly();
            }
            LOG.log(System.Logger.Level.DEBUG, "{0} -{1} -- -{2} failed; signalling members one by one", kill,
                    signal, pgid);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot run " + kill + "; signalling members one by one", e);
        }
        return false;
    }

    private static boolean waitUninterruptibly(Process process) {
        return UninterruptibleWait.await(TimeUnit.MILLISECONDS.toNanos(KILL_COMMAND_TIMEOUT_MS),
                left -> process.waitFor(left, TimeUnit.NANOSECONDS));
    }

    private static GroupTermination done(boolean empty, boolean signalled, boolean killed, List<Long> survivors,
                                         long startNanos) {
        return new GroupTermination(empty, signalled, killed, survivors, Duration.ofNanos(System.nanoTime() - startNanos));
    }
}
