package dev.hotplex.testkit.openai;

import com.sun.net.httpserver.HttpExchange;
import dev.hotplex.testkit.anthropic.JsonWriter;
import dev.hotplex.testkit.fakeapi.Endpoint;
import dev.hotplex.testkit.fakeapi.Keyword;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import static dev.hotplex.testkit.anthropic.JsonWriter.object;
import static java.util.Objects.requireNonNull;

/**
 * Answers {@code POST /v1/responses} from the keyword rules: an error, no answer until the fake closes, or
 * streamed response events.
 */
final class ResponsesEndpoint implements Endpoint {
    static final String RESPONSES_PATH = "/v1/responses";
    private static final int ECHO_LIMIT = 100;

    /** A reply chosen when the prompt holds {@code keyword} as whole words, case-insensitively. */
    record Rule(Keyword keyword, ResponsesReply reply) {
        Rule(String keyword, ResponsesReply reply) {
            this(new Keyword(keyword), requireNonNull(reply, "reply is null"));
        }

        boolean matches(String prompt) {
            return keyword.foundIn(prompt);
        }
    }

    private final List<Rule> rules;

    ResponsesEndpoint(List<Rule> rules) {
        this.rules = List.copyOf(rules);
    }

    @Override
    public void answer(HttpExchange exchange, int number, String body, CountDownLatch closing)
            throws IOException, InterruptedException {
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
