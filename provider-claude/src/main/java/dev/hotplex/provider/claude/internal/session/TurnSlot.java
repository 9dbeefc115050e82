package dev.hotplex.provider.claude.internal.session;

import dev.hotplex.core.error.HotplexException;
import dev.hotplex.core.error.StandardErrorCode;
import dev.hotplex.provider.process.ExitStatus;

import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Which turn runs on a connection and whether the connection still takes turns, under one lock shared by
 * the caller's thread (start, interrupt, close) and the stdout thread (routing, the end). Nothing slow
 * happens while it is held.
 */
final class TurnSlot {
    /** What was running when the process ended, and whether hotplex was closing it. */
    record Ending(Optional<RunningTurn> turn, boolean closing) {
    }

    private final long pid;
    private final ReentrantLock lock = new ReentrantLock();
    private RunningTurn current; // guarded by lock
    private boolean closing; // guarded by lock
    private boolean broken; // guarded by lock: stdin failed, so the process must be replaced
    private ExitStatus exit; // guarded by lock

    TurnSlot(long pid) {
        this.pid = pid;
    }

    /**
     * Makes {@code turn} the running one. {@code PROCESS_DIED} when the connection takes no more turns;
     * {@link IllegalStateException} while another turn runs (the engine serialises turns).
     */
    void occupy(RunningTurn turn) {
        lock.lock();
        try {
            if (exit != null || closing || broken) {
                throw gone();
            }
            if (current != null) {
                throw new IllegalStateException("protocol violation: turn " + turn.turnId() + " started while turn "
                        + current.turnId() + " runs on Claude process " + pid);
            }
            current = turn;
        } finally {
            lock.unlock();
        }
    }

    /** The turn whose output is still wanted: none while closing. */
    Optional<RunningTurn> active() {
        lock.lock();
        try {
            return closing ? Optional.empty() : Optional.ofNullable(current);
        } finally {
            lock.unlock();
        }
    }

    /** Frees the slot if {@code turn} holds it, so the next turn may start (e.g. from onComplete). */
    void release(RunningTurn turn) {
        lock.lock();
        try {
            if (current == turn) {
                current = null;
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * After a failed write the process is unusable. The turn is taken back (so that starting it can fail)
     * only if it told its listener nothing yet; otherwise its listener hears the end from the stdout thread.
     */
    boolean withdraw(RunningTurn turn) {
        lock.lock();
        try {
            broken = true;
            if (current == turn && !turn.reported()) {
                current = null;
                return true;
            }
            return false;
        } finally {
            lock.unlock();
        }
    }

    void startClosing() {
        lock.lock();
        try {
            closing = true;
        } finally {
            lock.unlock();
        }
    }

    /** Empties the slot; for a close that cannot wait for the stdout thread any longer. */
    Optional<RunningTurn> takeRunning() {
        lock.lock();
        try {
            Optional<RunningTurn> running = Optional.ofNullable(current);
            current = null;
            return running;
        } finally {
            lock.unlock();
        }
    }

    /** The process ended: no more turns; returns what was running. */
    Ending end(ExitStatus status) {
        lock.lock();
        try {
            exit = status;
            Ending ending = new Ending(Optional.ofNullable(current), closing);
            current = null;
            return ending;
        } finally {
            lock.unlock();
        }
    }

    boolean takesTurns() {
        lock.lock();
        try {
            return exit == null && !closing && !broken;
        } finally {
            lock.unlock();
        }
    }

    /** Called with the lock held. */
    private HotplexException gone() {
        String why;
        if (exit != null) {
            why = "the Claude process " + pid + " has exited: " + exit.describe();
        } else if (closing) {
            why = "the Claude process " + pid + " was closed";
        } else {
            why = "the Claude process " + pid + " no longer takes input";
        }
        return new HotplexException(StandardErrorCode.PROCESS_DIED, why);
    }
}
