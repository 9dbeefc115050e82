package dev.hotplex.testkit;

import dev.hotplex.core.port.out.IdGenerator;

import java.util.concurrent.atomic.AtomicLong;

import static java.util.Objects.requireNonNull;

/** Predictable ids ({@code id-1}, {@code id-2}, ...) so tests can name turns and requests before they exist. */
public final class SequentialIdGenerator implements IdGenerator {
    public static final String DEFAULT_PREFIX = "id";

    private final String prefix;
    private final AtomicLong counter = new AtomicLong();

    public SequentialIdGenerator() {
        this(DEFAULT_PREFIX);
    }

    public SequentialIdGenerator(String prefix) {
        this.prefix = requireNonNull(prefix, "prefix is null");
    }

    @Override
    public String newId() {
        return prefix + "-" + counter.incrementAndGet();
    }

    /** How many ids were handed out so far. */
    public long issuedCount() {
        return counter.get();
    }
}
