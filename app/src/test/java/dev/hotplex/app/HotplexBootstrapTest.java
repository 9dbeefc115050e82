package dev.hotplex.app;

import com.google.inject.AbstractModule;
import com.google.inject.CreationException;
import com.google.inject.Injector;
import dev.hotplex.core.error.StandardErrorCode;
import dev.hotplex.core.model.SessionConfig;
import dev.hotplex.core.model.TurnResult;
import dev.hotplex.core.port.in.Engine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HotplexBootstrapTest {
    @TempDir
    Path temp;

    @Test
    void withProviderNoneEveryTurnSaysNoProviderIsConfigured() {
        Injector injector = new HotplexBootstrap(HotplexMain.modules(new String[0], Map.of("HOTPLEX_WORKSPACE_ROOT", temp.toString(), "HOTPLEX_PROVIDERS", "", "HOTPLEX_STATE_DIR", temp.resolve("state").toString())))
                .start();
        Engine engine = injector.getInstance(Engine.class);
        try {
            assertThat(injector.getInstance(Engine.class)).isSameAs(engine);
            TurnResult result = engine.execute(SessionConfig.of("s1"), "hello", event -> { });
            assertThat(result.error()).hasValueSatisfying(failure -> {
                assertThat(failure.code()).isEqualTo(StandardErrorCode.PROVIDER_UNAVAILABLE);
                assertThat(failure.message()).contains("no agent provider is configured");
            });
        } finally {
            engine.close();
        }
    }

    @Test
    void refusesImplicitBindings() {
        AbstractModule asksForAnUnboundClass = new AbstractModule() {
            @Override
            protected void configure() {
                getProvider(Unbound.class);
            }
        };
        assertThatThrownBy(() -> new HotplexBootstrap(List.of(asksForAnUnboundClass)).start())
                .isInstanceOf(CreationException.class)
                .hasMessageContaining("Explicit bindings are required");
    }

    static final class Unbound {
        @jakarta.inject.Inject
        Unbound() {
        }
    }
}
