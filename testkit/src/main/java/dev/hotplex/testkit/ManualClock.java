package dev.hotplex.testkit;

import dev.hotplex.core.port.out.Clock;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

import static java.util.Objects.requireNonNull;

/** A clock that moves only when a test moves it, so timeouts and timestamps are deterministic. */
public final class ManualClock implements Clock {
    public static final Instant DEFAULT_START = Instant.parse("2026-01-01T00:00:00Z");

    private final AtomicReference<Instant> now;

    public ManualClock() {
        this(DEFAULT_START);
    }

    public ManualClock(Instant start) {
        this.now = new AtomicReference<>(requireNonNull(start, "start is null"));
    }

    @Override
    public Instant now() {
        return now.get();
    }

    /** Moves time forward and returns the new time; negative durations are refused (use {@link #set}). */
    public Instant advance(Duration duration) {
        requireNonNull(duration, "duration is null");
        if (duration.isNegative()) {
            throw new IllegalArgumentException("duration is negative: " + duration);
        }
        return now.updateAndGet(current -> current.plus(duration));
    }

    public void set(Instant instant) {
        now.set(requireNonNull(instant, "instant is null"));
    }

    @Override
    public String toString() {
        return "ManualClock[" + now.get() + "]";
    }
}
