package dev.hotplex.adapter.cli.json;

import static java.util.Objects.requireNonNull;

/** The server's one error shape, {@code {"error":{"code","message","requestId"}}}, as plain values. */
public record ApiError(String code, String message, String requestId) {
    public ApiError {
        requireNonNull(code, "code is null");
        requireNonNull(message, "message is null");
        requireNonNull(requestId, "requestId is null");
    }
}
