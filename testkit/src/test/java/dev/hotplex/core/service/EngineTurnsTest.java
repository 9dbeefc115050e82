package dev.hotplex.core.service;

import dev.hotplex.core.error.HotplexException;
import dev.hotplex.core.error.StandardErrorCode;
import dev.hotplex.core.model.AgentEvent;
import dev.hotplex.core.model.SessionConfig;
import dev.hotplex.core.model.SessionId;
import dev.hotplex.core.model.SessionState;
import dev.hotplex.core.model.SessionStats;
import dev.hotplex.core.model.TurnOutcome;
import dev.hotplex.core.model.TurnResult;
import dev.hotplex.testkit.FakeConnection;
import dev.hotplex.testkit.RecordingEventSink;
import dev.hotplex.testkit.ToolCalls;
import dev.hotplex.testkit.TurnScript;
import dev.hotplex.testkit.TurnStep;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EngineTurnsTest extends OnEngineHarness {
    @Test
    void aTurnStreamsItsEventsAndEndsWithSessionStats() {
        RecordingEventSink sink = new RecordingEventSink();
        TurnResult result = harness.run("s1", "hello", sink);

        assertThat(result.outcome()).isEqualTo(TurnOutcome.SUCCESS);
        assertThat(result.answer()).isEqualTo("echo: hello");
        assertThat(sink.wireNames()).containsExactly("session_start", "answer", "session_stats");
        AgentEvent.SessionStart start = sink.eventsOfType(AgentEvent.SessionStart.class).getFirst();
        assertThat(start.coldStart()).isTrue();
        assertThat(start.resumed()).isFalse();
        assertThat(start.pid()).hasValue(10_000);
        assertThat(start.workDir()).isEqualTo(harness.config.workspaceRoot().resolve("default").resolve("s1"));
        assertThat(start.workDir()).isDirectory();
    }

    @Test
    void laterTurnsReuseTheHotProcess() {
        harness.run("s1", "one");
        RecordingEventSink second = new RecordingEventSink();
        harness.run("s1", "two", second);

        assertThat(harness.provider.openCount()).isEqualTo(1);
        assertThat(second.eventsOfType(AgentEvent.SessionStart.class).getFirst().coldStart()).isFalse();
        assertThat(harness.provider.lastConnection().turnInputs()).extracting(input -> input.prompt())
                .containsExactly("one", "two");
    }

    @Test
    void theSessionMovesThroughItsStates() throws Exception {
        SessionId id = SessionId.of("s1");
        assertThat(harness.engine.session(id)).isEmpty();

        CompletableFuture<Void> release = new CompletableFuture<>();
        harness.provider.nextTurn(TurnScript.of(TurnStep.waitFor(release), TurnStep.answer("done")));
        CompletableFuture<TurnResult> running = harness.engine.submit(SessionConfig.of(id), "wait", new RecordingEventSink());
        harness.provider.awaitTurnsStarted(1, EngineHarness.WAIT);
        assertThat(harness.engine.session(id)).hasValueSatisfying(view -> {
            assertThat(view.state()).isEqualTo(SessionState.BUSY);
            assertThat(view.pid()).hasValue(10_000);
            assertThat(view.provider()).isEqualTo("fake");
        });

        release.complete(null);
        assertThat(running.get().succeeded()).isTrue();
        assertThat(harness.engine.session(id)).hasValueSatisfying(view -> assertThat(view.state()).isEqualTo(SessionState.READY));

        harness.provider.lastConnection().simulateCrash();
        harness.engine.stopSession(id, "done");
        assertThat(harness.engine.session(id)).hasValueSatisfying(view -> {
            assertThat(view.state()).isEqualTo(SessionState.STOPPED);
            assertThat(view.pid()).isEmpty();
        });
    }

    @Test
    void statsAccumulateAndCostIsThePerTurnDeltaOfRunningTotals() {
        harness.provider.defaultScript(TurnScript.of(TurnStep.thinking("plan"),
                TurnStep.tool(ToolCalls.write("w1", "notes.md", "x"), "written"), TurnStep.answer("ok")));
        TurnResult first = harness.run("s1", "a");
        TurnResult second = harness.run("s1", "b");

        // the fake's running total grows by 0.01 per turn: every turn costs 0.01, not 0.01 then 0.02
        assertThat(first.stats().costUsd()).hasValueSatisfying(cost -> assertThat(cost).isEqualByComparingTo("0.01"));
        assertThat(second.stats().costUsd()).hasValueSatisfying(cost -> assertThat(cost).isEqualByComparingTo("0.01"));
        assertThat(second.stats().modelUsage().get(FakeConnection.MODEL).costUsd()).isEqualByComparingTo("0.01");
        assertThat(second.stats().toolCallCount()).isEqualTo(1);
        assertThat(second.stats().filesModified()).containsExactly("notes.md");

        SessionStats total = harness.engine.sessionStats(SessionId.of("s1")).orElseThrow();
        assertThat(total.turns()).isEqualTo(2);
        assertThat(total.costUsd()).hasValueSatisfying(cost -> assertThat(cost).isEqualByComparingTo(new BigDecimal("0.02")));
        assertThat(total.toolCallCount()).isEqualTo(2);
        assertThat(total.toolsUsed()).containsExactly("Write");
        assertThat(total.filesModified()).containsExactly("notes.md");
        assertThat(total.tokens().inputTokens()).isEqualTo(2); // the fake counts prompt characters
    }

    @Test
    void costDeltasRestartWithANewProcess() {
        harness.run("s1", "a");
        harness.provider.lastConnection().simulateCrash();
        TurnResult afterRespawn = harness.run("s1", "b");

        assertThat(harness.provider.openCount()).isEqualTo(2);
        assertThat(afterRespawn.stats().costUsd()).hasValueSatisfying(cost -> assertThat(cost).isEqualByComparingTo("0.01"));
    }

    @Test
    void toolResultsGetTheirDurationFromTheMatchingToolUse() {
        harness.provider.defaultScript(TurnScript.of(
                TurnStep.emit(new AgentEvent.ToolUse(ToolCalls.bash("t1", "make"))),
                scripted -> harness.clock.advance(Duration.ofMillis(1500)),
                TurnStep.emit(new AgentEvent.ToolResult("t1", "unknown", "built", false, 0)),
                TurnStep.answer("done")));
        RecordingEventSink sink = new RecordingEventSink();
        TurnResult result = harness.run("s1", "build", sink);

        AgentEvent.ToolResult toolResult = sink.eventsOfType(AgentEvent.ToolResult.class).getFirst();
        assertThat(toolResult.toolName()).isEqualTo("Bash");
        assertThat(toolResult.durationMs()).isEqualTo(1500);
        assertThat(result.stats().toolMs()).isEqualTo(1500);
    }

    @Test
    void instructionsArePrependedToThePrompt() {
        harness.engine.execute(SessionConfig.of("s1").withInstructions("Be brief."), "hello", new RecordingEventSink());
        assertThat(harness.provider.turnInputs().getFirst().prompt()).isEqualTo("Be brief.\n\nhello");
    }

    @Test
    void theSystemPromptGoesToANewConversationOnly() {
        harness.engine.execute(SessionConfig.of("s1").withSystemPrompt("You are terse."), "a", new RecordingEventSink());
        harness.provider.lastConnection().simulateCrash();
        harness.engine.execute(SessionConfig.of("s1").withSystemPrompt("You are terse."), "b", new RecordingEventSink());

        assertThat(harness.provider.openedSpecs()).hasSize(2);
        assertThat(harness.provider.openedSpecs().get(0).systemPrompt()).contains("You are terse.");
        assertThat(harness.provider.openedSpecs().get(1).resume()).isTrue();
        assertThat(harness.provider.openedSpecs().get(1).systemPrompt()).isEmpty();
    }

    @Test
    void badInputIsRefusedBeforeAnythingRuns() {
        assertRefused(() -> harness.run("s1", ""), StandardErrorCode.INVALID_REQUEST);
        assertRefused(() -> harness.run("s1", "   "), StandardErrorCode.INVALID_REQUEST);
        assertRefused(() -> harness.run("s1", "nul\0byte"), StandardErrorCode.INVALID_REQUEST);
        assertRefused(() -> harness.run("s1", "x".repeat(harness.config.maxPromptChars() + 1)),
                StandardErrorCode.INVALID_REQUEST);
        assertRefused(() -> harness.engine.execute(SessionConfig.of("s1").withWorkDir("../escape"), "hi",
                new RecordingEventSink()), StandardErrorCode.INVALID_CONFIG);
        assertRefused(() -> harness.engine.execute(SessionConfig.of("s1").withWorkDir("/etc"), "hi",
                new RecordingEventSink()), StandardErrorCode.INVALID_CONFIG);
        assertThat(harness.provider.openCount()).isZero();
        assertThat(harness.engine.sessions()).isEmpty();
    }

    @Test
    void aSessionKeepsItsWorkDirAndOwner() {
        harness.engine.execute(SessionConfig.of("s1").withWorkDir("project"), "a", new RecordingEventSink());

        // later turns may omit the work dir
        assertThat(harness.run("s1", "b").succeeded()).isTrue();
        assertRefused(() -> harness.engine.execute(SessionConfig.of("s1").withWorkDir("other"), "c",
                new RecordingEventSink()), StandardErrorCode.INVALID_REQUEST);
        assertRefused(() -> harness.engine.execute(SessionConfig.of("s1").withOwner("mallory"), "c",
                new RecordingEventSink()), StandardErrorCode.INVALID_REQUEST);
        assertThat(harness.provider.openCount()).isEqualTo(1);
    }

    @Test
    void aFailingSinkDoesNotBreakTheTurnOrTheSession() {
        TurnResult result = harness.run("s1", "hello", RecordingEventSink.failingAfter(1));

        assertThat(result.succeeded()).isTrue();
        assertThat(harness.run("s1", "again").succeeded()).isTrue();
        assertThat(harness.provider.openCount()).isEqualTo(1);
    }

    @Test
    void anAgentErrorEndsTheTurnWithAnErrorEventAndKeepsTheProcess() {
        harness.provider.nextTurn(TurnScript.fail("API error 529: overloaded"));
        RecordingEventSink sink = new RecordingEventSink();
        TurnResult result = harness.run("s1", "hi", sink);

        assertThat(result.outcome()).isEqualTo(TurnOutcome.FAILED);
        AgentEvent.ErrorEvent error = (AgentEvent.ErrorEvent) sink.terminalEvent().orElseThrow();
        assertThat(error.code()).isEqualTo(StandardErrorCode.TURN_FAILED);
        assertThat(error.message()).contains("overloaded");
        assertThat(harness.run("s1", "again").succeeded()).isTrue();
        assertThat(harness.provider.openCount()).isEqualTo(1);
        assertThat(harness.engine.sessionStats(SessionId.of("s1")).orElseThrow().errors()).isEqualTo(1);
    }

    @Test
    void aCrashMidTurnEndsItWithProcessDiedAndTheNextTurnResumes() {
        harness.provider.nextTurn(TurnScript.of(TurnStep.answer("partial"), TurnStep.crash()));
        RecordingEventSink sink = new RecordingEventSink();
        TurnResult crashed = harness.run("s1", "hi", sink);

        assertThat(crashed.outcome()).isEqualTo(TurnOutcome.PROCESS_DIED);
        assertThat(sink.wireNames()).containsExactly("session_start", "answer", "error");
        assertThat(harness.engine.session(SessionId.of("s1")).orElseThrow().state()).isEqualTo(SessionState.DEAD);
        assertThat(harness.observer.count(dev.hotplex.testkit.RecordingEngineObserver.ProcessExited.class)).isEqualTo(1);

        harness.provider.addResumable(harness.provider.openedSpecs().getFirst().providerSessionId());
        RecordingEventSink next = new RecordingEventSink();
        assertThat(harness.run("s1", "again", next).succeeded()).isTrue();
        assertThat(harness.provider.openedSpecs().get(1).resume()).isTrue();
        assertThat(next.eventsOfType(AgentEvent.SessionStart.class).getFirst().resumed()).isTrue();
    }

    @Test
    void aSpawnFailureIsReportedAndTheNextTurnTriesAgain() {
        harness.provider.failNextOpens(1, "claude: not found");
        RecordingEventSink sink = new RecordingEventSink();
        TurnResult failed = harness.run("s1", "hi", sink);

        assertThat(failed.outcome()).isEqualTo(TurnOutcome.START_FAILED);
        assertThat(failed.error().orElseThrow().code()).isEqualTo(StandardErrorCode.PROCESS_START_FAILED);
        assertThat(failed.error().orElseThrow().message()).contains("claude: not found");
        assertThat(sink.wireNames()).containsExactly("error");
        assertThat(harness.run("s1", "again").succeeded()).isTrue();
    }

    @Test
    void theProviderSessionIdIsDeterministic() {
        harness.run("user-123-abc", "hi");
        assertThat(harness.provider.openedSpecs().getFirst().providerSessionId())
                .isEqualTo("73f52a93-5025-5f08-bbc4-a28ea991e5fb");
        assertThat(harness.engine.session(SessionId.of("user-123-abc")).orElseThrow().providerSessionId())
                .isEqualTo("73f52a93-5025-5f08-bbc4-a28ea991e5fb");
    }

    @Test
    void cliVersionAndValidateDelegate() {
        assertThat(harness.engine.cliVersion()).isEqualTo("fake 1.0");
        harness.provider.setUnavailable(true);
        assertRefused(harness.engine::cliVersion, StandardErrorCode.PROVIDER_UNAVAILABLE);
        harness.engine.validate(SessionConfig.of("ok").withWorkDir("sub/dir"));
        assertRefused(() -> harness.engine.validate(SessionConfig.of("ok").withWorkDir("a/../../b")),
                StandardErrorCode.INVALID_CONFIG);
    }

    static void assertRefused(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, StandardErrorCode code) {
        assertThatThrownBy(call).isInstanceOfSatisfying(HotplexException.class,
                e -> assertThat(e.errorCode()).isEqualTo(code));
    }
}
