package dev.hotplex.core.service;

import dev.hotplex.core.port.out.Clock;

import java.time.Instant;

/** The wall clock. */
public final class SystemClock implements Clock {
    @Override
    public Instant now() {
        return Instant.now();
    }
}
