package dev.hotplex.adapter.http;

import dev.hotplex.core.error.HotplexException;
import dev.hotplex.core.error.StandardErrorCode;
import dev.hotplex.core.model.SessionId;
import dev.hotplex.core.model.SessionView;
import dev.hotplex.core.port.in.Engine;
import io.javalin.Javalin;
import io.javalin.compression.CompressionStrategy;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import jakarta.servlet.DispatcherType;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.ServerConnector;
import jakarta.inject.Inject;
import org.slf4j.MDC;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static java.util.Objects.requireNonNull;

/**
 * The HTTP server: {@link #start()}, then {@link #stop(Duration)} (or {@link #close()}) for a graceful shutdown, and
 * {@link #awaitStop()} for a main thread that should live as long as the server. It never closes the {@link Engine}:
 * whoever built the engine closes it after {@code stop}.
 *
 * <p>Shutdown order: stop admitting turns ({@code /readyz} answers 503, new turns {@code ENGINE_CLOSED}), let running
 * turns finish up to the deadline, interrupt the rest, stop every session with a live process, then close the
 * listener.
 */
public final class HotplexHttpServer implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(HotplexHttpServer.class.getName());
    private static final Duration INTERRUPT_GRACE = Duration.ofSeconds(5);

    private enum State { NEW, RUNNING, STOPPING, STOPPED }

    private final Engine engine;
    private final HttpConfig config;
    private final JsonCodec codec = new JsonCodec();
    private final Exchange exchange;
    private final Authenticator authenticator;
    private final BrowserGuard browserGuard;
    private final TenantRateLimiter rateLimiter;
    private final TurnRunner runner;
    private final HttpObserver observer;
    private final Optional<MetricsScrape> metrics;
    private final AtomicReference<State> state = new AtomicReference<>(State.NEW);
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile Javalin javalin;

    @Inject
    public HotplexHttpServer(Engine engine, HttpConfig config) {
        this(engine, config, HttpObserver.NONE, Optional.empty());
    }

    /**
     * With telemetry: SSE streams and rate-limiter events reported to {@code observer}, and {@code GET /metrics}
     * served from {@code metrics} (404 without one).
     */
    public HotplexHttpServer(Engine engine, HttpConfig config, HttpObserver observer, Optional<MetricsScrape> metrics) {
        this.engine = requireNonNull(engine, "engine is null");
        this.config = requireNonNull(config, "config is null");
        this.exchange = new Exchange(codec, config.maxBodyBytes());
        this.authenticator = new Authenticator(config.apiKeys(), config.workspaceRoot());
        this.browserGuard = new BrowserGuard(authenticator.open() && loopback(config.host()), config.host());
        this.rateLimiter = new TenantRateLimiter(config.rateLimit());
        this.runner = new TurnRunner(engine, config.disconnectPolicy(), config.forwardRawEvents(),
                config.maxStreamsPerTenant());
        this.observer = requireNonNull(observer, "observer is null");
        this.metrics = requireNonNull(metrics, "metrics is null");
        observer.rateLimiters(rateLimiter.registry());
    }

    /**
     * Binds and starts serving; returns once the port is open. Refuses ({@code INVALID_CONFIG}) to bind a non-loopback
     * address without API keys unless {@link HttpConfig#allowInsecureBind()} is set.
     */
    public HotplexHttpServer start() {
        if (!state.compareAndSet(State.NEW, State.RUNNING)) {
            throw new IllegalStateException("the server was already started");
        }
        checkBindIsSafe();
        Javalin app = Javalin.create(this::configure);
        app.start(config.host(), config.port());
        javalin = app;
        LOG.log(System.Logger.Level.INFO, "hotplex HTTP API listening on {0}:{1} ({2} API keys)", config.host(),
                String.valueOf(app.port()), config.apiKeys().size());
        return this;
    }

    /** The bound port (the real one when configured with 0). */
    public int port() {
        Javalin app = javalin;
        if (app == null) {
            throw new IllegalStateException("the server is not started");
        }
        return app.port();
    }

    /** True from the start of {@link #stop} on: readiness fails and new turns are refused. */
    public boolean draining() {
        return runner.draining();
    }

    /**
     * Graceful shutdown (what SIGTERM should call): refuse new turns, wait up to {@code deadline} for running turns,
     * interrupt what is left, stop all sessions, close the listener. Idempotent; later callers wait for the first.
     */
    public void stop(Duration deadline) {
        requireNonNull(deadline, "deadline is null");
        if (!state.compareAndSet(State.RUNNING, State.STOPPING)) {
            if (state.compareAndSet(State.NEW, State.STOPPED)) {
                stopped.countDown();
            }
            awaitStopQuietly();
            return;
        }
        runner.startDraining();
        try {
            if (!runner.inFlight().awaitNone(deadline)) {
                LOG.log(System.Logger.Level.INFO, "shutdown deadline passed: interrupting {0} running turns",
                        runner.inFlight().sessions().size());
                runner.inFlight().sessions().forEach(runner::interruptQuietly);
                runner.inFlight().awaitNone(INTERRUPT_GRACE);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        stopAllSessions();
        try {
            javalin.stop();
        } finally {
            state.set(State.STOPPED);
            stopped.countDown();
            LOG.log(System.Logger.Level.INFO, "hotplex HTTP API stopped");
        }
    }

    /** {@link #stop(Duration)} with the configured deadline. */
    @Override
    public void close() {
        stop(config.shutdownDeadline());
    }

    /** Blocks until the server has stopped. */
    public void awaitStop() throws InterruptedException {
        stopped.await();
    }

    /** Blocks until the server has stopped or the timeout passed; true if it stopped. */
    public boolean awaitStop(Duration timeout) throws InterruptedException {
        return stopped.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Every registered route as {@code METHOD path} (WebSockets as {@code GET path}): the OpenAPI test's truth. */
    List<String> registeredRoutes() {
        Javalin app = requireNonNull(javalin, "not started");
        java.util.stream.Stream<String> http = app.unsafe.internalRouter.allHttpHandlers().stream()
                .filter(entry -> entry.endpoint.method.isHttpMethod())
                .map(entry -> entry.endpoint.method.name() + " " + entry.endpoint.path);
        java.util.stream.Stream<String> ws = app.unsafe.internalRouter.allWsHandlers().stream()
                .filter(entry -> entry.getType().name().equals("WEBSOCKET"))
                .map(entry -> "GET " + entry.getPath());
        return java.util.stream.Stream.concat(http, ws).sorted().toList();
    }

    private void configure(JavalinConfig javalinConfig) {
        javalinConfig.startup.showJavalinBanner = false;
        javalinConfig.startup.showOldJavalinVersionWarning = false;
        javalinConfig.concurrency.useVirtualThreads = true;
        javalinConfig.http.maxRequestSize = config.maxBodyBytes();
        javalinConfig.http.compressionStrategy = CompressionStrategy.NONE;
        javalinConfig.http.prefer405over404 = true;
        javalinConfig.jetty.modifyHttpConfiguration(http -> {
            http.setSendServerVersion(false);
            http.setSendXPoweredBy(false);
        });
        // our own connector, so the idle timeout (slow-loris: a client that trickles or withholds its request holds
        // a connection only this long) is set before the first connection is accepted
        javalinConfig.jetty.addConnector((server, httpConfiguration) -> {
            ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(httpConfiguration));
            connector.setHost(config.host());
            connector.setPort(config.port());
            connector.setIdleTimeout(config.idleTimeout().toMillis());
            return connector;
        });
        javalinConfig.jetty.modifyServer(server -> server.setErrorHandler(new JsonErrorHandler(codec)));
        javalinConfig.jetty.modifyServletContextHandler(handler -> {
            handler.setErrorHandler(new JsonErrorHandler(codec));
            handler.addFilter(new FilterHolder(new WebSocketUpgradeGuard(browserGuard, codec)), "/*",
                    EnumSet.of(DispatcherType.REQUEST));
        });
        javalinConfig.jetty.modifyWebSocketServletFactory(factory -> {
            factory.setMaxTextMessageSize(config.maxBodyBytes());
            factory.setIdleTimeout(Duration.ofMinutes(10));
        });

        javalinConfig.routes.before(exchange::begin);
        javalinConfig.routes.before("/v1/*", this::authenticate);
        javalinConfig.routes.after(this::logAndForget);
        javalinConfig.routes.exception(HotplexException.class, (error, ctx) -> exchange.error(ctx, error));
        javalinConfig.routes.exception(HttpResponseException.class, (error, ctx) ->
                exchange.error(ctx, ErrorMapper.codeForStatus(error.getStatus()), describe(error.getStatus())));
        javalinConfig.routes.exception(Exception.class, (error, ctx) -> {
            LOG.log(System.Logger.Level.WARNING, "request " + exchange.requestId(ctx) + " failed", error);
            exchange.error(ctx, StandardErrorCode.INTERNAL, "internal error (request " + exchange.requestId(ctx) + ")");
        });
        javalinConfig.routes.error(404, ctx -> fillEmptyError(ctx, 404));
        javalinConfig.routes.error(405, ctx -> fillEmptyError(ctx, 405));

        TurnRequests turnRequests = new TurnRequests(config.maxPromptChars());
        SseTurnStream sse = new SseTurnStream(runner, codec, config.heartbeatInterval(), config.streamBufferEvents(),
                observer);
        JsonTurnResponse json = new JsonTurnResponse(runner, codec, config.heartbeatInterval());
        new SessionRoutes(engine, exchange, turnRequests, runner, sse, json).register(javalinConfig.routes);
        new CheckRoutes(engine, exchange, config.maxPromptChars()).register(javalinConfig.routes);
        new SystemRoutes(engine, exchange, runner, config.workspaceRoot()).register(javalinConfig.routes);
        byte[] openApi = codec.write(OpenApiDocument.build());
        javalinConfig.routes.get("/openapi.json", ctx -> ctx.contentType("application/json").result(openApi));
        javalinConfig.routes.get("/metrics", this::metrics);
        new WebSocketRoutes(engine, codec, authenticator, rateLimiter, turnRequests, runner, config)
                .register(javalinConfig.routes);
    }

    private void authenticate(Context ctx) {
        browserGuard.check(ctx.header("Origin"), ctx.header("Host"));
        if (ctx.path().equals("/v1/ws")) {
            return;
        }
        Tenant tenant = authenticator.authenticate(ctx.header("Authorization"));
        exchange.tenant(ctx, tenant);
        // every log line of this request (the engine's too, on this thread) names the tenant and session
        MDC.put("tenant", tenant.name());
        MDC.put("request", exchange.requestId(ctx));
        String[] path = ctx.path().split("/");
        if (path.length > 3 && path[2].equals("sessions")) {
            MDC.put("session", path[3]);
        }
        try {
            rateLimiter.acquire(tenant);
        } catch (HotplexException e) {
            ctx.header("Retry-After", String.valueOf(rateLimiter.retryAfterSeconds()));
            throw e;
        }
    }

    private void logAndForget(Context ctx) {
        LOG.log(System.Logger.Level.DEBUG, "{0} {1} -> {2}", ctx.method(), ctx.path(), ctx.statusCode());
        MDC.clear();
    }

    /**
     * Prometheus scrape. Behind an API key whenever keys are configured (any tenant's key: the figures are the
     * engine's, and name rate-limited tenants), so a server reachable beyond loopback shows nothing to strangers.
     */
    private void metrics(Context ctx) {
        browserGuard.check(ctx.header("Origin"), ctx.header("Host"));
        authenticator.authenticate(ctx.header("Authorization"));
        if (metrics.isEmpty()) {
            exchange.error(ctx, ErrorMapper.codeForStatus(404), "metrics are not enabled (telemetry.prometheus)");
            return;
        }
        ctx.contentType(metrics.get().contentType()).result(metrics.get().scrape());
    }

    private void fillEmptyError(Context ctx, int status) {
        String body = ctx.result();
        if (body == null || body.isEmpty() || !body.startsWith("{\"error\"")) {
            exchange.error(ctx, ErrorMapper.codeForStatus(status), describe(status));
        }
    }

    private static String describe(int status) {
        return switch (status) {
            case 404 -> "no such route";
            case 405 -> "method not allowed on this route";
            case 413 -> "the request body is too large";
            default -> "the request was rejected (HTTP " + status + ")";
        };
    }

    private static boolean loopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            throw new HotplexException(StandardErrorCode.INVALID_CONFIG, "cannot resolve host " + host, e);
        }
    }

    private void checkBindIsSafe() {
        if (loopback(config.host()) || !config.apiKeys().isEmpty()) {
            return;
        }
        if (!config.allowInsecureBind()) {
            throw new HotplexException(StandardErrorCode.INVALID_CONFIG, "refusing to bind " + config.host()
                    + " without any API key: anyone who can reach it could run agents. Configure API keys, bind "
                    + "127.0.0.1, or explicitly allow an insecure bind");
        }
        LOG.log(System.Logger.Level.WARNING, "binding {0} WITHOUT API KEYS: anyone who can reach this port can run "
                + "agents on this machine", config.host());
    }

    private void stopAllSessions() {
        for (SessionView view : engine.sessions()) {
            if (view.state().hasLiveProcess()) {
                SessionId sessionId = view.sessionId();
                try {
                    engine.stopSession(sessionId, "server shutdown");
                } catch (HotplexException e) {
                    LOG.log(System.Logger.Level.DEBUG, "stopping {0} at shutdown: {1}", sessionId, e.toString());
                }
            }
        }
    }

    private void awaitStopQuietly() {
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
