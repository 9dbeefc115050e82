package dev.hotplex.testkit;

import dev.hotplex.core.error.HotplexException;
import dev.hotplex.core.error.StandardErrorCode;
import dev.hotplex.core.model.AgentEvent;
import dev.hotplex.core.model.ModelUsage;
import dev.hotplex.core.model.PermissionDecision;
import dev.hotplex.core.model.TokenUsage;
import dev.hotplex.core.model.ToolCall;
import dev.hotplex.core.port.out.TurnCompletion;
import dev.hotplex.core.port.out.TurnCompletion.Status;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static dev.hotplex.testkit.Fixtures.WAIT;
import static dev.hotplex.testkit.Fixtures.spec;
import static dev.hotplex.testkit.Fixtures.turn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FakeConnectionTest {
    private final FakeProvider provider = new FakeProvider();
    private final FakeConnection connection = (FakeConnection) provider.open(spec("s1"));

    @Test
    void defaultTurnEchoesThenCompletesOnceWithUsageAndTotals() {
        RecordingTurnListener listener = new RecordingTurnListener();
        connection.startTurn(turn("t1", "hello"), listener);

        TurnCompletion completion = listener.awaitCompletion(WAIT);
        assertThat(listener.events()).containsExactly(new AgentEvent.Answer("echo: hello", false));
        assertThat(completion.status()).isEqualTo(Status.SUCCESS);
        assertThat(completion.resultText()).contains("echo: hello");
        assertThat(completion.tokens()).isEqualTo(new TokenUsage(5, 11, 0, 0));
        assertThat(completion.model()).contains(FakeConnection.MODEL);
        assertThat(completion.totals().costUsd()).contains(new BigDecimal("0.01"));
        assertThat(completion.totals().modelUsage())
                .containsExactly(Map.entry(FakeConnection.MODEL, new ModelUsage(new TokenUsage(5, 11, 0, 0), new BigDecimal("0.01"))));
        assertThat(listener.completions()).hasSize(1);
        assertThat(listener.eventsAfterCompletion()).isZero();
        assertThat(connection.isAlive()).isTrue();
        assertThat(connection.turnInputs()).containsExactly(turn("t1", "hello"));
        assertThat(connection.turnErrors()).isEmpty();
        assertThat(connection.overlappingTurns()).isZero();
    }

    @Test
    void runningTotalsGrowPerSuccessfulTurnAndTheConversationBecomesResumable() {
        assertThat(provider.canResume(spec("s1"))).isFalse();

        TurnCompletion first = runTurn("t1", "one");
        TurnCompletion second = runTurn("t2", "two");

        assertThat(first.totals().costUsd()).contains(new BigDecimal("0.01"));
        assertThat(second.totals().costUsd()).contains(new BigDecimal("0.02"));
        assertThat(second.totals().since(first.totals()).costUsd()).contains(new BigDecimal("0.01"));
        assertThat(second.totals().modelUsage().get(FakeConnection.MODEL).tokens())
                .isEqualTo(first.tokens().plus(second.tokens()));
        assertThat(provider.canResume(spec("s1"))).isTrue();
    }

    @Test
    void interruptEndsAHangingTurnAsInterruptedAndKeepsTheConnection() {
        provider.defaultScript(TurnScript.hang());
        RecordingTurnListener listener = new RecordingTurnListener();
        connection.startTurn(turn("t1", "wait"), listener);

        connection.interrupt();

        TurnCompletion completion = listener.awaitCompletion(WAIT);
        assertThat(completion.status()).isEqualTo(Status.INTERRUPTED);
        assertThat(connection.isAlive()).isTrue();
        assertThat(connection.interruptCount()).isEqualTo(1);
        provider.defaultScript(TurnScript.echo());
        assertThat(runTurn("t2", "again").status()).isEqualTo(Status.SUCCESS);
        assertThat(listener.completions()).hasSize(1);
    }

    @Test
    void closeEndsAHangingTurnAsProcessDiedAndKillsTheConnection() {
        provider.defaultScript(TurnScript.hang());
        RecordingTurnListener listener = new RecordingTurnListener();
        connection.startTurn(turn("t1", "wait"), listener);

        connection.close(Duration.ofSeconds(3));
        connection.close(Duration.ofSeconds(7));

        assertThat(listener.awaitCompletion(WAIT).status()).isEqualTo(Status.PROCESS_DIED);
        assertThat(connection.isAlive()).isFalse();
        assertThat(connection.closed()).isTrue();
        assertThat(connection.closeGrace()).contains(Duration.ofSeconds(3));
        assertThat(connection.closeCount()).isEqualTo(2);
        assertThat(provider.liveConnections()).isZero();
        assertThatThrownBy(() -> connection.startTurn(turn("t2", "more"), new RecordingTurnListener()))
                .isInstanceOfSatisfying(HotplexException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(StandardErrorCode.PROCESS_DIED));
        assertThat(listener.completions()).hasSize(1);
    }

    @Test
    void aConnectionIgnoringInterruptsHangsUntilClosed() {
        provider.defaultScript(TurnScript.hang());
        connection.ignoreInterrupts(true);
        RecordingTurnListener listener = new RecordingTurnListener();
        connection.startTurn(turn("t1", "wait"), listener);

        connection.interrupt();
        assertThat(connection.turnRunning()).isTrue();
        assertThat(listener.completions()).isEmpty();
        connection.close(Duration.ZERO);

        assertThat(listener.awaitCompletion(WAIT).status()).isEqualTo(Status.PROCESS_DIED);
    }

    @Test
    void permissionRequestWaitsForTheAnswerThenGoesOn() {
        ToolCall call = ToolCalls.bash("toolu_1", "ls");
        provider.defaultScript(TurnScript.of(TurnStep.permissionRequest("req-1", call), TurnStep.answer("done")));
        RecordingTurnListener listener = new RecordingTurnListener();
        connection.startTurn(turn("t1", "list"), listener);

        AgentEvent.PermissionRequest request = listener.awaitEvent(AgentEvent.PermissionRequest.class, WAIT);
        assertThat(request.call()).isEqualTo(call);
        assertThat(listener.completions()).isEmpty();
        connection.answerPermission("req-1", PermissionDecision.allowed());

        TurnCompletion completion = listener.awaitCompletion(WAIT);
        assertThat(completion.status()).isEqualTo(Status.SUCCESS);
        assertThat(completion.resultText()).contains("done");
        assertThat(connection.permissionAnswers())
                .containsExactly(new FakeConnection.PermissionAnswer("req-1", PermissionDecision.allowed()));
        assertThat(connection.unexpectedPermissionAnswers()).isZero();
    }

    @Test
    void aDeniedToolEndsTheTurnWithTheDenial() {
        ToolCall call = ToolCalls.bash("toolu_1", "rm -rf /");
        provider.defaultScript(TurnScript.of(TurnStep.toolWithPermission("req-1", call, "gone"), TurnStep.answer("not reached")));
        // answered synchronously from inside onEvent, as an engine applying its policy would
        RecordingTurnListener listener = new RecordingTurnListener(event -> {
            if (event instanceof AgentEvent.PermissionRequest request) {
                connection.answerPermission(request.requestId(), PermissionDecision.denied("too dangerous"));
            }
        });
        connection.startTurn(turn("t1", "clean up"), listener);

        TurnCompletion completion = listener.awaitCompletion(WAIT);
        assertThat(completion.status()).isEqualTo(Status.SUCCESS);
        assertThat(completion.resultText()).contains("denied: too dangerous");
        assertThat(listener.wireNames()).containsExactly("tool_use", "permission_request", "tool_result", "answer");
        assertThat(listener.events().get(2)).isEqualTo(
                new AgentEvent.ToolResult("toolu_1", "Bash", "permission denied: too dangerous", true, 0));
    }

    @Test
    void answersNobodyWaitsForAreCountedAsUnexpected() {
        connection.answerPermission("nope", PermissionDecision.allowed());

        assertThat(connection.unexpectedPermissionAnswers()).isEqualTo(1);
    }

    @Test
    void closeWhileWaitingForPermissionCompletesAsProcessDied() {
        provider.defaultScript(TurnScript.of(TurnStep.permissionRequest("req-1", ToolCalls.read("toolu_1", "/etc/hosts"))));
        RecordingTurnListener listener = new RecordingTurnListener();
        connection.startTurn(turn("t1", "read"), listener);
        listener.awaitEvent(AgentEvent.PermissionRequest.class, WAIT);

        connection.close(Duration.ZERO);

        assertThat(listener.awaitCompletion(WAIT).status()).isEqualTo(Status.PROCESS_DIED);
        connection.answerPermission("req-1", PermissionDecision.allowed());
        assertThat(connection.unexpectedPermissionAnswers()).isEqualTo(1);
    }

    @Test
    void crashCompletesAsProcessDiedAndKillsTheConnection() {
        provider.defaultScript(TurnScript.of(TurnStep.answer("partial"), TurnStep.crash()));
        RecordingTurnListener listener = new RecordingTurnListener();
        connection.startTurn(turn("t1", "go"), listener);

        TurnCompletion completion = listener.awaitCompletion(WAIT);

        assertThat(listener.wireNames()).containsExactly("answer");
        assertThat(completion.status()).isEqualTo(Status.PROCESS_DIED);
        assertThat(completion.message()).hasValueSatisfying(message -> assertThat(message).contains("crashed"));
        assertThat(connection.isAlive()).isFalse();
        assertThat(provider.canResume(spec("s1"))).isFalse();
    }

    @Test
    void failCompletesAsFailedAndKeepsTheRunningTotals() {
        runTurn("t1", "fine");
        provider.defaultScript(TurnScript.fail("model overloaded"));

        TurnCompletion completion = runTurn("t2", "broken");

        assertThat(completion.status()).isEqualTo(Status.FAILED);
        assertThat(completion.message()).contains("model overloaded");
        assertThat(completion.totals().costUsd()).contains(new BigDecimal("0.01"));
        assertThat(connection.isAlive()).isTrue();
    }

    @Test
    void aSecondTurnWhileOneRunsIsAProtocolViolation() {
        provider.defaultScript(TurnScript.hang());
        RecordingTurnListener listener = new RecordingTurnListener();
        connection.startTurn(turn("t1", "wait"), listener);

        assertThatThrownBy(() -> connection.startTurn(turn("t2", "overlap"), new RecordingTurnListener()))
                .isInstanceOf(IllegalStateException.class);
        assertThat(connection.overlappingTurns()).isEqualTo(1);

        connection.interrupt();
        listener.awaitCompletion(WAIT);
        assertThat(connection.turnInputs()).extracting(input -> input.turnId()).containsExactly("t1");
    }

    @Test
    void stepDelaysAreCutShortByAnInterrupt() {
        provider.defaultScript(TurnScript.of(TurnStep.answer("first"), TurnStep.answer("never")).withStepDelay(Duration.ofMinutes(1)));
        RecordingTurnListener listener = new RecordingTurnListener();
        connection.startTurn(turn("t1", "slow"), listener);

        connection.interrupt();

        assertThat(listener.awaitCompletion(WAIT).status()).isEqualTo(Status.INTERRUPTED);
        assertThat(listener.events()).isEmpty();
    }

    @Test
    void waitForHoldsTheTurnUntilTheTestReleasesIt() {
        CompletableFuture<Void> release = new CompletableFuture<>();
        provider.defaultScript(TurnScript.of(TurnStep.answer("before"), TurnStep.waitFor(release), TurnStep.answer("after")));
        RecordingTurnListener listener = new RecordingTurnListener();
        connection.startTurn(turn("t1", "hold"), listener);
        listener.awaitEvent(AgentEvent.Answer.class, WAIT);
        assertThat(connection.turnRunning()).isTrue();

        release.complete(null);

        assertThat(listener.awaitCompletion(WAIT).resultText()).contains("beforeafter");
        assertThat(connection.turnRunning()).isFalse();
    }

    @Test
    void streamedAnswersCountOnceInTheResult() {
        provider.defaultScript(TurnScript.of(TurnStep.thinking("hmm"), TurnStep.streamedAnswer("he", "llo"),
                TurnStep.tool(ToolCalls.write("toolu_1", "a.txt", "x"), "ok")));

        TurnCompletion completion = runTurn("t1", "hi");

        assertThat(completion.resultText()).contains("hello");
        assertThat(completion.tokens().outputTokens()).isEqualTo(5);
    }

    @Test
    void aThrowingListenerStillGetsExactlyOneCompletion() {
        RecordingTurnListener listener = new RecordingTurnListener(event -> {
            throw new IllegalStateException("listener bug");
        });
        connection.startTurn(turn("t1", "hi"), listener);

        TurnCompletion completion = listener.awaitCompletion(WAIT);

        assertThat(completion.status()).isEqualTo(Status.FAILED);
        assertThat(connection.turnErrors()).singleElement().isInstanceOf(IllegalStateException.class);
        assertThat(listener.completions()).hasSize(1);
    }

    @Test
    void theLongestMatchingPrefixAndThenQueuedScriptsPickTheTurn() {
        provider.script("say", TurnScript.answer("short"));
        provider.script("say hi", TurnScript.answer("long"));
        provider.nextTurn(TurnScript.answer("queued"));

        List<String> answers = List.of(runTurn("t1", "say hi there"), runTurn("t2", "say hi there"), runTurn("t3", "say x"),
                        runTurn("t4", "other"))
                .stream().map(completion -> completion.resultText().orElseThrow()).toList();

        assertThat(answers).containsExactly("queued", "long", "short", "echo: other");
    }

    private TurnCompletion runTurn(String turnId, String prompt) {
        RecordingTurnListener listener = new RecordingTurnListener();
        connection.startTurn(turn(turnId, prompt), listener);
        return listener.awaitCompletion(WAIT);
    }
}
