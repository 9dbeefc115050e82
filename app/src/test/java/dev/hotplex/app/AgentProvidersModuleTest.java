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
        return providers(configured, Map.of());
    }

    private AgentProviders providers(String configured, Map<String, String> moreEnvironment) {
        Map<String, String> environment = new java.util.HashMap<>(moreEnvironment);
        environment.put("HOTPLEX_PROVIDERS", configured);
        environment.put("HOTPLEX_STATE_DIR", home.resolve("state").toString());
        HotplexSettings settings = new ConfigLoader().load(Optional.empty(), environment, Map.of(), home);
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
    void the_sandbox_section_confines_codex_as_it_confines_claude() {
        AgentProviders confined = providers("codex,claude");
        AgentProviders unconfined = providers("codex", Map.of("HOTPLEX_SANDBOX_MODE", "none"));
        try {
            String codex = ((CodexProvider) confined.byName().get("codex")).sandbox();
            assertThat(codex).startsWith("bwrap (")
                    .isEqualTo(((ClaudeProvider) confined.byName().get("claude")).sandbox());
            assertThat(((CodexProvider) unconfined.byName().get("codex")).sandbox()).isEqualTo("none");
        } finally {
            closeAll(confined);
            closeAll(unconfined);
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
