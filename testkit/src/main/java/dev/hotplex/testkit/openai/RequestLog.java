package dev.hotplex.testkit.openai;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

import static java.util.Objects.requireNonNull;

/** What the fake was asked, thread-safe, with bounded waits on the monitor (never polling). */
final class RequestLog {
    // guarded by this
    private final List<String> bodies = new ArrayList<>();
    private final List<String> unexpected = new ArrayList<>();
    private int aborted;

    /** Records a Responses request body; returns its 1-based number. */
    synchronized int recordResponses(String body) {
        bodies.add(requireNonNull(body, "body is null"));
        notifyAll();
        return bodies.size();
    }

    synchronized void recordUnexpected(String call) {
        unexpected.add(requireNonNull(call, "call is null"));
        notifyAll();
    }

    synchronized void recordAborted() {
        aborted++;
        notifyAll();
    }

    synchronized List<String> bodies() {
        return List.copyOf(bodies);
    }

    synchronized List<String> unexpected() {
        return List.copyOf(unexpected);
    }

    synchronized int aborted() {
        return aborted;
    }

    synchronized List<String> awaitBodies(int count, Duration timeout) {
        awaitUntil(() -> bodies.size() >= count, timeout, count + " Responses requests");
        return List.copyOf(bodies);
    }

    synchronized int awaitAborted(int count, Duration timeout) {
        awaitUntil(() -> aborted >= count, timeout, count + " responses aborted by the client");
        return aborted;
    }

    private void awaitUntil(BooleanSupplier condition, Duration timeout, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (!condition.getAsBoolean()) {
                long leftMillis = (deadline - System.nanoTime()) / 1_000_000;
                if (leftMillis <= 0) {
                    throw new IllegalStateException("timed out after " + timeout + " waiting for " + what + "; got "
                            + bodies.size() + " requests, " + aborted + " aborted, unexpected " + unexpected);
                }
                wait(leftMillis);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + what, e);
        }
    }
}
