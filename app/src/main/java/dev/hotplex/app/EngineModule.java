package dev.hotplex.app;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import dev.hotplex.core.port.in.Engine;
import dev.hotplex.core.service.AgentProviders;
import dev.hotplex.core.port.out.Clock;
import dev.hotplex.core.port.out.ContentPolicy;
import dev.hotplex.core.port.out.EngineObserver;
import dev.hotplex.core.port.out.IdGenerator;
import dev.hotplex.core.port.out.SessionStore;
import dev.hotplex.core.service.DefaultEngine;
import dev.hotplex.core.service.EngineConfig;
import dev.hotplex.core.service.RandomIdGenerator;
import dev.hotplex.core.service.SystemClock;

import static java.util.Objects.requireNonNull;

/**
 * Binds the core engine over whatever driven ports the other modules provide. Core has no Guice
 * annotations, so everything here is built in {@code @Provides} methods.
 */
public final class EngineModule extends AbstractModule {
    private final EngineConfig config;

    public EngineModule(EngineConfig config) {
        this.config = requireNonNull(config, "config is null");
    }

    @Override
    protected void configure() {
        bind(EngineConfig.class).toInstance(config);
    }

    @Provides
    @Singleton
    Engine engine(EngineConfig engineConfig, AgentProviders providers, ContentPolicy policy, EngineObserver observer,
                  SessionStore store, Clock clock, IdGenerator ids) {
        return new DefaultEngine(engineConfig, providers, policy, observer, store, clock, ids);
    }

    @Provides
    @Singleton
    Clock clock() {
        return new SystemClock();
    }

    @Provides
    @Singleton
    IdGenerator idGenerator() {
        return new RandomIdGenerator();
    }
}
