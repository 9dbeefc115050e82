package dev.hotplex.core.error;

import static java.util.Objects.requireNonNull;

/** The one exception type hotplex throws: always carries a stable {@link ErrorCode}. */
public class HotplexException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient ErrorCode errorCode;

    public HotplexException(ErrorCode errorCode, String message) {
        this(errorCode, message, null);
    }

    public HotplexException(ErrorCode errorCode, String message, Throwable cause) {
        super(requireNonNull(message, "message is null"), cause);
        this.errorCode = requireNonNull(errorCode, "errorCode is null");
    }

    public ErrorCode errorCode() {
        return errorCode;
    }

    @Override
    public String toString() {
        return errorCode.name() + ": " + getMessage();
    }
}
