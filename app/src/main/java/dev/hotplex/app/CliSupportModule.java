package dev.hotplex.app;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import dev.hotplex.adapter.cli.Diagnostics;
import dev.hotplex.app.config.HotplexSettings;
import dev.hotplex.telemetry.TelemetryConfig;

import java.nio.file.Path;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * What the command line needs from the app: the configuration as {@code hotplex doctor} reports it. ({@code serve}'s
 * host comes with the configured delivery adapters, see {@link DeliveryAdapters}.)
 */
public final class CliSupportModule extends AbstractModule {
    private final HotplexSettings settings;
    private final Optional<Path> configFile;
    private final Path home;

    public CliSupportModule(HotplexSettings settings, Optional<Path> configFile, Path home) {
        this.settings = requireNonNull(settings, "settings is null");
        this.configFile = requireNonNull(configFile, "configFile is null");
        this.home = requireNonNull(home, "home is null");
    }

    @Provides
    @Singleton
    Diagnostics diagnostics(TelemetryConfig telemetry) {
        return new SettingsDiagnostics(settings, configFile, home, telemetry);
    }
}
