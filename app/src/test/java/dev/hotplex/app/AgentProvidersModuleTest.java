package dev.hotplex.app;

import com.google.inject.Injector;
import dev.hotplex.app.config.ConfigLoader;
import dev.hotplex.app.config.HotplexSettings;
import dev.hotplex.core.error.HotplexException;
import dev.hotplex.core.error.StandardErrorCode;
import dev.hotplex.core.port.out.AgentProvider;
import dev.hotplex.core.service.AgentProviders;
import dev.hotplex.provider.claude.ClaudeProvider;
import dev.hotplex.provider.codex.CodexProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code providers} decides which provider modules are installed and which provider is the default. */
class AgentProvidersModuleTest {
    @TempDir
    Path home;

    private AgentProviders providers(String configured) {
        HotplexSettings settings = new ConfigLoader().load(Optional.empty(),
                Map.of("HOTPLEX_PROVIDERS", configured, "HOTPLEX_STATE_DIR", home.resolve("state").toString()),
                Map.of(), home);
        Injector injector = new HotplexBootstrap(List.of(new AgentProvidersModule(settings, home))).start();
        return injector.getInstance(AgentProviders.class);
    }

    private static void closeAll(AgentProviders providers) {
        providers.byName().values().forEach(AgentProvider::close);
    }

    @Test
    void both_providers_in_the_configured_order_the_first_being_the_default() {
        AgentProviders providers = providers("codex,claude");
        try {
            assertThat(providers.byName().keySet()).containsExactly("codex", "claude");
            assertThat(providers.defaultProvider()).isInstanceOf(CodexProvider.class);
            assertThat(providers.byName().get("claude")).isInstanceOf(ClaudeProvider.class);
        } finally {
            closeAll(providers);
        }
    }

    @Test
    void codex_alone_is_enough() {
        AgentProviders providers = providers("codex");
        try {
            assertThat(providers.byName().keySet()).containsExactly("codex");
        } finally {
            closeAll(providers);
        }
    }

    @Test
    void no_provider_leaves_one_that_refuses_every_session() {
        AgentProviders providers = providers("");
        assertThat(providers.byName()).hasSize(1);
        assertThatThrownBy(() -> providers.defaultProvider().version()).isInstanceOfSatisfying(HotplexException.class,
                e -> assertThat(e.errorCode()).isEqualTo(StandardErrorCode.PROVIDER_UNAVAILABLE));
    }
}
