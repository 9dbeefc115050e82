package dev.hotplex.adapter.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.locks.ReentrantLock;

import static java.util.Objects.requireNonNull;

/**
 * A "waiting… 12s" line on stderr while a turn shows nothing, so a person at a terminal can tell a slow agent from a
 * hung one. It redraws in place with {@code \r} and is wiped before any transcript output, so it never mixes with it.
 * Only for terminals: in pipes it would be noise in a log.
 */
final class ElapsedIndicator implements AutoCloseable {
    private static final Duration QUIET_BEFORE_SHOWING = Duration.ofMillis(700);
    private static final Duration TICK = Duration.ofMillis(250);

    private final PrintWriter err;
    private final long startNanos = System.nanoTime();
    private final ReentrantLock lock = new ReentrantLock();
    private final Thread ticker;
    // guarded by lock
    private long lastOutputNanos = startNanos;
    private boolean shown;
    private boolean closed;

    private ElapsedIndicator(PrintWriter err) {
        this.err = requireNonNull(err, "err is null");
        this.ticker = Thread.ofVirtual().name("hotplex-elapsed").unstarted(this::tickUntilClosed);
    }

    static ElapsedIndicator start(PrintWriter err) {
        ElapsedIndicator indicator = new ElapsedIndicator(err);
        indicator.ticker.start();
        return indicator;
    }

    /** Call before printing transcript output: wipes the indicator and restarts the quiet period. */
    void beforeOutput() {
        lock.lock();
        try {
            wipe();
            lastOutputNanos = System.nanoTime();
        } finally {
            lock.unlock();
        }
    }

    private void tickUntilClosed() {
        try {
            while (true) {
                Thread.sleep(TICK);
                lock.lock();
                try {
                    if (closed) {
                        return;
                    }
                    long now = System.nanoTime();
                    if (now - lastOutputNanos >= QUIET_BEFORE_SHOWING.toNanos()) {
                        long seconds = Duration.ofNanos(now - startNanos).toSeconds();
                        err.print("\r\u001b[2K… waiting " + seconds + "s");
                        err.flush();
                        shown = true;
                    }
                } finally {
                    lock.unlock();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void wipe() {
        if (shown) {
            err.print("\r\u001b[2K");
            err.flush();
            shown = false;
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            wipe();
        } finally {
            lock.unlock();
        }
        ticker.interrupt();
    }
}
