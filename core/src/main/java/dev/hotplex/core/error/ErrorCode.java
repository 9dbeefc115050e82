package dev.hotplex.core.error;

/**
 * A stable, documented error identity. {@link #name()} is what clients see on the wire
 * (e.g. {@code SESSION_BUSY}); {@link #code()} is a number unique across all modules:
 * core owns 0x0000_xxxx, each other module takes its own block.
 */
public interface ErrorCode {
    String name();

    int code();

    ErrorType type();
}
