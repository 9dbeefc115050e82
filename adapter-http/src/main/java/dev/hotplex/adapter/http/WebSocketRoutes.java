package dev.hotplex.adapter.http;

import dev.hotplex.adapter.http.dto.ErrorBody;
import dev.hotplex.adapter.http.dto.PermissionAnswer;
import dev.hotplex.adapter.http.dto.VersionBody;
import dev.hotplex.adapter.http.dto.WsMessage;
import dev.hotplex.adapter.http.dto.WsRequest;
import dev.hotplex.core.error.ErrorCode;
import dev.hotplex.core.error.HotplexException;
import dev.hotplex.core.error.StandardErrorCode;
import dev.hotplex.core.model.AgentEvent;
import dev.hotplex.core.model.SessionId;
import dev.hotplex.core.model.SessionView;
import dev.hotplex.core.model.TurnResult;
import dev.hotplex.core.port.in.Engine;
import io.javalin.config.RoutesConfig;
import io.javalin.websocket.WsCloseContext;
import io.javalin.websocket.WsConnectContext;
import io.javalin.websocket.WsContext;
import io.javalin.websocket.WsMessageContext;
import org.eclipse.jetty.websocket.core.CloseStatus;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;

import static java.util.Objects.requireNonNull;

/**
 * {@code /v1/ws}: the API over one WebSocket, for clients that keep a connection (in the spirit of the seed's
 * execute/stop/stats/version messages). The key is checked at connect time from the upgrade request's
 * {@code Authorization} header; a bad key gets an error message and close code 1008. Each message is a
 * {@link WsRequest}; answers are {@link WsMessage}s carrying the request's {@code id}. Several turns may run at once
 * on one connection, each drained by its own virtual thread through a bounded {@link SseEventSink}; closing the
 * connection applies the disconnect policy to its running turns.
 */
final class WebSocketRoutes {
    private static final System.Logger LOG = System.getLogger(WebSocketRoutes.class.getName());
    private static final int POLICY_VIOLATION = 1008;

    private final Engine engine;
    private final JsonCodec codec;
    private final Authenticator authenticator;
    private final TenantRateLimiter rateLimiter;
    private final TurnRequests turnRequests;
    private final TurnRunner runner;
    private final HttpConfig config;
    private final Map<String, Connection> connections = new ConcurrentHashMap<>();

    WebSocketRoutes(Engine engine, JsonCodec codec, Authenticator authenticator, TenantRateLimiter rateLimiter,
                    TurnRequests turnRequests, TurnRunner runner, HttpConfig config) {
        this.engine = requireNonNull(engine, "engine is null");
        this.codec = requireNonNull(codec, "codec is null");
        this.authenticator = requireNonNull(authenticator, "authenticator is null");
        this.rateLimiter = requireNonNull(rateLimiter, "rateLimiter is null");
        this.turnRequests = requireNonNull(turnRequests, "turnRequests is null");
        this.runner = requireNonNull(runner, "runner is null");
        this.config = requireNonNull(config, "config is null");
    }

    void register(RoutesConfig routes) {
        routes.ws("/v1/ws", ws -> {
            ws.onConnect(this::connect);
            ws.onMessage(this::message);
            ws.onClose(this::close);
            ws.onError(ctx -> forget(ctx.sessionId()));
        });
    }

    /** One open connection: its tenant, a send lock (Jetty allows one writer at a time) and its running turns. */
    private final class Connection {
        final Tenant tenant;
        final WsContext ctx;
        final Map<String, RunningTurn> turns = new ConcurrentHashMap<>();
        volatile boolean closed;

        Connection(Tenant tenant, WsContext ctx) {
            this.tenant = tenant;
            this.ctx = ctx;
        }

        synchronized void send(WsMessage message) {
            if (!closed) {
                ctx.send(codec.writeString(message));
            }
        }
    }

    private record RunningTurn(SessionId sessionId, SseEventSink sink, CompletableFuture<TurnResult> future) {
    }

    @SuppressWarnings("try") // the LogContext is used for its scope: the MDC of the lines logged within
    private void connect(WsConnectContext ctx) {
        String requestId = UUID.randomUUID().toString();
        try {
            Tenant tenant = authenticator.authenticate(ctx.header("Authorization"));
            admit(tenant, ctx.sessionId(), new Connection(tenant, ctx));
            try (LogContext log = LogContext.open(tenant, null, requestId)) {
                LOG.log(System.Logger.Level.DEBUG, "WebSocket connected");
            }
        } catch (HotplexException e) {
            LOG.log(System.Logger.Level.DEBUG, "WebSocket refused: {0}", e.errorCode().name());
            ctx.send(codec.writeString(WsMessage.error(null, detail(e.errorCode(), e.getMessage(), requestId))));
            ctx.closeSession(new CloseStatus(POLICY_VIOLATION, e.errorCode().name().toLowerCase(Locale.ROOT)));
        }
    }

    /**
     * Registers the connection unless its tenant already holds {@code maxStreamsPerTenant} of them: each costs a
     * socket for up to the WebSocket idle timeout, so like streams they are capped per key.
     */
    private void admit(Tenant tenant, String wsSessionId, Connection connection) {
        synchronized (connections) {
            long held = connections.values().stream()
                    .filter(open -> open.tenant.name().equals(tenant.name()))
                    .count();
            if (held >= config.maxStreamsPerTenant()) {
                throw new HotplexException(HttpErrorCode.TOO_MANY_STREAMS, "this API key already holds " + held
                        + " WebSocket connections");
            }
            connections.put(wsSessionId, connection);
        }
    }

    private void close(WsCloseContext ctx) {
        forget(ctx.sessionId());
    }

    private void forget(String wsSessionId) {
        Connection connection = connections.remove(wsSessionId);
        if (connection == null) {
            return;
        }
        connection.closed = true;
        connection.turns.values().forEach(turn -> {
            turn.sink().abandon();
            if (!turn.future().isDone()) {
                runner.clientGone(turn.sessionId());
            }
        });
    }

    @SuppressWarnings("try") // the LogContext is used for its scope: the MDC of the lines logged within
    private void message(WsMessageContext ctx) {
        Connection connection = connections.get(ctx.sessionId());
        if (connection == null) {
            return;
        }
        // one request id per message: in the MDC of its log lines and in its error answers, like an HTTP request's
        String requestId = UUID.randomUUID().toString();
        WsRequest request;
        try {
            request = codec.read(ctx.message().getBytes(StandardCharsets.UTF_8), WsRequest.class);
        } catch (HotplexException e) {
            try (LogContext log = LogContext.open(connection.tenant, null, requestId)) {
                LOG.log(System.Logger.Level.DEBUG, "WebSocket message refused: {0}", e.errorCode().name());
            }
            connection.send(WsMessage.error(null, detail(e.errorCode(), e.getMessage(), requestId)));
            return;
        }
        try (LogContext log = LogContext.open(connection.tenant, request.sessionId(), requestId)) {
            String type = String.valueOf(request.type());
            try {
                rateLimiter.acquire(connection.tenant);
                dispatch(connection, request, requestId);
                LOG.log(System.Logger.Level.DEBUG, "WebSocket {0} -> ok", printable(type));
            } catch (HotplexException e) {
                LOG.log(System.Logger.Level.DEBUG, "WebSocket {0} -> {1}", printable(type), e.errorCode().name());
                connection.send(WsMessage.error(request.id(), detail(e.errorCode(), e.getMessage(), requestId)));
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "WebSocket request " + requestId + " failed", e);
                connection.send(WsMessage.error(request.id(), detail(StandardErrorCode.INTERNAL, "internal error",
                        requestId)));
            }
        }
    }

    /** A client's message type, fit for a log line. */
    private static String printable(String type) {
        return type.matches("[a-z]{1,16}") ? type : "<unknown type>";
    }

    private void dispatch(Connection connection, WsRequest request, String requestId) {
        Tenant tenant = connection.tenant;
        String type = request.type() == null ? "" : request.type();
        switch (type) {
            case "execute" -> execute(connection, request, requestId);
            case "version" -> {
                String cli = null;
                String cliError = null;
                try {
                    cli = engine.cliVersion();
                } catch (HotplexException e) {
                    cliError = e.errorCode().name() + ": " + e.getMessage();
                }
                connection.send(WsMessage.result(request.id(), new VersionBody(SystemRoutes.hotplexVersion(), cli,
                        cliError, SystemRoutes.providerVersions(engine))));
            }
            case "sessions" -> connection.send(WsMessage.result(request.id(), engine.sessions().stream()
                    .filter(view -> view.owner().equals(tenant.name()) && tenant.owns(view.sessionId()))
                    .sorted(Comparator.comparing(SessionView::sessionId))
                    .map(view -> WireMapper.session(view, tenant)).toList()));
            case "session" -> connection.send(WsMessage.result(request.id(), WireMapper.session(
                    engine.session(sessionId(tenant, request)).orElseThrow(() -> SessionRoutes.notFound(
                            request.sessionId())), tenant)));
            case "stats" -> connection.send(WsMessage.result(request.id(), WireMapper.sessionStats(
                    engine.sessionStats(sessionId(tenant, request)).orElseThrow(() -> SessionRoutes.notFound(
                            request.sessionId())), tenant)));
            case "stop" -> {
                engine.stopSession(sessionId(tenant, request), "stopped over WebSocket");
                connection.send(WsMessage.result(request.id(), Map.of("stopped", request.sessionId())));
            }
            case "reset", "interrupt" -> {
                SessionId sessionId = sessionId(tenant, request);
                if (engine.session(sessionId).isEmpty()) {
                    throw SessionRoutes.notFound(request.sessionId());
                }
                if (type.equals("reset")) {
                    engine.resetSession(sessionId);
                } else {
                    engine.interrupt(sessionId);
                }
                connection.send(WsMessage.result(request.id(), Map.of(type, request.sessionId())));
            }
            case "permission" -> {
                if (request.requestId() == null || !SessionRoutes.REQUEST_ID.matcher(request.requestId()).matches()) {
                    throw new HotplexException(StandardErrorCode.INVALID_REQUEST, "invalid 'requestId'");
                }
                engine.respondToPermission(sessionId(tenant, request), request.requestId(),
                        SessionRoutes.decision(new PermissionAnswer(request.decision(), request.message())));
                connection.send(WsMessage.result(request.id(), Map.of("answered", request.requestId())));
            }
            case "check" -> {
                if ((request.text() == null) == (request.command() == null)) {
                    throw new HotplexException(StandardErrorCode.INVALID_REQUEST,
                            "send exactly one of 'text' and 'command'");
                }
                connection.send(WsMessage.result(request.id(), WireMapper.verdict(request.text() != null
                        ? engine.checkDanger(request.text()) : engine.checkCommand(request.command()))));
            }
            default -> throw new HotplexException(StandardErrorCode.INVALID_REQUEST, "unknown message type; use one of "
                    + "execute, stop, reset, interrupt, stats, session, sessions, permission, version, check");
        }
    }

    private static SessionId sessionId(Tenant tenant, WsRequest request) {
        if (request.sessionId() == null) {
            throw new HotplexException(StandardErrorCode.INVALID_REQUEST, "'sessionId' is required");
        }
        return tenant.sessionId(request.sessionId());
    }

    @SuppressWarnings("try") // the LogContext is used for its scope: the MDC of the lines logged within
    private void execute(Connection connection, WsRequest request, String requestId) {
        if (request.sessionId() == null) {
            throw new HotplexException(StandardErrorCode.INVALID_REQUEST, "'sessionId' is required");
        }
        TurnRequests.Checked turn = turnRequests.check(connection.tenant, request.sessionId(), request.prompt(),
                request.workDir(), request.instructions(), request.systemPrompt(), request.provider());
        SseEventSink sink = new SseEventSink(config.streamBufferEvents());
        TenantStreams.Slot slot = runner.openStream(connection.tenant);
        CompletableFuture<TurnResult> future;
        try {
            future = runner.submit(turn, sink);
        } catch (RuntimeException e) {
            slot.close();
            throw e;
        }
        runner.inFlight().streamOpened();
        String key = UUID.randomUUID().toString();
        RunningTurn running = new RunningTurn(turn.config().sessionId(), sink, future);
        connection.turns.put(key, running);
        Thread.ofVirtual().name("hotplex-ws-turn").start(() -> {
            try (LogContext log = LogContext.open(connection.tenant, request.sessionId(), requestId)) {
                drain(connection, request, running, requestId);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "WebSocket stream failed", e);
                sink.abandon();
                runner.clientGone(running.sessionId());
            } finally {
                connection.turns.remove(key);
                slot.close();
                runner.inFlight().streamClosed();
            }
        });
    }

    private void drain(Connection connection, WsRequest request, RunningTurn turn, String requestId)
            throws InterruptedException {
        long sequence = 0;
        while (!connection.closed) {
            if (turn.sink().overflowed()) {
                turn.sink().abandon();
                connection.send(WsMessage.event(request.id(), request.sessionId(), "error", ++sequence,
                        Map.of("code", HttpErrorCode.STREAM_OVERFLOW.name(), "message",
                                "the client read too slowly")));
                runner.clientGone(turn.sessionId());
                return;
            }
            AgentEvent event = turn.sink().poll(config.heartbeatInterval());
            if (event == null && turn.future().isDone()) {
                event = turn.sink().poll(Duration.ZERO);
                if (event == null) {
                    connection.send(WsMessage.error(request.id(), refusal(turn.future(), requestId)));
                    return;
                }
            }
            if (event != null) {
                connection.send(WsMessage.event(request.id(), request.sessionId(), event.wireName(), ++sequence,
                        WireMapper.eventData(event, connection.tenant)));
                if (event.terminal()) {
                    return;
                }
            }
        }
    }

    private ErrorBody.Detail refusal(CompletableFuture<TurnResult> future, String requestId)
            throws InterruptedException {
        try {
            future.get();
            return detail(StandardErrorCode.INTERNAL, "the turn ended without any event", requestId);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof HotplexException hotplex) {
                return detail(hotplex.errorCode(), hotplex.getMessage(), requestId);
            }
            return detail(StandardErrorCode.INTERNAL, "the turn failed to start", requestId);
        }
    }

    private static ErrorBody.Detail detail(ErrorCode code, String message, String requestId) {
        return new ErrorBody.Detail(code.name(), message, requestId);
    }
}
