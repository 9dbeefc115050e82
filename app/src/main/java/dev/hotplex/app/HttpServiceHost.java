package dev.hotplex.app;

import dev.hotplex.adapter.cli.ExitCodes;
import dev.hotplex.adapter.cli.ServiceHost;
import dev.hotplex.adapter.cli.SessionStoreClaim;
import dev.hotplex.adapter.cli.StateDirInUseException;
import dev.hotplex.adapter.http.HotplexHttpServer;
import dev.hotplex.adapter.http.HttpConfig;
import dev.hotplex.core.error.HotplexException;
import dev.hotplex.core.error.StandardErrorCode;
import dev.hotplex.core.port.in.Engine;
import dev.hotplex.core.port.out.AgentProvider;
import dev.hotplex.core.service.AgentProviders;
import jakarta.inject.Inject;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

import static java.util.Objects.requireNonNull;

/**
 * {@code hotplex serve} over the HTTP adapter. SIGTERM (or Ctrl-C) runs the graceful path from a shutdown
 * hook: drain the server (running turns may finish within the deadline), then close the engine and the
 * provider, so no agent process outlives the service.
 */
final class HttpServiceHost implements ServiceHost {
    private static final System.Logger LOG = System.getLogger(HttpServiceHost.class.getName());

    private final HotplexHttpServer server;
    private final HttpConfig config;
    private final Engine engine;
    private final AgentProviders providers;
    private final SessionStoreClaim store;
    private final TelemetryRuntime telemetry;

    @Inject
    HttpServiceHost(HotplexHttpServer server, HttpConfig config, Engine engine, AgentProviders providers,
                    SessionStoreClaim store, TelemetryRuntime telemetry) {
        this.telemetry = requireNonNull(telemetry, "telemetry is null");
        this.server = requireNonNull(server, "server is null");
        this.config = requireNonNull(config, "config is null");
        this.engine = requireNonNull(engine, "engine is null");
        this.providers = requireNonNull(providers, "providers is null");
        this.store = requireNonNull(store, "store is null");
    }

    @Override
    public int serveUntilStopped(PrintWriter out, PrintWriter err) {
        try {
            store.claim(); // a store held by another engine refuses the service rather than silently forgetting sessions
            portIsFree();
            server.start();
        } catch (StateDirInUseException e) {
            return refused(err, e.advice(), ExitCodes.STATE_DIR_IN_USE);
        } catch (HotplexException e) {
            return refused(err, e.getMessage(), ExitCodes.forError(e.errorCode()));
        } catch (RuntimeException e) {
            // the server library's own failures (a port taken between the check above and the bind): one line too
            LOG.log(System.Logger.Level.DEBUG, "the HTTP server could not start", e);
            return refused(err, "the HTTP server could not start on " + config.host() + ":" + config.port() + ": "
                    + e.getMessage(), ExitCodes.INTERNAL);
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

    private static int refused(PrintWriter err, String why, int exitCode) {
        err.println("hotplex: cannot serve: " + why);
        err.flush();
        return exitCode;
    }

    /**
     * The common way serving fails, checked before the server library tries and logs its own error: something else
     * listens on the port. {@code INVALID_CONFIG}, naming the key to change.
     */
    private void portIsFree() {
        InetSocketAddress address = new InetSocketAddress(config.host(), config.port());
        if (config.port() == 0 || address.isUnresolved()) {
            return; // any free port will do; an unknown host is the server's own clear refusal
        }
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(address);
        } catch (IOException e) {
            String why = String.valueOf(e.getMessage());
            throw new HotplexException(StandardErrorCode.INVALID_CONFIG, why.contains("in use")
                    ? config.host() + ":" + config.port() + " is already in use: stop what listens there, or give "
                    + "hotplex another port (--set http.port=PORT)"
                    : "cannot listen on " + config.host() + ":" + config.port() + " (" + why + "): check http.host and "
                    + "http.port", e);
        }
    }

    private void stopGracefully() {
        server.stop(config.shutdownDeadline());
        engine.close();
        providers.byName().values().forEach(AgentProvider::close);
        telemetry.close();
    }
}
