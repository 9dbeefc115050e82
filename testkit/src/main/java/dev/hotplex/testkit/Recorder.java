package dev.hotplex.testkit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.Predicate;

import static java.util.Objects.requireNonNull;

/**
 * An append-only, thread-safe list that tests can wait on: the shared core of the recording fakes,
 * so each of them waits on a condition instead of polling.
 */
final class Recorder<T> {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition added = lock.newCondition();
    private final List<T> items = new ArrayList<>();

    void add(T item) {
        requireNonNull(item, "item is null");
        lock.lock();
        try {
            items.add(item);
            added.signalAll();
        } finally {
            lock.unlock();
        }
    }

    List<T> snapshot() {
        lock.lock();
        try {
            return List.copyOf(items);
        } finally {
            lock.unlock();
        }
    }

    int size() {
        lock.lock();
        try {
            return items.size();
        } finally {
            lock.unlock();
        }
    }

    /** The last item that matches, if any. */
    Optional<T> last(Predicate<? super T> matching) {
        return snapshot().reversed().stream().filter(matching).findFirst();
    }

    /** The first item, in arrival order, that matches; waits up to {@code timeout} for one. */
    T awaitFirst(Predicate<? super T> matching, Duration timeout, String what) {
        requireNonNull(matching, "matching is null");
        return await(all -> all.stream().filter(matching).findFirst(), timeout, what);
    }

    /** Everything recorded, once there are at least {@code count} items; waits up to {@code timeout}. */
    List<T> awaitCount(int count, Duration timeout, String what) {
        return await(all -> all.size() >= count ? Optional.of(List.copyOf(all)) : Optional.empty(), timeout, what);
    }

    /**
     * Re-evaluates {@code probe} under the lock after every addition until it finds something;
     * {@link IllegalStateException} naming {@code what} and listing the items on timeout.
     */
    private <R> R await(Function<List<T>, Optional<R>> probe, Duration timeout, String what) {
        requireNonNull(timeout, "timeout is null");
        requireNonNull(what, "what is null");
        long deadline = System.nanoTime() + timeout.toNanos();
        lock.lock();
        try {
            while (true) {
                Optional<R> found = probe.apply(items);
                if (found.isPresent()) {
                    return found.get();
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new IllegalStateException("timed out after " + timeout + " waiting for " + what
                            + "; recorded so far: " + items);
                }
                added.awaitNanos(left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + what, e);
        } finally {
            lock.unlock();
        }
    }
}
