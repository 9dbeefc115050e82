package dev.hotplex.core.port.out;

import java.time.Instant;

/** The engine's only source of time, so tests can move it. */
@FunctionalInterface
public interface Clock {
    Instant now();
}
