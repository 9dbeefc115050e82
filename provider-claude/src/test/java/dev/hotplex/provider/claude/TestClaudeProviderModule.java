package dev.hotplex.provider.claude;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Stage;
import dev.hotplex.core.port.out.AgentProvider;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TestClaudeProviderModule {
    @Test
    void bindsTheAgentProviderToOneClaudeProviderUnderStrictBindings() {
        Injector injector = Guice.createInjector(Stage.PRODUCTION, new ClaudeProviderModule(ClaudeProviderConfig.defaults()),
                new AbstractModule() {
                    @Override
                    protected void configure() {
                        binder().requireExplicitBindings();
                        binder().disableCircularProxies();
                        binder().requireAtInjectOnConstructors();
                        binder().requireExactBindingAnnotations();
                    }
                });

        try (ClaudeProvider claude = injector.getInstance(ClaudeProvider.class)) {
            AgentProvider provider = injector.getInstance(AgentProvider.class);

            assertThat(provider).isSameAs(claude);
            assertThat(provider.name()).isEqualTo("claude");
        }
    }
}
