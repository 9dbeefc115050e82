package dev.hotplex.testkit.fakeapi;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;

import static java.util.Objects.requireNonNull;

/**
 * Serves {@code POST <path>} (any query) through the {@link Endpoint} and answers everything else with 404,
 * recording all of it so tests can assert what the CLI called.
 */
final class RecordingHandler implements HttpHandler {
    private static final System.Logger LOG = System.getLogger(RecordingHandler.class.getName());

    private final String apiName;
    private final String path;
    private final Endpoint endpoint;
    private final RequestLog log;
    private final CountDownLatch closing;

    RecordingHandler(String apiName, String path, Endpoint endpoint, RequestLog log, CountDownLatch closing) {
        this.apiName = requireNonNull(apiName, "apiName is null");
        this.path = requireNonNull(path, "path is null");
        this.endpoint = requireNonNull(endpoint, "endpoint is null");
        this.log = requireNonNull(log, "log is null");
        this.closing = requireNonNull(closing, "closing is null");
    }

    @Override
    public void handle(HttpExchange exchange) {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String method = exchange.getRequestMethod();
            if (!"POST".equals(method) || !path.equals(exchange.getRequestURI().getPath())) {
                log.recordUnexpected(method + " " + exchange.getRequestURI());
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            int number = log.recordServed(body);
            endpoint.answer(exchange, number, body, closing);
        } catch (IOException e) {
            // a failed write while the fake runs is the client going away, not a fault of the fake
            if (closing.getCount() > 0) {
                log.recordAborted();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            // A bug here must be visible: HttpServer would only drop the connection.
            LOG.log(System.Logger.Level.WARNING, apiName + " failed to answer", e);
        }
    }
}
