package dev.hotplex.core.service;

import dev.hotplex.core.model.SessionConfig;
import dev.hotplex.core.model.TurnResult;
import dev.hotplex.core.port.out.ContentPolicy;
import dev.hotplex.testkit.FakeProvider;
import dev.hotplex.testkit.ManualClock;
import dev.hotplex.testkit.RecordingEngineObserver;
import dev.hotplex.testkit.RecordingEventSink;
import dev.hotplex.testkit.SequentialIdGenerator;

import java.nio.file.Path;
import java.time.Duration;
import java.util.function.UnaryOperator;

/** A DefaultEngine over the fakes, with short timeouts; one per test. */
final class EngineHarness implements AutoCloseable {
    static final Duration WAIT = Duration.ofSeconds(5);

    final FakeProvider provider = new FakeProvider();
    final ManualClock clock = new ManualClock();
    final RecordingEngineObserver observer = new RecordingEngineObserver();
    final InMemorySessionStore store;
    final ContentPolicy policy;
    final EngineConfig config;
    final DefaultEngine engine;

    EngineHarness(Path workspace) {
        this(workspace, UnaryOperator.identity());
    }

    EngineHarness(Path workspace, UnaryOperator<EngineConfig> tune) {
        this(workspace, tune, ContentPolicy.allowAll(), new InMemorySessionStore());
    }

    EngineHarness(Path workspace, UnaryOperator<EngineConfig> tune, ContentPolicy policy, InMemorySessionStore store) {
        this.policy = policy;
        this.store = store;
        this.config = tune.apply(EngineConfig.defaults(workspace.resolve("ws"))
                .withIdle(Duration.ofMinutes(30), Duration.ZERO)
                .withTimeouts(Duration.ofSeconds(10), Duration.ofMillis(300), Duration.ofMillis(300)));
        this.engine = new DefaultEngine(config, provider, policy, observer, store, clock,
                new SequentialIdGenerator("turn"));
    }

    TurnResult run(String sessionId, String prompt) {
        return engine.execute(SessionConfig.of(sessionId), prompt, new RecordingEventSink());
    }

    TurnResult run(String sessionId, String prompt, RecordingEventSink sink) {
        return engine.execute(SessionConfig.of(sessionId), prompt, sink);
    }

    @Override
    public void close() {
        engine.close();
    }
}
