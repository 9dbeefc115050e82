package dev.hotplex.provider.process;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import static java.util.Objects.requireNonNull;

/**
 * Writes a child's stdin on a thread of its own, one line after another in call order. A child that
 * stops reading fills the pipe and blocks the write: callers then wait on the returned future with a
 * timeout instead of hanging (and the reader thread can answer the CLI without blocking on it).
 */
final class StdinWriter {
    private static final long IDLE_SECONDS = 30;

    private final OutputStream out;
    private final ExecutorService writer;

    StdinWriter(OutputStream out, String threadName) {
        this.out = requireNonNull(out, "out is null");
        // one platform thread at most (see PipeThreads), kept only while there is something to write
        ThreadPoolExecutor executor = new ThreadPoolExecutor(1, 1, IDLE_SECONDS, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), PipeThreads.named(threadName).factory());
        executor.allowCoreThreadTimeOut(true);
        this.writer = executor;
    }

    /** Queues {@code text}; the future completes once it was flushed, or fails with the write's error. */
    CompletableFuture<Void> send(String text) {
        requireNonNull(text, "text is null");
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return submit(() -> {
            out.write(bytes);
            out.flush();
        });
    }

    /** Queues closing stdin (after what was queued before): the CLI's cue to finish and exit. */
    CompletableFuture<Void> close() {
        return submit(out::close);
    }

    /** Stops the writer thread; for after the process is gone, when any blocked write has failed. */
    void shutdown() {
        writer.shutdownNow();
    }

    private CompletableFuture<Void> submit(IoAction action) {
        try {
            return CompletableFuture.runAsync(() -> {
                try {
                    action.run();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }, writer);
        } catch (RejectedExecutionException e) {
            return CompletableFuture.failedFuture(new IOException("stdin is closed", e));
        }
    }

    @FunctionalInterface
    private interface IoAction {
        void run() throws IOException;
    }
}
