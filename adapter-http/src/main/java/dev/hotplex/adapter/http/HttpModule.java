package dev.hotplex.adapter.http;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import dev.hotplex.core.port.in.Engine;

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
    }

    @Provides
    @Singleton
    HotplexHttpServer server(Engine engine, HttpConfig httpConfig) {
        return new HotplexHttpServer(engine, httpConfig);
    }
}
