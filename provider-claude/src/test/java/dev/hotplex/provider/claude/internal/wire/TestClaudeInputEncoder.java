package dev.hotplex.provider.claude.internal.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.hotplex.core.model.PermissionDecision;
import dev.hotplex.core.port.out.TurnInput;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** What hotplex writes to the CLI's stdin: exact shapes, one line each, and a lossless round trip. */
class TestClaudeInputEncoder {
    private final ObjectMapper mapper = WireMapperFactory.create();
    private final ClaudeInputEncoder encoder = new ClaudeInputEncoder(mapper);

    @Test
    void userTurnHasTheDocumentedShape() {
        assertThat(encoder.userTurn(new TurnInput("turn-1", "hello"))).isEqualTo("""
                {"type":"user","session_id":"","parent_tool_use_id":null,"message":{"role":"user",\
                "content":[{"type":"text","text":"hello"}]}}
                """);
    }

    @Test
    void interruptAndInitializeHaveTheDocumentedShape() {
        assertThat(encoder.interrupt("int-1"))
                .isEqualTo("{\"type\":\"control_request\",\"request_id\":\"int-1\",\"request\":{\"subtype\":\"interrupt\"}}\n");
        assertThat(encoder.initialize("init-1"))
                .isEqualTo("{\"type\":\"control_request\",\"request_id\":\"init-1\",\"request\":{\"subtype\":\"initialize\"}}\n");
    }

    @Test
    void allowEchoesTheOriginalInputAsUpdatedInput() throws IOException {
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("command", "touch cc_lab_marker.txt && echo touched");
        input.put("timeout", 120_000L);
        input.put("ratio", new BigDecimal("0.10"));
        input.put("flags", Arrays.asList("a", null, true));
        input.put("nested", Map.of("k", "v"));

        String line = encoder.permissionAnswer("213ba221", PermissionDecision.allowed(), input);

        assertThat(line).startsWith("""
                {"type":"control_response","response":{"subtype":"success","request_id":"213ba221",\
                "response":{"behavior":"allow","updatedInput":{"command":"touch cc_lab_marker.txt && echo touched",""");
        JsonNode updatedInput = mapper.readTree(line).at("/response/response/updatedInput");
        assertThat(PlainValues.of(updatedInput)).isEqualTo(Map.of("command", "touch cc_lab_marker.txt && echo touched",
                "timeout", 120_000L, "ratio", new BigDecimal("0.10"), "flags", Arrays.asList("a", null, true),
                "nested", Map.of("k", "v")));
    }

    @Test
    void allowWithAnEmptyInputSendsAnEmptyObject() {
        assertThat(encoder.permissionAnswer("r", PermissionDecision.allowed(), Map.of())).isEqualTo("""
                {"type":"control_response","response":{"subtype":"success","request_id":"r",\
                "response":{"behavior":"allow","updatedInput":{}}}}
                """);
    }

    @Test
    void denySendsTheReason() {
        assertThat(encoder.permissionAnswer("eeca4939", PermissionDecision.denied("denied by lab driver"), Map.of("a", 1L)))
                .isEqualTo("""
                        {"type":"control_response","response":{"subtype":"success","request_id":"eeca4939",\
                        "response":{"behavior":"deny","message":"denied by lab driver"}}}
                        """);
    }

    @Test
    void denyWithoutAReasonStillSendsAMessage() {
        String line = encoder.permissionAnswer("r", new PermissionDecision(false, Optional.empty()), Map.of());

        assertThat(line).contains("\"behavior\":\"deny\",\"message\":\"" + ClaudeInputEncoder.DEFAULT_DENY_MESSAGE + "\"");
    }

    @Test
    void controlErrorRefusesARequest() {
        assertThat(encoder.controlError("r9", "not supported by hotplex")).isEqualTo("""
                {"type":"control_response","response":{"subtype":"error","request_id":"r9",\
                "error":"not supported by hotplex"}}
                """);
    }

    @ParameterizedTest
    @ValueSource(strings = {"line one\nline two", "carriage\rreturn", "crlf\r\nend", "tab\tand \u2028 and \u2029",
            "quote \" backslash \\ slash /", "unicode \u00e9\u4e2d\ud83d\ude00", "control \u0000\u0007\u001f", ""})
    void everyLineIsOneLineAndRoundTrips(String text) throws IOException {
        List<String> lines = List.of(
                encoder.userTurn(text),
                encoder.interrupt(text),
                encoder.initialize(text),
                encoder.permissionAnswer(text, PermissionDecision.allowed(), Map.of("command", text)),
                encoder.permissionAnswer(text, PermissionDecision.denied(text), Map.of()),
                encoder.controlError(text, text));

        for (String line : lines) {
            assertThat(line).endsWith("\n");
            String body = line.substring(0, line.length() - 1);
            assertThat(body).doesNotContain("\n", "\r");
            assertThat(mapper.readTree(body).isObject()).isTrue();
        }
        assertThat(mapper.readTree(lines.get(0)).at("/message/content/0/text").textValue()).isEqualTo(text);
        assertThat(mapper.readTree(lines.get(1)).get("request_id").textValue()).isEqualTo(text);
        assertThat(mapper.readTree(lines.get(3)).at("/response/response/updatedInput/command").textValue()).isEqualTo(text);
        assertThat(mapper.readTree(lines.get(4)).at("/response/response/message").textValue()).isEqualTo(text);
    }

    @Test
    void staysOnOneLineEvenWithAnIndentingMapper() {
        ObjectMapper indenting = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

        String line = new ClaudeInputEncoder(indenting).userTurn("hi");

        assertThat(line).isEqualTo(encoder.userTurn("hi"));
    }

    @Test
    void encodedTurnDecodesAsAUserMessage() {
        ClaudeMessage decoded = new ClaudeLineDecoder(mapper).decode(encoder.userTurn("echo back"));

        assertThat(decoded).isInstanceOfSatisfying(ClaudeMessage.User.class,
                user -> assertThat(user.texts()).containsExactly("echo back"));
    }
}
