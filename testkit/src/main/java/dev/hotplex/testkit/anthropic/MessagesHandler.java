package dev.hotplex.testkit.anthropic;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import static java.util.Objects.requireNonNull;

/**
 * Serves {@code POST /v1/messages} (any query, e.g. {@code ?beta=true}) from the {@link ReplyScript} and
 * answers everything else with 404, recording all of it so tests can assert what the CLI called.
 */
final class MessagesHandler implements HttpHandler {
    private static final System.Logger LOG = System.getLogger(MessagesHandler.class.getName());
    static final String MESSAGES_PATH = "/v1/messages";

    private final ReplyScript script;
    private final RequestLog log;
    private final CountDownLatch closing;

    MessagesHandler(ReplyScript script, RequestLog log, CountDownLatch closing) {
        this.script = requireNonNull(script, "script is null");
        this.log = requireNonNull(log, "log is null");
        this.closing = requireNonNull(closing, "closing is null");
    }

    @Override
    public void handle(HttpExchange exchange) {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String method = exchange.getRequestMethod();
            if (!"POST".equals(method) || !MESSAGES_PATH.equals(exchange.getRequestURI().getPath())) {
                log.recordUnexpected(method + " " + exchange.getRequestURI());
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            int sequence = log.recordMessages(body);
            answer(exchange, sequence, body);
        } catch (IOException e) {
            if (closing.getCount() > 0) {
                log.recordAborted();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            // A bug here must be visible: HttpServer would only drop the connection.
            LOG.log(System.Logger.Level.WARNING, "fake Anthropic API failed to answer", e);
        }
    }

    private void answer(HttpExchange exchange, int sequence, String body) throws IOException, InterruptedException {
        exchange.getResponseHeaders().set("request-id", "req_fake_" + sequence);
        MessagesRequest request;
        try {
            request = MessagesRequest.parse(body);
        } catch (IllegalArgumentException e) {
            sendError(exchange, new Reply.Failure(400, "invalid_request_error", e.getMessage()));
            return;
        }
        switch (script.replyTo(request)) {
            case Reply.Failure failure -> sendError(exchange, failure);
            case Reply.Hang hang -> closing.await();
            case Reply streamed -> {
                exchange.getResponseHeaders().set("content-type", "text/event-stream; charset=utf-8");
                exchange.getResponseHeaders().set("cache-control", "no-cache");
                exchange.sendResponseHeaders(200, 0);
                SseStream sse = new SseStream(exchange.getResponseBody(), closing);
                new MessageStream(sse, sequence, request.model(), body.length()).write(streamed);
            }
        }
    }

    private static void sendError(HttpExchange exchange, Reply.Failure failure) throws IOException {
        Map<String, Object> error = JsonWriter.object("type", failure.errorType(), "message", failure.message());
        byte[] json = JsonWriter.write(JsonWriter.object("type", "error", "error", error)).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("content-type", "application/json");
        exchange.sendResponseHeaders(failure.status(), json.length);
        exchange.getResponseBody().write(json);
    }
}
