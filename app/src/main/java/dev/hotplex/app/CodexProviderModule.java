package dev.hotplex.app;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import dev.hotplex.provider.codex.CodexProvider;
import dev.hotplex.provider.codex.CodexProviderConfig;

import static java.util.Objects.requireNonNull;

/** The Codex provider, installed only when {@code providers} names {@code codex}. */
public final class CodexProviderModule extends AbstractModule {
    private final CodexProviderConfig config;

    public CodexProviderModule(CodexProviderConfig config) {
        this.config = requireNonNull(config, "config is null");
    }

    @Provides
    @Singleton
    CodexProvider codexProvider() {
        return new CodexProvider(config);
    }
}
