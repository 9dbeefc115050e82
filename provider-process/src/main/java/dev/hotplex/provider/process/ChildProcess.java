package dev.hotplex.provider.process;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import static java.util.Objects.requireNonNull;

/**
 * One started child that leads its own process group (pgid = pid, thanks to {@code setsid}).
 *
 * <p>From the moment it exists, stderr is drained into a bounded tail; stdout is read line by line once
 * {@link #readStdout} names a handler (call it before writing anything). Stdin is written in order on a
 * writer thread. {@link #terminate} ends the whole group: stdin closed (the polite way: the Claude CLI
 * flushes its transcript and exits), SIGTERM to the group, the rest of the grace, SIGKILL, then a check
 * that no live member is left. When the leader exits on its own, whatever is left of its group (e.g. a
 * background job of a Bash tool) is ended the same way after {@link #ORPHAN_GRACE}, so that no orphan
 * outlives its session and stdout reaches its end.
 */
public final class ChildProcess {
    /** After the leader exits on its own, the rest of its group gets this long between SIGTERM and SIGKILL. */
    static final Duration ORPHAN_GRACE = Duration.ofSeconds(1);
    private static final System.Logger LOG = System.getLogger(ChildProcess.class.getName());
    private static final Duration KILL_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration EXIT_AFTER_EOF = Duration.ofSeconds(2);
    private static final Duration STDERR_AFTER_EXIT = Duration.ofSeconds(1);

    private final Process process;
    private final long pid;
    private final String name;
    private final int maxLineBytes;
    private final ProcessGroupKiller killer;
    private final StdinWriter stdin;
    private final StderrTail stderr;
    private final AtomicBoolean reading = new AtomicBoolean();
    private final CompletableFuture<GroupTermination> groupGone = new CompletableFuture<>();
    private final Object terminationLock = new Object();
    private volatile String stopReason;
    private GroupTermination termination; // guarded by terminationLock

    ChildProcess(Process process, String name, int maxLineBytes, int stderrTailBytes, ProcessGroupKiller killer) {
        this.process = requireNonNull(process, "process is null");
        this.name = requireNonNull(name, "name is null");
        this.killer = requireNonNull(killer, "killer is null");
        this.maxLineBytes = maxLineBytes;
        this.pid = process.pid();
        this.stdin = new StdinWriter(process.getOutputStream(), name + "-stdin");
        this.stderr = new StderrTail(stderrTailBytes);
        PipeThreads.named(name + "-stderr").start(() -> stderr.drain(process.getErrorStream()));
        process.onExit().thenRun(() -> Thread.ofVirtual().name(name + "-exit")
                .start(() -> terminate(ORPHAN_GRACE, Optional.empty())));
    }

    /** The leader's pid, which is also the process group id. */
    public long pid() {
        return pid;
    }

    /** Whether the leader is still running (other group members may outlive it until they are ended). */
    public boolean isAlive() {
        return process.isAlive();
    }

    /** Starts reading stdout into {@code handler} on a thread of its own (see {@link PipeThreads}); once per child. */
    public void readStdout(LineHandler handler) {
        requireNonNull(handler, "handler is null");
        if (!reading.compareAndSet(false, true)) {
            throw new IllegalStateException("stdout of " + name + " is already being read");
        }
        PipeThreads.named(name + "-stdout").start(() -> pump(handler));
    }

    /** Queues {@code text} for stdin; the future completes when it was flushed or fails with the write's error. */
    public CompletableFuture<Void> send(String text) {
        return stdin.send(text);
    }

    /**
     * Queues {@code text} for stdin and waits up to {@code timeout} for it to be flushed, through interrupts (a
     * half-known write state is worse than a short wait). Empty once written; otherwise why it was not.
     */
    public Optional<String> sendWithin(String text, Duration timeout) {
        requireNonNull(timeout, "timeout is null");
        CompletableFuture<Void> write = stdin.send(text);
        return UninterruptibleWait.await(timeout.toNanos(), left -> {
            try {
                write.get(left, TimeUnit.NANOSECONDS);
                return Optional.empty();
            } catch (ExecutionException e) {
                return Optional.of(String.valueOf(e.getCause()));
            } catch (TimeoutException e) {
                return Optional.of("stdin stayed full for " + timeout.toMillis() + " ms");
            }
        });
    }

    /** The last of what the child wrote to stderr so far. */
    public String stderrTail() {
        return stderr.text();
    }

    /** Completes once no live member of the group is left (or as good as it got: see the result). */
    public CompletableFuture<GroupTermination> groupGone() {
        return groupGone.copy();
    }

    /**
     * Ends the whole group and returns once it is empty: stdin closed, up to half of {@code grace} for the
     * leader to exit on its own, SIGTERM to the group, until {@code grace} is used up for the group to
     * empty, then SIGKILL. Idempotent: later calls return the first result. {@code reason} (why hotplex
     * stops a running child) is reported in the {@link ExitStatus}.
     */
    public GroupTermination terminate(Duration grace, Optional<String> reason) {
        requireNonNull(grace, "grace is null");
        requireNonNull(reason, "reason is null");
        GroupTermination result;
        synchronized (terminationLock) {
            if (termination != null) {
                return termination;
            }
            long start = System.nanoTime();
            long graceNanos = Math.max(0, grace.toNanos());
            if (process.isAlive()) {
                reason.filter(why -> stopReason == null).ifPresent(why -> stopReason = why);
                stdin.close();
                waitForExit(graceNanos / 2);
            }
            result = killer.terminate(pid, start, start + graceNanos, KILL_TIMEOUT);
            stdin.shutdown();
            termination = result;
            groupGone.complete(result); // inside the lock: a concurrent caller returns only after this
        }
        LOG.log(result.empty() ? System.Logger.Level.DEBUG : System.Logger.Level.ERROR,
                "process group {0} ({1}) ended: {2}", pid, name, result);
        return result;
    }

    @Override
    public String toString() {
        return name;
    }

    private void pump(LineHandler handler) {
        InputStream stdout = process.getInputStream();
        LineReader reader = new LineReader(stdout, maxLineBytes);
        try {
            for (Optional<LineReader.Line> line = reader.next(); line.isPresent(); line = reader.next()) {
                deliver(handler, line.get());
            }
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "stdout of {0} ended: {1}", name, e.toString());
        } finally {
            closeQuietly(stdout);
        }
        ExitStatus status = exitStatus();
        try {
            handler.ended(status);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "the stdout handler of " + name + " failed at the end", e);
        }
    }

    private void deliver(LineHandler handler, LineReader.Line line) {
        try {
            switch (line) {
                case LineReader.Line.Text text -> handler.line(text.text());
                case LineReader.Line.Skipped skipped -> handler.skipped(skipped.bytes(), skipped.head());
            }
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "the stdout handler of " + name + " failed; reading on", e);
        }
    }

    /**
     * After stdout ended: the leader's exit code, once the rest of the group is gone too (the exit watcher
     * ends it) and stderr was read, each within a bound. So a reported end means nothing of the group is left.
     */
    private ExitStatus exitStatus() {
        if (!waitForExit(EXIT_AFTER_EOF.toNanos())) {
            LOG.log(System.Logger.Level.WARNING, "{0} closed its stdout but kept running; stopping it", name);
            terminate(Duration.ZERO, Optional.of("it closed its stdout but kept running"));
            waitForExit(KILL_TIMEOUT.toNanos());
        }
        awaitGroupGone();
        stderr.awaitDrained(STDERR_AFTER_EXIT);
        int code = process.isAlive() ? -1 : process.exitValue();
        return new ExitStatus(code, stderr.text(), Optional.ofNullable(stopReason));
    }

    private void awaitGroupGone() {
        Duration bound = ORPHAN_GRACE.plus(KILL_TIMEOUT).plusSeconds(1);
        UninterruptibleWait.await(bound.toNanos(), left -> {
            try {
                return groupGone.get(left, TimeUnit.NANOSECONDS);
            } catch (ExecutionException | TimeoutException e) {
                LOG.log(System.Logger.Level.WARNING, "process group {0} ({1}) not confirmed gone: {2}", pid, name,
                        e.toString());
                return null;
            }
        });
    }

    /** Waits for the leader's exit without giving up on interrupts (the flag is restored). */
    private boolean waitForExit(long nanos) {
        return UninterruptibleWait.await(nanos, left -> process.waitFor(left, TimeUnit.NANOSECONDS));
    }

    private static void closeQuietly(InputStream stream) {
        try {
            stream.close();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "closing a stream failed: {0}", e.toString());
        }
    }
}
