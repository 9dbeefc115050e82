package dev.hotplex.core.service;

import dev.hotplex.core.error.StandardErrorCode;
import dev.hotplex.core.model.AgentEvent;
import dev.hotplex.core.model.SessionConfig;
import dev.hotplex.core.model.SessionId;
import dev.hotplex.core.model.SessionState;
import dev.hotplex.core.model.TurnOutcome;
import dev.hotplex.core.model.TurnResult;
import dev.hotplex.testkit.FakeConnection;
import dev.hotplex.testkit.RecordingEngineObserver;
import dev.hotplex.testkit.RecordingEventSink;
import dev.hotplex.testkit.TurnScript;
import dev.hotplex.testkit.TurnStep;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

class InterruptsAndTimeoutsTest {
    @TempDir
    Path temp;

    private EngineHarness harness;

    @AfterEach
    void tearDown() {
        harness.close();
    }

    private void start(UnaryOperator<EngineConfig> tune) {
        harness = new EngineHarness(temp, tune);
    }

    private static UnaryOperator<EngineConfig> turnTimeout(Duration timeout) {
        return config -> config.withTimeouts(timeout, Duration.ofMillis(200), Duration.ofMillis(200));
    }

    @Test
    void aTimedOutTurnIsInterruptedAndTheProcessKeptWhenItObeys() {
        start(turnTimeout(Duration.ofMillis(150)));
        harness.provider.nextTurn(TurnScript.hang());
        RecordingEventSink sink = new RecordingEventSink();
        TurnResult result = harness.run("s1", "forever", sink);

        assertThat(result.outcome()).isEqualTo(TurnOutcome.TIMED_OUT);
        assertThat(result.error().orElseThrow().code()).isEqualTo(StandardErrorCode.TURN_TIMEOUT);
        FakeConnection connection = harness.provider.lastConnection();
        assertThat(connection.interruptCount()).isEqualTo(1);
        assertThat(connection.closed()).isFalse();
        assertThat(sink.terminalEvent()).containsInstanceOf(AgentEvent.ErrorEvent.class);
        assertThat(sink.events()).filteredOn(AgentEvent::terminal).hasSize(1);
        assertThat(harness.observer.count(RecordingEngineObserver.TurnTimedOut.class)).isEqualTo(1);

        assertThat(harness.run("s1", "next").succeeded()).isTrue();
        assertThat(harness.provider.openCount()).isEqualTo(1);
    }

    @Test
    void aTimedOutTurnThatIgnoresTheInterruptGetsItsProcessKilled() {
        start(turnTimeout(Duration.ofMillis(150)));
        harness.provider.ignoreInterruptsOnNewConnections(true);
        harness.provider.nextTurn(TurnScript.hang());
        RecordingEventSink sink = new RecordingEventSink();
        TurnResult result = harness.run("s1", "forever", sink);

        assertThat(result.outcome()).isEqualTo(TurnOutcome.TIMED_OUT);
        FakeConnection connection = harness.provider.lastConnection();
        assertThat(connection.interruptCount()).isEqualTo(1);
        assertThat(connection.closed()).isTrue();
        assertThat(connection.closeGrace()).contains(harness.config.stopGrace());
        assertThat(sink.events()).filteredOn(AgentEvent::terminal).hasSize(1);
        assertThat(harness.engine.session(SessionId.of("s1")).orElseThrow().state()).isEqualTo(SessionState.DEAD);

        // the session is resumable: the next turn starts a process that resumes the conversation
        harness.provider.addResumable(connection.spec().providerSessionId());
        harness.provider.ignoreInterruptsOnNewConnections(false);
        assertThat(harness.run("s1", "next").succeeded()).isTrue();
        assertThat(harness.provider.openedSpecs().get(1).resume()).isTrue();
    }

    @Test
    void interruptEndsTheRunningTurnAndKeepsTheProcess() throws Exception {
        start(UnaryOperator.identity());
        harness.provider.nextTurn(TurnScript.of(TurnStep.answer("working"), TurnStep.hang()));
        RecordingEventSink sink = new RecordingEventSink();
        CompletableFuture<TurnResult> running = harness.engine.submit(SessionConfig.of("s1"), "go", sink);
        sink.awaitEvent(AgentEvent.Answer.class, EngineHarness.WAIT);

        harness.engine.interrupt(SessionId.of("s1"));

        TurnResult result = running.get();
        assertThat(result.outcome()).isEqualTo(TurnOutcome.INTERRUPTED);
        assertThat(result.error().orElseThrow().code()).isEqualTo(StandardErrorCode.INTERRUPTED);
        assertThat(result.answer()).isEqualTo("working");
        assertThat(harness.provider.lastConnection().closed()).isFalse();
        assertThat(harness.observer.count(RecordingEngineObserver.Interrupted.class)).isEqualTo(1);
        assertThat(harness.run("s1", "next").succeeded()).isTrue();
    }

    @Test
    void interruptingAnIdleSessionDoesNothingAndAnUnknownOneIsNotFound() {
        start(UnaryOperator.identity());
        harness.run("s1", "hi");
        harness.engine.interrupt(SessionId.of("s1"));
        assertThat(harness.provider.lastConnection().interruptCount()).isZero();
        EngineTurnsTest.assertRefused(() -> harness.engine.interrupt(SessionId.of("nope")),
                StandardErrorCode.SESSION_NOT_FOUND);
    }

    @Test
    void anInterruptDuringSpawnEndsTheTurnBeforeItStarts() throws Exception {
        start(UnaryOperator.identity());
        harness.provider.blockOpens();
        RecordingEventSink sink = new RecordingEventSink();
        CompletableFuture<TurnResult> running = harness.engine.submit(SessionConfig.of("s1"), "go", sink);
        harness.provider.awaitBlockedOpens(1, EngineHarness.WAIT);

        harness.engine.interrupt(SessionId.of("s1"));
        harness.provider.releaseOpens();

        assertThat(running.get().outcome()).isEqualTo(TurnOutcome.INTERRUPTED);
        assertThat(harness.provider.turnInputs()).isEmpty();
        assertThat(harness.provider.lastConnection().closed()).isFalse();
    }
}
