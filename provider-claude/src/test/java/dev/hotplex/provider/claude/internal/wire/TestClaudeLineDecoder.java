package dev.hotplex.provider.claude.internal.wire;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hotplex.core.model.ModelUsage;
import dev.hotplex.core.model.TokenUsage;
import dev.hotplex.provider.claude.internal.wire.ClaudeMessage.Assistant;
import dev.hotplex.provider.claude.internal.wire.ClaudeMessage.CanUseTool;
import dev.hotplex.provider.claude.internal.wire.ClaudeMessage.ControlCancelRequest;
import dev.hotplex.provider.claude.internal.wire.ClaudeMessage.ControlResponse;
import dev.hotplex.provider.claude.internal.wire.ClaudeMessage.Malformed;
import dev.hotplex.provider.claude.internal.wire.ClaudeMessage.OtherControlRequest;
import dev.hotplex.provider.claude.internal.wire.ClaudeMessage.Result;
import dev.hotplex.provider.claude.internal.wire.ClaudeMessage.StreamEvent;
import dev.hotplex.provider.claude.internal.wire.ClaudeMessage.SystemOther;
import dev.hotplex.provider.claude.internal.wire.ClaudeMessage.Unknown;
import dev.hotplex.provider.claude.internal.wire.ClaudeMessage.User;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The decoder's rules: bad input never throws, unknown input is kept, values come out as plain Java. */
class TestClaudeLineDecoder {
    private final ObjectMapper mapper = WireMapperFactory.create();
    private final ClaudeLineDecoder decoder = new ClaudeLineDecoder(mapper);

    @ParameterizedTest
    @ValueSource(strings = {"not json at all", "{", "{\"type\":", "{\"type\":\"assistant\",\"message\":{\"id\"",
            "}", "{'type':'system'}", "{\"type\":\"system\" \"subtype\":\"init\"}", "\u0000\u0001"})
    void brokenJsonIsMalformed(String line) {
        assertThat(decoder.decode(line)).isInstanceOfSatisfying(Malformed.class, malformed -> {
            assertThat(malformed.line()).isEqualTo(line);
            assertThat(malformed.reason()).startsWith("invalid JSON: ");
            assertThat(malformed.type()).isEmpty();
        });
    }

    @Test
    void truncatedRealLineIsMalformed() {
        String line = Fixtures.lines("b_multiturn.jsonl").get(2);
        String truncated = line.substring(0, line.length() / 2);

        assertThat(decoder.decode(truncated)).isInstanceOfSatisfying(Malformed.class,
                malformed -> assertThat(malformed.reason()).contains("end-of-input"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"[1,2,3]", "42", "\"text\"", "null", "true", "[{\"type\":\"result\"}]"})
    void nonObjectJsonIsMalformed(String line) {
        assertThat(decoder.decode(line)).isInstanceOfSatisfying(Malformed.class,
                malformed -> assertThat(malformed.reason()).startsWith("not a JSON object but "));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "\t"})
    void blankLineIsMalformed(String line) {
        assertThat(decoder.decode(line)).isInstanceOfSatisfying(Malformed.class,
                malformed -> assertThat(malformed.reason()).isEqualTo("blank line"));
    }

    @Test
    void twoObjectsOnOneLineAreMalformed() {
        assertThat(decoder.decode("{\"type\":\"user\"} {\"type\":\"user\"}")).isInstanceOfSatisfying(Malformed.class,
                malformed -> assertThat(malformed.reason()).isEqualTo("trailing data after the JSON value"));
        assertThat(decoder.decode("{\"type\":\"x\"} garbage")).isInstanceOf(Malformed.class);
    }

    @Test
    void surroundingWhitespaceAndCarriageReturnAreAccepted() {
        assertThat(decoder.decode("  {\"type\":\"system\",\"subtype\":\"status\"}\r")).isInstanceOf(SystemOther.class);
    }

    @Test
    void missingOrNonTextTypeIsMalformed() {
        assertThat(reason("{}")).isEqualTo("missing type");
        assertThat(reason("{\"subtype\":\"init\"}")).isEqualTo("missing type");
        assertThat(reason("{\"type\":7}")).isEqualTo("type is not a string");
        assertThat(reason("{\"type\":null}")).isEqualTo("type is not a string");
    }

    @Test
    void unknownTypeIsKeptWithItsJson() {
        String line = "{\"type\":\"telepathy\",\"payload\":{\"a\":1}}";

        assertThat(decoder.decode(line)).isEqualTo(new Unknown("telepathy", line));
    }

    @Test
    void unknownSystemSubtypeIsKeptWithItsJson() {
        String line = "{\"type\":\"system\",\"subtype\":\"compact_boundary\",\"compact_metadata\":{\"trigger\":\"auto\"}}";

        assertThat(decoder.decode(line)).isEqualTo(new SystemOther("compact_boundary", line));
    }

    @Test
    void missingFieldsAreMalformedWithTheFieldsPath() {
        assertThat(decoder.decode("{\"type\":\"system\"}")).isInstanceOfSatisfying(Malformed.class, malformed -> {
            assertThat(malformed.reason()).isEqualTo("system: missing subtype");
            assertThat(malformed.type()).contains("system");
        });
        assertThat(reason("{\"type\":\"system\",\"subtype\":\"init\"}")).isEqualTo("system: missing session_id");
        assertThat(reason("{\"type\":\"assistant\"}")).isEqualTo("assistant: missing message");
        assertThat(reason("{\"type\":\"assistant\",\"message\":{\"id\":\"m\"}}"))
                .isEqualTo("assistant: missing message.content");
        assertThat(reason("{\"type\":\"assistant\",\"message\":{\"content\":[{\"type\":\"tool_use\",\"name\":\"Bash\"}]}}"))
                .isEqualTo("assistant: missing message.content[0].id");
        assertThat(reason("{\"type\":\"user\",\"message\":{\"content\":[{\"type\":\"tool_result\",\"content\":\"x\"}]}}"))
                .isEqualTo("user: missing message.content[0].tool_use_id");
        assertThat(reason("{\"type\":\"control_request\",\"request\":{\"subtype\":\"can_use_tool\"}}"))
                .isEqualTo("control_request: missing request_id");
        assertThat(reason("{\"type\":\"control_cancel_request\"}")).isEqualTo("control_cancel_request: missing request_id");
        assertThat(reason("{\"type\":\"result\"}")).isEqualTo("result: missing subtype");
        assertThat(reason("{\"type\":\"stream_event\"}")).isEqualTo("stream_event: missing event");
    }

    @Test
    void wrongTypesAreMalformedWithTheFieldsPath() {
        assertThat(reason("{\"type\":\"assistant\",\"message\":\"hello\"}")).isEqualTo("assistant: message is not an object");
        assertThat(reason("{\"type\":\"assistant\",\"message\":{\"content\":{}}}"))
                .isEqualTo("assistant: message.content is not an array");
        assertThat(reason("{\"type\":\"assistant\",\"message\":{\"content\":[\"text\"]}}"))
                .isEqualTo("assistant: message.content[0] is not an object");
        assertThat(reason("{\"type\":\"assistant\",\"message\":{\"content\":[{\"type\":\"text\",\"text\":5}]}}"))
                .isEqualTo("assistant: message.content[0].text is not a string");
        assertThat(reason("{\"type\":\"result\",\"subtype\":\"success\",\"num_turns\":\"two\"}"))
                .isEqualTo("result: num_turns is not an integer");
        assertThat(reason("{\"type\":\"result\",\"subtype\":\"success\",\"usage\":[]}"))
                .isEqualTo("result: usage is not an object");
        assertThat(reason("{\"type\":\"result\",\"subtype\":\"success\",\"total_cost_usd\":\"0.1\"}"))
                .isEqualTo("result: total_cost_usd is not a number");
        assertThat(reason("{\"type\":\"result\",\"subtype\":\"success\",\"is_error\":\"yes\"}"))
                .isEqualTo("result: is_error is not a boolean");
        assertThat(reason("{\"type\":\"system\",\"subtype\":\"init\",\"session_id\":\"s\",\"tools\":[1]}"))
                .isEqualTo("system: tools[0] is not a string");
    }

    @Test
    void malformedResultKeepsItsTypeSoTheTurnCanEnd() {
        assertThat(decoder.decode("{\"type\":\"result\",\"subtype\":\"success\",\"modelUsage\":{\"m\":1}}"))
                .isInstanceOfSatisfying(Malformed.class, malformed -> {
                    assertThat(malformed.type()).contains("result");
                    assertThat(malformed.reason()).isEqualTo("result: modelUsage.m is not an object");
                });
    }

    @Test
    void deeplyNestedJsonIsMalformedNotAStackOverflow() {
        String line = "{\"type\":\"x\",\"a\":" + "[".repeat(5_000) + "]".repeat(5_000) + "}";

        assertThat(decoder.decode(line)).isInstanceOfSatisfying(Malformed.class,
                malformed -> assertThat(malformed.reason()).contains("nesting depth"));
    }

    @Test
    void toolInputBecomesDeeplyUnmodifiablePlainJavaValues() {
        String line = """
                {"type":"assistant","message":{"id":"msg_1","model":"m","content":[{"type":"tool_use","id":"toolu_1",\
                "name":"Edit","input":{"path":"/a","count":3,"big":123456789012345678901234567890,"ratio":0.10,\
                "ok":true,"none":null,"list":[1,"two",{"three":3.5}],"nested":{"k":"v"}}}]}}""";

        Assistant assistant = (Assistant) decoder.decode(line);
        ContentBlock.ToolUse toolUse = (ContentBlock.ToolUse) assistant.content().getFirst();
        Map<String, Object> input = toolUse.input();

        assertThat(input).containsOnlyKeys("path", "count", "big", "ratio", "ok", "none", "list", "nested");
        assertThat(input.keySet()).containsExactly("path", "count", "big", "ratio", "ok", "none", "list", "nested");
        assertThat(input.get("path")).isEqualTo("/a");
        assertThat(input.get("count")).isEqualTo(3L);
        assertThat(input.get("big")).isEqualTo(new BigInteger("123456789012345678901234567890"));
        assertThat(input.get("ratio")).isEqualTo(new BigDecimal("0.10"));
        assertThat(input.get("ok")).isEqualTo(Boolean.TRUE);
        assertThat(input).containsEntry("none", null);
        assertThat(input.get("list")).isEqualTo(Arrays.asList(1L, "two", Map.of("three", new BigDecimal("3.5"))));
        assertThat(input.get("nested")).isEqualTo(Map.of("k", "v"));
        assertThatThrownBy(() -> input.put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
        @SuppressWarnings("unchecked")
        List<Object> list = (List<Object>) input.get("list");
        assertThatThrownBy(() -> list.add(4)).isInstanceOf(UnsupportedOperationException.class);
        assertThat(input.values()).noneMatch(value -> value != null && value.getClass().getName().contains("jackson"));
    }

    @Test
    void missingToolInputIsEmpty() {
        Assistant assistant = (Assistant) decoder.decode(
                "{\"type\":\"assistant\",\"message\":{\"content\":[{\"type\":\"tool_use\",\"id\":\"t\",\"name\":\"Read\"}]}}");

        assertThat(assistant.content()).containsExactly(new ContentBlock.ToolUse("t", "Read", Map.of()));
        assertThat(assistant.messageId()).isEmpty();
        assertThat(assistant.apiError()).isFalse();
    }

    @Test
    void assistantBlocksOfEveryKind() {
        Assistant assistant = (Assistant) decoder.decode("""
                {"type":"assistant","parent_tool_use_id":"toolu_parent","message":{"id":"msg_9","model":"claude-x",\
                "content":[{"type":"thinking","thinking":"hmm","signature":"sig"},{"type":"text","text":"hi"},\
                {"type":"redacted_thinking","data":"xyz"}]}}""");

        assertThat(assistant.messageId()).contains("msg_9");
        assertThat(assistant.model()).contains("claude-x");
        assertThat(assistant.parentToolUseId()).contains("toolu_parent");
        assertThat(assistant.content()).containsExactly(new ContentBlock.Thinking("hmm"), new ContentBlock.Text("hi"),
                new ContentBlock.Other("redacted_thinking"));
    }

    @Test
    void toolResultContentIsFlattenedToText() {
        User user = (User) decoder.decode("""
                {"type":"user","message":{"role":"user","content":[\
                {"type":"tool_result","tool_use_id":"a","content":"plain"},\
                {"type":"tool_result","tool_use_id":"b","content":[{"type":"text","text":"one"},\
                {"type":"image","source":{}},{"type":"text","text":"two"}],"is_error":true},\
                {"type":"tool_result","tool_use_id":"c"},\
                {"type":"tool_result","tool_use_id":"d","content":null},\
                {"type":"text","text":"note"}]}}""");

        assertThat(user.toolResults()).containsExactly(
                new ToolResultBlock("a", "plain", false),
                new ToolResultBlock("b", "one\n[image]\ntwo", true),
                new ToolResultBlock("c", "", false),
                new ToolResultBlock("d", "", false));
        assertThat(user.texts()).containsExactly("note");
    }

    @Test
    void userMessageWithStringContentIsText() {
        User user = (User) decoder.decode("{\"type\":\"user\",\"message\":{\"role\":\"user\",\"content\":\"hello\"}}");

        assertThat(user.toolResults()).isEmpty();
        assertThat(user.texts()).containsExactly("hello");
    }

    @Test
    void fiveMegabyteToolResultDecodes() {
        String output = "x".repeat(5 * 1024 * 1024) + "\nline two \u00e9 \"quoted\" \\ end";
        String line = toolResultLine(output);
        assertThat(line).hasSizeGreaterThan(5 * 1024 * 1024).doesNotContain("\n");

        User user = (User) decoder.decode(line);

        assertThat(user.toolResults()).singleElement()
                .satisfies(result -> assertThat(result.content()).isEqualTo(output));
    }

    @Test
    void stringsBeyondJacksonsDefaultLimitDecodeWithTheFactoryMapper() {
        String output = "y".repeat(21_000_000);

        assertThat(decoder.decode(toolResultLine(output))).isInstanceOfSatisfying(User.class,
                user -> assertThat(user.toolResults().getFirst().content()).hasSize(21_000_000));
        assertThat(new ClaudeLineDecoder(new ObjectMapper()).decode(toolResultLine(output)))
                .as("a default mapper stops at 20M chars: the factory's configuration matters")
                .isInstanceOf(Malformed.class);
    }

    @Test
    void resultWithIsErrorWinsOverSuccessSubtype() {
        Result result = (Result) decoder.decode("""
                {"type":"result","subtype":"success","is_error":true,"api_error_status":529,"result":"Overloaded"}""");

        assertThat(result.isError()).isTrue();
        assertThat(result.apiErrorStatus()).contains("529");
        assertThat(result.resultText()).contains("Overloaded");
    }

    @Test
    void resultWithoutIsErrorCountsAnyOtherSubtypeAsError() {
        assertThat(((Result) decoder.decode("{\"type\":\"result\",\"subtype\":\"error_max_turns\"}")).isError()).isTrue();
        assertThat(((Result) decoder.decode("{\"type\":\"result\",\"subtype\":\"success\"}")).isError()).isFalse();
    }

    @Test
    void minimalResultDefaultsToZeroes() {
        Result result = (Result) decoder.decode("{\"type\":\"result\",\"subtype\":\"success\",\"is_error\":false}");

        assertThat(result.usage()).isEqualTo(TokenUsage.ZERO);
        assertThat(result.modelUsage()).isEmpty();
        assertThat(result.totalCostUsd()).isEmpty();
        assertThat(result.resultText()).isEmpty();
        assertThat(result.sessionId()).isEmpty();
        assertThat(result.numTurns()).isZero();
        assertThat(result.durationMs()).isZero();
        assertThat(result.durationApiMs()).isZero();
        assertThat(result.errors()).isEmpty();
        assertThat(result.permissionDenials()).isZero();
    }

    @Test
    void resultUsageMapsCacheCreationToCacheWrite() {
        Result result = (Result) decoder.decode("""
                {"type":"result","subtype":"success","is_error":false,"total_cost_usd":1.50,\
                "usage":{"input_tokens":1,"output_tokens":2,"cache_creation_input_tokens":3,"cache_read_input_tokens":4},\
                "modelUsage":{"opus":{"inputTokens":10,"outputTokens":20,"cacheCreationInputTokens":30,\
                "cacheReadInputTokens":40,"costUSD":1.25},"haiku":{"inputTokens":5,"costUSD":0.25}}}""");

        assertThat(result.usage()).isEqualTo(new TokenUsage(1, 2, 3, 4));
        assertThat(result.totalCostUsd()).contains(new BigDecimal("1.50"));
        assertThat(result.modelUsage()).containsExactly(
                Map.entry("opus", new ModelUsage(new TokenUsage(10, 20, 30, 40), new BigDecimal("1.25"))),
                Map.entry("haiku", new ModelUsage(new TokenUsage(5, 0, 0, 0), new BigDecimal("0.25"))));
    }

    @Test
    void costReadByADoubleMapperIsStillABigDecimal() {
        Result result = (Result) new ClaudeLineDecoder(new ObjectMapper())
                .decode("{\"type\":\"result\",\"subtype\":\"success\",\"total_cost_usd\":0.050316}");

        assertThat(result.totalCostUsd()).contains(new BigDecimal("0.050316"));
    }

    @Test
    void streamEventDeltas() {
        StreamEvent text = (StreamEvent) decoder.decode(streamEvent(
                "{\"type\":\"content_block_delta\",\"index\":1,\"delta\":{\"type\":\"text_delta\",\"text\":\"Hel\"}}"));
        StreamEvent thinking = (StreamEvent) decoder.decode(streamEvent(
                "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"thinking_delta\",\"thinking\":\"so\"}}"));
        StreamEvent json = (StreamEvent) decoder.decode(streamEvent(
                "{\"type\":\"content_block_delta\",\"index\":2,\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\"{\\\"a\"}}"));
        StreamEvent signature = (StreamEvent) decoder.decode(streamEvent(
                "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"signature_delta\",\"signature\":\"s\"}}"));

        assertThat(text.delta()).contains(new StreamDelta("text_delta", "Hel"));
        assertThat(text.index()).isEqualTo(OptionalInt.of(1));
        assertThat(text.messageId()).contains("msg_s");
        assertThat(thinking.delta()).contains(new StreamDelta("thinking_delta", "so"));
        assertThat(thinking.delta().orElseThrow().isThinking()).isTrue();
        assertThat(json.delta()).contains(new StreamDelta("input_json_delta", "{\"a"));
        assertThat(signature.delta()).contains(new StreamDelta("signature_delta", ""));
    }

    @Test
    void messageStartGivesTheMessageIdWhenTheLineHasNone() {
        StreamEvent start = (StreamEvent) decoder.decode(
                "{\"type\":\"stream_event\",\"event\":{\"type\":\"message_start\",\"message\":{\"id\":\"msg_7\"}}}");

        assertThat(start.messageId()).contains("msg_7");
        assertThat(start.delta()).isEmpty();
        assertThat(start.index()).isEmpty();
    }

    @Test
    void controlMessages() {
        String hook = "{\"type\":\"control_request\",\"request_id\":\"r2\",\"request\":{\"subtype\":\"hook_callback\"}}";
        String cancel = "{\"type\":\"control_cancel_request\",\"request_id\":\"r1\"}";

        assertThat(decoder.decode(hook)).isEqualTo(new OtherControlRequest("r2", "hook_callback", hook));
        assertThat(decoder.decode(cancel)).isEqualTo(new ControlCancelRequest("r1", cancel));
        assertThat(decoder.decode("""
                {"type":"control_response","response":{"subtype":"error","request_id":"r3","error":"no such"}}"""))
                .isInstanceOfSatisfying(ControlResponse.class, response -> {
                    assertThat(response.success()).isFalse();
                    assertThat(response.requestId()).isEqualTo("r3");
                    assertThat(response.error()).contains("no such");
                    assertThat(response.payload()).isEmpty();
                });
    }

    @Test
    void canUseToolNeedsOnlyRequestIdAndToolName() {
        CanUseTool request = (CanUseTool) decoder.decode("""
                {"type":"control_request","request_id":"r","request":{"subtype":"can_use_tool","tool_name":"Write"}}""");

        assertThat(request.input()).isEmpty();
        assertThat(request.toolUseId()).isEmpty();
        assertThat(request.description()).isEmpty();
        assertThat(request.blockedPath()).isEmpty();
    }

    @Test
    void decoderNeverThrowsOnMangledRealLines() {
        Random random = new Random(20261124L);
        List<String> lines = Fixtures.names().flatMap(name -> Fixtures.lines(name).stream()).toList();
        assertThatCode(() -> {
            for (String line : lines) {
                for (int i = 0; i < 20; i++) {
                    decoder.decode(mangle(line, random));
                }
            }
        }).doesNotThrowAnyException();
    }

    @Test
    void decodedMessagesAreImmutable() {
        User user = (User) decoder.decode(Fixtures.lines("c_tool_allowedTools.jsonl").get(3));

        assertThatThrownBy(() -> user.toolResults().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    private String reason(String line) {
        ClaudeMessage message = decoder.decode(line);
        assertThat(message).isInstanceOf(Malformed.class);
        return ((Malformed) message).reason();
    }

    private String toolResultLine(String output) {
        ObjectNode line = mapper.createObjectNode().put("type", "user");
        line.putObject("message").put("role", "user").putArray("content").addObject()
                .put("type", "tool_result").put("tool_use_id", "toolu_big").put("content", output).put("is_error", false);
        return line.toString();
    }

    private static String streamEvent(String event) {
        return "{\"type\":\"stream_event\",\"api_message_id\":\"msg_s\",\"event\":" + event + "}";
    }

    private static String mangle(String line, Random random) {
        int at = random.nextInt(line.length());
        return switch (random.nextInt(4)) {
            case 0 -> line.substring(0, at);
            case 1 -> line.substring(at);
            case 2 -> line.substring(0, at) + (char) random.nextInt(128) + line.substring(Math.min(line.length(), at + 1));
            default -> line.replace("\"", random.nextBoolean() ? "" : "'");
        };
    }
}
