package dev.hotplex.provider.claude.internal.wire;

import dev.hotplex.core.model.AgentEvent;
import dev.hotplex.core.model.ToolCall;
import dev.hotplex.core.port.out.TurnCompletion;
import dev.hotplex.core.port.out.TurnCompletion.Status;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The mapper's rules on synthetic lines in the CLI's real shapes, for cases the recordings lack. */
class TestTurnEventMapper {
    private static final String INIT = """
            {"type":"system","subtype":"init","session_id":"s-1","model":"claude-init","cwd":"/w","tools":["Bash"],\
            "permissionMode":"default","claude_code_version":"2.1.330"}""";
    private static final String SUCCESS = """
            {"type":"result","subtype":"success","is_error":false,"num_turns":2,"result":"Done.","total_cost_usd":0.5,\
            "usage":{"input_tokens":7,"output_tokens":3},"modelUsage":{"claude-usage":{"inputTokens":7,"costUSD":0.5}}}""";

    @Test
    void partialThinkingAndTextAreSentOnceAndToolUseAlways() {
        RecordedTurn turn = RecordedTurn.play(List.of(
                INIT,
                stream("msg_A", "{\"type\":\"message_start\",\"message\":{\"id\":\"msg_A\",\"model\":\"claude-x\"}}"),
                stream("msg_A", "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"thinking\",\"thinking\":\"\"}}"),
                stream("msg_A", delta(0, "thinking_delta", "thinking", "Let me ")),
                stream("msg_A", delta(0, "thinking_delta", "thinking", "think.")),
                stream("msg_A", delta(0, "signature_delta", "signature", "c2ln")),
                assistant("msg_A", "{\"type\":\"thinking\",\"thinking\":\"Let me think.\",\"signature\":\"c2ln\"}"),
                stream("msg_A", "{\"type\":\"content_block_stop\",\"index\":0}"),
                stream("msg_A", "{\"type\":\"content_block_start\",\"index\":1,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}"),
                stream("msg_A", delta(1, "text_delta", "text", "I'll run ")),
                stream("msg_A", delta(1, "text_delta", "text", "it.")),
                assistant("msg_A", "{\"type\":\"text\",\"text\":\"I'll run it.\"}"),
                stream("msg_A", "{\"type\":\"content_block_stop\",\"index\":1}"),
                stream("msg_A", "{\"type\":\"content_block_start\",\"index\":2,\"content_block\":{\"type\":\"tool_use\",\"id\":\"toolu_1\",\"name\":\"Bash\",\"input\":{}}}"),
                stream("msg_A", delta(2, "input_json_delta", "partial_json", "{\\\"command\\\":\\\"ls\\\"}")),
                assistant("msg_A", "{\"type\":\"tool_use\",\"id\":\"toolu_1\",\"name\":\"Bash\",\"input\":{\"command\":\"ls\"}}"),
                stream("msg_A", "{\"type\":\"content_block_stop\",\"index\":2}"),
                stream("msg_A", "{\"type\":\"message_stop\"}"),
                "{\"type\":\"user\",\"message\":{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\"toolu_1\",\"content\":\"a.txt\",\"is_error\":false}]}}",
                stream("msg_B", "{\"type\":\"message_start\",\"message\":{\"id\":\"msg_B\"}}"),
                stream("msg_B", delta(0, "text_delta", "text", "Done")),
                assistant("msg_B", "{\"type\":\"text\",\"text\":\"Done.\"}"),
                SUCCESS)).getFirst();

        assertThat(turn.events().stream().filter(event -> !(event instanceof AgentEvent.Raw)).toList()).containsExactly(
                new AgentEvent.Thinking("Let me ", true),
                new AgentEvent.Thinking("think.", true),
                new AgentEvent.Answer("I'll run ", true),
                new AgentEvent.Answer("it.", true),
                new AgentEvent.ToolUse(new ToolCall("toolu_1", "Bash", Map.of("command", "ls"))),
                new AgentEvent.ToolResult("toolu_1", "Bash", "a.txt", false, 0),
                new AgentEvent.Answer("Done", true),
                new AgentEvent.Answer(".", true));
        String answered = turn.eventsOf(AgentEvent.Answer.class).stream().map(AgentEvent.Answer::text)
                .collect(Collectors.joining());
        assertThat(answered).isEqualTo("I'll run it.Done.");
        assertThat(turn.rawTypes()).contains("stream_event/content_block_delta", "stream_event/message_start")
                .doesNotContain("malformed");
        assertThat(turn.completed().model()).contains("claude-x");
    }

    @Test
    void wholeBlocksWithoutPartialsAreSentWhole() {
        RecordedTurn turn = RecordedTurn.play(List.of(
                assistant("msg_C", "{\"type\":\"thinking\",\"thinking\":\"hmm\"},{\"type\":\"text\",\"text\":\"Hi\"},{\"type\":\"text\",\"text\":\"\"}"),
                SUCCESS)).getFirst();

        assertThat(turn.events()).containsExactly(new AgentEvent.Thinking("hmm", false), new AgentEvent.Answer("Hi", false));
    }

    @Test
    void partialsOfOneBlockDoNotSuppressAnotherBlockOfTheSameMessage() {
        RecordedTurn turn = RecordedTurn.play(List.of(
                stream("msg_D", delta(1, "text_delta", "text", "second")),
                assistant("msg_D", "{\"type\":\"text\",\"text\":\"first\"}"),
                assistant("msg_D", "{\"type\":\"text\",\"text\":\"second\"}"),
                assistant("msg_E", "{\"type\":\"text\",\"text\":\"second\"}"),
                SUCCESS)).getFirst();

        assertThat(turn.eventsOf(AgentEvent.Answer.class)).containsExactly(
                new AgentEvent.Answer("second", true),
                new AgentEvent.Answer("first", false),
                new AgentEvent.Answer("second", false));
    }

    @Test
    void toolResultWithoutItsToolUseIsNamedUnknown() {
        RecordedTurn turn = RecordedTurn.play(List.of(
                "{\"type\":\"user\",\"message\":{\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\"toolu_x\",\"content\":[{\"type\":\"text\",\"text\":\"out\"}],\"is_error\":true}]}}",
                SUCCESS)).getFirst();

        assertThat(turn.events()).containsExactly(new AgentEvent.ToolResult("toolu_x", "unknown", "out", true, 0));
    }

    @Test
    void userTextIsKeptRaw() {
        String line = "{\"type\":\"user\",\"message\":{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"[Request interrupted by user]\"}]}}";

        assertThat(new TurnEventMapper().accept(decode(line)).events()).containsExactly(new AgentEvent.Raw("user", line));
    }

    @Test
    void malformedLinesBecomeRawAndAreNeverFatal() {
        TurnEventMapper mapper = new TurnEventMapper();

        TurnStep garbage = mapper.accept(decode("garbage {"));
        TurnStep broken = mapper.accept(decode("{\"type\":\"assistant\"}"));

        assertThat(garbage.events()).containsExactly(new AgentEvent.Raw("malformed", "garbage {"));
        assertThat(broken.events()).containsExactly(new AgentEvent.Raw("malformed", "{\"type\":\"assistant\"}"));
        assertThat(garbage.endsTurn()).isFalse();
        assertThat(broken.endsTurn()).isFalse();
        assertThat(mapper.accept(decode(SUCCESS)).completion()).map(TurnCompletion::status).contains(Status.SUCCESS);
    }

    @Test
    void unreadableResultStillEndsTheTurnAsFailed() {
        TurnEventMapper mapper = new TurnEventMapper();
        mapper.accept(decode(INIT));
        String line = "{\"type\":\"result\",\"subtype\":\"success\",\"usage\":\"lots\"}";

        TurnStep step = mapper.accept(decode(line));

        assertThat(step.events()).containsExactly(new AgentEvent.Raw("malformed", line));
        assertThat(step.completion()).hasValueSatisfying(completion -> {
            assertThat(completion.status()).isEqualTo(Status.FAILED);
            assertThat(completion.message()).hasValueSatisfying(message -> assertThat(message)
                    .contains("unreadable result", "usage is not an object"));
            assertThat(completion.model()).contains("claude-init");
        });
    }

    @Test
    void unknownTypesAndSubtypesAreKeptRaw() {
        String unknown = "{\"type\":\"telepathy\",\"x\":1}";
        String subtype = "{\"type\":\"system\",\"subtype\":\"task_started\",\"task_id\":\"t\"}";
        String hook = "{\"type\":\"control_request\",\"request_id\":\"r\",\"request\":{\"subtype\":\"hook_callback\"}}";
        String cancel = "{\"type\":\"control_cancel_request\",\"request_id\":\"r\"}";
        String block = "{\"type\":\"assistant\",\"message\":{\"id\":\"m\",\"content\":[{\"type\":\"server_tool_use\",\"id\":\"s\"}]}}";
        TurnEventMapper mapper = new TurnEventMapper();

        assertThat(mapper.accept(decode(unknown)).events()).containsExactly(new AgentEvent.Raw("telepathy", unknown));
        assertThat(mapper.accept(decode(subtype)).events()).containsExactly(new AgentEvent.Raw("system/task_started", subtype));
        assertThat(mapper.accept(decode(hook)).events()).containsExactly(new AgentEvent.Raw("control_request/hook_callback", hook));
        assertThat(mapper.accept(decode(cancel)).events()).containsExactly(new AgentEvent.Raw("control_cancel_request", cancel));
        assertThat(mapper.accept(decode(block)).events()).containsExactly(new AgentEvent.Raw("assistant/server_tool_use", block));
    }

    @Test
    void permissionRequestFallsBackToTheBlockedPath() {
        TurnStep step = new TurnEventMapper().accept(decode("""
                {"type":"control_request","request_id":"r1","request":{"subtype":"can_use_tool","tool_name":"Write",\
                "input":{"file_path":"/etc/x"},"tool_use_id":"toolu_w","blocked_path":"/etc/x"}}"""));

        assertThat(step.events()).containsExactly(new AgentEvent.PermissionRequest("r1",
                new ToolCall("toolu_w", "Write", Map.of("file_path", "/etc/x")), Optional.of("blocked path: /etc/x")));
    }

    @Test
    void isErrorWinsOverASuccessSubtype() {
        TurnCompletion completion = complete("""
                {"type":"result","subtype":"success","is_error":true,"api_error_status":529,"result":"Overloaded"}""");

        assertThat(completion.status()).isEqualTo(Status.FAILED);
        assertThat(completion.message()).contains("Claude reported an error (subtype=success, api_error_status=529): Overloaded");
    }

    @Test
    void errorSubtypesFailWithTheirDiagnostics() {
        TurnCompletion maxTurns = complete("""
                {"type":"result","subtype":"error_max_turns","is_error":true,"num_turns":3,"terminal_reason":"max_turns",\
                "errors":["Reached maximum number of turns (3)"]}""");

        assertThat(maxTurns.status()).isEqualTo(Status.FAILED);
        assertThat(maxTurns.agentTurns()).isEqualTo(3);
        assertThat(maxTurns.message()).contains(
                "Claude reported an error (subtype=error_max_turns, terminal_reason=max_turns): Reached maximum number of turns (3)");
    }

    @Test
    void errorDuringExecutionWithoutAbortIsAFailure() {
        assertThat(complete("{\"type\":\"result\",\"subtype\":\"error_during_execution\",\"is_error\":true}").status())
                .isEqualTo(Status.FAILED);
    }

    @Test
    void modelComesFromTheAnswerThenInitThenModelUsage() {
        TurnEventMapper withInit = new TurnEventMapper();
        withInit.accept(decode(INIT));

        assertThat(withInit.accept(decode(SUCCESS)).completion().orElseThrow().model()).contains("claude-init");
        assertThat(complete(SUCCESS).model()).contains("claude-usage");
        assertThat(complete("{\"type\":\"result\",\"subtype\":\"success\",\"is_error\":false}").model()).isEmpty();
        assertThat(withInit.init()).hasValueSatisfying(init -> assertThat(init.sessionId()).isEqualTo("s-1"));
    }

    @Test
    void successCarriesResultTextTokensAndTotals() {
        TurnCompletion completion = complete(SUCCESS);

        assertThat(completion.status()).isEqualTo(Status.SUCCESS);
        assertThat(completion.resultText()).contains("Done.");
        assertThat(completion.tokens().inputTokens()).isEqualTo(7);
        assertThat(completion.totals().costUsd()).hasValueSatisfying(cost -> assertThat(cost).isEqualByComparingTo("0.5"));
        assertThat(completion.totals().modelUsage()).containsOnlyKeys("claude-usage");
        assertThat(completion.agentTurns()).isEqualTo(2);
        assertThat(completion.message()).isEmpty();
    }

    private static TurnCompletion complete(String resultLine) {
        return new TurnEventMapper().accept(decode(resultLine)).completion().orElseThrow();
    }

    private static ClaudeMessage decode(String line) {
        return new ClaudeLineDecoder(WireMapperFactory.create()).decode(line);
    }

    private static String stream(String messageId, String event) {
        return "{\"type\":\"stream_event\",\"event\":" + event + ",\"session_id\":\"s-1\",\"parent_tool_use_id\":null,"
                + "\"api_message_id\":\"" + messageId + "\"}";
    }

    private static String delta(int index, String type, String field, String text) {
        return "{\"type\":\"content_block_delta\",\"index\":" + index + ",\"delta\":{\"type\":\"" + type + "\",\""
                + field + "\":\"" + text + "\"}}";
    }

    private static String assistant(String messageId, String blocks) {
        return "{\"type\":\"assistant\",\"message\":{\"id\":\"" + messageId + "\",\"type\":\"message\",\"role\":\"assistant\","
                + "\"model\":\"claude-x\",\"content\":[" + blocks + "]},\"parent_tool_use_id\":null,\"session_id\":\"s-1\"}";
    }
}
