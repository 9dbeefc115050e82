package dev.hotplex.adapter.http;

import dev.hotplex.adapter.http.dto.ErrorBody;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

import java.nio.ByteBuffer;
import java.util.UUID;

import static java.util.Objects.requireNonNull;

/**
 * Jetty's own error pages (bad request lines, oversized headers, illegal URIs: rejected before Javalin sees them) in
 * the API's JSON error shape instead of HTML.
 */
final class JsonErrorHandler extends ErrorHandler {
    private final JsonCodec codec;

    JsonErrorHandler(JsonCodec codec) {
        this.codec = requireNonNull(codec, "codec is null");
    }

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                                    Callback callback) {
        int status = code < 400 ? 500 : code;
        dev.hotplex.core.error.ErrorCode errorCode = ErrorMapper.codeForStatus(status);
        String requestId = UUID.randomUUID().toString();
        byte[] body = codec.write(ErrorBody.of(errorCode.name(), "the request was rejected (HTTP " + status + ")",
                requestId));
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.getHeaders().put(Exchange.REQUEST_ID_HEADER, requestId);
        response.getHeaders().put("X-Content-Type-Options", "nosniff");
        response.write(true, ByteBuffer.wrap(body), callback);
    }
}
