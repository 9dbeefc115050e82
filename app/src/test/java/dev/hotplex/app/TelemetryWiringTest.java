package dev.hotplex.app;

import com.google.inject.Injector;
import dev.hotplex.adapter.http.HotplexHttpServer;
import dev.hotplex.core.model.AgentEvent;
import dev.hotplex.core.model.SessionConfig;
import dev.hotplex.core.model.SessionId;
import dev.hotplex.core.model.TurnOutcome;
import dev.hotplex.core.model.TurnResult;
import dev.hotplex.core.port.in.Engine;
import dev.hotplex.core.port.out.EngineObserver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** The assembled app: the engine reports to the audit log and telemetry, and the HTTP adapter serves /metrics. */
class TelemetryWiringTest {
    @TempDir
    Path temp;

    private Map<String, String> environment(Map<String, String> more) {
        Map<String, String> environment = new HashMap<>(Map.of("HOTPLEX_WORKSPACE_ROOT", temp.resolve("ws").toString(),
                "HOTPLEX_PROVIDERS", "", "HOTPLEX_STATE_DIR", temp.resolve("state").toString(),
                "HOTPLEX_HTTP_PORT", "0"));
        environment.putAll(more);
        return environment;
    }

    private static HttpResponse<String> get(int port, String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aTurnOfTheAssembledAppShowsUpOnMetrics() throws Exception {
        Injector injector = new HotplexBootstrap(HotplexMain.modules(new String[] {"serve"}, environment(Map.of())))
                .start();
        Engine engine = injector.getInstance(Engine.class);
        HotplexHttpServer server = injector.getInstance(HotplexHttpServer.class).start();
        try {
            TurnResult result = engine.execute(SessionConfig.of("wired"), "hello", event -> { });
            assertThat(result.outcome()).isEqualTo(TurnOutcome.START_FAILED);

            HttpResponse<String> metrics = get(server.port(), "/metrics");
            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                    assertThat(type).startsWith("text/plain; version=0.0.4"));
            assertThat(metrics.body())
                    .contains("# TYPE hotplex_turns_total counter")
                    .contains("hotplex_turns_total{hotplex_turn_outcome=\"start_failed\"} 1")
                    .contains("gen_ai_client_operation_duration_seconds_count{error_type=\"PROVIDER_UNAVAILABLE\","
                            + "gen_ai_operation_name=\"invoke_agent\",gen_ai_provider_name=\"anthropic\"} 1")
                    .contains("target_info{")
                    .contains("service_name=\"hotplex\"");
            assertThat(injector.getInstance(EngineObserver.class)).isInstanceOf(CompositeObserver.class);
        } finally {
            server.stop(Duration.ofSeconds(2));
            engine.close();
            injector.getInstance(TelemetryRuntime.class).close();
        }
    }

    @Test
    void withPrometheusOffMetricsAnswer404() throws Exception {
        Injector injector = new HotplexBootstrap(HotplexMain.modules(new String[] {"serve"},
                environment(Map.of("HOTPLEX_TELEMETRY_PROMETHEUS", "false")))).start();
        Engine engine = injector.getInstance(Engine.class);
        HotplexHttpServer server = injector.getInstance(HotplexHttpServer.class).start();
        try {
            assertThat(get(server.port(), "/metrics").statusCode()).isEqualTo(404);
        } finally {
            server.stop(Duration.ofSeconds(2));
            engine.close();
            injector.getInstance(TelemetryRuntime.class).close();
        }
    }

    @Test
    void aFailingObserverNeitherReachesTheEngineNorSilencesTheOthers() {
        List<String> heard = new CopyOnWriteArrayList<>();
        EngineObserver failing = new EngineObserver() {
            @Override
            public void turnStarted(SessionId sessionId, String turnId) {
                throw new IllegalStateException("broken observer");
            }

            @Override
            public void turnEvent(SessionId sessionId, String turnId, AgentEvent event) {
                throw new IllegalStateException("broken observer");
            }
        };
        EngineObserver recording = new EngineObserver() {
            @Override
            public void turnStarted(SessionId sessionId, String turnId) {
                heard.add("started " + turnId);
            }

            @Override
            public void turnEvent(SessionId sessionId, String turnId, AgentEvent event) {
                heard.add(event.wireName());
            }
        };
        CompositeObserver composite = new CompositeObserver(List.of(failing, recording));
        composite.turnStarted(SessionId.of("s"), "t1");
        composite.turnEvent(SessionId.of("s"), "t1", new AgentEvent.Answer("hi", false));
        assertThat(heard).containsExactly("started t1", "answer");
    }
}
