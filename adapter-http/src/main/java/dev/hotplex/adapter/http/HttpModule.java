package dev.hotplex.adapter.http;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.OptionalBinder;
import dev.hotplex.core.port.in.Engine;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Binds the {@link HotplexHttpServer} for the given {@link HttpConfig}. Needs an {@link Engine} binding from the app;
 * the server is bound but not started: the app (e.g. {@code hotplex serve}) calls {@code start()} and owns shutdown.
 */
public final class HttpModule extends AbstractModule {
    private final HttpConfig config;

    public HttpModule(HttpConfig config) {
        this.config = requireNonNull(config, "config is null");
    }

    @Override
    protected void configure() {
        bind(HttpConfig.class).toInstance(config);
        // telemetry hooks, bound by the app when telemetry is wired; absent: no /metrics, nothing observed
        OptionalBinder.newOptionalBinder(binder(), HttpObserver.class);
        OptionalBinder.newOptionalBinder(binder(), MetricsScrape.class);
    }

    @Provides
    @Singleton
    HotplexHttpServer server(Engine engine, HttpConfig httpConfig, Optional<HttpObserver> observer,
                             Optional<MetricsScrape> metrics) {
        return new HotplexHttpServer(engine, httpConfig, observer.orElse(HttpObserver.NONE), metrics);
    }
}
