package dev.hotplex.adapter.http;

import dev.hotplex.core.error.ErrorCode;
import dev.hotplex.core.error.ErrorType;

/**
 * Errors only the HTTP adapter can produce (the block 0x0005_xxxx). Names are public API: never rename one.
 * Everything the engine refuses keeps its core code ({@code SESSION_BUSY}, {@code CAPACITY}, ...).
 */
public enum HttpErrorCode implements ErrorCode {
    /** No such route (a session the caller cannot see is {@code SESSION_NOT_FOUND} instead). */
    NOT_FOUND(0x0005_0001, ErrorType.USER_ERROR),
    METHOD_NOT_ALLOWED(0x0005_0002, ErrorType.USER_ERROR),
    /** The body or the prompt is larger than configured. */
    PAYLOAD_TOO_LARGE(0x0005_0003, ErrorType.USER_ERROR),
    /** The request line or headers are too large. */
    REQUEST_TOO_LARGE(0x0005_0004, ErrorType.USER_ERROR),
    /** The tenant's request budget is spent; retry after the {@code Retry-After} seconds. */
    RATE_LIMITED(0x0005_0005, ErrorType.INSUFFICIENT_RESOURCES),
    /** The client read too slowly and its stream's buffer overflowed: the stream ends with this error event. */
    STREAM_OVERFLOW(0x0005_0006, ErrorType.INSUFFICIENT_RESOURCES);

    private final int code;
    private final ErrorType type;

    HttpErrorCode(int code, ErrorType type) {
        this.code = code;
        this.type = type;
    }

    @Override
    public int code() {
        return code;
    }

    @Override
    public ErrorType type() {
        return type;
    }
}
