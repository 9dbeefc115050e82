package dev.hotplex.adapter.http;

import dev.hotplex.core.model.SessionId;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The turns this server started and that have not ended yet, whatever became of their clients, and the streams still
 * writing a turn's last events: graceful shutdown waits for both (so a finished turn's terminal event still reaches its
 * client before the listener closes), then interrupts the stragglers.
 */
final class InFlightTurns {
    private final Map<SessionId, AtomicInteger> running = new ConcurrentHashMap<>();
    private final Object lock = new Object();
    private final AtomicInteger streams = new AtomicInteger();

    void streamOpened() {
        streams.incrementAndGet();
    }

    void streamClosed() {
        streams.decrementAndGet();
        synchronized (lock) {
            lock.notifyAll();
        }
    }

    void started(SessionId sessionId) {
        running.computeIfAbsent(sessionId, id -> new AtomicInteger()).incrementAndGet();
    }

    void ended(SessionId sessionId) {
        running.computeIfPresent(sessionId, (id, count) -> count.decrementAndGet() <= 0 ? null : count);
        synchronized (lock) {
            lock.notifyAll();
        }
    }

    Set<SessionId> sessions() {
        return Set.copyOf(running.keySet());
    }

    /** True when every turn ended and every stream closed within {@code timeout}. */
    boolean awaitNone(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (!running.isEmpty() || streams.get() > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                lock.wait(Math.max(1, left / 1_000_000));
            }
        }
        return true;
    }
}
