package dev.hotplex.core.service;

import dev.hotplex.core.error.StandardErrorCode;
import dev.hotplex.core.model.AgentEvent;
import dev.hotplex.core.model.SessionConfig;
import dev.hotplex.core.model.SessionId;
import dev.hotplex.core.model.SessionState;
import dev.hotplex.core.model.SessionView;
import dev.hotplex.core.model.TurnOutcome;
import dev.hotplex.core.model.TurnResult;
import dev.hotplex.testkit.FakeConnection;
import dev.hotplex.testkit.RecordingEventSink;
import dev.hotplex.testkit.TurnScript;
import dev.hotplex.testkit.TurnStep;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;

import static dev.hotplex.core.service.EngineTurnsTest.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

class LifecycleTest extends OnEngineHarness {
    @Test
    void stopEndsTheRunningTurnAndKillsTheProcess() throws Exception {
        harness.provider.nextTurn(TurnScript.of(TurnStep.answer("working"), TurnStep.hang()));
        RecordingEventSink sink = new RecordingEventSink();
        CompletableFuture<TurnResult> running = harness.engine.submit(SessionConfig.of("s1"), "go", sink);
        sink.awaitEvent(AgentEvent.Answer.class, EngineHarness.WAIT);

        harness.engine.stopSession(SessionId.of("s1"), "user left");

        TurnResult result = running.get();
        assertThat(result.outcome()).isEqualTo(TurnOutcome.INTERRUPTED);
        assertThat(result.error().orElseThrow().message()).contains("user left");
        assertThat(sink.events()).filteredOn(AgentEvent::terminal).hasSize(1);
        assertThat(harness.provider.lastConnection().closed()).isTrue();
        assertThat(harness.provider.liveConnections()).isZero();
        assertThat(harness.engine.session(SessionId.of("s1")).orElseThrow().state()).isEqualTo(SessionState.STOPPED);
        assertThat(harness.engine.sessionStats(SessionId.of("s1")).orElseThrow().turns()).isEqualTo(1);
    }

    @Test
    void aStoppedSessionCanRunAgainAndResumesItsConversation() {
        harness.run("s1", "hi");
        harness.engine.stopSession(SessionId.of("s1"), null);
        assertThat(harness.run("s1", "back").succeeded()).isTrue();
        assertThat(harness.provider.openedSpecs()).extracting(spec -> spec.resume()).containsExactly(false, true);
        assertThat(harness.engine.sessionStats(SessionId.of("s1")).orElseThrow().turns()).isEqualTo(2);
    }

    @Test
    void stoppingAnUnknownSessionIsNotFound() {
        assertRefused(() -> harness.engine.stopSession(SessionId.of("ghost"), "x"), StandardErrorCode.SESSION_NOT_FOUND);
        assertRefused(() -> harness.engine.resetSession(SessionId.of("ghost")), StandardErrorCode.SESSION_NOT_FOUND);
        assertRefused(() -> harness.engine.cleanupSessionFiles(SessionId.of("ghost")), StandardErrorCode.SESSION_NOT_FOUND);
    }

    @Test
    void resetDiscardsTheConversationSoTheNextTurnStartsFresh() {
        harness.run("s1", "remember 42");
        String providerSessionId = harness.provider.lastConnection().spec().providerSessionId();
        assertThat(harness.provider.resumableIds()).contains(providerSessionId);

        harness.engine.resetSession(SessionId.of("s1"));

        assertThat(harness.provider.lastConnection().closed()).isTrue();
        assertThat(harness.provider.discardedSpecs()).extracting(spec -> spec.providerSessionId())
                .containsExactly(providerSessionId);
        assertThat(harness.run("s1", "what was it?").succeeded()).isTrue();
        assertThat(harness.provider.openedSpecs()).extracting(spec -> spec.resume()).containsExactly(false, false);
    }

    @Test
    void resetDuringATurnEndsItFirst() throws Exception {
        harness.provider.nextTurn(TurnScript.hang());
        CompletableFuture<TurnResult> running = harness.engine.submit(SessionConfig.of("s1"), "go", new RecordingEventSink());
        harness.provider.awaitTurnsStarted(1, EngineHarness.WAIT);

        harness.engine.resetSession(SessionId.of("s1"));

        assertThat(running.get().outcome()).isEqualTo(TurnOutcome.INTERRUPTED);
        assertThat(harness.provider.liveConnections()).isZero();
        assertThat(harness.run("s1", "fresh").succeeded()).isTrue();
    }

    @Test
    void cleanupRefusesABusySessionAndDiscardsFilesOfAnIdleOne() throws Exception {
        CompletableFuture<Void> release = new CompletableFuture<>();
        harness.provider.nextTurn(TurnScript.of(TurnStep.waitFor(release)));
        CompletableFuture<TurnResult> running = harness.engine.submit(SessionConfig.of("s1"), "go", new RecordingEventSink());
        harness.provider.awaitTurnsStarted(1, EngineHarness.WAIT);
        assertRefused(() -> harness.engine.cleanupSessionFiles(SessionId.of("s1")), StandardErrorCode.SESSION_BUSY);
        release.complete(null);
        running.get();

        harness.engine.cleanupSessionFiles(SessionId.of("s1"));
        assertThat(harness.provider.discardedSpecs()).hasSize(1);
        assertThat(harness.provider.liveConnections()).isZero();
    }

    @Test
    void closeStopsEverythingBeforeReturningAndRefusesNewTurns() throws Exception {
        harness.run("idle-1", "hi");
        harness.run("idle-2", "hi");
        harness.provider.nextTurn(TurnScript.hang());
        CompletableFuture<TurnResult> busy = harness.engine.submit(SessionConfig.of("busy"), "go", new RecordingEventSink());
        harness.provider.awaitTurnsStarted(3, EngineHarness.WAIT);

        harness.engine.close();

        assertThat(harness.provider.liveConnections()).isZero();
        assertThat(harness.provider.connections()).allMatch(FakeConnection::closed);
        // its process is gone; the caller's future completes as execute returns
        assertThat(busy).succeedsWithin(EngineHarness.WAIT)
                .satisfies(result -> assertThat(result.outcome()).isEqualTo(TurnOutcome.INTERRUPTED));
        assertRefused(() -> harness.run("idle-1", "more"), StandardErrorCode.ENGINE_CLOSED);
        assertThat(harness.engine.sessions()).extracting(SessionView::state).containsOnly(SessionState.STOPPED);
        harness.engine.close(); // idempotent
    }

    @Test
    void closeWhileAProcessIsStartingLeavesNoProcessBehind() throws Exception {
        harness.provider.blockOpens();
        CompletableFuture<TurnResult> starting = harness.engine.submit(SessionConfig.of("s1"), "go", new RecordingEventSink());
        harness.provider.awaitBlockedOpens(1, EngineHarness.WAIT);

        CompletableFuture<Void> closing = CompletableFuture.runAsync(harness.engine::close);
        // release the spawn only once close() has begun: new turns are refused from then on
        awaitClosed();
        harness.provider.releaseOpens();
        closing.get();

        assertThat(starting.get().succeeded()).isFalse();
        assertThat(harness.provider.liveConnections()).isZero();
    }

    private void awaitClosed() throws InterruptedException {
        java.util.concurrent.CountDownLatch refused = new java.util.concurrent.CountDownLatch(1);
        Thread.ofVirtual().start(() -> {
            long deadline = System.nanoTime() + EngineHarness.WAIT.toNanos();
            while (System.nanoTime() < deadline) {
                try {
                    harness.engine.validate(SessionConfig.of("probe"));
                    harness.engine.submit(SessionConfig.of("probe-" + System.nanoTime()), "", new RecordingEventSink());
                } catch (dev.hotplex.core.error.HotplexException e) {
                    if (e.errorCode() == StandardErrorCode.ENGINE_CLOSED) {
                        refused.countDown();
                        return;
                    }
                }
                Thread.onSpinWait();
            }
        });
        assertThat(refused.await(5, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void toolListsApplyToProcessesStartedAfterTheChange() {
        harness.run("before", "hi");
        harness.engine.setAllowedTools(List.of("Read", "Grep"));
        harness.engine.setDisallowedTools(List.of("Bash"));
        harness.run("before", "again");
        harness.run("after", "hi");

        assertThat(harness.engine.allowedTools()).containsExactly("Read", "Grep");
        assertThat(harness.engine.disallowedTools()).containsExactly("Bash");
        assertThat(harness.provider.connectionsFor(SessionId.of("before")).getFirst().spec().allowedTools()).isEmpty();
        assertThat(harness.provider.connectionsFor(SessionId.of("after")).getFirst().spec().allowedTools())
                .containsExactly("Read", "Grep");
        assertThat(harness.provider.connectionsFor(SessionId.of("after")).getFirst().spec().disallowedTools())
                .containsExactly("Bash");
    }

    @Test
    void sessionsAreRememberedAcrossAnEngineRestart() {
        InMemorySessionStore shared = new InMemorySessionStore();
        try (EngineHarness first = new EngineHarness(temp.resolve("a"), UnaryOperator.identity(),
                dev.hotplex.core.port.out.ContentPolicy.allowAll(), shared)) {
            first.run("s1", "hi");
            first.run("s2", "hi");
        }
        try (EngineHarness second = new EngineHarness(temp.resolve("a"), UnaryOperator.identity(),
                dev.hotplex.core.port.out.ContentPolicy.allowAll(), shared)) {
            assertThat(second.engine.sessions()).extracting(SessionView::sessionId)
                    .containsExactly(SessionId.of("s1"), SessionId.of("s2"));
            assertThat(second.engine.sessionStats(SessionId.of("s1")).orElseThrow().turns()).isEqualTo(1);

            second.provider.addResumable(second.engine.session(SessionId.of("s1")).orElseThrow().providerSessionId());
            assertThat(second.run("s1", "again").succeeded()).isTrue();
            assertThat(second.provider.openedSpecs().getFirst().resume()).isTrue();
            assertThat(second.engine.sessionStats(SessionId.of("s1")).orElseThrow().turns()).isEqualTo(2);
        }
    }
}
