package dev.hotplex.app;

import com.google.inject.AbstractModule;
import com.google.inject.Singleton;
import dev.hotplex.adapter.cli.ServiceHost;
import dev.hotplex.adapter.http.HttpConfig;
import dev.hotplex.adapter.http.HttpModule;

import static java.util.Objects.requireNonNull;

/** {@code adapters: [http]}: the HTTP adapter, and {@code hotplex serve} running it. */
public final class HttpAdapterModule extends AbstractModule {
    private final HttpConfig config;

    public HttpAdapterModule(HttpConfig config) {
        this.config = requireNonNull(config, "config is null");
    }

    @Override
    protected void configure() {
        install(new HttpModule(config));
        bind(ServiceHost.class).to(HttpServiceHost.class);
        bind(HttpServiceHost.class).in(Singleton.class);
    }
}
