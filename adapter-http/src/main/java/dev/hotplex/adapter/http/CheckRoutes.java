package dev.hotplex.adapter.http;

import dev.hotplex.adapter.http.dto.CheckRequest;
import dev.hotplex.core.error.HotplexException;
import dev.hotplex.core.error.StandardErrorCode;
import dev.hotplex.core.model.Verdict;
import dev.hotplex.core.port.in.Engine;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

import static java.util.Objects.requireNonNull;

/** {@code POST /v1/check}: the firewall's verdict for a prompt ({@code text}) or a Bash command, without running it. */
final class CheckRoutes {
    private final Engine engine;
    private final Exchange exchange;
    private final int maxChars;

    CheckRoutes(Engine engine, Exchange exchange, int maxChars) {
        this.engine = requireNonNull(engine, "engine is null");
        this.exchange = requireNonNull(exchange, "exchange is null");
        this.maxChars = maxChars;
    }

    void register(RoutesConfig routes) {
        routes.post("/v1/check", this::check);
    }

    private void check(Context ctx) {
        CheckRequest request = exchange.body(ctx, CheckRequest.class);
        if ((request.text() == null) == (request.command() == null)) {
            throw new HotplexException(StandardErrorCode.INVALID_REQUEST, "send exactly one of 'text' and 'command'");
        }
        String subject = request.text() != null ? request.text() : request.command();
        if (subject.length() > maxChars) {
            throw new HotplexException(HttpErrorCode.PAYLOAD_TOO_LARGE, "the text is longer than " + maxChars
                    + " characters");
        }
        Verdict verdict = request.text() != null ? engine.checkDanger(subject) : engine.checkCommand(subject);
        exchange.json(ctx, 200, WireMapper.verdict(verdict));
    }
}
