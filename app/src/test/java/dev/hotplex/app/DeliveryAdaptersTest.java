package dev.hotplex.app;

import com.google.inject.Injector;
import com.google.inject.Key;
import dev.hotplex.adapter.cli.ServiceHost;
import dev.hotplex.adapter.http.HotplexHttpServer;
import dev.hotplex.app.config.ConfigException;
import dev.hotplex.app.config.ConfigLoader;
import dev.hotplex.app.config.HotplexSettings;
import dev.hotplex.core.port.in.Engine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code adapters:} decides which delivery adapters the app installs, and with them what {@code serve} runs. */
class DeliveryAdaptersTest {
    @TempDir
    Path temp;

    private Map<String, String> environment(String adapters) {
        return Map.of("HOTPLEX_WORKSPACE_ROOT", temp.resolve("ws").toString(), "HOTPLEX_PROVIDERS", "",
                "HOTPLEX_STATE_DIR", temp.resolve("state").toString(), "HOTPLEX_ADAPTERS", adapters);
    }

    @Test
    void httpInstallsTheHttpAdapterAndServeRunsIt() {
        HotplexSettings settings = new ConfigLoader().load(Optional.empty(), environment("http"), Map.of(), temp);
        assertThat(DeliveryAdapters.modules(settings, temp.resolve("ws")))
                .singleElement().isInstanceOf(HttpAdapterModule.class);

        Injector injector = new HotplexBootstrap(HotplexMain.modules(new String[] {"serve"}, environment("http"))).start();
        try {
            assertThat(injector.getInstance(ServiceHost.class)).isInstanceOf(HttpServiceHost.class);
            assertThat(injector.getExistingBinding(Key.get(HotplexHttpServer.class))).isNotNull();
        } finally {
            injector.getInstance(Engine.class).close();
        }
    }

    @Test
    void anEmptyListOrAnUnknownAdapterIsAConfigurationErrorNamingItsSource() throws Exception {
        assertThatThrownBy(() -> new ConfigLoader().load(Optional.empty(), environment(""), Map.of(), temp))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("'adapters' (environment variable HOTPLEX_ADAPTERS)")
                .hasMessageContaining("name at least one delivery adapter");
        Path config = Files.writeString(temp.resolve("hotplex.yaml"), "http:\n  port: 8090\nadapters: [http, grpc]\n");
        assertThatThrownBy(() -> new ConfigLoader().load(Optional.of(config), Map.of(), Map.of(), temp))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("(config file " + config + ":3)")
                .hasMessageContaining("unknown adapter 'grpc'; known: [http]");
    }

    @Test
    void serveWithABadAdapterListExitsWithAUsageError() {
        assertThat(HotplexMain.run(new String[] {"serve"}, environment("grpc"))).isEqualTo(2);
    }
}
