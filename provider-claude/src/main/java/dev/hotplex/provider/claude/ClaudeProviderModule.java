package dev.hotplex.provider.claude;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import dev.hotplex.core.port.out.AgentProvider;

import static java.util.Objects.requireNonNull;

/**
 * Binds {@link AgentProvider} to one {@link ClaudeProvider} built from the given config. The app closes
 * the {@link ClaudeProvider} binding on shutdown (its JVM shutdown hook is the safety net).
 */
public final class ClaudeProviderModule extends AbstractModule {
    private final ClaudeProviderConfig config;

    public ClaudeProviderModule(ClaudeProviderConfig config) {
        this.config = requireNonNull(config, "config is null");
    }

    @Provides
    @Singleton
    ClaudeProvider claudeProvider() {
        return new ClaudeProvider(config);
    }

    @Provides
    @Singleton
    AgentProvider agentProvider(ClaudeProvider provider) {
        return provider;
    }
}
