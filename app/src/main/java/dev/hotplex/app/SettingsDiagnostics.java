package dev.hotplex.app;

import dev.hotplex.adapter.cli.Diagnostics;
import dev.hotplex.adapter.cli.TelemetrySummary;
import dev.hotplex.app.config.HotplexSettings;
import dev.hotplex.core.error.HotplexException;
import dev.hotplex.provider.process.SandboxConfig;
import dev.hotplex.provider.process.SandboxSelector;
import dev.hotplex.telemetry.TelemetryConfig;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** {@link Diagnostics} from the loaded settings: the view of the configuration that {@code hotplex doctor} checks. */
final class SettingsDiagnostics implements Diagnostics {
    private static final String DEFAULT_CLAUDE_BINARY = "claude";
    /** The session store's lock file in the state dir (store-sql's {@code SqliteSessionStore}). */
    private static final String STORE_LOCK_FILE = "sessions.lock";

    private final HotplexSettings settings;
    private final Optional<Path> configFile;
    private final Path home;
    private final TelemetryConfig telemetry;

    SettingsDiagnostics(HotplexSettings settings, Optional<Path> configFile, Path home, TelemetryConfig telemetry) {
        this.settings = requireNonNull(settings, "settings is null");
        this.configFile = requireNonNull(configFile, "configFile is null");
        this.home = requireNonNull(home, "home is null");
        this.telemetry = requireNonNull(telemetry, "telemetry is null");
    }

    @Override
    public String configurationSource() {
        return configFile.map(file -> "config file " + file + ", environment and overrides")
                .orElse("defaults, environment and overrides (no config file)");
    }

    @Override
    public List<String> providers() {
        return settings.providers();
    }

    @Override
    public Optional<String> agentBinary() {
        if (!settings.usesClaude()) {
            return Optional.empty();
        }
        String binary = settings.claude().binary();
        return Optional.of(binary == null || binary.isBlank() ? DEFAULT_CLAUDE_BINARY : binary);
    }

    @Override
    public Path workspaceRoot() {
        return settings.workspace().rootPath(home);
    }

    @Override
    public Path stateDir() {
        return settings.state().dirPath(home);
    }

    /**
     * The pid the store's holder wrote into its lock file, if that process still runs hotplex. Only looked at, never
     * locked: doctor must not get in the way of an engine starting at the same moment.
     */
    @Override
    public Optional<String> stateDirHolder() {
        try {
            String pid = Files.readString(stateDir().resolve(STORE_LOCK_FILE), StandardCharsets.US_ASCII).strip();
            // our own pid from /proc/self: process handles are provider-process's business (ArchitectureTest)
            String ownPid = Files.readSymbolicLink(Path.of("/proc/self")).toString();
            if (!pid.matches("\\d{1,18}") || pid.equals(ownPid)) {
                return Optional.empty();
            }
            String commandLine = Files.readString(Path.of("/proc", pid, "cmdline"), StandardCharsets.UTF_8);
            return commandLine.contains("hotplex") ? Optional.of("hotplex process " + pid) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // no lock file, or its writer is gone: nobody holds the store
        }
    }

    /** The telemetry as it applies (the section over the {@code OTEL_*} variables); header values never leave here. */
    @Override
    public TelemetrySummary telemetry() {
        boolean otlp = telemetry.exporter() == TelemetryConfig.Exporter.OTLP;
        return new TelemetrySummary(telemetry.exporter().name().toLowerCase(Locale.ROOT),
                otlp ? Optional.of(telemetry.otlpEndpoint()) : Optional.empty(),
                otlp ? telemetry.otlpHeaders().size() : 0, telemetry.prometheus(), telemetry.captureContent());
    }

    @Override
    public String sandbox() {
        try {
            return new SandboxSelector().select(sandboxConfig()).sandbox().describe();
        } catch (HotplexException e) {
            return "bwrap (not working: " + e.getMessage() + ")";
        }
    }

    @Override
    public Optional<String> sandboxWarning() {
        try {
            return new SandboxSelector().select(sandboxConfig()).warning();
        } catch (HotplexException e) {
            return Optional.of(e.getMessage());
        }
    }

    private SandboxConfig sandboxConfig() {
        return settings.sandbox().toSandboxConfig(home, stateDir(), workspaceRoot());
    }

    @Override
    public int httpPort() {
        Integer configured = settings.http().port();
        return configured == null ? dev.hotplex.adapter.http.HttpConfig.DEFAULT_PORT : configured;
    }
}
