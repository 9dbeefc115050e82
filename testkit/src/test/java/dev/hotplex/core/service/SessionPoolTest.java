package dev.hotplex.core.service;

import dev.hotplex.core.error.HotplexException;
import dev.hotplex.core.error.StandardErrorCode;
import dev.hotplex.core.model.SessionConfig;
import dev.hotplex.core.model.SessionId;
import dev.hotplex.core.model.SessionState;
import dev.hotplex.core.model.TurnResult;
import dev.hotplex.testkit.RecordingEngineObserver;
import dev.hotplex.testkit.RecordingEventSink;
import dev.hotplex.testkit.TurnScript;
import dev.hotplex.testkit.TurnStep;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.UnaryOperator;

import static dev.hotplex.core.service.EngineTurnsTest.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

class SessionPoolTest {
    @TempDir
    Path temp;

    private EngineHarness harness;

    @AfterEach
    void tearDown() {
        if (harness != null) {
            harness.close();
        }
    }

    private EngineHarness harness(UnaryOperator<EngineConfig> tune) {
        harness = new EngineHarness(temp, tune);
        return harness;
    }

    @Test
    void aSecondTurnOnABusySessionFailsFastAndNeverReachesTheProvider() throws Exception {
        harness(UnaryOperator.identity());
        CompletableFuture<Void> release = new CompletableFuture<>();
        harness.provider.nextTurn(TurnScript.of(TurnStep.waitFor(release), TurnStep.answer("first")));
        CompletableFuture<TurnResult> first = harness.engine.submit(SessionConfig.of("s1"), "one", new RecordingEventSink());
        harness.provider.awaitTurnsStarted(1, EngineHarness.WAIT);

        RecordingEventSink refusedSink = new RecordingEventSink();
        assertRefused(() -> harness.engine.execute(SessionConfig.of("s1"), "two", refusedSink),
                StandardErrorCode.SESSION_BUSY);

        assertThat(refusedSink.events()).isEmpty();
        assertThat(harness.provider.turnInputs()).hasSize(1);
        release.complete(null);
        assertThat(first.get().answer()).isEqualTo("first");
        assertThat(harness.provider.lastConnection().overlappingTurns()).isZero();
    }

    @Test
    void concurrentFirstTurnsOfANewSessionStartExactlyOneProcess() throws Exception {
        harness(UnaryOperator.identity());
        harness.provider.blockOpens();
        int callers = 16;
        CountDownLatch ready = new CountDownLatch(callers);
        CountDownLatch refused = new CountDownLatch(callers - 1);
        List<Future<String>> outcomes = new ArrayList<>();
        try (ExecutorService threads = Executors.newFixedThreadPool(callers)) {
            for (int i = 0; i < callers; i++) {
                int n = i;
                outcomes.add(threads.submit(() -> {
                    ready.countDown();
                    ready.await();
                    try {
                        return harness.run("shared", "hello " + n).outcome().name();
                    } catch (HotplexException e) {
                        refused.countDown();
                        return e.errorCode().name();
                    }
                }));
            }
            boolean allOthersRefused;
            try {
                harness.provider.awaitBlockedOpens(1, EngineHarness.WAIT);
                // every other caller is refused while the single spawn is still held at the gate
                allOthersRefused = refused.await(5, java.util.concurrent.TimeUnit.SECONDS);
            } finally {
                harness.provider.releaseOpens();
            }
            assertThat(allOthersRefused).isTrue();
            List<String> results = new ArrayList<>();
            for (Future<String> outcome : outcomes) {
                results.add(outcome.get());
            }
            assertThat(results).filteredOn("SUCCESS"::equals).hasSize(1);
            assertThat(results).filteredOn("SESSION_BUSY"::equals).hasSize(callers - 1);
        }
        assertThat(harness.provider.openCount()).isEqualTo(1);
    }

    @Test
    void maxSessionsIsABulkhead() throws Exception {
        harness(config -> config.withMaxSessions(2));
        harness.run("a", "hi");
        harness.run("b", "hi");

        assertRefused(() -> harness.run("c", "hi"), StandardErrorCode.CAPACITY);
        assertThat(harness.provider.openCount()).isEqualTo(2);

        // existing sessions keep working, and a stopped one frees its slot
        assertThat(harness.run("a", "again").succeeded()).isTrue();
        harness.engine.stopSession(SessionId.of("b"), "make room");
        assertThat(harness.run("c", "hi").succeeded()).isTrue();
        assertThat(harness.observer.lastSessionCounts()).hasValue(new RecordingEngineObserver.SessionCounts(2, 0));
    }

    @Test
    void coldStartsAreThrottled() throws Exception {
        harness(config -> config.toBuilder().maxConcurrentStarts(1).build());
        harness.provider.blockOpens();
        CompletableFuture<TurnResult> first = harness.engine.submit(SessionConfig.of("a"), "hi", new RecordingEventSink());
        CompletableFuture<TurnResult> second = harness.engine.submit(SessionConfig.of("b"), "hi", new RecordingEventSink());
        harness.provider.awaitBlockedOpens(1, EngineHarness.WAIT);
        harness.observer.await(RecordingEngineObserver.TurnStarted.class,
                started -> started.sessionId().equals(SessionId.of(first.isDone() ? "a" : "b")), EngineHarness.WAIT);

        // the second start waits for the slot instead of spawning in parallel
        assertThat(harness.provider.openCount()).isEqualTo(1);
        harness.provider.releaseOpens();
        assertThat(first.get().succeeded()).isTrue();
        assertThat(second.get().succeeded()).isTrue();
        assertThat(harness.provider.openCount()).isEqualTo(2);
    }

    @Test
    void aFailedSpawnDoesNotHoldACapacitySlot() {
        harness(config -> config.withMaxSessions(1));
        harness.provider.failNextOpens(1);
        harness.run("a", "hi");
        assertThat(harness.run("b", "hi").succeeded()).isTrue();
    }

    @Test
    void idleSessionsLoseTheirProcessMeasuredFromTheLastInputOrOutput() {
        harness(config -> config.withIdle(Duration.ofMinutes(10), Duration.ZERO));
        harness.run("old", "hi");
        harness.clock.advance(Duration.ofMinutes(6));
        harness.run("recent", "hi");
        harness.clock.advance(Duration.ofMinutes(5));

        assertThat(harness.engine.reapIdleSessions()).isEqualTo(1);

        assertThat(harness.provider.connectionsFor(SessionId.of("old")).getFirst().closed()).isTrue();
        assertThat(harness.provider.connectionsFor(SessionId.of("recent")).getFirst().closed()).isFalse();
        assertThat(harness.engine.session(SessionId.of("old")).orElseThrow().state()).isEqualTo(SessionState.IDLE);
        assertThat(harness.engine.sessionStats(SessionId.of("old")).orElseThrow().turns()).isEqualTo(1);

        harness.clock.advance(Duration.ofMinutes(5));
        assertThat(harness.engine.reapIdleSessions()).isEqualTo(1);
        assertThat(harness.provider.liveConnections()).isZero();
    }

    @Test
    void outputDuringALongTurnCountsAsActivity() throws Exception {
        harness(config -> config.withIdle(Duration.ofMinutes(10), Duration.ZERO));
        harness.run("s1", "warm up");
        CompletableFuture<Void> release = new CompletableFuture<>();
        harness.provider.nextTurn(TurnScript.of(
                scripted -> harness.clock.advance(Duration.ofMinutes(20)),
                TurnStep.answer("still working"),
                TurnStep.waitFor(release)));
        CompletableFuture<TurnResult> running = harness.engine.submit(SessionConfig.of("s1"), "long", new RecordingEventSink());
        harness.provider.awaitTurnsStarted(2, EngineHarness.WAIT);

        assertThat(harness.engine.reapIdleSessions()).isZero(); // busy sessions are never reaped
        release.complete(null);
        running.get();
        harness.clock.advance(Duration.ofMinutes(9));
        assertThat(harness.engine.reapIdleSessions()).isZero(); // its last output was 9 minutes ago
        harness.clock.advance(Duration.ofMinutes(2));
        assertThat(harness.engine.reapIdleSessions()).isEqualTo(1);
    }

    @Test
    void aReapedSessionResumesOnItsNextTurn() {
        harness(config -> config.withIdle(Duration.ofMinutes(1), Duration.ZERO));
        harness.run("s1", "hi");
        harness.clock.advance(Duration.ofMinutes(2));
        harness.engine.reapIdleSessions();

        assertThat(harness.run("s1", "back").succeeded()).isTrue();
        assertThat(harness.provider.openedSpecs()).extracting(spec -> spec.resume()).containsExactly(false, true);
    }

    @Test
    void theBackgroundReaperRuns() throws Exception {
        harness(config -> config.withIdle(Duration.ofMinutes(1), Duration.ofMillis(20)));
        harness.run("s1", "hi");
        harness.clock.advance(Duration.ofMinutes(2));
        harness.observer.await(RecordingEngineObserver.ProcessExited.class, EngineHarness.WAIT);
        assertThat(harness.provider.liveConnections()).isZero();
    }

    @Test
    void submitRefusalsCompleteTheFutureExceptionally() {
        harness(UnaryOperator.identity());
        CompletableFuture<TurnResult> refused = harness.engine.submit(SessionConfig.of("s1"), "", new RecordingEventSink());
        assertThat(refused).failsWithin(EngineHarness.WAIT).withThrowableOfType(ExecutionException.class)
                .havingCause().isInstanceOfSatisfying(HotplexException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(StandardErrorCode.INVALID_REQUEST));
    }
}
