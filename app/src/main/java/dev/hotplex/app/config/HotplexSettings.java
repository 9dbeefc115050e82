package dev.hotplex.app.config;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import dev.hotplex.core.service.EngineConfig;

import java.nio.file.Path;
import java.util.List;

/**
 * The whole configuration, as loaded from the file, the {@code HOTPLEX_*} environment and {@code --set}
 * overrides (later sources win). Keys are kebab-case ({@code engine.max-sessions}); each has the
 * environment variable {@code HOTPLEX_} + the key in upper snake case ({@code HOTPLEX_ENGINE_MAX_SESSIONS}).
 *
 * @param providers the agent CLIs to run, the first being the default of sessions that name none:
 *                  {@code [claude]} (the default), {@code [claude, codex]}, {@code [codex]} or {@code []} for none
 * @param adapters  the delivery adapters {@code hotplex serve} starts: {@code [http]} (the default)
 */
public record HotplexSettings(
        WorkspaceSettings workspace,
        StateSettings state,
        @JsonDeserialize(using = CommaListDeserializer.class) List<String> providers,
        @JsonDeserialize(using = CommaListDeserializer.class) List<String> adapters,
        EngineSettings engine,
        ClaudeSettings claude,
        SandboxSettings sandbox,
        CodexSettings codex,
        WafSettings waf,
        HttpSettings http,
        LogSettings log,
        TelemetrySettings telemetry) {

    private static final List<String> KNOWN_PROVIDERS = List.of("claude", "codex");
    private static final List<String> KNOWN_ADAPTERS = List.of("http");

    public HotplexSettings {
        workspace = workspace == null ? new WorkspaceSettings(null) : workspace;
        state = state == null ? new StateSettings(null) : state;
        providers = providers == null ? List.of("claude") : List.copyOf(providers);
        adapters = adapters == null ? List.of("http") : List.copyOf(adapters);
        engine = engine == null ? EngineSettings.EMPTY : engine;
        claude = claude == null ? ClaudeSettings.EMPTY : claude;
        sandbox = sandbox == null ? SandboxSettings.EMPTY : sandbox;
        codex = codex == null ? CodexSettings.EMPTY : codex;
        waf = waf == null ? WafSettings.EMPTY : waf;
        http = http == null ? HttpSettings.EMPTY : http;
        log = log == null ? LogSettings.EMPTY : log;
        telemetry = telemetry == null ? TelemetrySettings.EMPTY : telemetry;
        for (String provider : providers) {
            if (!KNOWN_PROVIDERS.contains(provider)) {
                throw new ConfigException("providers: unknown provider '" + provider + "'; known: " + KNOWN_PROVIDERS);
            }
        }
        if (providers.stream().distinct().count() < providers.size()) {
            throw new ConfigException("providers: each provider at most once; got " + providers);
        }
        if (adapters.isEmpty()) {
            throw new ConfigException("adapters: name at least one delivery adapter for `hotplex serve`; known: "
                    + KNOWN_ADAPTERS);
        }
        for (String adapter : adapters) {
            if (!KNOWN_ADAPTERS.contains(adapter)) {
                throw new ConfigException("adapters: unknown adapter '" + adapter + "'; known: " + KNOWN_ADAPTERS);
            }
        }
    }

    public boolean usesClaude() {
        return providers.contains("claude");
    }

    public boolean usesCodex() {
        return providers.contains("codex");
    }

    public EngineConfig engineConfig(Path home) {
        return engine.toEngineConfig(workspace.rootPath(home), waf.resolvedAdminToken());
    }
}
