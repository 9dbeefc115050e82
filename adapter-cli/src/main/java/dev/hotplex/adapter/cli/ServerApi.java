package dev.hotplex.adapter.cli;

import dev.hotplex.adapter.cli.json.ApiError;
import dev.hotplex.adapter.cli.json.ApiJson;
import dev.hotplex.adapter.cli.json.RemoteSession;
import dev.hotplex.core.error.StandardErrorCode;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * The session calls of a running hotplex server's HTTP API, over the JDK client. Every failure becomes a
 * {@link ServerApiException} with a readable message and a documented exit code; the API key goes only into the
 * {@code Authorization} header, never into a message.
 */
final class ServerApi implements AutoCloseable {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    // a stop waits for the agent process group to end (its stop grace), so leave room beyond that
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

    private final URI server;
    private final Optional<String> apiKey;
    private final ApiJson json;
    private final HttpClient client;

    ServerApi(URI server, Optional<String> apiKey, ApiJson json) {
        this.server = requireNonNull(server, "server is null");
        this.apiKey = requireNonNull(apiKey, "apiKey is null");
        this.json = requireNonNull(json, "json is null");
        this.client = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    List<RemoteSession> list() {
        String body = send(request("/v1/sessions").GET(), "list the sessions", "");
        return parse(() -> json.sessionList(body));
    }

    RemoteSession show(String id) {
        String body = send(request(sessionPath(id)).GET(), "show session '" + id + "'", id);
        return parse(() -> json.session(body));
    }

    void stop(String id) {
        send(request(sessionPath(id)).DELETE(), "stop session '" + id + "'", id);
    }

    void reset(String id) {
        send(request(sessionPath(id) + "/reset").POST(HttpRequest.BodyPublishers.noBody()), "reset session '" + id + "'",
                id);
    }

    @Override
    public void close() {
        client.close();
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(server.resolve(path)).timeout(REQUEST_TIMEOUT)
                .header("Accept", "application/json");
        apiKey.ifPresent(key -> builder.header("Authorization", "Bearer " + key));
        return builder;
    }

    private String send(HttpRequest.Builder request, String what, String id) {
        HttpResponse<String> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpTimeoutException e) {
            throw new ServerApiException(ExitCodes.SERVER_UNREACHABLE,
                    "the hotplex server at " + server + " did not answer in time (" + what + ")", e);
        } catch (IOException e) {
            throw new ServerApiException(ExitCodes.SERVER_UNREACHABLE, "cannot reach the hotplex server at " + server
                    + " (" + describe(e) + "); is `hotplex serve` running there? Point to it with --server URL", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServerApiException(ExitCodes.TURN_FAILED, "interrupted while waiting for the server", e);
        }
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return response.body();
        }
        throw failure(status, json.error(response.body()), what, id);
    }

    private ServerApiException failure(int status, Optional<ApiError> error, String what, String id) {
        String detail = error.map(e -> e.message() + " (" + e.code() + ", request " + e.requestId() + ")")
                .orElse("HTTP " + status);
        if (status == 401) {
            return new ServerApiException(ExitCodes.UNAUTHORIZED, "the server refused to " + what + ": " + detail
                    + (apiKey.isPresent() ? "; check HOTPLEX_API_KEY" : "; set HOTPLEX_API_KEY to your API key"));
        }
        if (status == 404 && !id.isEmpty()) {
            return new ServerApiException(ExitCodes.NOT_FOUND, "no session '" + id + "' on " + server
                    + " for this API key: " + detail);
        }
        return new ServerApiException(exitCode(status, error), "the server could not " + what + ": " + detail);
    }

    private static int exitCode(int status, Optional<ApiError> error) {
        Optional<StandardErrorCode> known = error.flatMap(e -> standard(e.code()));
        if (known.isPresent()) {
            return ExitCodes.forError(known.get());
        }
        if (status == 429 || status == 503) {
            return ExitCodes.BUSY;
        }
        return status >= 400 && status < 500 ? ExitCodes.USAGE : ExitCodes.INTERNAL;
    }

    private static Optional<StandardErrorCode> standard(String code) {
        for (StandardErrorCode candidate : StandardErrorCode.values()) {
            if (candidate.name().equals(code)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private <T> T parse(java.util.function.Supplier<T> parser) {
        try {
            return parser.get();
        } catch (IllegalArgumentException e) {
            throw new ServerApiException(ExitCodes.INTERNAL, "unexpected answer from " + server + ": " + e.getMessage()
                    + " (is it a hotplex server?)", e);
        }
    }

    private static String sessionPath(String id) {
        return "/v1/sessions/" + URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String describe(IOException e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : ": " + message);
    }
}
