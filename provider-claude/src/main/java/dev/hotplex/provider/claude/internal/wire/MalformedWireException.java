package dev.hotplex.provider.claude.internal.wire;

/** A decoded line lacks a field it needs or has one of the wrong type; becomes a {@code Malformed}. */
final class MalformedWireException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    MalformedWireException(String message) {
        super(message, null, false, false);
    }
}
