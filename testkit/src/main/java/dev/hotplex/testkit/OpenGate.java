package dev.hotplex.testkit;

import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import static java.util.Objects.requireNonNull;

/**
 * Where {@link FakeProvider#open} waits: held shut by a test to line up concurrent spawns, and
 * slowed by a delay to play a cold start.
 */
final class OpenGate {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    // guarded by lock
    private boolean shut;
    private int waiting;
    private Duration delay = Duration.ZERO;

    void shut() {
        lock.lock();
        try {
            shut = true;
        } finally {
            lock.unlock();
        }
    }

    void open() {
        lock.lock();
        try {
            shut = false;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    void delay(Duration newDelay) {
        requireNonNull(newDelay, "newDelay is null");
        if (newDelay.isNegative()) {
            throw new IllegalArgumentException("delay is negative: " + newDelay);
        }
        lock.lock();
        try {
            delay = newDelay;
        } finally {
            lock.unlock();
        }
    }

    /** Waits while the gate is shut, then for the delay. */
    void pass() throws InterruptedException {
        lock.lock();
        try {
            waiting++;
            changed.signalAll();
            try {
                while (shut) {
                    changed.await();
                }
            } finally {
                waiting--;
            }
            long deadline = System.nanoTime() + delay.toNanos();
            for (long left = delay.toNanos(); left > 0; left = deadline - System.nanoTime()) {
                changed.awaitNanos(left);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Waits until at least {@code count} callers wait at the shut gate. */
    void awaitWaiting(int count, Duration timeout) {
        requireNonNull(timeout, "timeout is null");
        long deadline = System.nanoTime() + timeout.toNanos();
        lock.lock();
        try {
            while (waiting < count) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new IllegalStateException("timed out after " + timeout + " waiting for " + count
                            + " blocked opens; " + waiting + " are blocked");
                }
                changed.awaitNanos(left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for blocked opens", e);
        } finally {
            lock.unlock();
        }
    }
}
