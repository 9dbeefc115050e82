package dev.hotplex.testkit.anthropic;

import com.sun.net.httpserver.HttpExchange;
import dev.hotplex.testkit.fakeapi.Endpoint;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import static java.util.Objects.requireNonNull;

/**
 * Answers {@code POST /v1/messages} (any query, e.g. {@code ?beta=true}) from the {@link ReplyScript}: an error,
 * no answer until the fake closes, or a streamed message.
 */
final class MessagesEndpoint implements Endpoint {
    static final String MESSAGES_PATH = "/v1/messages";

    private final ReplyScript script;

    MessagesEndpoint(ReplyScript script) {
        this.script = requireNonNull(script, "script is null");
    }

    @Override
    public void answer(HttpExchange exchange, int sequence, String body, CountDownLatch closing)
            throws IOException, InterruptedException {
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
