package dev.hotplex.adapter.http;

import dev.hotplex.core.port.out.ContentPolicy;
import dev.hotplex.core.service.DefaultEngine;
import dev.hotplex.core.service.EngineConfig;
import dev.hotplex.core.service.InMemorySessionStore;
import dev.hotplex.testkit.FakeProvider;
import dev.hotplex.testkit.ManualClock;
import dev.hotplex.testkit.RecordingEngineObserver;
import dev.hotplex.testkit.SequentialIdGenerator;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;

/** A real server on a random port over a DefaultEngine and the FakeProvider; one per test. */
final class TestServer implements AutoCloseable {
    static final Duration WAIT = Duration.ofSeconds(5);
    static final String KEY_A = "key-of-tenant-a-0123456789";
    static final String KEY_B = "key-of-tenant-b-0123456789";

    final FakeProvider provider = new FakeProvider();
    final RecordingEngineObserver observer = new RecordingEngineObserver();
    final DefaultEngine engine;
    final HotplexHttpServer server;
    final HttpConfig config;
    final Api a;
    final Api b;

    TestServer(Path workspace) {
        this(workspace, UnaryOperator.identity(), UnaryOperator.identity(), ContentPolicy.allowAll());
    }

    TestServer(Path workspace, UnaryOperator<HttpConfig> tuneHttp) {
        this(workspace, tuneHttp, UnaryOperator.identity(), ContentPolicy.allowAll());
    }

    TestServer(Path workspace, UnaryOperator<HttpConfig> tuneHttp, UnaryOperator<EngineConfig> tuneEngine,
               ContentPolicy policy) {
        EngineConfig engineConfig = tuneEngine.apply(EngineConfig.defaults(workspace.resolve("ws"))
                .withIdle(Duration.ofMinutes(30), Duration.ZERO)
                .withTimeouts(Duration.ofSeconds(10), Duration.ofMillis(300), Duration.ofMillis(300)));
        engine = new DefaultEngine(engineConfig, provider, policy, observer, new InMemorySessionStore(),
                new ManualClock(), new SequentialIdGenerator("turn"));
        config = tuneHttp.apply(HttpConfig.defaults()
                .withPort(0)
                .withApiKeys(List.of(ApiKey.ofPlainKey("tenant-a", KEY_A), ApiKey.ofPlainKey("tenant-b", KEY_B)))
                .withRateLimit(RateLimit.unlimited())
                .withShutdownDeadline(Duration.ofSeconds(2))
                .withWorkspaceRoot(workspace.resolve("ws")));
        server = new HotplexHttpServer(engine, config).start();
        a = new Api(server.port(), KEY_A);
        b = new Api(server.port(), KEY_B);
    }

    Api anonymous() {
        return new Api(server.port(), null);
    }

    @Override
    public void close() {
        server.stop(Duration.ofSeconds(2));
        engine.close();
    }
}
