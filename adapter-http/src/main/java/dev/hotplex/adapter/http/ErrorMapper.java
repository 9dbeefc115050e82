package dev.hotplex.adapter.http;

import dev.hotplex.core.error.ErrorCode;
import dev.hotplex.core.error.StandardErrorCode;

import java.util.Optional;

/**
 * Maps a stable error code to its HTTP status. Known codes are listed one by one so that a new core code shows up
 * here as a decision; unknown ones fall back to their {@link dev.hotplex.core.error.ErrorType}.
 */
final class ErrorMapper {
    static final int RETRY_AFTER_SECONDS = 1;

    private ErrorMapper() {
    }

    static int status(ErrorCode code) {
        if (code instanceof StandardErrorCode standard) {
            return switch (standard) {
                case INVALID_CONFIG, INVALID_REQUEST, DANGER_BLOCKED -> 400;
                case UNAUTHORIZED -> 401;
                case SESSION_NOT_FOUND, PERMISSION_REQUEST_NOT_FOUND -> 404;
                case SESSION_BUSY -> 409;
                case CAPACITY, ENGINE_CLOSED, PROVIDER_UNAVAILABLE -> 503;
                case TURN_TIMEOUT -> 504;
                case PROCESS_START_FAILED, PROCESS_DIED, INTERRUPTED, PERMISSION_TIMEOUT, TURN_FAILED -> 502;
                case INTERNAL -> 500;
            };
        }
        if (code instanceof HttpErrorCode http) {
            return switch (http) {
                case NOT_FOUND -> 404;
                case METHOD_NOT_ALLOWED -> 405;
                case PAYLOAD_TOO_LARGE -> 413;
                case REQUEST_TOO_LARGE -> 431;
                case RATE_LIMITED -> 429;
                case STREAM_OVERFLOW -> 503;
                case UNSUPPORTED_MEDIA_TYPE -> 415;
                case NOT_ACCEPTABLE -> 406;
                case TOO_MANY_STREAMS -> 429;
                case FORBIDDEN_ORIGIN -> 403;
            };
        }
        return switch (code.type()) {
            case USER_ERROR -> 400;
            case INSUFFICIENT_RESOURCES -> 503;
            case EXTERNAL -> 502;
            case INTERNAL -> 500;
        };
    }

    /** Seconds a client should wait before retrying, for the errors that are worth retrying. */
    static Optional<Integer> retryAfterSeconds(ErrorCode code) {
        int status = status(code);
        return status == 503 || status == 429 ? Optional.of(RETRY_AFTER_SECONDS) : Optional.empty();
    }

    /** The code for a status that Javalin or Jetty produced before any of our handlers ran. */
    static ErrorCode codeForStatus(int status) {
        return switch (status) {
            case 401 -> StandardErrorCode.UNAUTHORIZED;
            case 404 -> HttpErrorCode.NOT_FOUND;
            case 403 -> HttpErrorCode.FORBIDDEN_ORIGIN;
            case 405 -> HttpErrorCode.METHOD_NOT_ALLOWED;
            case 406 -> HttpErrorCode.NOT_ACCEPTABLE;
            case 415 -> HttpErrorCode.UNSUPPORTED_MEDIA_TYPE;
            case 413 -> HttpErrorCode.PAYLOAD_TOO_LARGE;
            case 414, 431 -> HttpErrorCode.REQUEST_TOO_LARGE;
            case 429 -> HttpErrorCode.RATE_LIMITED;
            case 503 -> StandardErrorCode.ENGINE_CLOSED;
            default -> status >= 400 && status < 500 ? StandardErrorCode.INVALID_REQUEST : StandardErrorCode.INTERNAL;
        };
    }
}
