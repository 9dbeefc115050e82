package dev.hotplex.provider.claude.internal.wire;

import dev.hotplex.core.model.AgentEvent;
import dev.hotplex.core.model.ModelUsage;
import dev.hotplex.core.model.TokenUsage;
import dev.hotplex.core.model.ToolCall;
import dev.hotplex.core.port.out.TurnCompletion;
import dev.hotplex.core.port.out.TurnCompletion.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The recorded transcripts, turn by turn, as the engine will see them. */
class TestTurnEventMapperOnFixtures {

    static Stream<String> fixtures() {
        return Fixtures.names();
    }

    static Stream<String> toolFixtures() {
        return Fixtures.names().filter(name -> name.startsWith("c_tool_"));
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void nothingIsMalformedAndEveryTurnEndsWithOneCompletion(String fixture) {
        List<RecordedTurn> turns = RecordedTurn.play(fixture);

        assertThat(turns).isNotEmpty();
        assertThat(turns).allSatisfy(turn -> assertThat(turn.rawTypes()).doesNotContain("malformed"));
        if (!fixture.equals("l_error_default_retries.jsonl")) {
            assertThat(turns).allSatisfy(turn -> assertThat(turn.completion()).isPresent());
        }
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void answersNeverRepeatTheResultTextTwice(String fixture) {
        for (RecordedTurn turn : RecordedTurn.play(fixture)) {
            Optional<String> resultText = turn.completion().flatMap(TurnCompletion::resultText);
            if (turn.completion().map(TurnCompletion::status).orElse(Status.FAILED) != Status.SUCCESS) {
                continue;
            }
            String answered = turn.eventsOf(AgentEvent.Answer.class).stream().map(AgentEvent.Answer::text)
                    .collect(Collectors.joining());
            assertThat(answered).as(fixture).endsWith(resultText.orElseThrow());
            assertThat(answered.indexOf(resultText.orElseThrow())).as(fixture)
                    .isEqualTo(answered.lastIndexOf(resultText.orElseThrow()));
        }
    }

    @Test
    void multiTurnCompletionsCarryRunningTotalsAndPerTurnTokens() {
        List<TurnCompletion> completions = RecordedTurn.play("b_multiturn.jsonl").stream().map(RecordedTurn::completed).toList();

        assertThat(completions).hasSize(3);
        assertThat(completions).extracting(completion -> completion.totals().costUsd().orElseThrow())
                .containsExactly(new BigDecimal("0.050316"), new BigDecimal("0.100776"), new BigDecimal("0.151404"));
        assertThat(completions).extracting(TurnCompletion::tokens).containsExactly(
                new TokenUsage(12529, 10, 0, 0), new TokenUsage(12565, 10, 0, 0), new TokenUsage(12607, 10, 0, 0));
        assertThat(completions).allSatisfy(completion -> {
            assertThat(completion.status()).isEqualTo(Status.SUCCESS);
            assertThat(completion.model()).contains("claude-opus-5-5");
            assertThat(completion.agentTurns()).isEqualTo(1);
            assertThat(completion.message()).isEmpty();
        });
        assertThat(completions.get(2).totals().modelUsage()).containsExactly(Map.entry("claude-opus-5-5",
                new ModelUsage(new TokenUsage(37701, 30, 0, 0), new BigDecimal("0.151404"))));
        assertThat(completions.get(1).totals().since(completions.get(0).totals()).costUsd())
                .hasValueSatisfying(cost -> assertThat(cost).isEqualByComparingTo("0.05046"));
    }

    @Test
    void multiTurnAnswersAreWholeBlocks() {
        List<RecordedTurn> turns = RecordedTurn.play("b_multiturn.jsonl");

        assertThat(turns).extracting(turn -> turn.eventsOf(AgentEvent.Answer.class)).containsExactly(
                List.of(new AgentEvent.Answer("Fake reply #35 to: hello turn 1", false)),
                List.of(new AgentEvent.Answer("Fake reply #36 to: hello turn 2", false)),
                List.of(new AgentEvent.Answer("Fake reply #37 to: hello turn 3", false)));
        assertThat(turns.getFirst().rawTypes()).containsExactly("system/init");
    }

    @ParameterizedTest
    @MethodSource("toolFixtures")
    void toolUseAndToolResultPairById(String fixture) {
        RecordedTurn turn = RecordedTurn.play(fixture).getFirst();
        List<AgentEvent.ToolUse> uses = turn.eventsOf(AgentEvent.ToolUse.class);
        List<AgentEvent.ToolResult> results = turn.eventsOf(AgentEvent.ToolResult.class);

        assertThat(uses).singleElement().satisfies(use -> {
            assertThat(use.call().toolUseId()).startsWith("toolu_");
            assertThat(use.call().toolName()).isEqualTo("Bash");
            assertThat(use.call().stringInput("command")).isPresent();
        });
        assertThat(results).singleElement().satisfies(result -> {
            assertThat(result.toolUseId()).isEqualTo(uses.getFirst().call().toolUseId());
            assertThat(result.toolName()).isEqualTo("Bash");
            assertThat(result.durationMs()).isZero();
        });
        assertThat(turn.events().indexOf(uses.getFirst())).isLessThan(turn.events().indexOf(results.getFirst()));
        assertThat(turn.eventsOf(AgentEvent.Answer.class)).extracting(AgentEvent.Answer::text)
                .first().isEqualTo("Running a command.");
        assertThat(turn.completed().status()).isEqualTo(Status.SUCCESS);
        assertThat(turn.completed().agentTurns()).isEqualTo(2);
    }

    @ParameterizedTest
    @ValueSource(strings = {"c_tool_allowedTools.jsonl", "c_tool_acceptEdits.jsonl", "c_tool_default_noperm.jsonl"})
    void readOnlyCommandSucceeds(String fixture) {
        RecordedTurn turn = RecordedTurn.play(fixture).getFirst();

        assertThat(turn.eventsOf(AgentEvent.ToolResult.class)).singleElement().satisfies(result -> {
            assertThat(result.output()).isEqualTo("hi");
            assertThat(result.isError()).isFalse();
        });
        assertThat(turn.completed().resultText()).contains("Tool said: hi");
    }

    @Test
    void permissionDeniedBySettingsStaysRawAndTheToolResultCarriesTheError() {
        RecordedTurn turn = RecordedTurn.play("c_tool_write_default.jsonl").getFirst();

        assertThat(turn.rawTypes()).containsExactly("system/init", "system/permission_denied");
        assertThat(turn.eventsOf(AgentEvent.ToolResult.class)).singleElement().satisfies(result -> {
            assertThat(result.toolUseId()).isEqualTo("toolu_fake_1795514217852316");
            assertThat(result.toolName()).isEqualTo("Bash");
            assertThat(result.isError()).isTrue();
            assertThat(result.output()).contains("needs approval");
        });
        assertThat(turn.completed().status()).isEqualTo(Status.SUCCESS);
    }

    @Test
    void permissionRequestOverStdioThenAllowedResult() {
        RecordedTurn turn = RecordedTurn.play("f_permission_stdio_allow.jsonl").getFirst();
        Map<String, Object> input = Map.of("command", "touch cc_lab_marker.txt && echo touched",
                "description", "Create marker file");

        assertThat(turn.eventsOf(AgentEvent.PermissionRequest.class)).containsExactly(new AgentEvent.PermissionRequest(
                "213ba221-f345-4cf7-bbce-f308ce4da0ec",
                new ToolCall("toolu_fake_1795514558725454", "Bash", input),
                Optional.of("Create marker file")));
        assertThat(turn.eventsOf(AgentEvent.ToolResult.class)).containsExactly(
                new AgentEvent.ToolResult("toolu_fake_1795514558725454", "Bash", "touched", false, 0));
        assertThat(turn.events()).extracting(AgentEvent::wireName).containsExactly("raw", "answer", "tool_use",
                "permission_request", "tool_result", "answer");
        assertThat(turn.completed().resultText()).contains("Tool said: touched");
    }

    @Test
    void permissionRequestOverStdioThenDeniedResult() {
        RecordedTurn turn = RecordedTurn.play("f_permission_stdio_deny.jsonl").getFirst();

        assertThat(turn.eventsOf(AgentEvent.PermissionRequest.class)).singleElement().satisfies(request -> {
            assertThat(request.requestId()).isEqualTo("eeca4939-fedc-4a9c-afe6-ab94fa1b2033");
            assertThat(request.call().toolName()).isEqualTo("Bash");
            assertThat(request.call().stringInput("command")).contains("touch cc_lab_marker.txt && echo touched");
        });
        assertThat(turn.eventsOf(AgentEvent.ToolResult.class)).containsExactly(
                new AgentEvent.ToolResult("toolu_fake_1795514560634883", "Bash", "denied by lab driver", true, 0));
    }

    @Test
    void interruptedTurnCompletesAsInterrupted() {
        List<RecordedTurn> turns = RecordedTurn.play("e_interrupt.jsonl");

        assertThat(turns).extracting(turn -> turn.completed().status())
                .containsExactly(Status.SUCCESS, Status.INTERRUPTED, Status.SUCCESS);
        TurnCompletion interrupted = turns.get(1).completed();
        assertThat(interrupted.message()).hasValueSatisfying(message -> assertThat(message)
                .contains("interrupted", "subtype=error_during_execution", "terminal_reason=aborted_streaming"));
        assertThat(interrupted.resultText()).isEmpty();
        assertThat(interrupted.tokens()).isEqualTo(TokenUsage.ZERO);
        assertThat(interrupted.totals().costUsd()).contains(new BigDecimal("0.10073599999999999"));
        assertThat(interrupted.agentTurns()).isEqualTo(2);
        assertThat(interrupted.model()).contains("claude-opus-5-5");
        assertThat(turns.get(1).rawTypes()).contains("control_response", "user");
    }

    @Test
    void streamedTextIsSentOnceAsFragments() {
        List<RecordedTurn> turns = RecordedTurn.play("e_interrupt.jsonl");

        assertThat(turns.get(0).eventsOf(AgentEvent.Answer.class)).containsExactly(
                new AgentEvent.Answer("Fake reply #41 ", true), new AgentEvent.Answer("to: hello warmup", true));
        assertThat(turns.get(1).eventsOf(AgentEvent.Answer.class)).hasSize(5)
                .allSatisfy(answer -> assertThat(answer).isEqualTo(new AgentEvent.Answer("slow ", true)));
        assertThat(turns.get(2).eventsOf(AgentEvent.Answer.class)).extracting(AgentEvent.Answer::text)
                .containsExactly("Fake reply #43 to: [Request interru", "pted by user]  hello after interrupt");
        assertThat(turns).allSatisfy(turn -> assertThat(turn.eventsOf(AgentEvent.Answer.class))
                .allSatisfy(answer -> assertThat(answer.delta()).isTrue()));
    }

    @Test
    void nonDeltaStreamEventsAreKeptRaw() {
        RecordedTurn first = RecordedTurn.play("e_interrupt.jsonl").getFirst();

        assertThat(first.rawTypes()).containsExactly("system/init", "system/status", "stream_event/message_start",
                "stream_event/content_block_start", "stream_event/content_block_stop", "stream_event/message_delta",
                "stream_event/message_stop");
    }

    @Test
    void apiFailureCompletesAsFailedWithTheStatus() {
        RecordedTurn turn = RecordedTurn.play("l_error_noretry.jsonl").getFirst();
        TurnCompletion failed = turn.completed();

        assertThat(failed.status()).isEqualTo(Status.FAILED);
        assertThat(failed.message()).hasValueSatisfying(message -> assertThat(message)
                .contains("api_error_status=500", "subtype=success", "terminal_reason=api_error", "API Error: 500 fake failure"));
        assertThat(failed.totals().costUsd()).contains(BigDecimal.ZERO);
        assertThat(failed.totals().modelUsage()).isEmpty();
        assertThat(failed.model()).contains("claude-opus-5-5");
        assertThat(turn.eventsOf(AgentEvent.Answer.class)).as("the error text is not an answer").isEmpty();
        assertThat(turn.rawTypes()).containsExactly("system/init", "assistant/api_error");
    }

    @Test
    void retriesWithoutAResultLeaveTheTurnOpen() {
        List<RecordedTurn> turns = RecordedTurn.play("l_error_default_retries.jsonl");

        assertThat(turns).singleElement().satisfies(turn -> {
            assertThat(turn.completion()).isEmpty();
            assertThat(turn.rawTypes()).containsExactly("system/init", "system/api_retry", "system/api_retry",
                    "system/api_retry", "system/api_retry", "system/api_retry", "system/api_retry", "system/api_retry",
                    "system/api_retry");
        });
    }

    @Test
    void initializeAnswerBeforeTheFirstTurnIsRaw() {
        List<RecordedTurn> turns = RecordedTurn.play("i_prewarm_0.jsonl");

        assertThat(turns).hasSize(2);
        assertThat(turns.getFirst().rawTypes()).containsExactly("control_response", "system/init");
        assertThat(turns).allSatisfy(turn -> assertThat(turn.completed().status()).isEqualTo(Status.SUCCESS));
    }

    @Test
    void customModelIsReported() {
        assertThat(RecordedTurn.play("l_model_custom.jsonl").getFirst().completed().model()).contains("my-fake-model-1");
    }

    @Test
    void warmSessionOfThirtyTurns() {
        List<RecordedTurn> turns = RecordedTurn.play("h_warm.jsonl");

        assertThat(turns).hasSize(30).allSatisfy(turn -> {
            assertThat(turn.completed().status()).isEqualTo(Status.SUCCESS);
            assertThat(turn.eventsOf(AgentEvent.Answer.class)).hasSize(1);
        });
        assertThat(turns.getLast().completed().totals().costUsd()).contains(new BigDecimal("1.582868"));
    }
}
