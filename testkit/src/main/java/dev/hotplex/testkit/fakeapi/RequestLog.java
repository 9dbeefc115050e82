package dev.hotplex.testkit.fakeapi;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import static java.util.Objects.requireNonNull;

/**
 * What a fake API was asked, thread-safe, with bounded waits on a condition (never polling) so tests can
 * wait for a request the CLI sends from its own threads.
 */
final class RequestLog {
    private final String requestKind;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    // guarded by lock
    private final List<String> bodies = new ArrayList<>();
    private final List<String> unexpected = new ArrayList<>();
    private int aborted;

    /** {@code requestKind} names the served requests in timeout messages, e.g. {@code "Messages"}. */
    RequestLog(String requestKind) {
        this.requestKind = requireNonNull(requestKind, "requestKind is null");
    }

    /** Records the body of a served request; returns its 1-based sequence number. */
    int recordServed(String body) {
        requireNonNull(body, "body is null");
        return update(() -> {
            bodies.add(body);
            return bodies.size();
        });
    }

    /** Records a call the fake does not serve, as {@code "<METHOD> <uri>"}. */
    void recordUnexpected(String call) {
        requireNonNull(call, "call is null");
        update(() -> unexpected.add(call));
    }

    /** Records a response the client abandoned midway. */
    void recordAborted() {
        update(() -> ++aborted);
    }

    List<String> bodies() {
        return read(() -> List.copyOf(bodies));
    }

    List<String> unexpected() {
        return read(() -> List.copyOf(unexpected));
    }

    int aborted() {
        return read(() -> aborted);
    }

    /** The bodies, once at least {@code count} were received; {@link IllegalStateException} after {@code timeout}. */
    List<String> awaitBodies(int count, Duration timeout) {
        awaitUntil(() -> bodies.size() >= count, timeout, count + " " + requestKind + " requests");
        return bodies();
    }

    /** The number of aborted responses, once at least {@code count}; {@link IllegalStateException} on timeout. */
    int awaitAborted(int count, Duration timeout) {
        awaitUntil(() -> aborted >= count, timeout, count + " responses aborted by the client");
        return aborted();
    }

    private void awaitUntil(BooleanSupplier condition, Duration timeout, String what) {
        requireNonNull(timeout, "timeout is null");
        long deadline = System.nanoTime() + timeout.toNanos();
        lock.lock();
        try {
            while (!condition.getAsBoolean()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new IllegalStateException("timed out after " + timeout + " waiting for " + what + "; got "
                            + bodies.size() + " requests, " + aborted + " aborted, unexpected " + unexpected);
                }
                changed.awaitNanos(left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + what, e);
        } finally {
            lock.unlock();
        }
    }

    private <T> T update(Supplier<T> change) {
        lock.lock();
        try {
            T result = change.get();
            changed.signalAll();
            return result;
        } finally {
            lock.unlock();
        }
    }

    private <T> T read(Supplier<T> query) {
        lock.lock();
        try {
            return query.get();
        } finally {
            lock.unlock();
        }
    }
}
