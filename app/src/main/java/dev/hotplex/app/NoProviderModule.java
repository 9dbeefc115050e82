package dev.hotplex.app;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import dev.hotplex.core.port.out.AgentProvider;

/** For {@code provider: none}: every turn fails with a clear PROVIDER_UNAVAILABLE. */
public final class NoProviderModule extends AbstractModule {
    @Provides
    @Singleton
    AgentProvider provider() {
        return new UnconfiguredProvider();
    }
}
