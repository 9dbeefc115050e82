package dev.hotplex.provider.process;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Records what a child's stdout pump delivers; tests wait on it with bounded waits. */
final class RecordingLineHandler implements LineHandler {
    private final LinkedBlockingQueue<String> pending = new LinkedBlockingQueue<>();
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final List<String> skipped = new CopyOnWriteArrayList<>();
    private final CompletableFuture<ExitStatus> ended = new CompletableFuture<>();

    @Override
    public void line(String text) {
        lines.add(text);
        pending.add(text);
    }

    @Override
    public void skipped(long bytes, String head) {
        skipped.add(bytes + ":" + head);
    }

    @Override
    public void ended(ExitStatus status) {
        if (!ended.complete(status)) {
            throw new AssertionError("ended twice");
        }
    }

    /** The next line not taken yet; fails after {@code timeout}. */
    String nextLine(Duration timeout) throws InterruptedException {
        String line = pending.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (line == null) {
            throw new AssertionError("no line within " + timeout + "; lines so far: " + lines);
        }
        return line;
    }

    ExitStatus awaitEnd(Duration timeout) throws InterruptedException, ExecutionException, TimeoutException {
        return ended.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    List<String> lines() {
        return List.copyOf(lines);
    }
}
