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
    STREAM_OVERFLOW(0x0005_0006, ErrorType.INSUFFICIENT_RESOURCES),
    /** A request body declared as something other than JSON (forms and text/plain are what cross-site pages send). */
    UNSUPPORTED_MEDIA_TYPE(0x0005_0007, ErrorType.USER_ERROR),
    /** A turn asked for neither {@code text/event-stream} nor {@code application/json}. */
    NOT_ACCEPTABLE(0x0005_0008, ErrorType.USER_ERROR),
    /** The tenant already streams as many turns as {@code http.max-streams-per-tenant} allows. */
    TOO_MANY_STREAMS(0x0005_0009, ErrorType.INSUFFICIENT_RESOURCES),
    /** A browser request from another origin (no CORS), or an unexpected Host on a server without keys. */
    FORBIDDEN_ORIGIN(0x0005_000A, ErrorType.USER_ERROR);

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
