package dev.hotplex.app;

import dev.hotplex.adapter.cli.ExitCodes;
import dev.hotplex.adapter.cli.ServiceHost;
import dev.hotplex.adapter.http.HotplexHttpServer;
import dev.hotplex.adapter.http.HttpConfig;
import dev.hotplex.core.error.HotplexException;
import dev.hotplex.core.port.in.Engine;
import dev.hotplex.core.port.out.AgentProvider;
import dev.hotplex.core.service.AgentProviders;
import jakarta.inject.Inject;

import java.io.PrintWriter;

import static java.util.Objects.requireNonNull;

/**
 * {@code hotplex serve} over the HTTP adapter. SIGTERM (or Ctrl-C) runs the graceful path from a shutdown
 * hook: drain the server (running turns may finish within the deadline), then close the engine and the
 * provider, so no agent process outlives the service.
 */
final class HttpServiceHost implements ServiceHost {
    private final HotplexHttpServer server;
    private final HttpConfig config;
    private final Engine engine;
    private final AgentProviders providers;
    private final DeferredSessionStore store;
    private final TelemetryRuntime telemetry;

    @Inject
    HttpServiceHost(HotplexHttpServer server, HttpConfig config, Engine engine, AgentProviders providers,
                    DeferredSessionStore store, TelemetryRuntime telemetry) {
        this.telemetry = requireNonNull(telemetry, "telemetry is null");
        this.server = requireNonNull(server, "server is null");
        this.config = requireNonNull(config, "config is null");
        this.engine = requireNonNull(engine, "engine is null");
        this.providers = requireNonNull(providers, "providers is null");
        this.store = requireNonNull(store, "store is null");
    }

    @Override
    public int serveUntilStopped(PrintWriter out) {
        try {
            store.open(); // a store held by another engine refuses the service rather than silently forgetting sessions
            server.start();
        } catch (HotplexException e) {
            out.println("hotplex: cannot serve: " + e.getMessage());
            out.flush();
            return ExitCodes.forError(e.errorCode());
        }
        Thread shutdown = new Thread(this::stopGracefully, "hotplex-serve-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdown);
        out.println("hotplex serving on http://" + config.host() + ":" + server.port()
                + (config.apiKeys().isEmpty() ? " (no API keys: loopback only)" : " (" + config.apiKeys().size()
                + " API keys)"));
        out.flush();
        try {
            server.awaitStop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return ExitCodes.OK;
    }

    private void stopGracefully() {
        server.stop(config.shutdownDeadline());
        engine.close();
        providers.byName().values().forEach(AgentProvider::close);
        telemetry.close();
    }
}
