package dev.hotplex.app;

import com.google.inject.AbstractModule;
import com.google.inject.Key;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.MapBinder;
import dev.hotplex.app.config.HotplexSettings;
import dev.hotplex.core.port.out.AgentProvider;
import dev.hotplex.core.service.AgentProviders;
import dev.hotplex.provider.claude.ClaudeProvider;
import dev.hotplex.provider.claude.ClaudeProviderModule;
import dev.hotplex.provider.codex.CodexProvider;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * Every provider {@code providers} names, as the engine's {@link AgentProviders} (the first is the default of
 * sessions that name none). Each provider module is installed only when configured; none configured leaves the
 * engine one provider that refuses every turn with {@code PROVIDER_UNAVAILABLE}.
 */
public final class AgentProvidersModule extends AbstractModule {
    private final HotplexSettings settings;
    private final Path home;

    public AgentProvidersModule(HotplexSettings settings, Path home) {
        this.settings = requireNonNull(settings, "settings is null");
        this.home = requireNonNull(home, "home is null");
    }

    @Override
    protected void configure() {
        Path state = settings.state().dirPath(home);
        MapBinder<String, AgentProvider> byName = MapBinder.newMapBinder(binder(), String.class, AgentProvider.class);
        if (settings.usesClaude()) {
            install(new ClaudeProviderModule(settings.claude().toProviderConfig(state.resolve("claude-groups"),
                    settings.sandbox().toSandboxConfig(home, state, settings.workspace().rootPath(home)))));
            byName.addBinding(ClaudeProvider.NAME).to(Key.get(ClaudeProvider.class));
        }
        if (settings.usesCodex()) {
            install(new CodexProviderModule(settings.codex().toProviderConfig(state.resolve("codex"), home,
                    settings.sandbox().toSandboxConfig(home, state, settings.workspace().rootPath(home)))));
            byName.addBinding(CodexProvider.NAME).to(Key.get(CodexProvider.class));
        }
    }

    @Provides
    @Singleton
    AgentProviders agentProviders(Map<String, AgentProvider> byName) {
        List<AgentProvider> ordered = new ArrayList<>();
        settings.providers().forEach(name -> ordered.add(byName.get(name)));
        return ordered.isEmpty() ? AgentProviders.of(new UnconfiguredProvider()) : AgentProviders.of(ordered);
    }
}
