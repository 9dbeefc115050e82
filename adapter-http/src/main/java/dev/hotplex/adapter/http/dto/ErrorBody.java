package dev.hotplex.adapter.http.dto;

import static java.util.Objects.requireNonNull;

/** The one error shape: {@code {"error":{"code":"SESSION_BUSY","message":"...","requestId":"..."}}}. */
public record ErrorBody(Detail error) {
    public ErrorBody {
        requireNonNull(error, "error is null");
    }

    public static ErrorBody of(String code, String message, String requestId) {
        return new ErrorBody(new Detail(code, message, requestId));
    }

    public record Detail(String code, String message, String requestId) {
        public Detail {
            requireNonNull(code, "code is null");
            requireNonNull(message, "message is null");
            requireNonNull(requestId, "requestId is null");
        }
    }
}
