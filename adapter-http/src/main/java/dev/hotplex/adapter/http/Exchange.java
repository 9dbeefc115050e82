package dev.hotplex.adapter.http;

import dev.hotplex.adapter.http.dto.ErrorBody;
import dev.hotplex.core.error.ErrorCode;
import dev.hotplex.core.error.HotplexException;
import dev.hotplex.core.error.StandardErrorCode;
import io.javalin.http.Context;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Locale;
import java.util.UUID;

import static java.util.Objects.requireNonNull;

/**
 * Reading and answering one HTTP exchange the same way in every route: the request id, the authenticated tenant,
 * bounded JSON bodies and the one error shape.
 */
final class Exchange {
    static final String REQUEST_ID_HEADER = "X-Request-Id";
    private static final String REQUEST_ID = "hotplex.requestId";
    private static final String TENANT = "hotplex.tenant";

    private final JsonCodec codec;
    private final long maxBodyBytes;

    Exchange(JsonCodec codec, long maxBodyBytes) {
        this.codec = requireNonNull(codec, "codec is null");
        this.maxBodyBytes = maxBodyBytes;
    }

    /** Gives every request an id: returned in a header and in every error, so a report can be matched to the logs. */
    void begin(Context ctx) {
        String requestId = UUID.randomUUID().toString();
        ctx.attribute(REQUEST_ID, requestId);
        ctx.header(REQUEST_ID_HEADER, requestId);
        // answers may quote client input (an id in an error): never let a browser sniff them into HTML
        ctx.header("X-Content-Type-Options", "nosniff");
    }

    String requestId(Context ctx) {
        String requestId = ctx.attribute(REQUEST_ID);
        return requestId == null ? "-" : requestId;
    }

    void tenant(Context ctx, Tenant tenant) {
        ctx.attribute(TENANT, tenant);
    }

    Tenant tenant(Context ctx) {
        Tenant tenant = ctx.attribute(TENANT);
        if (tenant == null) {
            throw new IllegalStateException("no tenant: the auth filter did not run for " + ctx.path());
        }
        return tenant;
    }

    /** The body as a {@code type}; 413 beyond the configured size (whatever Content-Length claims), 400 if malformed. */
    <T> T body(Context ctx, Class<T> type) {
        return codec.read(bodyBytes(ctx), type);
    }

    byte[] bodyBytes(Context ctx) {
        requireJsonContentType(ctx.header("Content-Type"));
        long declared = ctx.req().getContentLengthLong();
        if (declared > maxBodyBytes) {
            throw tooLarge();
        }
        try (InputStream in = ctx.req().getInputStream()) {
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBodyBytes + 1));
            if (bytes.length > maxBodyBytes) {
                throw tooLarge();
            }
            return bytes;
        } catch (IOException e) {
            // a client that hangs up mid-body is the client's error: a 400, not a logged 500 with a stack trace
            throw new HotplexException(StandardErrorCode.INVALID_REQUEST,
                    "the request body ended before its declared length or could not be read");
        }
    }

    void json(Context ctx, int status, Object body) {
        ctx.status(status).contentType("application/json").result(codec.write(body));
    }

    void error(Context ctx, HotplexException error) {
        error(ctx, error.errorCode(), clientView(ctx, error.getMessage()));
    }

    /** The engine names sessions by their tenant-qualified id; the client knows only its own part of it. */
    private static String clientView(Context ctx, String message) {
        Tenant tenant = ctx.attribute(TENANT);
        return tenant == null || message == null ? message : message.replace("'" + tenant.prefix(), "'");
    }

    void error(Context ctx, ErrorCode code, String message) {
        if (ctx.res().getHeader("Retry-After") == null) {
            ErrorMapper.retryAfterSeconds(code).ifPresent(seconds -> ctx.header("Retry-After", String.valueOf(seconds)));
        }
        if (code == StandardErrorCode.UNAUTHORIZED) {
            ctx.header("WWW-Authenticate", "Bearer realm=\"hotplex\"");
        }
        json(ctx, ErrorMapper.status(code), ErrorBody.of(code.name(), message, requestId(ctx)));
    }

    ErrorBody.Detail detail(Context ctx, ErrorCode code, String message) {
        return new ErrorBody.Detail(code.name(), message, requestId(ctx));
    }

    /**
     * A body may come without a Content-Type (plain HTTP clients) or as JSON, nothing else: forms and
     * {@code text/plain} are what a cross-site page can post without a CORS preflight, and a charset other than
     * UTF-8 would be misread.
     */
    static void requireJsonContentType(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return;
        }
        String[] parts = contentType.split(";");
        String mediaType = parts[0].strip().toLowerCase(Locale.ROOT);
        boolean json = mediaType.equals("application/json") || (mediaType.startsWith("application/")
                && mediaType.endsWith("+json"));
        boolean utf8 = Arrays.stream(parts).skip(1).map(String::strip)
                .filter(parameter -> parameter.toLowerCase(Locale.ROOT).startsWith("charset="))
                .allMatch(parameter -> parameter.substring("charset=".length()).replace("\"", "")
                        .equalsIgnoreCase("utf-8"));
        if (!json || !utf8) {
            throw new HotplexException(HttpErrorCode.UNSUPPORTED_MEDIA_TYPE,
                    "request bodies are JSON: send 'Content-Type: application/json' (UTF-8)");
        }
    }

    private HotplexException tooLarge() {
        return new HotplexException(HttpErrorCode.PAYLOAD_TOO_LARGE,
                "the request body is larger than " + maxBodyBytes + " bytes");
    }
}
