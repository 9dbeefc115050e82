package dev.hotplex.provider.process;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Starts every child from one long-lived platform thread. Linux sends a parent-death signal
 * ({@code PR_SET_PDEATHSIG}, which bwrap's {@code --die-with-parent} sets) when the <em>thread</em> that forked
 * the child ends, not the process; children started from a pool or a virtual thread's carrier would be killed
 * whenever that thread retires. This thread lives until the registry that ends the children is closed.
 */
final class Spawner implements AutoCloseable {
    private static final Duration STOP_WAIT = Duration.ofSeconds(2);

    private final ExecutorService thread = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().daemon().name("hotplex-process-spawner").factory());

    /** {@link ProcessBuilder#start()} on the spawner thread; waits for it even when interrupted (the child must not leak). */
    Process start(ProcessBuilder builder) throws IOException {
        Future<Process> started;
        try {
            started = thread.submit(builder::start);
        } catch (RejectedExecutionException e) {
            throw new IOException("the process spawner is closed", e);
        }
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return started.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof IOException io) {
                        throw io;
                    }
                    throw new IOException(e.getCause());
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void close() {
        thread.shutdown();
        try {
            thread.awaitTermination(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
