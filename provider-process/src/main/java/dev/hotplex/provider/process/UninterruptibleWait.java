package dev.hotplex.provider.process;

import static java.util.Objects.requireNonNull;

/**
 * A bounded wait that carries on through interrupts and restores the flag once it is over. For waits that
 * must not be cut short (an abandoned kill leaks processes; a half-known write is worse than a short wait)
 * and are short anyway because of their bound.
 */
public final class UninterruptibleWait {
    /** One try at the wait, given the nanoseconds left (never negative); an interrupt makes it try again. */
    @FunctionalInterface
    public interface Attempt<T> {
        T tryFor(long nanosLeft) throws InterruptedException;
    }

    private UninterruptibleWait() {
    }

    /** What {@code attempt} returns, retried with what is left of {@code timeoutNanos} each time it is interrupted. */
    public static <T> T await(long timeoutNanos, Attempt<T> attempt) {
        requireNonNull(attempt, "attempt is null");
        long deadline = System.nanoTime() + timeoutNanos;
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return attempt.tryFor(Math.max(0, deadline - System.nanoTime()));
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
