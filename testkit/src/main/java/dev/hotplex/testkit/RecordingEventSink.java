package dev.hotplex.testkit;

import dev.hotplex.core.model.AgentEvent;
import dev.hotplex.core.port.in.EventSink;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import static java.util.Objects.requireNonNull;

/**
 * An {@link EventSink} that keeps every event it receives, so tests can assert a turn's stream and
 * wait for events that the engine delivers on its own threads. {@link #failingAfter(int)} plays a
 * client that goes away mid-turn.
 */
public final class RecordingEventSink implements EventSink {
    private final Recorder<AgentEvent> events = new Recorder<>();
    private final int acceptLimit;
    private final AtomicInteger rejected = new AtomicInteger();

    public RecordingEventSink() {
        this(Integer.MAX_VALUE);
    }

    private RecordingEventSink(int acceptLimit) {
        this.acceptLimit = acceptLimit;
    }

    /**
     * A sink that records {@code acceptedEvents} events and then throws an {@link UncheckedIOException}
     * from every further {@link #accept}, the way a sink writing to a closed connection does.
     */
    public static RecordingEventSink failingAfter(int acceptedEvents) {
        if (acceptedEvents < 0) {
            throw new IllegalArgumentException("acceptedEvents is negative: " + acceptedEvents);
        }
        return new RecordingEventSink(acceptedEvents);
    }

    @Override
    public void accept(AgentEvent event) {
        requireNonNull(event, "event is null");
        // EventSink promises one caller at a time, so check-then-add cannot overshoot the limit
        if (events.size() >= acceptLimit) {
            rejected.incrementAndGet();
            throw new UncheckedIOException(new IOException("simulated gone client: refused " + event.wireName()));
        }
        events.add(event);
    }

    /** Every accepted event, in order. */
    public List<AgentEvent> events() {
        return events.snapshot();
    }

    public <T extends AgentEvent> List<T> eventsOfType(Class<T> type) {
        requireNonNull(type, "type is null");
        return events.snapshot().stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** The accepted events' wire names, in order: a compact shape to assert a whole stream. */
    public List<String> wireNames() {
        return events.snapshot().stream().map(AgentEvent::wireName).toList();
    }

    /** The last terminal event ({@code session_stats} or {@code error}), if one arrived. */
    public Optional<AgentEvent> terminalEvent() {
        return events.last(AgentEvent::terminal);
    }

    /** How many events a {@link #failingAfter(int)} sink refused. */
    public int rejectedCount() {
        return rejected.get();
    }

    /** The first event of {@code type}, waiting for it; {@link IllegalStateException} after {@code timeout}. */
    public <T extends AgentEvent> T awaitEvent(Class<T> type, Duration timeout) {
        requireNonNull(type, "type is null");
        return type.cast(events.awaitFirst(type::isInstance, timeout, "an event of type " + type.getSimpleName()));
    }

    /** The first event that matches, waiting for it; {@link IllegalStateException} after {@code timeout}. */
    public AgentEvent awaitEvent(Predicate<? super AgentEvent> matching, Duration timeout) {
        return events.awaitFirst(matching, timeout, "a matching event");
    }

    /** The first terminal event, waiting for it; {@link IllegalStateException} after {@code timeout}. */
    public AgentEvent awaitTerminal(Duration timeout) {
        return events.awaitFirst(AgentEvent::terminal, timeout, "a terminal event");
    }
}
