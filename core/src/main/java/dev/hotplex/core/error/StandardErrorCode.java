package dev.hotplex.core.error;

/** The engine's own error codes. Names are part of the public API: never rename one. */
public enum StandardErrorCode implements ErrorCode {
    INVALID_CONFIG(1, ErrorType.USER_ERROR),
    INVALID_REQUEST(2, ErrorType.USER_ERROR),
    SESSION_NOT_FOUND(3, ErrorType.USER_ERROR),
    DANGER_BLOCKED(4, ErrorType.USER_ERROR),
    UNAUTHORIZED(5, ErrorType.USER_ERROR),
    PERMISSION_REQUEST_NOT_FOUND(6, ErrorType.USER_ERROR),

    SESSION_BUSY(100, ErrorType.INSUFFICIENT_RESOURCES),
    CAPACITY(101, ErrorType.INSUFFICIENT_RESOURCES),
    ENGINE_CLOSED(102, ErrorType.INSUFFICIENT_RESOURCES),

    TURN_TIMEOUT(200, ErrorType.EXTERNAL),
    PROCESS_START_FAILED(201, ErrorType.EXTERNAL),
    PROCESS_DIED(202, ErrorType.EXTERNAL),
    INTERRUPTED(203, ErrorType.EXTERNAL),
    PERMISSION_TIMEOUT(204, ErrorType.EXTERNAL),
    PROVIDER_UNAVAILABLE(205, ErrorType.EXTERNAL),
    TURN_FAILED(206, ErrorType.EXTERNAL),

    INTERNAL(900, ErrorType.INTERNAL);

    private final int code;
    private final ErrorType type;

    StandardErrorCode(int code, ErrorType type) {
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
