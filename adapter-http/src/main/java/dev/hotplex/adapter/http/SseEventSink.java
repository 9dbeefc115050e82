package dev.hotplex.adapter.http;

import dev.hotplex.core.model.AgentEvent;
import dev.hotplex.core.port.in.EventSink;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The bridge between the engine's thread and one client stream (SSE or a WebSocket turn). {@link #accept} only
 * offers to a bounded queue and returns at once, so a slow or stuck client can never block the CLI's stdout reader or
 * other sessions; the HTTP thread drains the queue. When the queue is full the sink marks itself overflowed and drops
 * everything after: the drainer then ends the stream with a {@code STREAM_OVERFLOW} error event.
 */
final class SseEventSink implements EventSink {
    private final BlockingQueue<AgentEvent> queue;
    private volatile boolean overflowed;
    private volatile boolean abandoned;
    private final CompletableFuture<Void> arrival = new CompletableFuture<>();

    SseEventSink(int capacity) {
        this.queue = new ArrayBlockingQueue<>(capacity);
    }

    @Override
    public void accept(AgentEvent event) {
        if (abandoned || overflowed) {
            return;
        }
        if (!queue.offer(event)) {
            overflowed = true;
        }
        arrival.complete(null);
    }

    /** Completes with the first event offered: a stream waits on it and on the turn, never in polling rounds. */
    CompletableFuture<Void> arrival() {
        return arrival;
    }

    /** The next event, or null after {@code timeout}. */
    AgentEvent poll(Duration timeout) throws InterruptedException {
        return queue.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    boolean overflowed() {
        return overflowed;
    }

    /** The client is gone: drop what is queued and everything that follows. */
    void abandon() {
        abandoned = true;
        queue.clear();
    }
}
