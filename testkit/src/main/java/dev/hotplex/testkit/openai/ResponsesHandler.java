package dev.hotplex.testkit.openai;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.hotplex.testkit.anthropic.JsonWriter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Pattern;

import static dev.hotplex.testkit.anthropic.JsonWriter.object;
import static java.util.Objects.requireNonNull;

/**
 * Serves {@code POST /v1/responses} from the keyword rules and answers everything else with 404,
 * recording all of it so tests can assert what the CLI called.
 */
final class ResponsesHandler implements HttpHandler {
    private static final System.Logger LOG = System.getLogger(ResponsesHandler.class.getName());
    static final String RESPONSES_PATH = "/v1/responses";
    private static final int ECHO_LIMIT = 100;

    /** A reply chosen when the prompt holds {@code keyword} as whole words, case-insensitively. */
    record Rule(String keyword, ResponsesReply reply) {
        Rule {
            requireNonNull(keyword, "keyword is null");
            requireNonNull(reply, "reply is null");
        }

        boolean matches(String prompt) {
            return Pattern.compile("\\b" + Pattern.quote(keyword.toLowerCase(Locale.ROOT)) + "\\b")
                    .matcher(prompt.toLowerCase(Locale.ROOT)).find();
        }
    }

    private final List<Rule> rules;
    private final RequestLog log;
    private final CountDownLatch closing;

    ResponsesHandler(List<Rule> rules, RequestLog log, CountDownLatch closing) {
        this.rules = List.copyOf(rules);
        this.log = requireNonNull(log, "log is null");
        this.closing = requireNonNull(closing, "closing is null");
    }

    @Override
    public void handle(HttpExchange exchange) {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String method = exchange.getRequestMethod();
            if (!"POST".equals(method) || !RESPONSES_PATH.equals(exchange.getRequestURI().getPath())) {
                log.recordUnexpected(method + " " + exchange.getRequestURI());
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            int number = log.recordResponses(body);
            answer(exchange, number, body);
        } catch (IOException e) {
            if (closing.getCount() > 0) {
                log.recordAborted();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            // A bug here must be visible: HttpServer would only drop the connection.
            LOG.log(System.Logger.Level.WARNING, "fake OpenAI API failed to answer", e);
        }
    }

    private void answer(HttpExchange exchange, int number, String body) throws IOException, InterruptedException {
        exchange.getResponseHeaders().set("x-request-id", "req_fake_" + number);
        ResponsesRequest request;
        try {
            request = ResponsesRequest.parse(body);
        } catch (IllegalArgumentException e) {
            sendError(exchange, new ResponsesReply.Failure(400, e.getMessage()));
            return;
        }
        switch (replyTo(request)) {
            case ResponsesReply.Failure failure -> sendError(exchange, failure);
            case ResponsesReply.Hang hang -> closing.await();
            case ResponsesReply streamed -> {
                exchange.getResponseHeaders().set("content-type", "text/event-stream; charset=utf-8");
                exchange.getResponseHeaders().set("cache-control", "no-cache");
                exchange.sendResponseHeaders(200, 0);
                new ResponseStream(exchange.getResponseBody(), closing, number, request.model())
                        .write(streamed, Math.max(1, body.length() / 4));
            }
        }
    }

    private ResponsesReply replyTo(ResponsesRequest request) {
        if (request.toolOutput().isPresent()) {
            return new ResponsesReply.Text("tool said: " + cut(commandOutput(request.toolOutput().get())));
        }
        for (Rule rule : rules) {
            if (rule.matches(request.prompt())) {
                return rule.reply();
            }
        }
        return new ResponsesReply.Text("pong: " + cut(request.prompt()));
    }

    /** Codex wraps a command's output in a header (command, wall time, exit code); keep the output itself. */
    private static String commandOutput(String toolOutput) {
        int marker = toolOutput.lastIndexOf("Output:\n");
        return (marker < 0 ? toolOutput : toolOutput.substring(marker + "Output:\n".length())).strip();
    }

    private static String cut(String text) {
        return text.length() <= ECHO_LIMIT ? text : text.substring(0, ECHO_LIMIT);
    }

    private static void sendError(HttpExchange exchange, ResponsesReply.Failure failure) throws IOException {
        byte[] json = JsonWriter.write(object("error", object("message", failure.message(), "type", "server_error",
                "code", null))).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("content-type", "application/json");
        exchange.sendResponseHeaders(failure.status(), json.length);
        exchange.getResponseBody().write(json);
    }
}
