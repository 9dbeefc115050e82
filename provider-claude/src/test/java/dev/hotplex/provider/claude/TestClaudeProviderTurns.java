package dev.hotplex.provider.claude;

import dev.hotplex.core.error.HotplexException;
import dev.hotplex.core.error.StandardErrorCode;
import dev.hotplex.core.model.AgentEvent;
import dev.hotplex.core.model.PermissionDecision;
import dev.hotplex.core.model.TokenUsage;
import dev.hotplex.core.model.ToolCall;
import dev.hotplex.core.port.out.AgentConnection;
import dev.hotplex.core.port.out.TurnCompletion;
import dev.hotplex.core.port.out.TurnCompletion.Status;
import dev.hotplex.core.port.out.TurnInput;
import dev.hotplex.provider.claude.FakeClaudeFixture.Turn;
import dev.hotplex.provider.claude.internal.session.ClaudeConnection;
import dev.hotplex.testkit.ProcessGroups;
import dev.hotplex.testkit.RecordingTurnListener;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static dev.hotplex.provider.claude.FakeClaudeFixture.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Turns on a hot process: the happy path, the control protocol, and every way a turn can go wrong. */
class TestClaudeProviderTurns extends OnFakeClaude {
    @Test
    void manyTurnsRunOnOneProcessWithRunningTotals() {
        AgentConnection connection = provider.open(fake.spec());
        long pid = connection.pid().orElseThrow();

        for (int turn = 1; turn <= 3; turn++) {
            Turn done = fake.run(connection, "hello " + turn);

            assertThat(done.completion().status()).isEqualTo(Status.SUCCESS);
            assertThat(done.completion().resultText()).contains("echo: hello " + turn);
            assertThat(done.answer()).isEqualTo("echo: hello " + turn);
            assertThat(done.completion().tokens()).isEqualTo(new TokenUsage(10, 5, 0, 0));
            assertThat(done.completion().totals().costUsd()).contains(new BigDecimal("0.0" + turn));
            assertThat(done.completion().model()).contains("fake-model");
            assertThat(done.raws("system/init")).hasSize(1);
            assertThat(connection.pid()).hasValue(pid);
        }
        assertThat(connection.isAlive()).isTrue();
    }

    @Test
    void aCrashMidTurnEndsTheTurnAsProcessDiedWithExitCodeAndStderr() {
        AgentConnection connection = provider.open(fake.spec());

        Turn crashed = fake.run(connection, "crash");

        assertThat(crashed.completion().status()).isEqualTo(Status.PROCESS_DIED);
        assertThat(crashed.completion().message()).hasValueSatisfying(message -> assertThat(message)
                .contains("exited during the turn with exit code 3", "fake-claude: fatal: simulated crash"));
        assertThat(crashed.answer()).isEqualTo("about to crash");
        assertThat(connection.isAlive()).isFalse();
        assertThat(ProcessGroups.liveMembers(connection.pid().orElseThrow())).isEmpty();
        assertThatThrownBy(() -> connection.startTurn(new TurnInput("late", "hi"), new RecordingTurnListener()))
                .isInstanceOfSatisfying(HotplexException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(StandardErrorCode.PROCESS_DIED);
                    assertThat(e.getMessage()).contains("exit code 3");
                });
    }

    @Test
    void aProcessThatDiesWhileIdleRefusesTheNextTurn() throws Exception {
        AgentConnection connection = provider.open(fake.spec());

        assertThat(fake.run(connection, "exit-after").completion().status()).isEqualTo(Status.SUCCESS);
        ((ClaudeConnection) connection).exited().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);

        assertThat(connection.isAlive()).isFalse();
        assertThatThrownBy(() -> connection.startTurn(new TurnInput("late", "hi"), new RecordingTurnListener()))
                .isInstanceOfSatisfying(HotplexException.class,
                        e -> assertThat(e.getMessage()).contains("has exited", "exit code 5"));
    }

    @Test
    void garbageLinesBecomeRawEventsAndTheSessionLivesOn() {
        AgentConnection connection = provider.open(fake.spec());

        Turn garbage = fake.run(connection, "garbage");

        assertThat(garbage.completion().status()).isEqualTo(Status.SUCCESS);
        assertThat(garbage.answer()).isEqualTo("survived the garbage");
        assertThat(garbage.raws("malformed")).extracting(AgentEvent.Raw::json)
                .containsExactly("this is not json", "{\"type\":\"assistant\",\"message\":", "[1,2,3]",
                        "{\"no_type\":true}");
        assertThat(garbage.raws("brand_new_type")).hasSize(1);
        assertThat(fake.run(connection, "still there?").answer()).isEqualTo("echo: still there?");
    }

    @Test
    void aFiveMegabyteLineArrivesWhole() {
        AgentConnection connection = provider.open(fake.spec());

        Turn big = fake.run(connection, "big 5000000");

        assertThat(big.completion().status()).isEqualTo(Status.SUCCESS);
        assertThat(big.answer()).hasSize(5_000_000).startsWith("xxxx").endsWith("xxxx");
    }

    @Test
    void aTwentyMegabyteLineArrivesWholeUnderTheDefaultLimit() {
        AgentConnection connection = provider.open(fake.spec());

        Turn big = fake.run(connection, "big 20000000");

        assertThat(big.completion().status()).isEqualTo(Status.SUCCESS);
        assertThat(big.answer()).hasSize(20_000_000);
        assertThat(fake.run(connection, "after").answer()).isEqualTo("echo: after");
    }

    @Test
    void aLineOverTheLimitIsSkippedAndReportedButIsNotFatal() {
        ClaudeProvider small = fake.provider(fake.config().maxLineBytes(ClaudeProviderConfig.MIN_MAX_LINE_BYTES));
        AgentConnection connection = small.open(fake.spec());

        Turn big = fake.run(connection, "big 300000");

        assertThat(big.completion().status()).isEqualTo(Status.SUCCESS);
        assertThat(big.completion().resultText()).contains("big 300000 done");
        assertThat(big.raws("malformed")).singleElement().satisfies(raw -> assertThat(raw.json())
                .startsWith("skipped a stdout line of ").contains("over the line size limit", "{\"type\":\"assistant\"")
                .hasSizeLessThan(1000));
        assertThat(fake.run(connection, "after").answer()).isEqualTo("echo: after");
    }

    @Test
    void aStderrFloodDoesNotDeadlockTheTurn() {
        AgentConnection connection = provider.open(fake.spec());

        Turn flooded = fake.run(connection, "flood 8388608");

        assertThat(flooded.completion().status()).isEqualTo(Status.SUCCESS);
        assertThat(flooded.answer()).isEqualTo("flooded 8388608");
        assertThat(fake.run(connection, "after").answer()).isEqualTo("echo: after");
    }

    @Test
    void interruptEndsTheTurnAsInterruptedAndTheProcessStaysUsable() {
        AgentConnection connection = provider.open(fake.spec());
        long pid = connection.pid().orElseThrow();
        RecordingTurnListener slow = fake.start(connection, "slow");
        slow.awaitEvent(AgentEvent.Answer.class, WAIT);

        connection.interrupt();

        TurnCompletion interrupted = slow.awaitCompletion(WAIT);
        assertThat(interrupted.status()).isEqualTo(Status.INTERRUPTED);
        assertThat(interrupted.message()).hasValueSatisfying(message -> assertThat(message).contains("aborted_streaming"));
        assertThat(interrupted.tokens()).isEqualTo(TokenUsage.ZERO);
        assertThat(slow.events()).filteredOn(AgentEvent.Raw.class::isInstance).extracting(e -> ((AgentEvent.Raw) e).type())
                .contains("control_response", "user");
        Turn after = fake.run(connection, "after the interrupt");
        assertThat(after.answer()).isEqualTo("echo: after the interrupt");
        assertThat(connection.pid()).hasValue(pid);
    }

    @Test
    void interruptWithoutATurnIsHarmless() {
        AgentConnection connection = provider.open(fake.spec());

        connection.interrupt();

        assertThat(fake.run(connection, "fine").answer()).isEqualTo("echo: fine");
    }

    @Test
    void aSecondTurnWhileOneRunsIsRefusedWithoutDisturbingTheFirst() {
        AgentConnection connection = provider.open(fake.spec());
        RecordingTurnListener slow = fake.start(connection, "slow");

        assertThatThrownBy(() -> connection.startTurn(new TurnInput("overlap", "hi"), new RecordingTurnListener()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("protocol violation");

        connection.interrupt();
        assertThat(slow.awaitCompletion(WAIT).status()).isEqualTo(Status.INTERRUPTED);
    }

    @Test
    void anAllowedPermissionRequestIsAnsweredWithTheOriginalToolInput() {
        AgentConnection connection = provider.open(fake.spec());

        Turn turn = fake.run(connection, "permission", event -> {
            if (event instanceof AgentEvent.PermissionRequest request) {
                connection.answerPermission(request.requestId(), PermissionDecision.allowed());
            }
        });

        assertThat(turn.completion().status()).isEqualTo(Status.SUCCESS);
        assertThat(turn.listener().events()).filteredOn(AgentEvent.PermissionRequest.class::isInstance).singleElement()
                .isEqualTo(new AgentEvent.PermissionRequest("perm-1", new ToolCall("toolu_fake_1", "Bash",
                        Map.of("command", "echo hi", "description", "Say hi")), Optional.of("Say hi")));
        assertThat(turn.answer()).contains("\"request_id\":\"perm-1\"", "\"behavior\":\"allow\"",
                "\"updatedInput\":{\"command\":\"echo hi\",\"description\":\"Say hi\"}");
        assertThat(turn.listener().events()).contains(new AgentEvent.ToolResult("toolu_fake_1", "Bash", "hi", false, 0));
    }

    @Test
    void aDeniedPermissionRequestCarriesTheReason() {
        AgentConnection connection = provider.open(fake.spec());

        Turn turn = fake.run(connection, "permission", event -> {
            if (event instanceof AgentEvent.PermissionRequest request) {
                connection.answerPermission(request.requestId(), PermissionDecision.denied("not on a Friday"));
            }
        });

        assertThat(turn.answer()).contains("\"behavior\":\"deny\"", "\"message\":\"not on a Friday\"");
        assertThat(turn.listener().events()).contains(new AgentEvent.ToolResult("toolu_fake_1", "Bash", "denied", true, 0));
    }

    @Test
    void aWithdrawnPermissionRequestIsNotAnsweredAnymore() {
        AgentConnection connection = provider.open(fake.spec());

        Turn turn = fake.run(connection, "cancel-permission", event -> {
            if (event instanceof AgentEvent.Raw raw && raw.type().equals("control_cancel_request")) {
                connection.answerPermission("perm-2", PermissionDecision.allowed());
            }
        });

        assertThat(turn.listener().events()).filteredOn(AgentEvent.PermissionRequest.class::isInstance).hasSize(1);
        assertThat(turn.answer()).isEqualTo("late answers: 0");
    }

    @Test
    void controlRequestsHotplexDoesNotKnowGetAnErrorReplySoTheCliDoesNotWait() {
        AgentConnection connection = provider.open(fake.spec());

        Turn turn = fake.run(connection, "hook");

        assertThat(turn.answer()).contains("\"request_id\":\"hook-1\"", "\"subtype\":\"error\"", "hook_callback");
        assertThat(turn.raws("control_request/hook_callback")).hasSize(1);
    }
}
