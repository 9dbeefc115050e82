package dev.hotplex.e2e;

import dev.hotplex.core.model.AgentEvent;
import dev.hotplex.core.model.SessionConfig;
import dev.hotplex.core.model.TurnOutcome;
import dev.hotplex.core.model.TurnResult;
import dev.hotplex.core.service.DefaultEngine;
import dev.hotplex.core.service.EngineConfig;
import dev.hotplex.core.service.InMemorySessionStore;
import dev.hotplex.core.service.RandomIdGenerator;
import dev.hotplex.core.service.SystemClock;
import dev.hotplex.core.service.ToolApproval;
import dev.hotplex.provider.claude.ClaudeProvider;
import dev.hotplex.provider.claude.ClaudeProviderConfig;
import dev.hotplex.testkit.BlockingContentPolicy;
import dev.hotplex.testkit.ProcessGroups;
import dev.hotplex.testkit.RecordingEngineObserver;
import dev.hotplex.testkit.RecordingEngineObserver.SpareStarted;
import dev.hotplex.testkit.RecordingEventSink;
import dev.hotplex.testkit.anthropic.FakeAnthropicApi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue #8 point 4 with the real Claude Code CLI: a brand-new session takes over a spare CLI started ahead of it,
 * its first turn runs on that process, the conversation is kept under the spare's id and work dir (so it resumes
 * with {@code --resume} after a restart), and closing the engine leaves no spare behind.
 */
class PrewarmEndToEndTest {
    private static final Duration WAIT = RealClaude.WAIT;
    private static Path binary;

    @TempDir
    Path sandbox;

    @BeforeAll
    static void locateCli() {
        binary = RealClaude.requireBinary();
    }

    private record Running(DefaultEngine engine, ClaudeProvider provider, RecordingEngineObserver observer)
            implements AutoCloseable {
        @Override
        public void close() {
            try {
                engine.close();
            } finally {
                provider.close();
            }
        }
    }

    private Running start(Map<String, String> environment, InMemorySessionStore store, EngineConfig.Prewarm prewarm) {
        ClaudeProvider provider = new ClaudeProvider(ClaudeProviderConfig.builder()
                .binary(binary.toString())
                .partialMessages(true)
                .permissionPromptStdio(true)
                .startupTimeout(WAIT)
                .shutdownGrace(Duration.ofSeconds(3))
                .build(), environment);
        EngineConfig config = new EngineConfig.Builder(RealClaude.createDirectories(sandbox.resolve("workspace")))
                .namespace("e2e-prewarm")
                .maxSessions(8)
                .turnTimeout(WAIT)
                .stopGrace(Duration.ofSeconds(3))
                .reaperInterval(Duration.ZERO)
                .toolApproval(ToolApproval.ASK)
                .prewarm(prewarm)
                .build();
        RecordingEngineObserver observer = new RecordingEngineObserver();
        DefaultEngine engine = new DefaultEngine(config, provider, new BlockingContentPolicy(), observer, store,
                new SystemClock(), new RandomIdGenerator());
        return new Running(engine, provider, observer);
    }

    @Test
    void aNewSessionRunsItsFirstTurnOnASpareAndResumesItAfterARestart() throws Exception {
        InMemorySessionStore store = new InMemorySessionStore();
        SessionConfig session = SessionConfig.of("pw-1");
        List<Long> sparePids;
        AgentEvent.SessionStart first;
        try (FakeAnthropicApi api = FakeAnthropicApi.start()) {
            Map<String, String> environment = RealClaude.environment(api, sandbox);
            try (Running running = start(environment, store,
                    new EngineConfig.Prewarm(1, List.of("default"), Duration.ofMillis(200)))) {
                SpareStarted spare = running.observer().await(SpareStarted.class, WAIT);
                assertThat(spare.owner()).isEqualTo("default");

                RecordingEventSink sink = new RecordingEventSink();
                TurnResult result = running.engine().execute(session, "remember-indigo", sink);

                assertThat(result.outcome()).isEqualTo(TurnOutcome.SUCCESS);
                assertThat(result.answer()).contains("remember-indigo");
                first = sink.eventsOfType(AgentEvent.SessionStart.class).getFirst();
                assertThat(first.prewarmed()).isTrue();
                assertThat(first.coldStart()).isFalse();
                assertThat(first.pid()).isEqualTo(spare.pid());
                assertThat(first.workDir().getFileName().toString()).startsWith("spare-");
                assertThat(first.workDir().getParent()).isEqualTo(sandbox.resolve("workspace/default").toRealPath());
                assertThat(running.observer().processStartedCount()).as("no cold start").isZero();

                RecordingEventSink warmSink = new RecordingEventSink();
                assertThat(running.engine().execute(session, "second-turn", warmSink).outcome())
                        .isEqualTo(TurnOutcome.SUCCESS);
                assertThat(warmSink.eventsOfType(AgentEvent.SessionStart.class).getFirst().prewarmed()).isFalse();

                running.observer().await(SpareStarted.class,
                        started -> !started.pid().equals(spare.pid()), WAIT); // the refill
                sparePids = running.observer().observationsOf(SpareStarted.class).stream()
                        .map(SpareStarted::pid).map(OptionalLong::getAsLong).toList();
            }
            assertThat(sparePids).hasSizeGreaterThanOrEqualTo(2)
                    .allSatisfy(pid -> assertThat(ProcessGroups.isAlive(pid)).as("pid " + pid + " ended").isFalse());

            try (Running restarted = start(environment, store, EngineConfig.Prewarm.OFF)) {
                RecordingEventSink sink = new RecordingEventSink();
                TurnResult after = restarted.engine().execute(session, "after-restart", sink);

                assertThat(after.outcome()).isEqualTo(TurnOutcome.SUCCESS);
                AgentEvent.SessionStart start = sink.eventsOfType(AgentEvent.SessionStart.class).getFirst();
                assertThat(start.resumed()).isTrue();
                assertThat(start.prewarmed()).isFalse();
                assertThat(start.providerSessionId()).isEqualTo(first.providerSessionId());
                assertThat(start.workDir()).isEqualTo(first.workDir());
                String body = api.requestBodies().stream().filter(text -> text.contains("after-restart"))
                        .reduce((earlier, later) -> later).orElseThrow();
                assertThat(body).as("the resumed CLI sent the earlier history").contains("remember-indigo");
            }
        }
    }
}
