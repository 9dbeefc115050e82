package dev.hotplex.core.service;

import dev.hotplex.core.model.AgentEvent;
import dev.hotplex.core.model.SessionConfig;
import dev.hotplex.core.model.SessionId;
import dev.hotplex.core.model.TurnOutcome;
import dev.hotplex.core.model.TurnResult;
import dev.hotplex.core.port.out.SessionRecord;
import dev.hotplex.core.port.out.SessionSpec;
import dev.hotplex.testkit.FakeConnection;
import dev.hotplex.testkit.RecordingEngineObserver.SpareAdopted;
import dev.hotplex.testkit.RecordingEngineObserver.SpareRetired;
import dev.hotplex.testkit.RecordingEngineObserver.SpareStartFailed;
import dev.hotplex.testkit.RecordingEngineObserver.SpareStarted;
import dev.hotplex.testkit.RecordingEventSink;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue #8 point 4: spare processes started ahead of new sessions, over the fake provider. */
class SparePoolTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Duration INTERVAL = Duration.ofMillis(20);

    @TempDir
    Path temp;

    private EngineHarness harness;

    @AfterEach
    void tearDown() {
        if (harness != null) {
            harness.close();
        }
    }

    private void start(int spares, List<String> tenants) {
        start(spares, tenants, UnaryOperator.identity());
    }

    private void start(int spares, List<String> tenants, UnaryOperator<EngineConfig> more) {
        harness = new EngineHarness(temp, config -> more.apply(config.toBuilder()
                .prewarm(new EngineConfig.Prewarm(spares, tenants, INTERVAL)).build()));
    }

    private void awaitSpares(int count) {
        harness.observer.await(SpareStarted.class, started -> true, WAIT);
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (harness.observer.count(SpareStarted.class) - harness.observer.count(SpareRetired.class)
                - harness.observer.count(SpareAdopted.class) < count) {
            assertThat(System.nanoTime()).as("spares ready in time").isLessThan(deadline);
            sleep(5);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private AgentEvent.SessionStart firstTurn(SessionConfig session) {
        RecordingEventSink sink = new RecordingEventSink();
        TurnResult result = harness.engine.execute(session, "hello", sink);
        assertThat(result.outcome()).isEqualTo(TurnOutcome.SUCCESS);
        return sink.eventsOfType(AgentEvent.SessionStart.class).getFirst();
    }

    @Test
    void aNewSessionAdoptsAReadySpareAndItsFirstTurnSkipsTheColdStart() {
        start(2, List.of("default"));
        awaitSpares(2);
        List<SessionSpec> sparesStarted = harness.provider.openedSpecs();
        assertThat(sparesStarted).hasSize(2).allSatisfy(spec -> {
            assertThat(spec.owner()).isEqualTo("default");
            assertThat(spec.resume()).isFalse();
            assertThat(spec.systemPrompt()).isEmpty();
            assertThat(spec.workDir()).startsWith(harness.config.workspaceRoot().resolve("default")).isDirectory();
        });

        AgentEvent.SessionStart start = firstTurn(SessionConfig.of("s1"));

        assertThat(start.prewarmed()).isTrue();
        assertThat(start.coldStart()).isFalse();
        assertThat(start.resumed()).isFalse();
        SessionSpec adopted = sparesStarted.stream()
                .filter(spec -> spec.providerSessionId().equals(start.providerSessionId())).findFirst().orElseThrow();
        assertThat(start.workDir()).isEqualTo(adopted.workDir());
        assertThat(harness.observer.observationsOf(SpareAdopted.class))
                .containsExactly(new SpareAdopted(SessionId.of("s1"), start.pid()));
        assertThat(harness.observer.processStartedCount()).as("no cold start for s1").isZero();

        SessionRecord stored = harness.store.find(SessionId.of("s1")).orElseThrow();
        assertThat(stored.workDir()).isEqualTo(adopted.workDir());
        assertThat(stored.providerSessionId()).isEqualTo(adopted.providerSessionId());

        AgentEvent.SessionStart second = firstTurn(SessionConfig.of("s1"));
        assertThat(second.prewarmed()).isFalse();
        assertThat(second.coldStart()).isFalse();
        assertThat(second.pid()).isEqualTo(start.pid());

        awaitSpares(2); // the pool refills behind the adopted one
        assertThat(harness.provider.openCount()).isEqualTo(3);
    }

    @Test
    void sessionsThatCannotUseASpareStartColdAndLeaveTheSparesAlone() {
        start(1, List.of("default"));
        awaitSpares(1);

        AgentEvent.SessionStart ownDir = firstTurn(SessionConfig.of("s1").withWorkDir("project"));
        AgentEvent.SessionStart ownPrompt = firstTurn(SessionConfig.of("s2").withSystemPrompt("be brief"));
        AgentEvent.SessionStart otherTenant = firstTurn(SessionConfig.of("s3").withOwner("acme"));

        assertThat(List.of(ownDir, ownPrompt, otherTenant)).allSatisfy(start -> {
            assertThat(start.coldStart()).isTrue();
            assertThat(start.prewarmed()).isFalse();
        });
        assertThat(ownDir.workDir()).isEqualTo(harness.config.workspaceRoot().resolve("default/project"));
        assertThat(otherTenant.workDir()).isEqualTo(harness.config.workspaceRoot().resolve("acme/s3"));
        assertThat(harness.observer.count(SpareAdopted.class)).isZero();
    }

    @Test
    void offByDefault() {
        harness = new EngineHarness(temp);
        AgentEvent.SessionStart start = firstTurn(SessionConfig.of("s1"));
        assertThat(start.coldStart()).isTrue();
        assertThat(start.prewarmed()).isFalse();
        assertThat(start.workDir()).isEqualTo(harness.config.workspaceRoot().resolve("default/s1"));
        assertThat(harness.provider.openCount()).isEqualTo(1);
    }

    @Test
    void aTenantBecomesWarmWithItsFirstNewSessionAndColdAfterTheIdleTimeout() {
        start(1, List.of());
        AgentEvent.SessionStart first = firstTurn(SessionConfig.of("s1").withOwner("acme"));
        assertThat(first.coldStart()).isTrue();

        SpareStarted spare = harness.observer.await(SpareStarted.class, WAIT);
        assertThat(spare.owner()).isEqualTo("acme");
        assertThat(firstTurn(SessionConfig.of("s2").withOwner("acme")).prewarmed()).isTrue();
        awaitSpares(1);

        harness.clock.advance(harness.config.idleTimeout().plusSeconds(1));
        SpareRetired retired = harness.observer.await(SpareRetired.class, WAIT);
        assertThat(retired).isEqualTo(new SpareRetired("acme", "unused"));
        FakeConnection last = harness.provider.lastConnection();
        assertThat(last.closed()).isTrue();
        assertThat(last.spec().workDir()).doesNotExist();
        assertThat(harness.provider.discardedSpecs()).extracting(SessionSpec::providerSessionId)
                .containsExactly(last.spec().providerSessionId());
    }

    @Test
    void changedToolListsRetireTheSparesStartedWithTheOldOnes() {
        start(1, List.of("default"));
        awaitSpares(1);

        harness.engine.setAllowedTools(List.of("Read"));

        assertThat(harness.observer.await(SpareRetired.class, WAIT).reason()).isEqualTo("tools-changed");
        harness.observer.await(SpareStarted.class, started -> harness.provider.openedSpecs().getLast()
                .allowedTools().equals(List.of("Read")), WAIT);
        awaitSpares(1);
        AgentEvent.SessionStart start = firstTurn(SessionConfig.of("s1"));
        assertThat(start.prewarmed()).isTrue();
        assertThat(harness.provider.connectionsFor(SessionId.of("spare-" + start.providerSessionId())))
                .singleElement().satisfies(connection ->
                        assertThat(connection.spec().allowedTools()).containsExactly("Read"));
    }

    @Test
    void sparesGiveWayWhenSessionsFillTheEngine() {
        start(2, List.of("default"), config -> config.withMaxSessions(3));
        awaitSpares(2);

        firstTurn(SessionConfig.of("s1").withWorkDir("a"));
        firstTurn(SessionConfig.of("s2").withWorkDir("b"));

        assertThat(harness.observer.await(SpareRetired.class, WAIT).reason()).isEqualTo("capacity");
        assertThat(harness.provider.liveConnections()).isLessThanOrEqualTo(3);
    }

    @Test
    void aFailedSpareStartIsRetriedLater() {
        start(1, List.of("default"));
        awaitSpares(1);
        harness.provider.failNextOpens(2, "simulated broken CLI");

        assertThat(firstTurn(SessionConfig.of("s1")).prewarmed()).isTrue(); // the refill after it fails twice

        harness.observer.await(SpareStartFailed.class, WAIT);
        harness.observer.await(SpareStarted.class, started -> harness.observer.count(SpareStarted.class) == 2, WAIT);
        assertThat(harness.observer.observationsOf(SpareStartFailed.class).getFirst().reason())
                .contains("simulated broken CLI");
    }

    @Test
    void aSpareThatDiesBeforeItsFirstTurnIsReplacedByAColdStartInItsWorkDir() {
        start(1, List.of("default"));
        awaitSpares(1);
        FakeConnection spare = harness.provider.lastConnection();
        spare.simulateCrash();

        AgentEvent.SessionStart start = firstTurn(SessionConfig.of("s1"));

        assertThat(start.prewarmed() && start.coldStart()).as("a cold start is never reported as pre-warmed").isFalse();
        if (start.prewarmed()) {
            // the pool saw the crash first and retired the spare; s1 then adopted the refill
            assertThat(start.pid()).isNotEqualTo(spare.pid());
        } else {
            assertThat(start.coldStart()).isTrue();
        }
        assertThat(harness.provider.connectionsFor(SessionId.of("s1"))).allSatisfy(connection ->
                assertThat(connection.spec().workDir()).isEqualTo(start.workDir()));
    }

    @Test
    void closingTheEngineEndsEverySpare() {
        start(2, List.of("default", "acme"));
        awaitSpares(4);

        harness.engine.close();

        assertThat(harness.provider.liveConnections()).isZero();
        assertThat(harness.observer.observationsOf(SpareRetired.class)).hasSize(4)
                .allSatisfy(retired -> assertThat(retired.reason()).isEqualTo("closing"));
        harness = null;
    }
}
