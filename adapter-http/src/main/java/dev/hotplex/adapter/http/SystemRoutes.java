package dev.hotplex.adapter.http;

import dev.hotplex.adapter.http.dto.StatusBody;
import dev.hotplex.adapter.http.dto.VersionBody;
import dev.hotplex.core.error.HotplexException;
import dev.hotplex.core.port.in.Engine;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Health ({@code /healthz}: the process answers), readiness ({@code /readyz}: the agent CLI runs, the workspace is
 * writable, the server is not draining) and {@code /v1/version}.
 */
final class SystemRoutes {
    private static final System.Logger LOG = System.getLogger(SystemRoutes.class.getName());
    static final String OK = "ok";

    private final Engine engine;
    private final Exchange exchange;
    private final TurnRunner runner;
    private final Optional<Path> workspaceRoot;

    SystemRoutes(Engine engine, Exchange exchange, TurnRunner runner, Optional<Path> workspaceRoot) {
        this.engine = requireNonNull(engine, "engine is null");
        this.exchange = requireNonNull(exchange, "exchange is null");
        this.runner = requireNonNull(runner, "runner is null");
        this.workspaceRoot = requireNonNull(workspaceRoot, "workspaceRoot is null");
    }

    void register(RoutesConfig routes) {
        routes.get("/healthz", ctx -> exchange.json(ctx, 200, new StatusBody(OK, Map.of())));
        routes.get("/readyz", this::ready);
        routes.get("/v1/version", this::version);
    }

    private void ready(Context ctx) {
        Map<String, String> checks = new LinkedHashMap<>();
        checks.put("provider", providerCheck());
        checks.put("workspace", workspaceCheck());
        checks.put("draining", runner.draining() ? "the server is shutting down" : OK);
        boolean ready = checks.values().stream().allMatch(OK::equals);
        exchange.json(ctx, ready ? 200 : 503, new StatusBody(ready ? OK : "unavailable", checks));
    }

    private static final String UNAVAILABLE = "unavailable:";

    private void version(Context ctx) {
        String cli = null;
        String cliError = null;
        try {
            cli = engine.cliVersion();
        } catch (HotplexException e) {
            // the why names server paths (the binary, PATH): the log has it, the client gets the code
            LOG.log(System.Logger.Level.WARNING, "agent CLI unavailable: {0}", e.getMessage());
            cliError = e.errorCode().name();
        }
        exchange.json(ctx, 200, new VersionBody(hotplexVersion(), cli, cliError, providerVersions(engine)));
    }

    /** Every configured provider's CLI version; one that cannot be run shows {@code unavailable} (why: in the log). */
    static Map<String, String> providerVersions(Engine engine) {
        try {
            Map<String, String> versions = new java.util.LinkedHashMap<>();
            engine.cliVersions().forEach((name, version) ->
                    versions.put(name, version.startsWith(UNAVAILABLE) ? "unavailable" : version));
            return versions;
        } catch (HotplexException e) {
            return Map.of();
        }
    }

    static String hotplexVersion() {
        String version = SystemRoutes.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }

    /** Only the code: {@code /readyz} needs no key, and the message names the binary's path (it goes to the log). */
    private String providerCheck() {
        try {
            engine.cliVersion();
            return OK;
        } catch (HotplexException e) {
            LOG.log(System.Logger.Level.WARNING, "not ready: {0}", e.getMessage());
            return e.errorCode().name();
        }
    }

    private String workspaceCheck() {
        if (workspaceRoot.isEmpty()) {
            return OK;
        }
        // the answer never names the path (no key is needed here); the log does
        Path root = workspaceRoot.get();
        try {
            Files.createDirectories(root);
            if (Files.isWritable(root)) {
                return OK;
            }
            LOG.log(System.Logger.Level.WARNING, "not ready: workspace {0} is not writable", root);
            return "the workspace is not writable";
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "not ready: workspace {0} cannot be created: {1}", root, e.toString());
            return "the workspace cannot be created";
        }
    }
}
