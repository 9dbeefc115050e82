package dev.hotplex.adapter.http;

import dev.hotplex.adapter.http.dto.ErrorBody;
import dev.hotplex.adapter.http.dto.PermissionAnswer;
import dev.hotplex.adapter.http.dto.SessionList;
import dev.hotplex.adapter.http.dto.StreamedEvent;
import dev.hotplex.adapter.http.dto.TurnDocument;
import dev.hotplex.adapter.http.dto.TurnRequest;
import dev.hotplex.core.error.HotplexException;
import dev.hotplex.core.error.StandardErrorCode;
import dev.hotplex.core.model.PermissionDecision;
import dev.hotplex.core.model.AgentEvent;
import dev.hotplex.core.model.SessionId;
import dev.hotplex.core.model.SessionStats;
import dev.hotplex.core.model.SessionView;
import dev.hotplex.core.model.TurnResult;
import dev.hotplex.core.port.in.Engine;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/** {@code /v1/sessions/...}: turns, session views and stats, stop, reset, interrupt, permission answers. */
final class SessionRoutes {
    static final Pattern REQUEST_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private final Engine engine;
    private final Exchange exchange;
    private final TurnRequests turnRequests;
    private final TurnRunner runner;
    private final SseTurnStream sse;
    private final JsonTurnResponse json;

    SessionRoutes(Engine engine, Exchange exchange, TurnRequests turnRequests, TurnRunner runner, SseTurnStream sse,
                  JsonTurnResponse json) {
        this.engine = requireNonNull(engine, "engine is null");
        this.exchange = requireNonNull(exchange, "exchange is null");
        this.turnRequests = requireNonNull(turnRequests, "turnRequests is null");
        this.runner = requireNonNull(runner, "runner is null");
        this.sse = requireNonNull(sse, "sse is null");
        this.json = requireNonNull(json, "json is null");
    }

    void register(RoutesConfig routes) {
        routes.post("/v1/sessions/{id}/turns", this::turn);
        routes.get("/v1/sessions", this::list);
        routes.get("/v1/sessions/{id}", this::get);
        routes.get("/v1/sessions/{id}/stats", this::stats);
        routes.delete("/v1/sessions/{id}", this::stop);
        routes.post("/v1/sessions/{id}/reset", this::reset);
        routes.post("/v1/sessions/{id}/interrupt", this::interrupt);
        routes.post("/v1/sessions/{id}/permissions/{requestId}", this::permission);
    }

    private void turn(Context ctx) throws InterruptedException {
        Tenant tenant = exchange.tenant(ctx);
        String clientId = ctx.pathParam("id");
        tenant.sessionId(clientId);
        TurnFormat format = TurnFormat.negotiate(ctx.header("Accept"));
        TurnRequest request = exchange.body(ctx, TurnRequest.class);
        TurnRequests.Checked turn = turnRequests.check(tenant, clientId, request.prompt(), request.workDir(),
                request.instructions(), request.systemPrompt(), request.provider());
        TenantStreams.Slot slot = runner.openStream(tenant);
        try {
            if (format == TurnFormat.JSON) {
                json.respond(ctx, turn, (events, result) -> document(ctx, tenant, events, result));
            } else {
                sse.stream(ctx, tenant, turn);
            }
        } finally {
            slot.close();
        }
    }

    private TurnDocument document(Context ctx, Tenant tenant, List<AgentEvent> turnEvents, TurnResult result) {
        List<StreamedEvent> events = new ArrayList<>(turnEvents.size());
        for (AgentEvent event : turnEvents) {
            events.add(new StreamedEvent(events.size() + 1L, event.wireName(), WireMapper.eventData(event, tenant)));
        }
        ErrorBody.Detail error = result.error()
                .map(failure -> exchange.detail(ctx, failure.code(), failure.message()))
                .orElse(null);
        return new TurnDocument(tenant.clientId(result.sessionId()), result.outcome().name(), result.answer(), error,
                events);
    }

    private void list(Context ctx) {
        Tenant tenant = exchange.tenant(ctx);
        exchange.json(ctx, 200, new SessionList(engine.sessions().stream()
                .filter(view -> owned(tenant, view))
                .sorted(Comparator.comparing(SessionView::sessionId))
                .map(view -> WireMapper.session(view, tenant))
                .toList()));
    }

    private void get(Context ctx) {
        Tenant tenant = exchange.tenant(ctx);
        SessionId sessionId = tenant.sessionId(ctx.pathParam("id"));
        SessionView view = engine.session(sessionId).filter(found -> owned(tenant, found))
                .orElseThrow(() -> notFound(ctx.pathParam("id")));
        exchange.json(ctx, 200, WireMapper.session(view, tenant));
    }

    private void stats(Context ctx) {
        Tenant tenant = exchange.tenant(ctx);
        SessionId sessionId = tenant.sessionId(ctx.pathParam("id"));
        Optional<SessionStats> stats = engine.sessionStats(sessionId);
        Map<String, Object> body = WireMapper.sessionStats(stats.orElseThrow(() -> notFound(ctx.pathParam("id"))),
                tenant);
        exchange.json(ctx, 200, body);
    }

    private void stop(Context ctx) {
        Tenant tenant = exchange.tenant(ctx);
        engine.stopSession(tenant.sessionId(ctx.pathParam("id")), "stopped over HTTP");
        ctx.status(204);
    }

    private void reset(Context ctx) {
        Tenant tenant = exchange.tenant(ctx);
        SessionId sessionId = tenant.sessionId(ctx.pathParam("id"));
        requireKnown(ctx, sessionId);
        engine.resetSession(sessionId);
        ctx.status(204);
    }

    private void interrupt(Context ctx) {
        Tenant tenant = exchange.tenant(ctx);
        SessionId sessionId = tenant.sessionId(ctx.pathParam("id"));
        requireKnown(ctx, sessionId);
        engine.interrupt(sessionId);
        ctx.status(202);
    }

    private void permission(Context ctx) {
        Tenant tenant = exchange.tenant(ctx);
        SessionId sessionId = tenant.sessionId(ctx.pathParam("id"));
        String requestId = ctx.pathParam("requestId");
        if (!REQUEST_ID.matcher(requestId).matches()) {
            throw new HotplexException(StandardErrorCode.INVALID_REQUEST,
                    "invalid permission request id: use 1-128 characters from [A-Za-z0-9._:-]");
        }
        PermissionAnswer answer = exchange.body(ctx, PermissionAnswer.class);
        engine.respondToPermission(sessionId, requestId, decision(answer));
        ctx.status(204);
    }

    static PermissionDecision decision(PermissionAnswer answer) {
        String decision = answer.decision() == null ? "" : answer.decision().toLowerCase(Locale.ROOT);
        return switch (decision) {
            case "allow" -> new PermissionDecision(true, Optional.ofNullable(answer.message()));
            case "deny" -> new PermissionDecision(false, Optional.ofNullable(answer.message()));
            default -> throw new HotplexException(StandardErrorCode.INVALID_REQUEST,
                    "'decision' must be \"allow\" or \"deny\"");
        };
    }

    /** The engine's interrupt and reset are lenient about unknown sessions; the API answers 404 for them. */
    private void requireKnown(Context ctx, SessionId sessionId) {
        if (engine.session(sessionId).isEmpty()) {
            throw notFound(ctx.pathParam("id"));
        }
    }

    private static boolean owned(Tenant tenant, SessionView view) {
        return view.owner().equals(tenant.name()) && tenant.owns(view.sessionId());
    }

    static HotplexException notFound(String clientId) {
        return new HotplexException(StandardErrorCode.SESSION_NOT_FOUND, "no session '" + clientId + "'");
    }
}
