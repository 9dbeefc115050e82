package dev.hotplex.provider.claude.internal.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hotplex.core.model.ModelUsage;
import dev.hotplex.core.model.TokenUsage;
import dev.hotplex.provider.claude.internal.wire.ClaudeMessage.Assistant;
import dev.hotplex.provider.claude.internal.wire.ClaudeMessage.CanUseTool;
import dev.hotplex.provider.claude.internal.wire.ClaudeMessage.ControlResponse;
import dev.hotplex.provider.claude.internal.wire.ClaudeMessage.Malformed;
import dev.hotplex.provider.claude.internal.wire.ClaudeMessage.PermissionDenied;
import dev.hotplex.provider.claude.internal.wire.ClaudeMessage.Result;
import dev.hotplex.provider.claude.internal.wire.ClaudeMessage.StreamEvent;
import dev.hotplex.provider.claude.internal.wire.ClaudeMessage.SystemInit;
import dev.hotplex.provider.claude.internal.wire.ClaudeMessage.SystemOther;
import dev.hotplex.provider.claude.internal.wire.ClaudeMessage.Unknown;
import dev.hotplex.provider.claude.internal.wire.ClaudeMessage.User;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every recorded transcript of the real CLI decodes completely, into the expected message kinds. */
class TestClaudeLineDecoderOnFixtures {
    private final ObjectMapper mapper = WireMapperFactory.create();
    private final ClaudeLineDecoder decoder = new ClaudeLineDecoder(mapper);

    static Stream<String> fixtures() {
        return Fixtures.names();
    }

    @Test
    void fixturesArePresent() {
        assertThat(fixtures()).hasSize(29).contains("b_multiturn.jsonl", "e_interrupt.jsonl", "h_warm.jsonl");
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void everyLineDecodesWithoutMalformedOrUnknown(String fixture) {
        List<String> lines = Fixtures.lines(fixture);
        assertThat(lines).isNotEmpty();
        for (String line : lines) {
            ClaudeMessage message = decoder.decode(line);
            assertThat(message).as("%s: %s", fixture, message instanceof Malformed malformed ? malformed.reason() : "")
                    .isNotInstanceOf(Malformed.class)
                    .isNotInstanceOf(Unknown.class);
        }
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void eachLineDecodesToTheKindItsTypeNames(String fixture) throws IOException {
        for (String line : Fixtures.lines(fixture)) {
            JsonNode json = mapper.readTree(line);
            String type = json.get("type").textValue();
            String subtype = json.path("subtype").asText("");
            Class<? extends ClaudeMessage> expected = switch (type) {
                case "system" -> switch (subtype) {
                    case "init" -> SystemInit.class;
                    case "permission_denied" -> PermissionDenied.class;
                    case "api_retry" -> ClaudeMessage.ApiRetry.class;
                    default -> SystemOther.class;
                };
                case "assistant" -> Assistant.class;
                case "user" -> User.class;
                case "stream_event" -> StreamEvent.class;
                case "control_request" -> CanUseTool.class;
                case "control_response" -> ControlResponse.class;
                case "result" -> Result.class;
                default -> Unknown.class;
            };
            assertThat(decoder.decode(line)).as(fixture).isInstanceOf(expected);
        }
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void systemInitCarriesSessionModelAndVersion(String fixture) {
        List<SystemInit> inits = decodeAll(fixture).stream()
                .filter(SystemInit.class::isInstance).map(SystemInit.class::cast).toList();
        assertThat(inits).isNotEmpty().allSatisfy(init -> {
            assertThat(init.sessionId()).matches("[0-9a-f-]{36}");
            assertThat(init.model()).isPresent();
            assertThat(init.cwd()).hasValueSatisfying(cwd -> assertThat(cwd).startsWith("/tmp/lab/ws"));
            assertThat(init.version()).contains("2.1.330");
            assertThat(init.permissionMode()).isPresent();
            assertThat(init.tools()).doesNotContainNull();
        });
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void resultsCarryUsageAndSessionOfTheirInit(String fixture) {
        List<ClaudeMessage> messages = decodeAll(fixture);
        String sessionId = messages.stream().filter(SystemInit.class::isInstance).map(SystemInit.class::cast)
                .findFirst().orElseThrow().sessionId();
        messages.stream().filter(Result.class::isInstance).map(Result.class::cast).forEach(result -> {
            assertThat(result.sessionId()).contains(sessionId);
            assertThat(result.totalCostUsd()).isPresent();
            assertThat(result.numTurns()).isPositive();
            assertThat(result.durationMs()).isPositive();
        });
    }

    @Test
    void toolListsAreRead() {
        SystemInit full = (SystemInit) decoder.decode(Fixtures.lines("a_oneshot.jsonl").getFirst());
        SystemInit minimal = (SystemInit) decoder.decode(Fixtures.lines("l_minimal_tools.jsonl").getFirst());

        assertThat(full.tools()).contains("Bash", "Read", "Write", "Edit");
        assertThat(minimal.tools()).isEmpty();
    }

    @Test
    void multiTurnResultsHaveRunningTotalsAndPerTurnUsage() {
        List<Result> results = results("b_multiturn.jsonl");

        assertThat(results).extracting(result -> result.totalCostUsd().orElseThrow())
                .containsExactly(new BigDecimal("0.050316"), new BigDecimal("0.100776"), new BigDecimal("0.151404"));
        assertThat(results).extracting(Result::usage).containsExactly(
                new TokenUsage(12529, 10, 0, 0), new TokenUsage(12565, 10, 0, 0), new TokenUsage(12607, 10, 0, 0));
        assertThat(results.get(2).modelUsage()).containsExactly(Map.entry("claude-opus-5-5",
                new ModelUsage(new TokenUsage(37701, 30, 0, 0), new BigDecimal("0.151404"))));
        assertThat(results).extracting(Result::resultText).containsExactly(Optional.of("Fake reply #35 to: hello turn 1"),
                Optional.of("Fake reply #36 to: hello turn 2"), Optional.of("Fake reply #37 to: hello turn 3"));
        assertThat(results).allSatisfy(result -> {
            assertThat(result.subtype()).isEqualTo("success");
            assertThat(result.isError()).isFalse();
            assertThat(result.stopReason()).contains("end_turn");
            assertThat(result.terminalReason()).contains("completed");
            assertThat(result.apiErrorStatus()).isEmpty();
            assertThat(result.permissionDenials()).isZero();
        });
    }

    @Test
    void costIsReadExactlyAsWritten() {
        Result interrupted = results("e_interrupt.jsonl").get(1);

        assertThat(interrupted.totalCostUsd()).contains(new BigDecimal("0.10073599999999999"));
        assertThat(interrupted.modelUsage().get("claude-opus-5-5").costUsd()).isEqualTo(new BigDecimal("0.10073599999999999"));
    }

    @Test
    void interruptedResultIsAnErrorDuringExecution() {
        Result interrupted = results("e_interrupt.jsonl").get(1);

        assertThat(interrupted.isError()).isTrue();
        assertThat(interrupted.subtype()).isEqualTo("error_during_execution");
        assertThat(interrupted.terminalReason()).contains("aborted_streaming");
        assertThat(interrupted.resultText()).isEmpty();
        assertThat(interrupted.stopReason()).isEmpty();
        assertThat(interrupted.usage()).isEqualTo(TokenUsage.ZERO);
        assertThat(interrupted.numTurns()).isEqualTo(2);
        assertThat(interrupted.errors()).singleElement().asString().startsWith("[ede_diagnostic]");
    }

    @Test
    void apiFailureIsSuccessSubtypeWithIsError() {
        Result failed = results("l_error_noretry.jsonl").getFirst();

        assertThat(failed.subtype()).isEqualTo("success");
        assertThat(failed.isError()).isTrue();
        assertThat(failed.apiErrorStatus()).contains("500");
        assertThat(failed.apiErrorType()).contains("api_error");
        assertThat(failed.terminalReason()).contains("api_error");
        assertThat(failed.totalCostUsd()).contains(BigDecimal.ZERO);
        assertThat(failed.modelUsage()).isEmpty();
        assertThat(failed.resultText()).hasValueSatisfying(text -> assertThat(text).startsWith("API Error: 500"));
    }

    @Test
    void apiErrorAssistantMessageIsMarked() {
        Assistant synthetic = decodeAll("l_error_noretry.jsonl").stream()
                .filter(Assistant.class::isInstance).map(Assistant.class::cast).findFirst().orElseThrow();

        assertThat(synthetic.apiError()).isTrue();
        assertThat(synthetic.model()).contains("<synthetic>");
    }

    @Test
    void apiRetriesCarryAttemptAndStatus() {
        List<ClaudeMessage.ApiRetry> retries = decodeAll("l_error_default_retries.jsonl").stream()
                .filter(ClaudeMessage.ApiRetry.class::isInstance).map(ClaudeMessage.ApiRetry.class::cast).toList();

        assertThat(retries).hasSize(8);
        assertThat(retries).extracting(ClaudeMessage.ApiRetry::attempt).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L);
        assertThat(retries.getFirst().maxRetries()).isEqualTo(10);
        assertThat(retries.getFirst().retryDelayMs()).isEqualTo(514);
        assertThat(retries.getFirst().errorStatus()).isEqualTo(OptionalLong.of(500));
        assertThat(retries.getFirst().error()).contains("server_error");
    }

    @Test
    void textAndToolUseOfOneApiMessageArriveAsTwoLinesSharingTheId() {
        List<Assistant> assistants = decodeAll("c_tool_allowedTools.jsonl").stream()
                .filter(Assistant.class::isInstance).map(Assistant.class::cast).toList();

        assertThat(assistants.get(0).messageId()).isEqualTo(assistants.get(1).messageId());
        assertThat(assistants.get(0).content()).singleElement().isEqualTo(new ContentBlock.Text("Running a command."));
        assertThat(assistants.get(1).content()).singleElement().isInstanceOfSatisfying(ContentBlock.ToolUse.class, toolUse -> {
            assertThat(toolUse.id()).startsWith("toolu_");
            assertThat(toolUse.name()).isEqualTo("Bash");
            assertThat(toolUse.input()).containsEntry("command", "echo hi");
        });
    }

    @Test
    void toolResultsCarryIdContentAndErrorFlag() {
        User user = decodeAll("f_permission_stdio_deny.jsonl").stream()
                .filter(User.class::isInstance).map(User.class::cast).findFirst().orElseThrow();

        assertThat(user.toolResults()).containsExactly(
                new ToolResultBlock("toolu_fake_1795514560634883", "denied by lab driver", true));
        assertThat(user.texts()).isEmpty();
        assertThat(user.parentToolUseId()).isEmpty();
    }

    @Test
    void permissionRequestCarriesToolInputAndBlockedPath() {
        CanUseTool request = decodeAll("f_permission_stdio_allow.jsonl").stream()
                .filter(CanUseTool.class::isInstance).map(CanUseTool.class::cast).findFirst().orElseThrow();

        assertThat(request.requestId()).isEqualTo("213ba221-f345-4cf7-bbce-f308ce4da0ec");
        assertThat(request.toolName()).isEqualTo("Bash");
        assertThat(request.toolUseId()).contains("toolu_fake_1795514558725454");
        assertThat(request.input()).containsExactly(Map.entry("command", "touch cc_lab_marker.txt && echo touched"),
                Map.entry("description", "Create marker file"));
        assertThat(request.description()).contains("Create marker file");
        assertThat(request.blockedPath()).contains("/tmp/lab/ws/cc_lab_marker.txt");
    }

    @Test
    void permissionDeniedBySettingsIsDecodedAndCounted() {
        List<ClaudeMessage> messages = decodeAll("c_tool_write_default.jsonl");
        PermissionDenied denied = messages.stream().filter(PermissionDenied.class::isInstance)
                .map(PermissionDenied.class::cast).findFirst().orElseThrow();

        assertThat(denied.toolName()).isEqualTo("Bash");
        assertThat(denied.toolUseId()).isEqualTo("toolu_fake_1795514217852316");
        assertThat(denied.message()).contains("needs approval");
        assertThat(results("c_tool_write_default.jsonl").getFirst().permissionDenials()).isEqualTo(1);
    }

    @Test
    void interruptAndInitializeAnswersAreControlResponses() {
        ControlResponse interrupt = controlResponse("e_interrupt.jsonl");
        ControlResponse initialize = controlResponse("i_prewarm_0.jsonl");

        assertThat(interrupt.requestId()).isEqualTo("int-1");
        assertThat(interrupt.success()).isTrue();
        assertThat(interrupt.payload()).containsEntry("still_queued", List.of());
        assertThat(initialize.requestId()).isEqualTo("init-1");
        assertThat(initialize.payload()).containsKeys("commands");
        assertThat(initialize.error()).isEmpty();
    }

    @Test
    void streamEventsCarryDeltasIndexAndMessageId() {
        List<StreamEvent> events = decodeAll("e_interrupt.jsonl").stream()
                .filter(StreamEvent.class::isInstance).map(StreamEvent.class::cast).toList();

        assertThat(events).hasSize(24).allSatisfy(event -> assertThat(event.messageId()).isPresent());
        List<StreamEvent> deltas = events.stream().filter(event -> event.delta().isPresent()).toList();
        assertThat(deltas).hasSize(9).allSatisfy(event -> {
            assertThat(event.eventType()).isEqualTo("content_block_delta");
            assertThat(event.index()).isEqualTo(OptionalInt.of(0));
            assertThat(event.delta().orElseThrow().isText()).isTrue();
        });
        assertThat(deltas.getFirst().delta().orElseThrow().text()).isEqualTo("Fake reply #41 ");
    }

    @Test
    void unknownSystemSubtypesAreKept() {
        SystemOther invalidate = decodeAll("l_bare.jsonl").stream()
                .filter(SystemOther.class::isInstance).map(SystemOther.class::cast).findFirst().orElseThrow();

        assertThat(invalidate.subtype()).isEqualTo("ui_invalidate");
        assertThat(invalidate.json()).contains("ui.render");
    }

    private List<ClaudeMessage> decodeAll(String fixture) {
        return Fixtures.lines(fixture).stream().map(decoder::decode).toList();
    }

    private List<Result> results(String fixture) {
        return decodeAll(fixture).stream().filter(Result.class::isInstance).map(Result.class::cast).toList();
    }

    private ControlResponse controlResponse(String fixture) {
        return decodeAll(fixture).stream().filter(ControlResponse.class::isInstance).map(ControlResponse.class::cast)
                .findFirst().orElseThrow();
    }
}
