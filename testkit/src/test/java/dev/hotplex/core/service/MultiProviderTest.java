package dev.hotplex.core.service;

import dev.hotplex.core.error.HotplexException;
import dev.hotplex.core.error.StandardErrorCode;
import dev.hotplex.core.model.SessionConfig;
import dev.hotplex.core.model.SessionId;
import dev.hotplex.core.model.TurnOutcome;
import dev.hotplex.core.model.TurnResult;
import dev.hotplex.core.port.out.AgentConnection;
import dev.hotplex.core.port.out.AgentProvider;
import dev.hotplex.core.port.out.ContentPolicy;
import dev.hotplex.core.port.out.SessionSpec;
import dev.hotplex.testkit.FakeProvider;
import dev.hotplex.testkit.ManualClock;
import dev.hotplex.testkit.RecordingEngineObserver;
import dev.hotplex.testkit.RecordingEventSink;
import dev.hotplex.testkit.SequentialIdGenerator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** An engine over two providers: per-session choice, a default, sessions that stay put, versions of each. */
class MultiProviderTest {
    @TempDir
    Path workspace;

    private final FakeProvider claudeFake = new FakeProvider();
    private final FakeProvider codexFake = new FakeProvider();
    private final InMemorySessionStore store = new InMemorySessionStore();
    private DefaultEngine engine;

    /** A fake under another name, since FakeProvider always calls itself "fake". */
    private record Named(String name, FakeProvider fake) implements AgentProvider {
        @Override
        public String version() {
            return fake.version();
        }

        @Override
        public AgentConnection open(SessionSpec spec) {
            return fake.open(spec);
        }

        @Override
        public boolean canResume(SessionSpec spec) {
            return fake.canResume(spec);
        }

        @Override
        public void discardSessionFiles(SessionSpec spec) {
            fake.discardSessionFiles(spec);
        }
    }

    private DefaultEngine startEngine() {
        AgentProviders providers = AgentProviders.of(List.of(new Named("claude", claudeFake),
                new Named("codex", codexFake)));
        EngineConfig config = EngineConfig.defaults(workspace.resolve("ws"))
                .withIdle(Duration.ofMinutes(30), Duration.ZERO)
                .withTimeouts(Duration.ofSeconds(10), Duration.ofMillis(300), Duration.ofMillis(300));
        engine = new DefaultEngine(config, providers, ContentPolicy.allowAll(), new RecordingEngineObserver(), store,
                new ManualClock(), new SequentialIdGenerator("turn"));
        return engine;
    }

    @AfterEach
    void close() {
        if (engine != null) {
            engine.close();
        }
    }

    private TurnResult run(SessionConfig config, String prompt) {
        return engine.execute(config, prompt, new RecordingEventSink());
    }

    @Test
    void a_session_runs_on_the_provider_it_names_and_others_on_the_default() {
        startEngine();

        TurnResult onCodex = run(SessionConfig.of("a").withProvider("codex"), "hello codex");
        TurnResult onDefault = run(SessionConfig.of("b"), "hello default");

        assertThat(onCodex.outcome()).isEqualTo(TurnOutcome.SUCCESS);
        assertThat(onDefault.outcome()).isEqualTo(TurnOutcome.SUCCESS);
        assertThat(codexFake.openedSpecs()).extracting(SessionSpec::sessionId).containsExactly(SessionId.of("a"));
        assertThat(claudeFake.openedSpecs()).extracting(SessionSpec::sessionId).containsExactly(SessionId.of("b"));
        assertThat(engine.session(SessionId.of("a")).orElseThrow().provider()).isEqualTo("codex");
        assertThat(engine.session(SessionId.of("b")).orElseThrow().provider()).isEqualTo("claude");
    }

    @Test
    void an_unknown_provider_is_a_clear_config_error_and_starts_nothing() {
        startEngine();

        assertThatThrownBy(() -> run(SessionConfig.of("x").withProvider("gemini"), "hi"))
                .isInstanceOfSatisfying(HotplexException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(StandardErrorCode.INVALID_CONFIG);
                    assertThat(e.getMessage()).contains("gemini").contains("[claude, codex]");
                });
        assertThat(claudeFake.openCount() + codexFake.openCount()).isZero();
    }

    @Test
    void a_session_stays_on_its_provider_and_goes_back_to_it_after_a_restart() {
        startEngine();
        run(SessionConfig.of("s").withProvider("codex"), "first");

        assertThatThrownBy(() -> run(SessionConfig.of("s").withProvider("claude"), "switch"))
                .isInstanceOfSatisfying(HotplexException.class,
                        e -> assertThat(e.getMessage()).contains("runs on provider 'codex'"));
        engine.close();
        codexFake.addResumable(codexFake.openedSpecs().getFirst().providerSessionId());
        startEngine();
        TurnResult afterRestart = run(SessionConfig.of("s"), "after restart");

        assertThat(afterRestart.outcome()).isEqualTo(TurnOutcome.SUCCESS);
        assertThat(claudeFake.openCount()).isZero();
        assertThat(codexFake.openedSpecs()).hasSize(2);
        assertThat(codexFake.openedSpecs().getLast().resume()).isTrue();
    }

    @Test
    void resetting_a_session_discards_the_files_of_its_own_provider() {
        startEngine();
        run(SessionConfig.of("r").withProvider("codex"), "first");

        engine.resetSession(SessionId.of("r"));

        assertThat(codexFake.discardedSpecs()).extracting(SessionSpec::sessionId).containsExactly(SessionId.of("r"));
        assertThat(claudeFake.discardedSpecs()).isEmpty();
    }

    @Test
    void versions_are_listed_per_provider_and_an_unavailable_one_says_why() {
        startEngine();
        codexFake.setVersion("codex-cli 0.169.0");
        claudeFake.setUnavailable(true);

        assertThat(engine.cliVersions()).containsExactly(
                java.util.Map.entry("claude", "unavailable: fake agent CLI is not installed"),
                java.util.Map.entry("codex", "codex-cli 0.169.0"));
    }
}
