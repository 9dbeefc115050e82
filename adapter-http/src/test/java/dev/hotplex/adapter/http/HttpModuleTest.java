package dev.hotplex.adapter.http;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Stage;
import dev.hotplex.core.port.in.Engine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class HttpModuleTest {
    @TempDir
    Path workspace;

    @Test
    void bindsOneUnstartedServerForTheAppsEngine() {
        try (TestServer t = new TestServer(workspace)) {
            Injector injector = Guice.createInjector(Stage.PRODUCTION, binder -> {
                binder.requireExplicitBindings();
                binder.bind(Engine.class).toInstance(t.engine);
            }, new HttpModule(HttpConfig.defaults().withPort(0)));

            HotplexHttpServer server = injector.getInstance(HotplexHttpServer.class);

            assertThat(injector.getInstance(HotplexHttpServer.class)).isSameAs(server);
            assertThat(server.start().port()).isPositive();
            server.stop(Duration.ofSeconds(1));
        }
    }
}
