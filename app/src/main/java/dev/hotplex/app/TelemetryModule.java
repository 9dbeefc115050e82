package dev.hotplex.app;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.OptionalBinder;
import dev.hotplex.adapter.http.HttpObserver;
import dev.hotplex.adapter.http.MetricsScrape;
import dev.hotplex.telemetry.TelemetryConfig;
import dev.hotplex.telemetry.TelemetryObserver;
import dev.hotplex.telemetry.sdk.TelemetrySdk;

import static java.util.Objects.requireNonNull;

/**
 * Telemetry, built once from its configuration: the SDK and the observer the engine reports to; for the HTTP adapter,
 * its hooks and (when {@code telemetry.prometheus} is on) the {@code /metrics} scrape. Whoever closes the engine closes
 * {@link TelemetryRuntime} after it.
 */
public final class TelemetryModule extends AbstractModule {
    private final TelemetryConfig config;

    public TelemetryModule(TelemetryConfig config) {
        this.config = requireNonNull(config, "config is null");
    }

    @Override
    protected void configure() {
        bind(TelemetryConfig.class).toInstance(config);
        OptionalBinder.newOptionalBinder(binder(), HttpObserver.class).setBinding().to(TelemetryHttpObserver.class);
        if (config.prometheus()) {
            OptionalBinder.newOptionalBinder(binder(), MetricsScrape.class).setBinding()
                    .to(PrometheusMetricsScrape.class);
            bind(PrometheusMetricsScrape.class).in(Singleton.class);
        }
    }

    @Provides
    @Singleton
    TelemetryRuntime telemetry(TelemetryConfig telemetryConfig) {
        return new TelemetryRuntime(TelemetrySdk.create(telemetryConfig), telemetryConfig);
    }

    @Provides
    @Singleton
    TelemetryObserver observer(TelemetryRuntime telemetry) {
        return telemetry.observer();
    }

    @Provides
    @Singleton
    TelemetryHttpObserver httpObserver(TelemetryRuntime telemetry) {
        return new TelemetryHttpObserver(telemetry);
    }
}
